"""Nothing of a training run is lost: Save / Discard / Cancel on quit, and the automatic checkpoint
that a crash or a kill leaves behind, offered back at the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from training_runs import records_of, stop_and_wait

from mnist_desk.core.paths import autosave_dir
from mnist_desk.core.weights import load_checkpoint
from mnist_desk.ui.main_window import MainWindow
from mnist_desk.ui.train.autosave import AutosaveSlot, find_left_behind

ROOT = Path(__file__).resolve().parents[3]
Button = QMessageBox.StandardButton


@pytest.fixture
def window(qtbot, settings, loader, monkeypatch, tmp_path):
    monkeypatch.setattr("mnist_desk.ui.train.form.LOG_EVERY", 2)
    monkeypatch.setattr("mnist_desk.ui.train.tab.default_split_loader", loader)
    monkeypatch.setattr("mnist_desk.ui.evaluate.tab.default_split_loader", loader)
    settings.setValue("train/weights_dir", str(tmp_path))
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    tab = win.train_tab
    tab.form.arch.setCurrentIndex(tab.form.arch.findData("fast"))
    tab.form.epochs.setValue(30)
    tab.form.test_every.setValue(0)
    win.tabs.setCurrentWidget(tab)
    return win


def autosaves() -> list[Path]:
    return sorted(autosave_dir().glob("run-*.pt"))


def test_quit_while_training_cancel_then_save(qtbot, window, questions, tmp_path, qtlog):
    tab = window.train_tab
    tab.start_button.click()
    records_of(qtbot, tab, 2)
    questions.answer(Button.Cancel)
    assert not window.close()  # Cancel: the run trains on
    assert questions.asked[-1] == "A training run is still going. Save its weights before quitting?"
    assert tab.session.is_active() and window.isVisible()
    records_of(qtbot, tab, 1)
    questions.answer(Button.Save)
    assert window.close()  # Save: stopped after the batch, saved, closed
    assert not tab.session.is_active() and not tab.session._runner.is_running()
    saved = list(tmp_path.glob("mnist-fast-relu-*.pt"))
    assert len(saved) == 1
    assert load_checkpoint(saved[0]).progress["step"] == tab.weights.checkpoint.progress["step"] > 0
    assert autosaves() == []  # saved: nothing to offer back
    assert not [r for r in qtlog.records if "Destroyed while thread" in r.message]


def test_quit_with_save_during_a_long_test_evaluation_waits_for_the_runs_weights(qtbot, window, questions, tmp_path,
                                                                                 monkeypatch):
    """Save on quit waits for the run to stop even in its epoch-end test evaluation (no stop is looked at there),
    longer than the close's short wait for a stuck job: what is saved is the stopped run's weights."""
    from mnist_desk.core.training import Trainer
    from mnist_desk.ui.stuck_jobs import stuck_jobs
    from mnist_desk.ui.worker import CLOSE_WAIT_MS

    evaluating = threading.Event()
    real_evaluation = Trainer.evaluate_accuracy

    def slow_evaluation(self, split):
        evaluating.set()
        time.sleep(CLOSE_WAIT_MS / 1000 + 1.5)  # 10,000 test digits on a slow, busy CPU
        return real_evaluation(self, split)

    monkeypatch.setattr(Trainer, "evaluate_accuracy", slow_evaluation)
    tab = window.train_tab
    tab.start_button.click()
    qtbot.waitUntil(evaluating.is_set, timeout=60_000)
    questions.answer(Button.Save)
    assert window.close()
    assert stuck_jobs() == 0 and not tab.session._runner.is_running()
    saved = list(tmp_path.glob("mnist-fast-relu-*.pt"))
    assert len(saved) == 1
    progress = load_checkpoint(saved[0]).progress
    assert progress["step"] == tab.weights.checkpoint.progress["step"] > 0


def test_quit_with_a_stopped_run_discard(qtbot, window, questions, tmp_path):
    tab = window.train_tab
    tab.start_button.click()
    records_of(qtbot, tab, 2)
    stop_and_wait(qtbot, tab)
    assert autosaves()  # the stopped run is kept in case the app dies now
    questions.answer(Button.Discard)
    assert window.close()
    assert questions.asked == ["The last training run's newest weights are not saved. Save them before quitting?"]
    assert list(tmp_path.glob("*.pt")) == [] and autosaves() == []


def test_quit_with_nothing_unsaved_asks_nothing(qtbot, window, questions):
    tab = window.train_tab
    tab.start_button.click()
    records_of(qtbot, tab, 2)
    stop_and_wait(qtbot, tab)
    tab.weights.save_button.click()
    assert autosaves() == []  # saved: the automatic checkpoint has done its job
    assert window.close() and not questions.asked and not questions.unexpected


def test_each_epoch_end_is_autosaved(qtbot, window, train_sample, test_sample):
    tab = window.train_tab
    tab.split_loader = lambda root, train: train_sample.subset(200) if train else test_sample.subset(100)
    tab.start_button.click()
    qtbot.waitUntil(lambda: tab.weights.checkpoint is not None and
                    tab.weights.checkpoint.metrics["epochs_completed"] >= 2, timeout=60_000)
    files = autosaves()
    assert len(files) == 1
    qtbot.waitUntil(lambda: load_checkpoint(files[0]).metrics["epochs_completed"] >= 2, timeout=10_000)
    assert load_checkpoint(files[0]).resumable
    stop_and_wait(qtbot, tab)


def test_a_second_window_takes_another_slot_and_offers_no_live_run(tmp_path):
    first, second = AutosaveSlot(tmp_path), AutosaveSlot(tmp_path)
    path = first.claim()
    path.write_bytes(b"a live run's checkpoint")
    assert second.claim() == tmp_path / "run-1.pt"  # the first window's run is never overwritten
    assert find_left_behind(tmp_path) is None  # both windows live: nothing was left behind
    first.release(delete=False)
    found = find_left_behind(tmp_path)
    assert found is not None and found[0] == path
    found[1].unlock()
    second.release()


KILLED_RUN = textwrap.dedent("""
    import sys, time
    import numpy as np, torch
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from mnist_desk.core.data import MnistSplit
    import mnist_desk.ui.train.tab as train_tab

    def split(name, count):
        data = np.load(f"tests/fixtures/{name}")
        return MnistSplit(torch.from_numpy(data["images"][:count]), torch.from_numpy(data["labels"][:count]).long())

    train, test = split("mnist_train_sample.npz", 200), split("mnist_test_sample.npz", 100)
    train_tab.default_split_loader = lambda root, is_train: train if is_train else test
    app = QApplication([])
    from mnist_desk.ui.main_window import MainWindow
    window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
    window.show()
    tab = window.train_tab
    tab.form.set_values({"arch": "fast", "epochs": 500, "test_every": 0})
    tab.start()
    while not (tab.weights.checkpoint and tab.weights.checkpoint.metrics["epochs_completed"] >= 2):
        app.processEvents()
        time.sleep(0.01)
    time.sleep(0.5)  # the worker writes the autosave right before it sends the checkpoint
    print("EPOCHS", tab.weights.checkpoint.metrics["epochs_completed"], flush=True)
    while True:
        app.processEvents()
        time.sleep(0.01)
""")


def test_a_killed_run_is_offered_back_at_the_next_start(qtbot, settings, tmp_path, questions, loader):
    script = tmp_path / "killed_run.py"
    script.write_text(KILLED_RUN)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen([sys.executable, str(script), str(tmp_path / "other.ini")], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith("EPOCHS"), line + process.stderr.read()
        epochs = int(line.split()[1])
        time.sleep(0.2)
        process.send_signal(signal.SIGKILL)  # no close event, no chance to save
    finally:
        process.kill()
        process.wait(30)
    left = autosaves()
    assert len(left) == 1 and load_checkpoint(left[0]).metrics["epochs_completed"] >= epochs >= 2

    questions.answer("Later")
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitUntil(lambda: bool(questions.asked), timeout=10_000)
    assert questions.asked[0].startswith("MNIST Desk ended while a training run was unsaved")
    first.close()
    assert autosaves() == left  # Later: kept for the next start

    questions.answer("Restore")
    window = MainWindow(QSettings(settings.fileName(), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: len(questions.asked) == 2, timeout=10_000)
    tab = window.train_tab
    qtbot.waitUntil(lambda: tab.weights.checkpoint is not None, timeout=20_000)
    assert window.tabs.currentWidget() is tab
    restored = tab.weights.checkpoint
    assert restored.metrics["epochs_completed"] >= epochs and restored.resumable
    assert tab.weights.resume_button.isEnabled() and tab.has_unsaved_run()
    assert tab.store.current.records  # its history is on the chart
    assert "Restored" in tab.progress.status.text() and "Restored the unsaved run" in tab.weights.status.text()
    tab.split_loader = loader
    assert tab.form.epochs.value() == 500  # the killed run's own settings, shown again
    with qtbot.waitSignal(tab.session.started, timeout=30_000) as started:
        tab.weights.resume_button.click()  # trains on from where the killed window was
    assert started.args[0]["start_step"] == restored.progress["step"]
    stop_and_wait(qtbot, tab)
    questions.answer(Button.Discard)
    assert window.close()
    assert autosaves() == [] and not questions.unexpected


def test_weights_go_into_their_own_folder_which_the_question_names(qtbot, window, questions, settings, tmp_path,
                                                                  monkeypatch):
    """QA: on a fresh account Save wrote mnist-fast-relu-….pt loose into the home folder (or ~/Documents)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs: Documents is ~/Documents
    settings.remove("train/weights_dir")  # a fresh account: no folder used yet
    folder = home / "Documents" / "MNIST Desk"
    tab = window.train_tab
    tab.start_button.click()
    records_of(qtbot, tab, 2)
    stop_and_wait(qtbot, tab)
    assert not folder.exists()  # made when first needed, not before
    questions.answer(Button.Save)
    tab.start_button.click()  # a new run: Save / Discard / Cancel for the unsaved one
    assert questions.asked[-1].startswith("The last run's newest weights are not saved.")
    assert f"Save writes them into {folder} and starts the new run" in questions.details[-1]
    saved = list(folder.glob("mnist-fast-relu-*.pt"))
    assert len(saved) == 1 and not list(home.glob("*.pt")) and not list((home / "Documents").glob("*.pt"))
    records_of(qtbot, tab, 2)
    stop_and_wait(qtbot, tab)
    other = tmp_path / "elsewhere"
    other.mkdir()
    assert tab.weights.save_to(other / "mine.pt") == other / "mine.pt"  # what Save as… does with the chosen name
    assert tab.weights.weights_dir() == other  # the last folder used, remembered
    assert settings.value("train/weights_dir") == str(other)
