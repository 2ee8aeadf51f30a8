"""The My handwriting tab's changes to a set, as undoable commands (Ctrl+Z, Ctrl+Shift+Z).

Each command does its change in ``redo()`` (also when first pushed) and takes
it back in ``undo()``: a deleted digit is written back from the bytes read
before it was deleted, a relabelled one moved back. The files change at once;
nothing waits for a save. A file that cannot be changed (gone meanwhile, a
read-only disk) stops the command where it is: what was done stays undoable,
and :attr:`error` says why (a command that did nothing is dropped from the stack).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ...core.errors import MnistDeskError
from ...core.handwriting.store import Digit, HandwritingSet, Removed

Done = Callable[[], None]  # called after every redo and undo: the views reload


class SetEdit(QUndoCommand):
    """A change to a set's files; :attr:`error` is what stopped its last redo or undo (None when it went well)."""

    def __init__(self, text: str, done: Done) -> None:
        super().__init__(text)
        self.done = done
        self.error: MnistDeskError | None = None


class DeleteDigits(SetEdit):
    """Delete digits (their bytes kept for undo)."""

    def __init__(self, target: HandwritingSet, digits: Sequence[Digit], done: Done) -> None:
        text = QCoreApplication.translate("HandwritingEdits", "Delete {count} digit(s)")
        super().__init__(text.format(count=len(digits)), done)
        self.target = target
        self.digits = list(digits)
        self.removed: list[Removed] = []

    def redo(self) -> None:
        self.removed, self.error = [], None
        try:
            for digit in self.digits:
                self.removed.append(self.target.delete(digit))
        except MnistDeskError as error:  # what was deleted stays undoable
            self.error = error
            self.setObsolete(not self.removed)
        self.done()

    def undo(self) -> None:
        restored, self.error = [], None
        try:
            for removed in self.removed:
                restored.append(self.target.restore(removed))
        except MnistDeskError as error:
            self.error = error
        self.digits = restored
        self.done()


class RelabelDigits(SetEdit):
    """Move digits to another label's folder."""

    def __init__(self, target: HandwritingSet, digits: Sequence[Digit], label: int, done: Done) -> None:
        text = QCoreApplication.translate("HandwritingEdits", "Relabel {count} digit(s) as {digit}")
        super().__init__(text.format(count=len(digits), digit=label), done)
        self.target = target
        self.before = [digit for digit in digits if digit.label != label]
        self.after: list[Digit] = []
        self.label = label

    def redo(self) -> None:
        self.after, self.error = [], None
        try:
            for digit in self.before:
                self.after.append(self.target.relabel(digit, self.label))
        except MnistDeskError as error:
            self.error = error
            self.before = self.before[:len(self.after)]
            self.setObsolete(not self.after)
        self.done()

    def undo(self) -> None:
        back, self.error = [], None
        try:
            for moved, old in zip(self.after, self.before):
                back.append(self.target.relabel(moved, old.label))
        except MnistDeskError as error:
            self.error = error
        self.before = back
        self.done()
