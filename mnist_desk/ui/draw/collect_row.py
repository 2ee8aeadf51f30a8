"""The Draw tab's collecting row: "Add to my handwriting as 0 … 9" (Alt+0 … Alt+9).

The label is the digit the user says the drawing is, never the network's
answer (the line under the buttons shows both, so a mistake is seen at once).
The picture stored is the drawing as drawn (the canvas, 448×448, dark ink on
white, as "Save drawing…" writes it), not the network's 28×28 input: a later,
better preprocessing then applies to the whole set, and the set stays a set of
pictures any tool reads. It is written atomically and flushed to the disk
before the row says it is added, so a crash or a kill loses nothing said
added; then the canvas is cleared for the next digit (undo brings it back),
unless "then clear" is off.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from ...core.errors import MnistDeskError
from ...core.handwriting.store import HandwritingSet, quick_counts
from .. import settings_keys as keys
from ..error_text import error_text
from ..handwriting.sets import active_folder, contents_changed, set_hub
from ..images import png_bytes
from ..messages import show_error

if TYPE_CHECKING:
    from ...core.handwriting.store import Digit
    from .document import Document


class DrawingTab(Protocol):
    """What the row needs of the Draw tab (a QWidget): its drawing, its last answer, its Clear."""

    document: Document
    last_prediction: Any

    def clear(self) -> None: ...

CLEAR_AFTER_KEY = "handwriting/clear_after_add"


class CollectRow(QWidget):
    """Ten buttons that store the drawing in the active set as that digit, and a line that says what happened.

    Signals
    -------
    added(int, str)
        A digit was stored: its label and its file.
    """

    added = Signal(int, str)

    def __init__(self, draw_tab: DrawingTab, settings: QSettings) -> None:
        super().__init__(draw_tab)  # type: ignore[arg-type]  # the Draw tab is a QWidget
        self.setObjectName("collectRow")
        self.draw_tab = draw_tab
        self.settings = settings
        self.last_add_ms = 0.0  # how long the last add took, click to saved (bench/handwriting_add.py reads it)
        self.title = QLabel(self.tr("Add to my handwriting as:"), self)
        self.buttons: list[QToolButton] = []
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.title)
        for digit in range(10):
            button = QToolButton(self)
            button.setObjectName(f"addAs{digit}")
            button.setText(str(digit))
            button.setAccessibleName(self.tr("Add as {digit}").format(digit=digit))
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance("00") + 12)
            button.clicked.connect(lambda _checked=False, digit=digit: self.add(digit))
            self.buttons.append(button)
            row.addWidget(button)
            shortcut = QShortcut(self)
            # Alt+3 on the main keys and on the keypad (Qt tells those apart); Ctrl+1 … Ctrl+5 show the tabs
            shortcut.setKeys([QKeySequence(Qt.KeyboardModifier.AltModifier | Qt.Key(Qt.Key.Key_0 + digit)),
                              QKeySequence(Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.KeypadModifier
                                           | Qt.Key(Qt.Key.Key_0 + digit))])
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)  # while the Draw tab shows
            shortcut.activated.connect(lambda digit=digit: self.add(digit))
        self.clear_after = QCheckBox(self.tr("then clear"), self)
        self.clear_after.setToolTip(self.tr("Clear the canvas after adding, ready for the next digit (Ctrl+Z on the "
                                            "canvas brings the drawing back)"))
        self.clear_after.setChecked(keys.read_bool(settings, CLEAR_AFTER_KEY, True))
        self.clear_after.toggled.connect(lambda on: self.settings.setValue(CLEAR_AFTER_KEY, on))
        row.addWidget(self.clear_after)
        row.addStretch(1)
        self.status = QLabel(self)
        self.status.setObjectName("collectStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.status)
        draw_tab.document.history_changed.connect(self._update)
        set_hub().active_changed.connect(self._update)
        self._update()

    @Slot()
    def _update(self) -> None:
        empty = self.draw_tab.document.state.empty
        name = active_folder(self.settings).name
        for digit, button in enumerate(self.buttons):
            button.setEnabled(not empty)
            button.setToolTip(self.tr("Add the drawing to the set “{set}” as a {digit} (Alt+{digit})").format(
                set=name, digit=digit))

    def add(self, digit: int) -> Digit | None:
        """Store the drawing as ``digit`` in the active set; None (and a message) when it cannot be."""
        start = time.perf_counter()
        document = self.draw_tab.document
        if document.is_empty:
            self.status.setText(self.tr("Draw a digit first: the canvas is empty."))
            return None
        if document.drawing:
            document.end_stroke()
        folder = active_folder(self.settings)
        data = png_bytes(document.to_qimage_for_saving())
        try:
            target = HandwritingSet.create(folder) if not folder.is_dir() else HandwritingSet(folder)
            stored = target.add(data, digit, durable=True)
        except MnistDeskError as error:
            show_error(self, self.tr("Cannot add the digit"), error_text(error))
            return None
        counts = quick_counts(folder)
        prediction = self.draw_tab.last_prediction
        answer = getattr(prediction, "digit", None)
        text = self.tr("Added as {digit} to “{set}”: {count:,} of {digit}, {total:,} digits in all.").format(
            digit=digit, set=folder.name, count=counts[digit], total=sum(counts))
        if answer is not None and answer != digit:
            text += " " + self.tr("The network read it as {answer}.").format(answer=answer)
        self.status.setText(text)
        if self.clear_after.isChecked():
            self.draw_tab.clear()
        self.added.emit(digit, str(stored.path))
        contents_changed(folder)  # every view of the set follows, before the time is taken
        self.last_add_ms = (time.perf_counter() - start) * 1000.0
        return stored
