"""Converting between numpy arrays and Qt images (grayscale), shared by every tab."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QImage, QPainter


def gray_to_qimage(array: np.ndarray, fmt: QImage.Format | None = None) -> QImage:
    """(H, W) array → an 8-bit grayscale QImage (or one converted to ``fmt``) that owns its pixels.

    Floats are taken as 0..1 and clipped; uint8 is used as is.
    """
    if array.dtype != np.uint8:
        array = (np.clip(np.nan_to_num(array.astype(np.float32)), 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)
    array = np.ascontiguousarray(array)
    height, width = array.shape
    image = QImage(array.data, width, height, array.strides[0], QImage.Format.Format_Grayscale8)
    return _detached(image, fmt)


def _detached(image: QImage, fmt: QImage.Format | None) -> QImage:
    # A copy or a conversion detaches the image from the numpy buffer, which may be freed.
    return image.copy() if fmt is None or fmt == image.format() else image.convertToFormat(fmt)


def rgb_to_qimage(array: np.ndarray, fmt: QImage.Format | None = None) -> QImage:
    """(H, W, 3) uint8 array → an RGB888 QImage (or one converted to ``fmt``) that owns its pixels."""
    array = np.ascontiguousarray(array.astype(np.uint8))
    height, width, _ = array.shape
    image = QImage(array.data, width, height, array.strides[0], QImage.Format.Format_RGB888)
    return _detached(image, fmt)


def qimage_to_gray(image: QImage) -> np.ndarray:
    """Any QImage → float32 (H, W) grayscale in 0..1 (as drawn: no inversion)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height = gray.width(), gray.height()
    buffer = np.frombuffer(gray.constBits(), dtype=np.uint8, count=gray.bytesPerLine() * height)
    return buffer.reshape(height, gray.bytesPerLine())[:, :width].astype(np.float32) / 255.0


def picture_to_gray(image: QImage, max_side: int) -> np.ndarray:
    """A pasted or dropped picture → float32 grayscale in 0..1, as a viewer shows it.

    Transparent pixels are paper (the picture is flattened onto white), and a
    picture larger than ``max_side`` is made smaller first, as a file would be
    (:data:`mnist_desk.core.preprocess.WORKING_SIDE`).
    """
    if max(image.width(), image.height()) > max_side:
        image = image.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    if image.hasAlphaChannel():
        flat = QImage(image.size(), QImage.Format.Format_RGB32)
        flat.fill(Qt.GlobalColor.white)
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        image = flat
    return qimage_to_gray(image)


def png_bytes(image: QImage) -> bytes:
    """``image`` encoded as a PNG file, in memory (written to disk atomically by the caller)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())
