"""The training form on its own: the schedule choice and the "Fastest to 99 %" recipe."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from mnist_desk.core.train_config import TrainConfig
from mnist_desk.ui.train.form import TrainForm


def test_fastest_recipe_fills_the_form_and_is_remembered(qtbot, settings):
    form = TrainForm(settings)
    qtbot.addWidget(form)
    assert form.values()["schedule"] == "constant"  # the tutorial's: no schedule
    form.seed.setValue(7)
    form.fastest_button.click()
    values = form.values()
    assert (values["arch"], values["optimizer"], values["lr"], values["schedule"]) == \
        ("fast", "adam", 0.015, "onecycle")
    assert (values["batch_size"], values["epochs"], values["augment"], values["seed"]) == (128, 3, False, 7)
    assert "one-cycle" in form.describe()
    TrainConfig.from_dict(values).validate()  # what the Train tab hands to the trainer
    settings.sync()
    again = TrainForm(QSettings(settings.fileName(), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert again.values() == values
    again.defaults_button.click()
    assert (again.values()["schedule"], again.values()["arch"]) == ("constant", "tutorial")


def test_a_checkpoints_schedule_is_shown(qtbot, settings):
    form = TrainForm(settings)
    qtbot.addWidget(form)
    form.set_values(TrainConfig(schedule="onecycle", lr=0.02).to_dict())
    assert form.values()["schedule"] == "onecycle" and form.values()["lr"] == 0.02
