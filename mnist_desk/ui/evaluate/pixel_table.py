"""One digit's 28×28 pixel values as a table (the tutorial's section 2.3 prints them for the first training digit).

Each cell is shaded with its own value, so the table itself shows the digit:
ink bright on black, as ``plt.imshow(image, cmap='gray')`` draws it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

_Index = QModelIndex | QPersistentModelIndex


def tutorial_printout(image: np.ndarray, label: int) -> str:
    """What the tutorial's section 2.3 prints for a digit: label, shape and the float32 array."""
    values = np.asarray(image, dtype="float32")
    with np.printoptions(threshold=10**6, linewidth=75):
        return f"label {label}\nimage shape = {values.shape}\nimage = {values}"


MIN_ROWS_SHOWN = 12  # of 28, when the window is as short as it can be


class PixelTableModel(QAbstractTableModel):
    """28×28 uint8 values; background = the pixel's own grey."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = np.zeros((28, 28), dtype=np.uint8)

    def set_image(self, image: np.ndarray) -> None:
        self.beginResetModel()
        self.image = np.asarray(image, dtype=np.uint8).copy()
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's API)
        return 0 if parent.isValid() else int(self.image.shape[0])

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's API)
        return 0 if parent.isValid() else int(self.image.shape[1])

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = int(self.image[index.row(), index.column()])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return str(value) if role == Qt.ItemDataRole.DisplayRole else f"[{index.row()}, {index.column()}] = {value}"
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(value, value, value)
        if role == Qt.ItemDataRole.ForegroundRole:
            # Zeros dim on black; ink values dark on bright cells.
            return QColor(20, 20, 20) if value >= 128 else (QColor(90, 90, 90) if value == 0 else QColor(235, 235, 235))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt's API)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section)
        return None


class PixelTable(QTableView):
    """A compact, read-only view of :class:`PixelTableModel`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pixels = PixelTableModel(self)
        self.setModel(self.pixels)
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.7))
        self.setFont(font)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setShowGrid(False)
        metrics = QFontMetrics(font)
        column = metrics.horizontalAdvance("255") + 7  # three digits and the item's margins, never elided
        row = metrics.height() + 4
        for header, size in ((self.horizontalHeader(), column), (self.verticalHeader(), row)):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setMinimumSectionSize(8)
            header.setDefaultSectionSize(size)
            header.setFont(font)
        self.verticalHeader().setFixedWidth(column)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setWordWrap(False)
        # Wide enough for all 28 columns: the values are read row by row, never scrolled sideways.
        # (and for the vertical scroll bar a short window brings, see below)
        self.setMinimumWidth(column * 29 + 2 * self.frameWidth() + 2 + self.verticalScrollBar().sizeHint().width())
        # At most the header and all 28 rows (no empty space below); where the screen is short
        # (a 768-pixel laptop, a Chinese font's taller lines) half of them and a scroll bar,
        # so that the window still fits.
        header = max(self.horizontalHeader().sizeHint().height(), row)
        frame = 2 * self.frameWidth() + 2
        self.setMaximumHeight(header + row * 28 + frame)
        self.setMinimumHeight(header + row * MIN_ROWS_SHOWN + frame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("Pixel values"))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(self.minimumWidth(), self.maximumHeight())  # all 28 rows when there is room

    def set_image(self, image: np.ndarray) -> None:
        self.pixels.set_image(image)
