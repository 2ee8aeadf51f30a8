"""The drawing: an optional picture underneath, strokes on top, undo/redo per stroke.

The document is a square raster of ``SIZE`` pixels. Ink is kept as the alpha
channel of a premultiplied ARGB image painted in the current ink colour: the
alpha is what the network sees (ink bright, as in MNIST) and the colour is
only for display, so the canvas follows the light or dark palette without
touching the data.

Every change (a stroke, clearing, loading a picture) pushes the previous
state on the undo stack. States are immutable tuples sharing their strokes,
so the stacks cost almost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

from ...core.canvas_ink import CANVAS_SIZE

SIZE = CANVAS_SIZE  # 448 = 16 × 28, the size handwriting sets are read at too
UNDO_LIMIT = 200


@dataclass(frozen=True)
class Stroke:
    """One stroke in document pixels; ``pressures`` scale the width point by point (tablets)."""

    points: tuple[QPointF, ...]
    width: float
    eraser: bool = False
    pressures: tuple[float, ...] = ()

    def width_at(self, index: int) -> float:
        if not self.pressures:
            return self.width
        return self.width * max(0.15, min(1.0, self.pressures[index]))


@dataclass(frozen=True)
class Background:
    """A picture under the strokes: ``ink`` is SIZE×SIZE float32, ink bright.

    ``field28`` is set for an MNIST digit: that exact network input is used for
    prediction while nothing has been drawn over it.
    """

    ink: np.ndarray
    field28: np.ndarray | None = None
    caption: str = ""


@dataclass(frozen=True)
class State:
    background: Background | None = None
    strokes: tuple[Stroke, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return self.background is None and not self.strokes


def _mid(a: QPointF, b: QPointF) -> QPointF:
    return QPointF((a.x() + b.x()) / 2.0, (a.y() + b.y()) / 2.0)


class Document(QObject):
    """The drawing and its history. ``changed`` follows every change of the ink."""

    changed = Signal()
    history_changed = Signal()  # can_undo / can_redo may have changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = State()
        self._undo: list[State] = []
        self._redo: list[State] = []
        self._ink_color = QColor(Qt.GlobalColor.black)
        self.raster = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32_Premultiplied)
        self.raster.fill(Qt.GlobalColor.transparent)
        # The stroke being drawn: its points so far and how far it is painted.
        self._points: list[QPointF] = []
        self._pressures: list[float] = []
        self._width = 20.0
        self._eraser = False
        self.version = 0  # bumped on every change, so views can skip repeated work
        # What the last change touched, in document pixels (None: everything), so the
        # canvas repaints a few hundred pixels per pointer move rather than the whole picture.
        self.dirty: QRectF | None = None

    # -- reading ------------------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def is_empty(self) -> bool:
        return self.state.empty and not self._points

    @property
    def drawing(self) -> bool:
        return bool(self._points)

    def ink_array(self, downscale: int = 1) -> np.ndarray:
        """The ink as float32 in 0..1 (the raster's alpha channel), SIZE/downscale pixels a side.

        ``downscale`` averages blocks of pixels (a box filter, as MNIST's own
        anti-aliasing): the prediction works on a half-size copy, four times
        fewer pixels to preprocess, still seven times finer than the 20x20 box.
        """
        bits = np.frombuffer(self.raster.constBits(), dtype=np.uint8, count=self.raster.sizeInBytes())
        rows = bits.reshape(SIZE, self.raster.bytesPerLine())
        # ARGB32 is stored B, G, R, A in memory on little-endian machines, A, R, G, B on big-endian.
        alpha_offset = 3 if np.little_endian else 0
        alpha = rows[:, alpha_offset:SIZE * 4:4]
        if downscale > 1:
            if downscale & (downscale - 1) or SIZE % downscale:
                raise ValueError(f"downscale must be a power of two dividing {SIZE}, not {downscale}")
            # Halving rows and columns in turn by adding neighbours: several times faster
            # than a sum over a reshaped 4-D view of the strided alpha channel.
            total = alpha.astype(np.uint16)
            factor = 1
            while factor < downscale:
                total = total[0::2] + total[1::2]
                total = total[:, 0::2] + total[:, 1::2]
                factor *= 2
            return total.astype(np.float32) * (1.0 / (255.0 * downscale * downscale))
        return alpha.astype(np.float32) * (1.0 / 255.0)

    def exact_field(self) -> np.ndarray | None:
        """The untouched MNIST digit's 28×28 input, when that is all there is."""
        background = self.state.background
        if background is not None and background.field28 is not None and not self.state.strokes and not self._points:
            return background.field28
        return None

    def caption(self) -> str:
        return self.state.background.caption if self.state.background is not None else ""

    # -- drawing a stroke ---------------------------------------------------------------------
    def begin_stroke(self, point: QPointF, width: float, eraser: bool = False, pressure: float | None = None) -> None:
        """Start a stroke at ``point`` (document pixels); a dot is painted at once."""
        if self._points:
            self.end_stroke()
        self._points = [QPointF(point)]
        self._pressures = [pressure] if pressure is not None else []
        self._width, self._eraser = float(width), eraser
        painter = self._painter(eraser)
        self._paint_dot(painter, point, self._current().width_at(0))
        painter.end()
        self._bump(self._around(point))

    def extend_stroke(self, point: QPointF, pressure: float | None = None) -> None:
        """Add a point; the curve between events is interpolated (quadratic through midpoints)."""
        if not self._points:
            return
        last = self._points[-1]
        if abs(point.x() - last.x()) < 0.5 and abs(point.y() - last.y()) < 0.5:
            return  # sub-pixel jitter: nothing to draw
        self._points.append(QPointF(point))
        if self._pressures:
            self._pressures.append(pressure if pressure is not None else self._pressures[-1])
        painter = self._painter(self._eraser)
        self._paint_segment(painter, self._current(), len(self._points) - 1)
        painter.end()
        self._bump(self._around(*self._points[-3:]))

    def end_stroke(self) -> None:
        """Finish the stroke: paint its last piece and make it one undo step."""
        if not self._points:
            return
        stroke = self._current()
        painter = self._painter(stroke.eraser)
        self._paint_tail(painter, stroke)
        painter.end()
        self._points, self._pressures = [], []
        self.dirty = self._around(*stroke.points[-2:])
        self._push(State(self.state.background, (*self.state.strokes, stroke)), repaint=False)

    def _current(self) -> Stroke:
        return Stroke(tuple(self._points), self._width, self._eraser, tuple(self._pressures))

    # -- whole-document changes ---------------------------------------------------------------
    def clear(self) -> None:
        """Remove everything (undoable)."""
        if self._points:
            self.end_stroke()
        if not self.state.empty:
            self._push(State())

    def set_background(self, ink: np.ndarray, field28: np.ndarray | None = None, caption: str = "") -> None:
        """Replace the drawing with a picture (ink bright, SIZE×SIZE); undoable."""
        if self._points:
            self.end_stroke()
        ink = np.clip(np.asarray(ink, dtype=np.float32), 0.0, 1.0)
        if ink.shape != (SIZE, SIZE):
            raise ValueError(f"background must be {SIZE}x{SIZE}, got {ink.shape}")
        self._push(State(Background(ink, field28, caption)))

    def undo(self) -> None:
        if self._points:
            self.end_stroke()
        if self._undo:
            self._redo.append(self.state)
            self._set_state(self._undo.pop())

    def redo(self) -> None:
        if self._redo:
            self._undo.append(self.state)
            self._set_state(self._redo.pop())

    def set_ink_color(self, color: QColor) -> None:
        """Recolour the ink for display (the alpha, i.e. the data, is unchanged)."""
        if color == self._ink_color:
            return
        self._ink_color = QColor(color)
        painter = QPainter(self.raster)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(self.raster.rect(), self._ink_color)
        painter.end()
        self.dirty = None
        self.changed.emit()  # same ink, new colour: views repaint, predictions need not change

    def to_qimage_for_saving(self) -> QImage:
        """The drawing as dark ink on white paper (8-bit grey), the usual look of a picture of a digit."""
        ink = self.ink_array()
        gray = np.ascontiguousarray(255 - np.round(ink * 255.0).astype(np.uint8))
        image = QImage(gray.data, SIZE, SIZE, SIZE, QImage.Format.Format_Grayscale8)
        return image.copy()

    # -- internals ----------------------------------------------------------------------------
    def _push(self, state: State, repaint: bool = True) -> None:
        self._undo.append(self.state)
        del self._undo[:-UNDO_LIMIT]
        self._redo.clear()
        if repaint:
            self._set_state(state)
        else:
            self.state = state
            self._bump(self.dirty)
            self.history_changed.emit()

    def _set_state(self, state: State) -> None:
        self.state = state
        self._render()
        self._bump()
        self.history_changed.emit()

    def _bump(self, dirty: QRectF | None = None) -> None:
        self.version += 1
        self.dirty = dirty
        self.changed.emit()

    def _around(self, *points: QPointF) -> QRectF:
        """The pixels a piece of stroke through ``points`` can touch (its curve stays in their hull)."""
        xs, ys = [p.x() for p in points], [p.y() for p in points]
        margin = self._width / 2.0 + 2.0
        left, top = min(xs) - margin, min(ys) - margin
        return QRectF(left, top, max(xs) + margin - left, max(ys) + margin - top)

    def _render(self) -> None:
        """Repaint the raster from the state (after undo, redo, clear, a new picture)."""
        if self.state.background is not None:
            alpha = np.round(self.state.background.ink * 255.0).astype(np.uint8)
            color = self._ink_color
            argb = np.empty((SIZE, SIZE, 4), dtype=np.uint8)  # premultiplied B, G, R, A
            for channel, value in ((0, color.blue()), (1, color.green()), (2, color.red())):
                argb[..., channel] = (alpha.astype(np.uint16) * value // 255).astype(np.uint8)
            argb[..., 3] = alpha
            if not np.little_endian:
                argb = argb[..., ::-1]
            argb = np.ascontiguousarray(argb)
            self.raster = QImage(argb.data, SIZE, SIZE, SIZE * 4, QImage.Format.Format_ARGB32_Premultiplied).copy()
        else:
            self.raster.fill(Qt.GlobalColor.transparent)
        for stroke in self.state.strokes:
            painter = self._painter(stroke.eraser)
            self._paint_dot(painter, stroke.points[0], stroke.width_at(0))
            for index in range(1, len(stroke.points)):
                self._paint_segment(painter, stroke, index)
            self._paint_tail(painter, stroke)
            painter.end()

    def _painter(self, eraser: bool) -> QPainter:
        painter = QPainter(self.raster)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if eraser:
            # Removes ink in proportion to the pen's coverage (soft, anti-aliased edges).
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOut)
        return painter

    def _pen(self, width: float) -> QPen:
        pen = QPen(self._ink_color, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        return pen

    def _paint_dot(self, painter: QPainter, point: QPointF, width: float) -> None:
        painter.setPen(self._pen(width))
        painter.drawPoint(point)

    def _paint_segment(self, painter: QPainter, stroke: Stroke, index: int) -> None:
        """Paint the piece that point ``index`` completes: from the previous midpoint to the new one,
        bending through the previous point, so corners between mouse events become curves."""
        points = stroke.points
        previous = points[index - 1]
        start = points[0] if index == 1 else _mid(points[index - 2], previous)
        end = _mid(previous, points[index])
        path = QPainterPath(start)
        path.quadTo(previous, end)
        painter.setPen(self._pen(stroke.width_at(index)))
        painter.drawPath(path)

    def _paint_tail(self, painter: QPainter, stroke: Stroke) -> None:
        points = stroke.points
        if len(points) < 2:
            return
        path = QPainterPath(_mid(points[-2], points[-1]))
        path.lineTo(points[-1])
        painter.setPen(self._pen(stroke.width_at(len(points) - 1)))
        painter.drawPath(path)
