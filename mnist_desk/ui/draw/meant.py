"""The digit the user meant, which the Loss page measures the drawing against and the bars frame.

The user says it with a key 0–9 (main keys or keypad) wherever the focus is in
the Draw tab — no click on the canvas first, which would ink a dot — except in
a text or number field, which keeps its digits (such a field takes the key
before a shortcut does); with a click on a probability bar; or with a button of
the Loss page. A labelled digit opened on the canvas (an MNIST digit from
Evaluate, a picture of a handwriting set) comes with its label as the digit
meant. A new drawing starts with none: clearing the canvas, or opening a
picture without a label, forgets it, so the loss shown is never that of a
digit meant for another drawing. Alt+0 … Alt+9 are the collecting row's
(:mod:`.collect_row`), not these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ..explain.pages import ExplainPages
    from .document import Background, Document
    from .prediction_panel import ProbabilityBars


class MeantDigit(QObject):
    """Keeps the bars' frame and the Loss page on one digit meant (or none).

    ``pressed(int)``: a key 0–9 said a digit (the tab then shows the Loss page).
    """

    pressed = Signal(int)

    def __init__(self, tab: QWidget, document: Document, bars: ProbabilityBars, pages: ExplainPages) -> None:
        super().__init__(tab)
        self.document, self.bars, self.pages = document, bars, pages
        self.digit: int | None = None
        self.shortcuts: list[QShortcut] = []
        for digit in range(10):
            key = Qt.Key(Qt.Key.Key_0 + digit)
            shortcut = QShortcut(tab)
            shortcut.setKeys([QKeySequence(key), QKeySequence(Qt.KeyboardModifier.KeypadModifier | key)])
            # The whole window while the Draw tab shows (a shortcut of a hidden widget never fires).
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda digit=digit: self._on_key(digit))
            self.shortcuts.append(shortcut)
        self._background: Background | None = document.state.background
        self._empty = document.state.empty
        document.history_changed.connect(self._on_history)
        pages.loss.meant_changed.connect(self._on_page_button)  # the page follows its own buttons

    def _on_key(self, digit: int) -> None:
        self.set(digit)
        self.pressed.emit(digit)

    @Slot(int)
    def _on_page_button(self, digit: int) -> None:
        self.digit = digit
        self.bars.set_meant(digit)

    def set(self, digit: int | None) -> None:
        """The digit meant (None: none, the Loss page shows the softmax alone)."""
        self.digit = digit
        self.bars.set_meant(digit)
        self.pages.set_meant(digit)

    @Slot()
    def _on_history(self) -> None:
        state = self.document.state
        background, empty = state.background, state.empty
        if background is not self._background and background is not None:  # a picture or a digit opened
            self.set(background.label)  # its label, or none for a picture without one
        elif empty and not self._empty:  # cleared: a new drawing starts with no digit meant
            self.set(None)
        self._background, self._empty = background, empty
