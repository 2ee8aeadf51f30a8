"""The drawing surface: mouse, pen tablet and touch input onto a :class:`Document`.

The document is a fixed square raster; the widget shows it as large as fits,
centred, and maps pointer positions into document pixels. The left mouse
button (or the pen's tip) draws, the right button (or the pen's eraser end)
erases; a tablet's pressure thins the stroke. (The keys 0–9, which say which
digit the drawing is meant to be, are the whole Draw tab's: :mod:`.meant`.)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPointingDevice,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from .document import SIZE, Document

MIN_PEN, MAX_PEN, DEFAULT_PEN = 4, 80, 30


class Canvas(QWidget):
    """Shows a :class:`Document` and turns pointer input into strokes."""

    stroke_finished = Signal()

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawCanvas")
        self.document = document
        self.pen_width = float(DEFAULT_PEN)
        self.eraser = False
        self._hover: QPointF | None = None
        self._touch_id: int | None = None
        self.setMouseTracking(True)  # for the pen-size outline under the pointer
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(220, 220)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(self.tr("Draw one digit. Left button: pen, right button: eraser."))
        self.setAccessibleName(self.tr("Drawing canvas"))
        document.changed.connect(self._on_document_changed)
        self._sync_ink_color()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(460, 460)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return width

    def resizeEvent(self, event) -> None:  # noqa: N802
        # Never taller than wide: spare height goes below the buttons under the canvas, not
        # between the paper and them.
        self.setMaximumHeight(max(self.minimumHeight(), self.width() + 2))
        super().resizeEvent(event)

    # -- geometry -----------------------------------------------------------------------------
    def paper_rect(self) -> QRectF:
        """Where the document is shown, in widget coordinates (a square, centred across)."""
        side = max(1.0, min(self.width(), self.height()) - 2.0)
        # Top-aligned: any spare height goes below, next to the caption and buttons.
        return QRectF((self.width() - side) / 2.0, 1.0, side, side)

    def to_document(self, point: QPointF) -> QPointF:
        rect = self.paper_rect()
        scale = SIZE / rect.width()
        return QPointF((point.x() - rect.left()) * scale, (point.y() - rect.top()) * scale)

    def to_widget(self, point: QPointF) -> QPointF:
        """Document pixels → widget coordinates (tests and scripts draw through this)."""
        rect = self.paper_rect()
        scale = rect.width() / SIZE
        return QPointF(rect.left() + point.x() * scale, rect.top() + point.y() * scale)

    def _on_document_changed(self) -> None:
        dirty = self.document.dirty
        if dirty is None:
            self.update()
            return
        top_left, bottom_right = self.to_widget(dirty.topLeft()), self.to_widget(dirty.bottomRight())
        self.update(QRectF(top_left, bottom_right).toAlignedRect().adjusted(-2, -2, 2, 2))

    # -- input --------------------------------------------------------------------------------
    def _begin(self, position: QPointF, eraser: bool, pressure: float | None = None) -> None:
        self.document.begin_stroke(self.to_document(position), self.pen_width, eraser or self.eraser, pressure)

    def _move(self, position: QPointF, pressure: float | None = None) -> None:
        self._hover = position
        if self.document.drawing:
            self.document.extend_stroke(self.to_document(position), pressure)
        else:
            self.update()

    def _end(self) -> None:
        if self.document.drawing:
            self.document.end_stroke()
            self.stroke_finished.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            self._begin(event.position(), event.button() == Qt.MouseButton.RightButton)
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._move(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802
        # Accepting the event stops Qt from also sending the mouse event it would synthesize.
        eraser_end = event.pointerType() == QPointingDevice.PointerType.Eraser
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position(), eraser_end, event.pressure())
        elif kind == QEvent.Type.TabletMove:
            self._move(event.position(), event.pressure())
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                    QEvent.Type.TouchCancel):
            self._touch(event)  # type: ignore[arg-type]
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        # One finger draws; further fingers are ignored rather than drawing lines between them.
        points = event.points()
        kind = event.type()
        if kind == QEvent.Type.TouchBegin and points:
            self._touch_id = points[0].id()
            self._begin(points[0].position(), False)
        elif kind == QEvent.Type.TouchUpdate:
            for point in points:
                if point.id() == self._touch_id:
                    self._move(point.position())
        else:
            self._touch_id = None
            self._end()
        event.accept()

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        self._hover = None
        self.update()
        super().leaveEvent(event)

    # -- look ---------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            self._sync_ink_color()
        super().changeEvent(event)

    def _sync_ink_color(self) -> None:
        # Ink in the palette's text colour on its base colour: dark on light, or light on dark.
        self.document.set_ink_color(self.palette().color(QPalette.ColorRole.Text))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        rect = self.paper_rect()
        palette = self.palette()
        painter.fillRect(rect, palette.color(QPalette.ColorRole.Base))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(rect, self.document.raster)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = QColor(palette.color(QPalette.ColorRole.Mid))
        painter.setPen(QPen(frame, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
        if self.document.is_empty:
            hint = QColor(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.setPen(hint)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter,
                             self.tr("Draw a digit here\nor drop a picture of one"))
        if self._hover is not None and rect.contains(self._hover) and not self.document.drawing:
            radius = self.pen_width * rect.width() / SIZE / 2.0
            painter.setPen(QPen(frame, 1, Qt.PenStyle.DotLine))
            painter.drawEllipse(self._hover, radius, radius)
        painter.end()
