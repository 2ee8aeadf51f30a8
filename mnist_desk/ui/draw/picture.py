"""Turning a picture (a file, the clipboard, an MNIST digit) into the canvas's ink.

The core does the work (:mod:`mnist_desk.core.canvas_ink`, shared with the
reading of handwriting sets, so that a set's picture is read exactly as this
canvas reads it); the canvas then goes through the same preprocessing as a
drawing.
"""

from __future__ import annotations

import os

import numpy as np

from ...core.canvas_ink import fit_to_canvas, ink_from_picture
from ...core.errors import ImageError
from ...core.preprocess import WORKING_SIDE, open_image

__all__ = ["fit_to_canvas", "ink_from_field28", "ink_from_file", "ink_from_picture"]


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
