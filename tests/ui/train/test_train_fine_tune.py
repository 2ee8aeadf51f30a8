"""Fine-tuning in the Train tab as a user does it: tick the box, press Start; the held-out digits' accuracy is
charted beside MNIST's, before and after; a set too small says what it lacks."""

from __future__ import annotations

import math

import pytest
from handwriting_sets import make_set
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionGroupBox

from mnist_desk.core.handwriting.reading import read_set
from mnist_desk.core.handwriting.split import holdout_split
from mnist_desk.core.weights import Checkpoint
from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.handwriting import sets
from mnist_desk.ui.train.tab import TrainTab


def tick(qtbot, box) -> None:
    """Click the group box's own check box, where the user clicks it."""
    option = QStyleOptionGroupBox()
    box.initStyleOption(option)
    rect = box.style().subControlRect(QStyle.ComplexControl.CC_GroupBox, option,
                                      QStyle.SubControl.SC_GroupBoxCheckBox, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.fixture
def start_weights(trained_looking):
    weights = Checkpoint({k: v.clone() for k, v in trained_looking("fast", seed=7).state_dict().items()}, arch="fast",
                         hparams={"augment": False, "hold_out": 200, "outliers": 0.0})
    model = ActiveModel()
    model.set_checkpoint(weights, "start.pt")
    return model


@pytest.fixture
def tuning_tab(qtbot, settings, small, tmp_path, start_weights):
    settings.setValue("train/weights_dir", str(tmp_path))
    widget = TrainTab(start_weights, settings, None, split_loader=small)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.weights.show_error = lambda title, message: pytest.fail(f"{title}: {message}")
    yield widget
    widget.shutdown()


def test_a_set_too_small_says_what_to_add_and_nothing_starts(qtbot, test_sample, tuning_tab):
    make_set(sets.default_set_folder(), test_sample, per_label=3, labels=range(8))
    tab = tuning_tab
    tick(qtbot, tab.fine_tune)
    assert tab.fine_tune.isChecked()
    tab.fine_tune.refresh()
    line = tab.fine_tune.split_line.text()
    assert "too small to hold out an honest part" in line and "8: 6, 9: 6." in line
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    assert not tab.session.is_active() and "too small" in tab.progress.status.text()


def test_fine_tune_charts_held_out_accuracy_beside_mnists_before_and_after(qtbot, test_sample, tuning_tab, settings):
    folder = make_set(sets.default_set_folder(), test_sample, per_label=6).folder
    tab = tuning_tab
    sets.contents_changed(folder)
    tick(qtbot, tab.fine_tune)
    values = tab.form.values()
    assert (values["arch"], values["lr"], values["batch_size"], values["epochs"]) == ("fast", 0.0003, 128, 1)
    assert tab.fine_tune.split_line.text() == "40 of your digits to train on, 20 held out (never trained on)."
    tab.form.test_every.setValue(2)
    with qtbot.waitSignal(tab.session.ended, timeout=120_000) as ended:
        qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    assert ended.args[0] == "completed", ended.args
    run = tab.store.current
    assert run.label.startswith("start.pt fine-tuned on “mine” · ")
    first = run.records[0]
    assert first["kind"] == "start" and first["step"] == 0 and math.isnan(first["loss"])
    assert run.holdout_steps[0] == 0 and run.test_steps[0] == 0  # before: both at step 0
    assert len(run.holdout_steps) >= 2 and run.holdout_steps[-1] == run.last_step  # after: at the end
    assert "Before fine-tuning" not in tab.progress.accuracy.text()
    assert "your held-out digits" in tab.progress.accuracy.text()
    # the held-out part is the set's deterministic split, never trained on
    digits = read_set(folder)
    _train, held = holdout_split([p.name for p in digits.paths], digits.labels.tolist(), 0.25, seed=values["seed"])
    from mnist_desk.core.evaluation import accuracy_of

    checkpoint = tab._session_checkpoint
    assert checkpoint.metrics["holdout_accuracy"] == pytest.approx(accuracy_of(checkpoint.build(), digits.split(held)))
    assert checkpoint.metrics["holdout_accuracy_before"] == run.holdout_accuracy[0]
    metrics = checkpoint.metrics
    assert tab.progress.status.text() == (
        f"Finished fine-tuning: your held-out digits {metrics['holdout_accuracy_before']:.2%} → "
        f"{metrics['holdout_accuracy']:.2%}, MNIST test accuracy {metrics['test_accuracy_before']:.2%} → "
        f"{metrics['test_accuracy']:.2%}. Save the weights, or use them in every tab.").replace("%", " %")
    assert checkpoint.hparams["hold_out"] == 200  # the starting weights' held-out digits, not the form's default
    assert checkpoint.novelty is not None  # "no digit" calibrated again, on MNIST digits the run held out
    tab.chart.ensure_built()
    tab.chart.redraw_now()
    legend = [text.get_text() for text in tab.chart.canvas._legend.get_texts()]
    assert "your held-out digits (right axis)" in legend
    figure = tab.chart.canvas.figure
    box = tab.chart.canvas._legend.get_window_extent(figure.canvas.get_renderer())
    assert 0 <= box.x0 and box.x1 <= figure.bbox.width  # the long label is wrapped, not cut off at the edges
    line = tab.chart.canvas.lines[run.number].holdout
    assert list(line.get_xdata()) == run.holdout_steps


def test_unticked_the_tab_trains_as_before(qtbot, tuning_tab):
    tab = tuning_tab
    assert not tab.fine_tune.isChecked()
    assert tab.fine_tune.part() is None


def test_ticking_shows_the_fine_tuning_settings_and_unticking_gives_the_form_back(qtbot, tuning_tab):
    tab = tuning_tab
    tab.form.set_values({"lr": 0.01, "epochs": 5, "batch_size": 64})
    assert not tab.fine_tune.body.isVisible()  # unticked: one line above the settings
    tick(qtbot, tab.fine_tune)
    assert tab.fine_tune.body.isVisible()
    assert [tab.form.values()[key] for key in ("lr", "epochs", "batch_size")] == [0.0003, 1, 128]
    tick(qtbot, tab.fine_tune)
    assert not tab.fine_tune.isChecked() and not tab.fine_tune.body.isVisible()
    assert [tab.form.values()[key] for key in ("lr", "epochs", "batch_size")] == [0.01, 5, 64]


def test_without_weights_start_says_to_load_some(qtbot, settings, small, tmp_path):
    settings.setValue("train/weights_dir", str(tmp_path))
    tab = TrainTab(ActiveModel(), settings, None, split_loader=small)  # no weights loaded yet
    qtbot.addWidget(tab)
    tab.show()
    tick(qtbot, tab.fine_tune)
    assert "no weights loaded" in tab.fine_tune.set_line.text()
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    assert not tab.session.is_active()
    assert "starts from the active weights: load some first" in tab.progress.status.text()
    tab.shutdown()


def test_a_stopped_fine_tuning_run_resumes_on_the_same_split_and_keeps_its_before(qtbot, test_sample, tuning_tab):
    from training_runs import records_of, stop_and_wait

    sets.contents_changed(make_set(sets.default_set_folder(), test_sample, per_label=6).folder)
    tab = tuning_tab
    tick(qtbot, tab.fine_tune)
    tab.form.epochs.setValue(8)  # steps left after the stop, however late it comes on a busy machine
    tab.form.test_every.setValue(1)
    with qtbot.waitSignal(tab.session.started, timeout=60_000) as started:
        qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    first = records_of(qtbot, tab, 2, timeout=60_000)[0]
    assert first["kind"] == "start"
    stop_and_wait(qtbot, tab)
    stopped = tab.weights.checkpoint.progress["step"]
    assert stopped < started.args[0]["steps_total"]
    assert stopped > 0 and "Stopped at step" in tab.progress.status.text()
    with qtbot.waitSignal(tab.session.started, timeout=60_000) as resumed, \
            qtbot.waitSignal(tab.session.ended, timeout=120_000) as ended:
        qtbot.mouseClick(tab.weights.resume_button, Qt.MouseButton.LeftButton)
    assert ended.args[0] == "completed", ended.args
    assert resumed.args[0]["fine_tune"] == started.args[0]["fine_tune"]  # the same set, split the same way
    assert resumed.args[0]["start_step"] == stopped
    run = tab.store.current
    assert [step for step in run.holdout_steps if step > stopped]  # the held-out line goes on after the resume
    metrics = tab._session_checkpoint.metrics
    assert metrics["holdout_accuracy_before"] == first["holdout_accuracy"]  # "before" is the run's start, kept
    assert tab.progress.status.text().startswith(
        f"Finished fine-tuning: your held-out digits {first['holdout_accuracy']:.2%}".replace("%", " %"))
