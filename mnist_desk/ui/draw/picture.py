"""Turning a picture (a file, the clipboard, an MNIST digit) into the canvas's ink.

The picture's polarity is found and its background removed by the core
(:func:`mnist_desk.core.preprocess.ink_from_gray`), then it is scaled to fit
the square canvas, keeping its aspect ratio. The canvas then goes through the
same preprocessing as a drawing.
"""

from __future__ import annotations

import os

import numpy as np
from PIL import Image

from ...core.errors import ImageError
from ...core.preprocess import MIN_CONTRAST, WORKING_SIDE, ink_from_gray, open_image, to_gray_array
from .document import SIZE


def fit_to_canvas(ink: np.ndarray, size: int = SIZE) -> np.ndarray:
    """Scale an ink image (any shape) to fit ``size``×``size``, centred, keeping its aspect ratio."""
    h, w = ink.shape
    scale = size / max(h, w)
    new_w, new_h = max(1, round(w * scale)), max(1, round(h * scale))
    method = Image.Resampling.BOX if scale < 1 else Image.Resampling.BICUBIC
    resized = np.asarray(Image.fromarray(np.ascontiguousarray(ink, dtype=np.float32)).resize((new_w, new_h), method),
                         dtype=np.float32)
    canvas = np.zeros((size, size), dtype=np.float32)
    top, left = (size - new_h) // 2, (size - new_w) // 2
    canvas[top:top + new_h, left:left + new_w] = np.clip(resized, 0.0, 1.0)
    return canvas


def ink_from_picture(image: Image.Image | np.ndarray) -> np.ndarray:
    """A picture of a digit (either polarity) → SIZE×SIZE ink, bright on black.

    Raises
    ------
    ImageError
        When the picture has no pixels or no ink at all.
    """
    gray = to_gray_array(image)
    if gray.ndim != 2 or gray.shape[0] < 1 or gray.shape[1] < 1:
        raise ImageError("The picture has no pixels.")
    ink, _inverted, contrast = ink_from_gray(gray)
    if contrast < MIN_CONTRAST or float(ink.max(initial=0.0)) <= 0.0:
        raise ImageError("The picture is a single flat colour: there is no digit on it.")
    return fit_to_canvas(ink)


def ink_from_file(path: str | os.PathLike[str]) -> np.ndarray:
    """Open a picture file and turn it into canvas ink (raises :class:`ImageError`).

    A very large picture is made smaller while it is opened: the canvas is 448 pixels wide.
    """
    return ink_from_picture(open_image(path, max_side=WORKING_SIDE))


def ink_from_field28(field28: np.ndarray) -> np.ndarray:
    """An MNIST 28×28 input (ink bright, 0..1) scaled up smoothly to the canvas."""
    field = np.asarray(field28, dtype=np.float32)
    if field.shape != (28, 28):
        raise ImageError("An MNIST digit is 28x28 pixels; this one is {shape}.", shape=field.shape)
    field = np.clip(np.nan_to_num(field), 0.0, 1.0)
    return fit_to_canvas(field)
