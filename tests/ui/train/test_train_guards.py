"""The Train tab guards a run: a new run asks Save / Discard / Cancel before replacing unsaved weights, and its keys
keep working when the field that had the focus is disabled by the run starting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from training_runs import records_of, stop_and_wait

from mnist_desk.core.weights import load_checkpoint


def test_a_new_run_asks_save_discard_or_cancel(qtbot, tab, questions, tmp_path):
    tab.start()
    records_of(qtbot, tab, 2)
    stop_and_wait(qtbot, tab)
    stopped = tab.weights.checkpoint
    questions.answer(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)  # Cancel: the stopped run stays, resumable
    assert not tab.session.is_active() and questions.asked[-1].startswith("The last run's newest weights are not saved")
    assert tab.weights.checkpoint is stopped and tab.weights.resume_button.isEnabled() and tab.has_unsaved_run()
    assert list(tmp_path.glob("*.pt")) == []

    questions.answer(QMessageBox.StandardButton.Save)  # Save: written into the weights folder, then the new run
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    assert tab.session.is_active()
    saved = list(tmp_path.glob("mnist-fast-relu-*.pt"))
    assert len(saved) == 1 and load_checkpoint(saved[0]).progress["step"] == stopped.progress["step"]
    records_of(qtbot, tab, 1)
    stop_and_wait(qtbot, tab)

    questions.answer(QMessageBox.StandardButton.Discard)  # Discard: the new run without saving
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    assert tab.session.is_active() and len(list(tmp_path.glob("*.pt"))) == 1
    stop_and_wait(qtbot, tab)
    tab.weights.save_button.click()
    assert not tab.has_unsaved_run()
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)  # saved: nothing to ask
    assert tab.session.is_active() and len(questions.asked) == 3 and not questions.unexpected
    stop_and_wait(qtbot, tab)


def test_pause_and_stop_keys_work_after_starting_from_a_text_field(qtbot, tab):
    tab.window().activateWindow()
    target = tab.data_folder.edit  # the MNIST folder field: the run disables it
    target.setFocus()
    qtbot.waitUntil(target.hasFocus)
    QTest.keyClick(target, Qt.Key.Key_F5)
    assert tab.session.is_active()
    records_of(qtbot, tab, 1)
    focused = tab.focusWidget()
    assert focused is not None and focused.isEnabled() and tab.isAncestorOf(focused)
    with qtbot.waitSignal(tab.session.ended, timeout=5000):
        QTest.keyClick(focused, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)


@pytest.mark.parametrize("why, progress, expected", [
    ("stopped", {"step_in_epoch": 0, "step": 938}, "Stopped after epoch 2 (step 938)."),  # right at the epoch's end
    ("stopped", {"step_in_epoch": 12, "step": 950}, "Stopped at step 950, in epoch 3."),
    ("paused", {"step_in_epoch": 0, "step": 938}, "Paused after epoch 2 (step 938)."),
])
def test_the_weights_panel_names_the_epoch_as_the_progress_panel_does(qtbot, tab, why, progress,
                                                                       expected):
    from mnist_desk.core.weights import Checkpoint

    checkpoint = Checkpoint({}, arch="fast", metrics={"epochs_completed": 2}, progress=progress)
    tab.weights.take_checkpoint(checkpoint, why, "run 1")
    assert tab.weights.status.text().startswith(expected)
    assert tab.weights.status.text().endswith(" Not saved yet.")  # sentences joined by a space in English
