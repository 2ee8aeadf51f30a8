"""Fixtures of the Train tab's tests: the committed digits as the tab's data, and the tab set up to train `fast`."""

from __future__ import annotations

from pathlib import Path

import pytest

from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.train.tab import TrainTab


@pytest.fixture
def loader(train_sample, test_sample):
    """The tab's data: the committed 1,000 training and 300 test digits; ``loader.calls`` lists the splits asked for."""
    calls = []

    def load(root: Path, train: bool):
        calls.append(train)
        return train_sample if train else test_sample

    load.calls = calls
    return load


@pytest.fixture
def small(train_sample, test_sample):
    """200 training and 100 test digits: runs that must finish take a few batches."""

    def load(root: Path, train: bool):
        return train_sample.subset(200) if train else test_sample.subset(100)

    return load


@pytest.fixture
def tab(qtbot, settings, loader, tmp_path, monkeypatch):
    """A Train tab set to train `fast` for far longer than any test waits, a record every 2 steps."""
    monkeypatch.setattr("mnist_desk.ui.train.form.LOG_EVERY", 2)  # a record every 2 steps: short waits
    settings.setValue("train/weights_dir", str(tmp_path))
    widget = TrainTab(ActiveModel(), settings, None, split_loader=loader)
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    widget.show()
    form = widget.form
    form.arch.setCurrentIndex(form.arch.findData("fast"))
    form.epochs.setValue(30)  # 600 steps: far longer than any test waits
    form.test_every.setValue(0)
    widget.weights.show_error = lambda title, message: pytest.fail(f"{title}: {message}")
    yield widget
    widget.shutdown()
