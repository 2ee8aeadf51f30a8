"""A picture of a digit as the Draw tab's canvas holds it, and the network input the Draw tab makes of it.

The Draw tab keeps a drawing (or an opened picture) as *ink* on a square
canvas of :data:`CANVAS_SIZE` pixels: float32 in 0..1, ink bright on black.
A picture is put there by :func:`ink_from_picture` (its polarity found and its
paper removed by :func:`~mnist_desk.core.preprocess.ink_from_gray`, then scaled
to fit, keeping its aspect ratio); the live answer then preprocesses a copy
made :data:`DRAW_DOWNSCALE` times smaller by averaging (MNIST's recipe on a
112×112 copy: the same answer, four times fewer pixels).

:func:`drawing_input` does all of that to a picture file's pixels, so that a
handwriting set is read by evaluation and training exactly as the Draw tab
reads the same picture opened on its canvas.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from .errors import ImageError
from .preprocess import MIN_CONTRAST, Preprocessed, ink_from_gray, preprocess, to_gray_array

CANVAS_SIZE = 448  # 16 × 28: fine enough for smooth strokes, small enough to preprocess in ~1 ms
DRAW_DOWNSCALE = 4  # the Draw tab preprocesses a 112×112 copy of the canvas


def fit_to_canvas(ink: np.ndarray, size: int = CANVAS_SIZE) -> np.ndarray:
    """Scale an ink image (any shape) to fit ``size``×``size``, centred, keeping its aspect ratio.

    Parameters
    ----------
    ink
        float32 (H, W), ink bright, 0..1.
    size
        The side of the square canvas.

    Returns
    -------
    numpy.ndarray
        float32 (size, size) in 0..1.
    """
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
    """A picture of a digit (either polarity) → canvas ink, bright on black, :data:`CANVAS_SIZE` a side.

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


def downscale(ink: np.ndarray, factor: int = DRAW_DOWNSCALE) -> np.ndarray:
    """Average ``factor``×``factor`` blocks (a box filter, as MNIST's own anti-aliasing).

    Parameters
    ----------
    ink
        float32 (H, W) with H and W multiples of ``factor``.
    factor
        How many times smaller.

    Returns
    -------
    numpy.ndarray
        float32 (H / factor, W / factor).
    """
    h, w = ink.shape
    if factor < 1 or h % factor or w % factor:
        raise ValueError(f"cannot shrink {h}x{w} pixels {factor} times")
    return ink.reshape(h // factor, factor, w // factor, factor).mean(axis=(1, 3), dtype=np.float32)


def drawing_input(image: Image.Image | np.ndarray) -> Preprocessed:
    """The network's input for a picture, made as the Draw tab makes it when the picture is on its canvas.

    Parameters
    ----------
    image
        A picture of one digit, either polarity (a drawing saved by the app is
        dark ink on white).

    Returns
    -------
    Preprocessed
        MNIST's recipe on the canvas ink made :data:`DRAW_DOWNSCALE` times
        smaller; ``field28`` is the input, ``empty`` says there is no digit.

    Raises
    ------
    ImageError
        When the picture has no pixels or is one flat colour.
    """
    return preprocess(downscale(ink_from_picture(image)), mnist_recipe=True)
