"""The padded picture, as ``nn.Conv2d`` pads it, one piece at a time.

A convolution reads the picture with ``padding`` extra pixels on each side,
holding zeros or copies of the picture's own pixels (``padding_mode``).
:func:`fill_padded` writes any rectangle of that padded picture into an
array, converted to float32: :mod:`.conv` fills each tile's input this way,
and the Filter Lab's hover arithmetic (:func:`.windows.conv_window`) the
k × k numbers under the kernel, so both read exactly the same numbers.
Coordinates are *padded* ones: row 0 is the first padding row.
"""

from __future__ import annotations

import numpy as np


def pad_index(index: np.ndarray, size: int, mode: str) -> np.ndarray:
    """Which picture row (or column) each of ``index`` reads, per padding mode; −1: a zero outside the picture.

    ``index`` counts from the picture's first row, so padding rows are below 0
    or from ``size`` on. ``"reflect"`` mirrors without repeating the edge
    pixel (−1 reads 1), ``"replicate"`` repeats it, ``"circular"`` wraps.
    """
    index = np.asarray(index)
    if mode == "zeros":
        return np.where((index >= 0) & (index < size), index, -1)
    if mode == "replicate":
        return np.clip(index, 0, size - 1)
    if mode == "circular":
        return np.mod(index, size)
    if mode == "reflect":
        if size == 1:
            return np.zeros_like(index)
        period = 2 * (size - 1)
        folded = np.mod(index, period)
        return np.where(folded < size, folded, period - folded)
    raise ValueError(f"unknown padding mode {mode!r}")


def _on_picture(first: int, count: int, size: int) -> tuple[int, int]:
    """The positions [start, stop) of ``count`` that read picture lines ``first``, ``first + 1`` … inside 0 … size."""
    start = min(max(0, -first), count)
    return start, max(min(count, size - first), start)


def fill_padded(target: np.ndarray, plane: np.ndarray, top: int, left: int, padding: int, mode: str) -> None:
    """Write the padded picture's rectangle at (``top``, ``left``), of ``target``'s shape, into ``target``.

    Parameters
    ----------
    target
        (rows, columns) float32 array to fill (a view into a larger buffer is fine).
    plane
        (H, W) picture of any numeric dtype.
    top, left
        Where the rectangle starts, in padded coordinates.
    padding, mode
        As :func:`mnist_desk.core.filters.convolve` takes them.
    """
    height, width = plane.shape
    rows, cols = target.shape
    first_row, first_col = top - padding, left - padding  # the picture pixel target[0, 0] stands for
    r0, r1 = _on_picture(first_row, rows, height)
    c0, c1 = _on_picture(first_col, cols, width)
    if r1 > r0 and c1 > c0:  # the part on the picture: one copy (and conversion)
        target[r0:r1, c0:c1] = plane[first_row + r0:first_row + r1, first_col + c0:first_col + c1]
    if (r0, r1, c0, c1) == (0, rows, 0, cols):
        return  # wholly on the picture: the usual case
    if mode == "zeros":
        target[:r0] = 0.0
        target[r1:] = 0.0
        target[r0:r1, :c0] = 0.0
        target[r0:r1, c1:] = 0.0
        return
    source_rows = pad_index(np.arange(first_row, first_row + rows), height, mode)
    source_cols = pad_index(np.arange(first_col, first_col + cols), width, mode)
    beside = np.r_[0:c0, c1:cols]
    if beside.size and r1 > r0:  # left and right of the picture, on its rows
        target[r0:r1, beside] = plane[first_row + r0:first_row + r1][:, source_cols[beside]]
    for part in (slice(0, r0), slice(r1, rows)):  # above and below it
        if part.stop > part.start:
            target[part] = plane[np.ix_(source_rows[part], source_cols)]


def padded_region(plane: np.ndarray, rows: tuple[int, int], cols: tuple[int, int], padding: int,
                  mode: str) -> np.ndarray:
    """The padded picture's rows ``rows`` = (start, stop) and columns ``cols``, as a new float32 array."""
    region = np.empty((rows[1] - rows[0], cols[1] - cols[0]), dtype=np.float32)
    fill_padded(region, plane, rows[0], cols[0], padding, mode)
    return region
