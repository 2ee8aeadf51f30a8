"""Small labelled pictures: a 28x28 input, a crop, a mosaic of feature maps."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from .fixed_text import fix_text_height
from .images import gray_to_qimage, rgb_to_qimage


class ImageView(QWidget):
    """Paints an image as large as fits, keeping its aspect ratio, pixels kept sharp."""

    def __init__(self, side: int = 96, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.placeholder = ""
        self._side = side
        self.smooth = False
        # When set, the image is scaled as if it were this many pixels a side: views of a
        # 20×20 fit and a 28×28 field then show their pixels at the same size.
        self.reference_size: int | None = None
        self.setMinimumSize(side // 2, side // 2)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        # Paints its whole rectangle (see paintEvent): Qt need not repaint what lies behind.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:  # noqa: N802
        # Independent of the image: a crop that changes shape under the pen must not make the
        # whole tab lay itself out (and repaint) again at every frame.
        return QSize(self._side, self._side)

    def set_array(self, array: np.ndarray | None) -> None:
        """A (H, W) float/uint8 gray array or (H, W, 3) uint8 RGB array; None clears."""
        if array is None or array.size == 0:
            self.image = None
        else:
            # Converted once here: the raster engine scales RGB32 about 4 × faster than
            # grayscale, which it would convert again at every paint.
            to_image = rgb_to_qimage if array.ndim == 3 else gray_to_qimage
            self.image = to_image(array, QImage.Format.Format_RGB32)
        self.update()

    def image_rect(self) -> QRectF:
        """Where the image is painted, in widget coordinates (empty without an image)."""
        if self.image is None:
            return QRectF()
        w, h = self.image.width(), self.image.height()
        if self.reference_size:
            scale = min(self.width(), self.height()) / self.reference_size
        else:
            scale = min(self.width() / w, self.height() / h)
        if not self.smooth and scale >= 1:
            # Whole device pixels per image pixel look crisp on any screen (HiDPI included).
            ratio = self.devicePixelRatioF()
            scale = max(1.0, int(scale * ratio)) / ratio
        return QRectF((self.width() - w * scale) / 2, (self.height() - h * scale) / 2, w * scale, h * scale)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(self.backgroundRole()))
        if self.image is None:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            painter.end()
            return
        target = self.image_rect()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self.smooth)
        painter.drawImage(target, self.image)
        frame = QColor(palette.color(QPalette.ColorRole.Mid))
        painter.setPen(QPen(frame, 1))
        painter.drawRect(target.adjusted(-0.5, -0.5, 0.5, 0.5))
        painter.end()


class LabelledImage(QWidget):
    """An :class:`ImageView` with a caption underneath."""

    def __init__(self, caption: str, side: int = 96, parent: QWidget | None = None,
                 view: ImageView | None = None) -> None:
        super().__init__(parent)
        self.view = view if view is not None else ImageView(side, self)
        self.view.setParent(self)
        self.caption = QLabel(caption, self)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.caption.setWordWrap(True)
        fix_text_height(self.caption, 3 if side >= 130 else 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption, 0)
        self._shown: np.ndarray | None = None

    def set_array(self, array: np.ndarray | None) -> None:
        self.view.set_array(array)
        self._shown = array

    def set_array_if_new(self, array: np.ndarray | None) -> None:
        """Like :meth:`set_array`, but nothing is converted or repainted for the very same array."""
        if array is None or array is not self._shown:
            self.view.set_array(array)
        self._shown = array

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
