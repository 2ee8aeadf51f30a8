"""The Draw tab's tool row: pen or eraser, pen width, undo, redo, clear; under the canvas its caption, open, save.

:func:`drawing_column` stacks them with the canvas and the rows under it: the tab's left column.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QSlider, QToolButton, QVBoxLayout, QWidget

from ..fixed_text import OneLineLabel
from ..icons import icon
from .canvas import MAX_PEN, MIN_PEN


class DrawTools(QWidget):
    """Buttons and the width slider; the tab wires them to the canvas and document."""

    width_changed = Signal(int)
    eraser_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pen_button = self._tool(self.tr("Pen"), self.tr("Draw (P)"), "P", checkable=True, picture="pen")
        self.eraser_button = self._tool(self.tr("Eraser"), self.tr("Erase (E); the right mouse button erases too"), "E",
                                        checkable=True, picture="eraser")
        self.pen_button.setChecked(True)
        group = QButtonGroup(self)
        group.setExclusive(True)
        group.addButton(self.pen_button)
        group.addButton(self.eraser_button)
        self.eraser_button.toggled.connect(self.eraser_toggled)

        self.width_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.width_slider.setObjectName("penWidth")
        self.width_slider.setRange(MIN_PEN, MAX_PEN)
        self.width_slider.setMaximumWidth(160)
        self.width_slider.setToolTip(self.tr("Pen width ([ and ] change it)"))
        self.width_slider.setAccessibleName(self.tr("Pen width"))
        self.width_value = QLabel(self)
        self.width_value.setMinimumWidth(self.fontMetrics().horizontalAdvance("88 px") + 4)
        self.width_slider.valueChanged.connect(self._on_width)
        for key, step in (("[", -2), ("]", 2)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda step=step: self.width_slider.setValue(self.width_slider.value() + step))

        self.width_slider.setMinimumWidth(60)
        self.undo_button = self._tool(self.tr("Undo"), self.tr("Undo the last stroke (Ctrl+Z)"), picture="undo")
        self.redo_button = self._tool(self.tr("Redo"), self.tr("Redo (Ctrl+Shift+Z)"), picture="redo")
        self.clear_button = self._tool(self.tr("Clear"), self.tr("Clear the canvas (Delete or Esc)"), picture="clear")
        self.open_button = self._tool(self.tr("Open picture…"), self.tr("Open a photo or scan of a digit (Ctrl+O)"),
                                      picture="open-picture")
        self.save_button = self._tool(self.tr("Save drawing…"), self.tr("Save the drawing as a PNG picture"),
                                      picture="save-drawing")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pen_button)
        layout.addWidget(self.eraser_button)
        layout.addSpacing(8)
        layout.addWidget(QLabel(self.tr("Width"), self))
        layout.addWidget(self.width_slider)
        layout.addWidget(self.width_value)
        layout.addSpacing(8)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.redo_button)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        # What is on the canvas ("Picture: …"), under it: one line, elided, so the row below never moves.
        self.caption = OneLineLabel(parent)
        self.caption.setObjectName("canvasCaption")
        # Open and Save sit under the canvas (see DrawTab): one row of tools stays narrow.
        self.file_row = QWidget(parent)
        file_layout = QHBoxLayout(self.file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.open_button)
        file_layout.addWidget(self.save_button)
        file_layout.addStretch(1)

    def _tool(self, text: str, tip: str, shortcut: str = "", checkable: bool = False,
              picture: str = "") -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        if picture:
            button.setIcon(icon(picture))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setToolTip(tip)
        button.setCheckable(checkable)
        button.setAutoRaise(False)
        if shortcut:
            button.setShortcut(QKeySequence(shortcut))
        return button

    def _on_width(self, value: int) -> None:
        self.width_value.setText(self.tr("{n} px").format(n=value))
        self.width_changed.emit(value)


def drawing_column(parent: QWidget, tools: DrawTools, canvas: QWidget, *rows: QWidget) -> QWidget:
    """The Draw tab's left column: the tool row, the canvas (which takes the height), its caption, then ``rows``."""
    column = QWidget(parent)
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(tools)
    layout.addWidget(canvas, 1)
    layout.addWidget(tools.caption)
    for row in rows:
        layout.addWidget(row)
    layout.addStretch(0)
    return column
