"""Faults the window must survive: a check stuck on a file that never answers, a run whose loss goes NaN.

A folder check reading from a stalled network share never returns, and no
flag can stop it. Closing the window must not wait for it (more than a
moment) nor abort the program ("QThread: Destroyed while thread is still
running", exit 134): the real program is started and closed to see that.
"""

from __future__ import annotations

import math
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
import torch

from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.data_folder import DataFolderWidget
from mnist_desk.ui.stuck_jobs import stuck_jobs
from mnist_desk.ui.train.tab import TrainTab

ROOT = Path(__file__).resolve().parents[2]

_STUCK_APP = textwrap.dedent("""
    import sys, threading, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import mnist_desk.core.data as data

    def never_answers(*args, **kwargs):  # a read from a stalled network share
        print("CHECK STARTED", flush=True)
        threading.Event().wait()

    data.check_data_dir = never_answers
    app = QApplication(sys.argv)
    from mnist_desk.ui.app import run_app

    def show_train_tab():
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow" or hasattr(w, "tabs"))
        window.tabs.setCurrentIndex(2)
        QTimer.singleShot(1500, window.close)

    QTimer.singleShot(300, show_train_tab)
    started = time.perf_counter()
    status = run_app(sys.argv)
    print("NOT REACHED", status, flush=True)  # with a job stuck, run_app leaves at once, with the status
""")


@pytest.mark.timeout(180)
def test_closing_while_a_folder_check_is_stuck_quits_at_once_and_cleanly(tmp_path):
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "MNIST_DESK_LANG": "en_US",
           "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _STUCK_APP], capture_output=True, text=True, timeout=150,
                            cwd=ROOT, env=env)
    took = time.perf_counter() - start
    output = result.stdout + result.stderr
    assert "CHECK STARTED" in result.stdout, output
    assert result.returncode == 0, output
    assert "QThread: Destroyed" not in output and "Traceback" not in output, output
    assert "NOT REACHED" not in result.stdout
    assert took < 60, f"closing waited for the stuck check ({took:.0f} s)"


def test_a_widget_closes_within_moments_while_its_check_is_stuck(qtbot, settings, tmp_path, monkeypatch):
    release = threading.Event()
    entered = threading.Event()

    def never_answers(*args, **kwargs):
        entered.set()
        release.wait()
        raise OSError("released")

    monkeypatch.setattr("mnist_desk.core.data.check_data_dir", never_answers)
    widget = DataFolderWidget(settings)
    qtbot.addWidget(widget)
    widget.set_folder(tmp_path)
    assert entered.wait(20)
    start = time.perf_counter()
    widget.shutdown()
    assert time.perf_counter() - start < 5 and stuck_jobs() == 1
    release.set()  # the share answers at last: the given-up job ends and is let go
    qtbot.waitUntil(lambda: stuck_jobs() == 0, timeout=10_000)


@pytest.mark.timeout(120)
def test_a_diverging_run_stops_says_so_and_keeps_the_last_finite_weights(qtbot, settings, tmp_path, monkeypatch,
                                                                         train_sample, test_sample):
    monkeypatch.setattr("mnist_desk.ui.train.form.LOG_EVERY", 2)
    tab = TrainTab(ActiveModel(), settings, None,
                   split_loader=lambda root, train: train_sample if train else test_sample)
    qtbot.addWidget(tab)
    tab.show()
    form = tab.form
    form.arch.setCurrentIndex(form.arch.findData("fast"))
    form.optimizer.setCurrentIndex(form.optimizer.findData("sgd"))
    form.lr.setCurrentText("10")  # far too high for SGD: the loss goes to infinity within a few steps
    form.epochs.setValue(3)
    with qtbot.waitSignal(tab.session.ended, timeout=60_000) as ended:
        assert tab.start()
    assert ended.args[0] == "failed"
    text = tab.progress.status.text()
    assert tab.progress.status_is_error and "the loss is no longer a finite number" in text, text
    assert "learning rate (10) is probably too high" in text and "are kept" in text
    checkpoint = tab.weights.checkpoint
    assert checkpoint is not None and checkpoint.progress["step"] > 0
    assert all(bool(torch.isfinite(t).all()) for t in checkpoint.state_dict.values() if t.is_floating_point())
    assert all(math.isfinite(r["loss"]) for run in tab.store.runs for r in run.records)
    assert tab.weights.save_button.isEnabled() and tab.start_button.isEnabled()
    tab.shutdown()
