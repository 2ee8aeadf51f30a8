"""What the main window asks of each of its tabs, with the defaults in one place.

Every tab (Draw, Filter Lab, Train, Evaluate, My handwriting) is a :class:`WindowTab` and is
built as ``Tab(active_model, settings, parent)``. It overrides what applies to
it; the defaults are those of a tab that has no part in it:

- File → Open picture…, Edit → Paste picture, File → Save… and a picture
  dropped on the window act on the current tab when it ``works_on_pictures``,
  else on the Draw tab (shown first);
- ``can_save`` enables File → Save…, and ``can_save_changed`` tells the window
  to look again;
- ``open_digit`` sends a digit to the Draw tab, ``open_digit_file`` a picture
  file of a handwriting set (opened on its canvas as any picture);
- before the window closes, ``may_close`` may ask the user (False keeps it
  open); then ``shutdown`` stops the tab's workers and waits for them (a
  moment: see :meth:`~mnist_desk.ui.worker.WorkerRunner.shutdown`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


class WindowTab(QWidget):
    """A tab of the main window (see the module docstring).

    Signals
    -------
    can_save_changed(bool)
        Whether there is something to save now (File → Save… follows it).
    open_digit(object, str)
        A digit to open in the Draw tab: 28×28 float32, ink bright, 0..1, and
        a caption saying which digit it is.
    open_digit_file(str)
        A handwriting set's picture file to open on the Draw tab's canvas.
    """

    can_save_changed = Signal(bool)
    open_digit = Signal(object, str)
    open_digit_file = Signal(str)

    #: Whether the window's picture actions (open, paste, save, a dropped picture) act on this tab.
    works_on_pictures = False

    def open_picture(self, path: str | Path) -> bool:
        """Open a picture file (dropped on the window, or named at start); True once it is under way."""
        raise NotImplementedError(f"{type(self).__name__} does not work on pictures")

    def open_picture_dialog(self) -> None:
        """File → Open picture…: ask for a picture file and open it."""
        raise NotImplementedError(f"{type(self).__name__} does not work on pictures")

    def paste_picture(self) -> bool:
        """Edit → Paste picture; False (after saying so) when the clipboard holds no picture."""
        raise NotImplementedError(f"{type(self).__name__} does not work on pictures")

    def save_dialog(self) -> None:
        """File → Save…: ask where, and save this tab's picture."""
        raise NotImplementedError(f"{type(self).__name__} does not work on pictures")

    def can_save(self) -> bool:
        """Whether File → Save… has something to save here."""
        return False

    def may_close(self) -> bool:
        """Before the window closes: False keeps it open (the user chose Cancel)."""
        return True

    def shutdown(self) -> None:
        """The window is closing: stop this tab's workers and wait for them, remember what is to be kept."""
