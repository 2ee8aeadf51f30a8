"""Two pictures shown in step: one zoom and one centre, in the original picture's coordinates.

The result of a convolution is smaller than the picture and each of its
pixels comes from a window of the picture; each result pixel is drawn one
stride wide, centred on the middle of its window
(:func:`mnist_desk.core.filters.windows.result_geometry`), so the two views
line up pixel for pixel at any zoom and pan together.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

MIN_ZOOM, MAX_ZOOM = 1 / 64, 96.0
# From this many screen pixels per image pixel on, each pixel's number is written in it.
VALUES_FROM_PIXELS = 46
MIN_VALUE_PIXELS = 6  # the smallest font a pixel's number is shrunk to


def format_value(value: float) -> str:
    """A pixel's number in a few characters: whole numbers as is, others to 3 significant digits."""
    value = float(value)
    text = str(int(value)) if value.is_integer() and abs(value) < 1e7 else f"{value:.3g}"
    return text.replace("-", "\u2212")


def fitting_pixel_size(text_width: float, base: int, step: float) -> int:
    """The font size (pixels) at which text ``text_width`` wide at size ``base`` fits a ``step``-wide pixel."""
    if text_width <= 0:
        return base
    return max(MIN_VALUE_PIXELS, min(base, int(base * (step - 4) / text_width)))


def array_to_qimage(array: np.ndarray) -> tuple[QImage, np.ndarray]:
    """A uint8 (H, W) or (H, W, 3) array as a QImage sharing its memory (no copy: a 12 MP copy costs ~10 ms).

    Returns the image and the array it reads from; keep both alive together.
    """
    array = np.ascontiguousarray(array, dtype=np.uint8)
    height, width = array.shape[:2]
    fmt = QImage.Format.Format_Grayscale8 if array.ndim == 2 else QImage.Format.Format_RGB888
    return QImage(array.data, width, height, array.strides[0], fmt), array


class ViewState(QObject):
    """Zoom (screen pixels per picture pixel) and the picture point at the views' centre."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.zoom = 1.0
        self.cx = 0.0
        self.cy = 0.0

    def set(self, zoom: float, cx: float, cy: float) -> None:
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        if (zoom, cx, cy) != (self.zoom, self.cx, self.cy):
            self.zoom, self.cx, self.cy = zoom, cx, cy
            self.changed.emit()

    def fit(self, picture_w: int, picture_h: int, view_w: int, view_h: int) -> None:
        if picture_w < 1 or picture_h < 1 or view_w < 2 or view_h < 2:
            return
        self.set(min(view_w / picture_w, view_h / picture_h) * 0.96, picture_w / 2, picture_h / 2)

    def zoom_about(self, factor: float, anchor_x: float, anchor_y: float) -> None:
        """Zoom by ``factor`` keeping picture point (anchor_x, anchor_y) where it is on screen."""
        zoom = min(max(self.zoom * factor, MIN_ZOOM), MAX_ZOOM)
        ratio = self.zoom / zoom
        self.set(zoom, anchor_x + (self.cx - anchor_x) * ratio, anchor_y + (self.cy - anchor_y) * ratio)


class PictureView(QWidget):
    """Paints an image at the shared :class:`ViewState`; drag pans, the wheel zooms, the mouse reports where it is."""

    hovered = Signal(float, float)  # picture coordinates under the mouse
    left = Signal()
    fit_requested = Signal()
    resized = Signal()

    def __init__(self, state: ViewState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.image: QImage | None = None
        self._pixels: np.ndarray | None = None  # the memory self.image reads
        self.scale, self.offset = 1.0, 0.0  # image pixel i covers picture [i·scale + offset, (i+1)·scale + offset)
        self.placeholder = ""
        self.highlight: QRectF | None = None  # in picture coordinates
        self.marker: QRectF | None = None
        # The numbers written in each pixel at high zoom ((H, W) or (H, W, C)); an array rather than a
        # callback into the tab, so no reference cycle keeps widgets alive for the garbage collector.
        self.values: np.ndarray | None = None
        self._drag: QPointF | None = None
        # The view shown beside this one in step (set by the panel holding both); a weak reference
        # would do as well, but both are children of one panel and go together.
        self.partner: PictureView | None = None
        self.setMouseTracking(True)
        self.setMinimumSize(160, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        state.changed.connect(self.update)

    # -- content ------------------------------------------------------------------------------
    def set_array(self, array: np.ndarray | None, scale: float = 1.0, offset: float = 0.0,
                  values: np.ndarray | None = None) -> None:
        """Show uint8 ``array``; ``values`` are the raw numbers to write in its pixels when zoomed in."""
        if array is None or array.size == 0:
            self.image, self._pixels = None, None
        else:
            self.image, self._pixels = array_to_qimage(array)
        self.scale, self.offset = scale, offset
        self.values = values if values is not None else array
        self.update()

    def set_marks(self, highlight: QRectF | None, marker: QRectF | None) -> None:
        if (highlight, marker) != (self.highlight, self.marker):
            self.highlight, self.marker = highlight, marker
            self.update()

    # -- coordinates --------------------------------------------------------------------------
    def _centre(self) -> tuple[int, int]:
        """Where the state's centre point is drawn: the view's middle, in whole pixels.

        A splitter gives one of two views its odd pixel; views one pixel apart in
        size take the smaller one's middle, so that they line up exactly.
        """
        width, height = self.width(), self.height()
        if self.partner is not None:
            if abs(self.partner.width() - width) <= 1:
                width = min(width, self.partner.width())
            if abs(self.partner.height() - height) <= 1:
                height = min(height, self.partner.height())
        return width // 2, height // 2

    def to_screen(self, x: float, y: float) -> QPointF:
        zoom = self.state.zoom
        centre_x, centre_y = self._centre()
        return QPointF((x - self.state.cx) * zoom + centre_x, (y - self.state.cy) * zoom + centre_y)

    def to_picture(self, point: QPointF) -> tuple[float, float]:
        zoom = self.state.zoom
        centre_x, centre_y = self._centre()
        return (point.x() - centre_x) / zoom + self.state.cx, (point.y() - centre_y) / zoom + self.state.cy

    def screen_rect(self, rect: QRectF) -> QRectF:
        top_left = self.to_screen(rect.left(), rect.top())
        return QRectF(top_left.x(), top_left.y(), rect.width() * self.state.zoom, rect.height() * self.state.zoom)

    # -- painting -----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Dark))
        if self.image is None:
            painter.setPen(palette.color(QPalette.ColorRole.BrightText))
            painter.drawText(self.rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            painter.end()
            return
        step = self.scale * self.state.zoom  # screen pixels per image pixel
        origin = self.to_screen(self.offset, self.offset)
        width, height = self.image.width(), self.image.height()
        # Only the visible part is drawn: at high zoom a 12 MP picture is a few pixels.
        x0 = max(0, math.floor(-origin.x() / step))
        y0 = max(0, math.floor(-origin.y() / step))
        x1 = min(width, math.ceil((self.width() - origin.x()) / step))
        y1 = min(height, math.ceil((self.height() - origin.y()) / step))
        if x1 > x0 and y1 > y0:
            target = QRectF(origin.x() + x0 * step, origin.y() + y0 * step, (x1 - x0) * step, (y1 - y0) * step)
            # Magnified: nearest pixel, every pixel a sharp square. Reduced: smoothed.
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, step < 1.0)
            painter.drawImage(target, self.image, QRectF(x0, y0, x1 - x0, y1 - y0))
            if step >= 12:
                self._paint_grid(painter, origin, step, (x0, y0, x1, y1))
            if step >= VALUES_FROM_PIXELS and self.values is not None:
                self._paint_values(painter, origin, step, (x0, y0, x1, y1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.highlight is not None:
            painter.setPen(QPen(QColor(255, 170, 0), 2))
            painter.drawRect(self.screen_rect(self.highlight))
        if self.marker is not None:
            painter.setPen(QPen(QColor(0, 200, 255), 2))
            painter.drawRect(self.screen_rect(self.marker))
        painter.end()

    def _paint_grid(self, painter: QPainter, origin: QPointF, step: float, box: tuple[int, int, int, int]) -> None:
        x0, y0, x1, y1 = box
        painter.setPen(QPen(QColor(128, 128, 128, 110), 1))
        for x in range(x0, x1 + 1):
            sx = origin.x() + x * step
            painter.drawLine(QPointF(sx, origin.y() + y0 * step), QPointF(sx, origin.y() + y1 * step))
        for y in range(y0, y1 + 1):
            sy = origin.y() + y * step
            painter.drawLine(QPointF(origin.x() + x0 * step, sy), QPointF(origin.x() + x1 * step, sy))

    def _paint_values(self, painter: QPainter, origin: QPointF, step: float, box: tuple[int, int, int, int]) -> None:
        x0, y0, x1, y1 = box
        assert self.image is not None and self.values is not None
        base = max(8, min(16, int(step / 4.2)))
        font = painter.font()
        font.setPixelSize(base)
        widths = QFontMetricsF(font)
        for y in range(y0, y1):
            for x in range(x0, x1):
                value = self.values[y, x]
                text = "\n".join(format_value(v) for v in value) if np.ndim(value) else format_value(value)
                # A long number (−2.35e+04) gets a smaller font rather than spill into its neighbours.
                wide = max(widths.horizontalAdvance(line) for line in text.split("\n"))
                size = fitting_pixel_size(wide, base, step)
                if size != font.pixelSize():
                    font.setPixelSize(size)
                painter.setFont(font)
                light = QColor(self.image.pixel(x, y)).lightness() > 128
                painter.setPen(QColor(0, 0, 0) if light else QColor(255, 255, 255))
                cell = QRectF(origin.x() + x * step, origin.y() + y * step, step, step)
                painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, text)

    # -- mouse --------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag is not None:
            delta = event.position() - self._drag
            self._drag = event.position()
            zoom = self.state.zoom
            self.state.set(zoom, self.state.cx - delta.x() / zoom, self.state.cy - delta.y() / zoom)
        self.hovered.emit(*self.to_picture(event.position()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = None
            self.setCursor(Qt.CursorShape.CrossCursor)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.fit_requested.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.state.zoom_about(1.25 ** steps, *self.to_picture(event.position()))
            self.hovered.emit(*self.to_picture(event.position()))
        event.accept()

    def leaveEvent(self, event) -> None:  # noqa: N802
        self.left.emit()
        super().leaveEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.resized.emit()
        self.update()
