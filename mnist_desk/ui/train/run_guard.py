"""Nothing of a training run is lost: Save / Discard / Cancel before it would be, and its autosave.

The Train tab asks before a new run replaces weights that were never saved,
and the window asks before quitting with a run that trains or is unsaved.
"Save" writes the weights as the Save button does (the run's file, else the
weights folder with a dated name) and then goes on; "Discard" goes on without;
"Cancel" changes nothing. Meanwhile the run's automatic checkpoint
(:mod:`.autosave`) covers a crash or a kill; :func:`offer_left_behind_run`
offers a run left that way back at the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ..messages import ask_save_discard_cancel, show_error
from .autosave import AutosaveSlot, find_left_behind

# Quitting with Save or Discard: how long a run may take to stop and send its weights (not the close's short
# wait for a stuck job: a run in its test evaluation looks at no stop for seconds, and must not be left behind).
RUN_STOP_WAIT_MS = 60_000

if TYPE_CHECKING:
    from ...core.weights import Checkpoint
    from .session import TrainingSession
    from .weights_panel import WeightsPanel


class GuardedTab(Protocol):
    """What the guard uses of the Train tab (which imports this module, so it is not imported here)."""

    weights: WeightsPanel
    session: TrainingSession

    def has_unsaved_run(self) -> bool: ...
    def show_restored_run(self, checkpoint: Checkpoint) -> None: ...
    def window(self) -> QWidget: ...


translate = QCoreApplication.translate


class RunGuard(QObject):
    """Asks before a run is lost and keeps the tab's autosave slot; one per Train tab."""

    def __init__(self, tab: GuardedTab, autosave: AutosaveSlot | None = None) -> None:
        super().__init__(cast(QObject, tab))
        self.tab = tab
        self.autosave = autosave or AutosaveSlot()
        self._answered_on_close = False  # Save or Discard was chosen: the autosave goes either way

    def _where(self) -> str:
        panel = self.tab.weights
        return str(panel.saved_path or panel.weights_dir())

    def may_start_new_run(self) -> bool:
        """Before a new run: the last run's unsaved weights are saved, discarded, or the start is cancelled."""
        if self.tab.has_unsaved_run():
            question = translate("RunGuard", "The last run's newest weights are not saved. Save them before "
                                             "starting a new run?")
            detail = translate("RunGuard", "Save writes them into {0} and starts the new run; Discard starts it "
                                           "without them.").format(self._where())
            title = translate("RunGuard", "Start a new run")
            answer = ask_save_discard_cancel(self.tab.window(), title, question, detail)
            if answer == "cancel" or (answer == "save" and self.tab.weights.save() is None):
                return False
        self.autosave.discard()  # the new run must not leave the old one to be offered back
        return True

    def may_close(self) -> bool:
        """Before the window closes: ask about a run that trains or is unsaved; Save stops it and saves first."""
        tab = self.tab
        if not tab.has_unsaved_run():
            return True
        running = tab.session.is_active()
        if running:
            text = translate("RunGuard", "A training run is still going. Save its weights before quitting?")
            detail = translate("RunGuard", "Save stops it after the current batch and writes its weights into {0}, "
                                           "then quits; Discard stops it and quits without them; Cancel lets it "
                                           "train on.").format(self._where())
        else:
            text = translate("RunGuard", "The last training run's newest weights are not saved. Save them before "
                                         "quitting?")
            detail = translate("RunGuard", "Save writes them into {0}, then quits; Discard quits without "
                                           "them.").format(self._where())
        answer = ask_save_discard_cancel(tab.window(), translate("RunGuard", "Quit MNIST Desk"), text, detail)
        if answer == "cancel":
            return False
        self._answered_on_close = True
        if running:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                # Also delivers the stopped run's checkpoint: waited for, a test evaluation takes seconds.
                tab.session.shutdown(RUN_STOP_WAIT_MS)
            finally:
                QApplication.restoreOverrideCursor()
        if answer == "save" and tab.has_unsaved_run() and tab.weights.save() is None:
            self._answered_on_close = False
            return False  # the weights could not be written (the message said why): stay open
        return True

    def run_saved(self) -> None:
        """The weights were saved: the automatic checkpoint has done its job (a running run writes a new one)."""
        self.autosave.discard()

    def recover(self, run_file: Path, lock: QLockFile) -> bool:
        """Open a run left unsaved (its automatic checkpoint) in the tab; its slot becomes this window's."""
        from ...core.errors import WeightsError
        from ...core.weights import load_checkpoint
        from ..error_text import error_text

        if self.tab.session.is_active():
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            checkpoint = load_checkpoint(run_file)
        except WeightsError as error:
            QApplication.restoreOverrideCursor()
            show_error(self.tab.window(), translate("RunGuard", "Cannot restore the training run"), error_text(error))
            return False
        QApplication.restoreOverrideCursor()
        self.autosave.adopt(run_file, lock)  # Save or Discard remove it from now on
        self.tab.show_restored_run(checkpoint)
        return True

    def close(self) -> None:
        """The tab closes: the autosave goes unless the run is still unsaved (then it is offered next time)."""
        self.autosave.release(delete=self._answered_on_close or not self.tab.has_unsaved_run())


def offer_left_behind_run(window: QWidget, train_tab_of: Callable[[], Any]) -> QMessageBox | None:
    """At start: offer back a run whose window ended without saving or discarding it.

    ``train_tab_of()`` returns the Train tab (built when needed). The question does not
    block: Restore opens the run in the Train tab, Discard deletes it, Later keeps it
    for the next start. Returns the box, or None when there is nothing to offer.
    """
    found = find_left_behind()
    if found is None:
        return None
    run_file, lock = found
    question = translate("RunGuard", "MNIST Desk ended while a training run was unsaved. Its automatic checkpoint is "
                                     "kept: restore it in the Train tab?")
    box = QMessageBox(QMessageBox.Icon.Question, translate("RunGuard", "Restore a training run"), question,
                      QMessageBox.StandardButton.NoButton, window)
    box.setObjectName("restoreRunQuestion")
    box.setInformativeText(translate("RunGuard", "It holds the run's weights and progress as they were at its last "
                                                 "epoch end, pause or stop ({0}).").format(_modified(run_file)))
    restore = box.addButton(translate("RunGuard", "Restore"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(QMessageBox.StandardButton.Discard)
    later = box.addButton(translate("RunGuard", "Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.setEscapeButton(later)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(_result: int) -> None:
        clicked = box.clickedButton()
        if clicked is restore:
            if not train_tab_of().guard.recover(run_file, lock):
                lock.unlock()
        elif clicked is discard:
            run_file.unlink(missing_ok=True)
            lock.unlock()
        else:
            lock.unlock()

    box.finished.connect(answered)
    box.open()
    return box


def _modified(path: Path) -> str:
    """When the file was last written, e.g. "2024-05-01 14:32" (read the same in every language)."""
    import datetime as _dt

    try:
        return _dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        return "?"
