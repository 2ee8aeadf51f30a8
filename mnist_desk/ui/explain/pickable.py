"""An image view that says which image pixel is under the mouse, and outlines pixels on request."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from ..image_view import ImageView


class PickableImageView(ImageView):
    """``hovered(x, y)``: the image pixel under the mouse (column, row); ``left()``: none any more;
    ``picked(x, y)``: a left click on one. :meth:`set_marks` outlines rectangles of image pixels."""

    hovered = Signal(int, int)
    left = Signal()
    picked = Signal(int, int)

    def __init__(self, side: int = 96, parent: QWidget | None = None) -> None:
        super().__init__(side, parent)
        self.setMouseTracking(True)
        self._marks: list[tuple[QRectF, QColor]] = []
        self._inside = False

    def image_pixel(self, position: QPointF) -> tuple[int, int] | None:
        """(x, y) of the image pixel at a widget position, or None off the image."""
        if self.image is None:
            return None
        rect = self.image_rect()
        if rect.isEmpty() or not rect.contains(position):
            return None
        x = math.floor((position.x() - rect.left()) * self.image.width() / rect.width())
        y = math.floor((position.y() - rect.top()) * self.image.height() / rect.height())
        if 0 <= x < self.image.width() and 0 <= y < self.image.height():
            return x, y
        return None

    def widget_point(self, x: float, y: float) -> QPointF:
        """The widget position of the middle of image pixel (x, y) (tests and scripts point through this)."""
        assert self.image is not None, "no image to point at"
        rect = self.image_rect()
        return QPointF(rect.left() + (x + 0.5) * rect.width() / self.image.width(),
                       rect.top() + (y + 0.5) * rect.height() / self.image.height())

    def set_marks(self, marks: list[tuple[QRectF, QColor]]) -> None:
        """Rectangles in image pixels (x, y, width, height) to outline, each in its colour."""
        if marks != self._marks:
            self._marks = list(marks)
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pixel = self.image_pixel(event.position())
        if pixel is None:
            if self._inside:
                self._inside = False
                self.left.emit()
        else:
            self._inside = True
            self.hovered.emit(*pixel)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pixel = self.image_pixel(event.position())
        if event.button() == Qt.MouseButton.LeftButton and pixel is not None:
            self.picked.emit(*pixel)
            event.accept()
            return
        super().mousePressEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        if self._inside:
            self._inside = False
            self.left.emit()
        super().leaveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._marks or self.image is None:
            return
        rect = self.image_rect()
        sx, sy = rect.width() / self.image.width(), rect.height() / self.image.height()
        painter = QPainter(self)
        for area, colour in self._marks:
            painter.setPen(QPen(colour, 2))
            painter.drawRect(QRectF(rect.left() + area.x() * sx, rect.top() + area.y() * sy,
                                    area.width() * sx, area.height() * sy))
        painter.end()
