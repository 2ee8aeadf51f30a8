"""A grid of digit thumbnails with captions; shared by the confusion-matrix gallery and the dataset browser."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from ..images import gray_to_qimage

INDEX_ROLE = Qt.ItemDataRole.UserRole


def digit_pixmap(image: np.ndarray, size: int) -> QPixmap:
    """A 28×28 uint8 digit scaled up without smoothing (the pixels as the network sees them)."""
    qimage = gray_to_qimage(image).scaled(size, size, Qt.AspectRatioMode.IgnoreAspectRatio,
                                          Qt.TransformationMode.FastTransformation)
    return QPixmap.fromImage(qimage)


class DigitGrid(QListWidget):
    """Thumbnails of digits; ``digit_clicked(index)`` / ``digit_activated(index)`` carry the split index."""

    digit_clicked = Signal(int)
    digit_activated = Signal(int)

    def __init__(self, thumb: int = 56, caption_lines: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.thumb = thumb
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(thumb, thumb))
        line = self.fontMetrics().lineSpacing()
        self.setGridSize(QSize(max(thumb + 14, 64), thumb + 8 + line * caption_lines))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setWordWrap(True)
        self.setSpacing(2)
        self.itemClicked.connect(self._on_clicked)
        self.itemActivated.connect(self._on_activated)  # Enter / double-click

    def show_digits(self, images: np.ndarray, indices: Sequence[int], captions: Sequence[str],
                    tooltips: Sequence[str] | None = None) -> None:
        """Replace the grid with ``images[indices]`` and their captions."""
        self.setUpdatesEnabled(False)
        try:
            self.clear()
            for position, index in enumerate(indices):
                item = QListWidgetItem(QIcon(digit_pixmap(images[index], self.thumb)), captions[position])
                item.setData(INDEX_ROLE, int(index))
                item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
                if tooltips is not None:
                    item.setToolTip(tooltips[position])
                self.addItem(item)
        finally:
            self.setUpdatesEnabled(True)

    def index_at_row(self, row: int) -> int:
        return int(self.item(row).data(INDEX_ROLE))

    @Slot(QListWidgetItem)
    def _on_clicked(self, item: QListWidgetItem) -> None:
        self.digit_clicked.emit(int(item.data(INDEX_ROLE)))

    @Slot(QListWidgetItem)
    def _on_activated(self, item: QListWidgetItem) -> None:
        self.digit_activated.emit(int(item.data(INDEX_ROLE)))
