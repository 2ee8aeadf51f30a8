"""Where each result pixel comes from, and the arithmetic behind one (the tutorial's section 1.1).

The Filter Lab shows the result beside the picture at the same zoom
(:func:`result_geometry`), outlines the pixels a result pixel reads
(:func:`receptive_field`) and, under the mouse, its multiplications
(:func:`conv_window`, :func:`pool_window`). The numbers under the kernel come
from the same padding code the convolution reads (:mod:`.padding`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .padding import padded_region
from .pipeline import FilterSettings

# -- where result pixels come from -----------------------------------------------------------

def result_geometry(settings: FilterSettings) -> tuple[float, float]:
    """(scale, offset): result pixel x covers picture x·scale + offset … (x + 1)·scale + offset.

    Each result pixel is drawn centred on the middle of the picture area it
    is computed from, one stride (× pooling stride) wide, so the picture and
    the result can be shown aligned at the same zoom.
    """
    if settings.convolves:
        size, stride, pad = settings.kernel_size, settings.stride, settings.padding_pixels
    else:
        size, stride, pad = 1, 1, 0
    window, step = (settings.pool_size, settings.pool_step) if settings.pool is not None else (1, 1)
    scale = stride * step
    return float(scale), ((window - 1) * stride + size - scale) / 2.0 - pad


def receptive_field(settings: FilterSettings, row: int, col: int) -> tuple[int, int, int, int]:
    """(top, left, bottom, right) in picture pixels (bottom/right exclusive) that result pixel (row, col) reads.

    May reach outside the picture where padding is read.
    """
    if settings.convolves:
        size, stride, pad = settings.kernel_size, settings.stride, settings.padding_pixels
    else:
        size, stride, pad = 1, 1, 0
    window, step = (settings.pool_size, settings.pool_step) if settings.pool is not None else (1, 1)
    top, left = row * step * stride - pad, col * step * stride - pad
    extent = (window - 1) * stride + size
    return top, left, top + extent, left + extent


@dataclass
class ConvWindow:
    """The arithmetic of one convolution output pixel (the tutorial's section 1.1).

    ``values`` are the k × k numbers under the kernel (padding included,
    marked in ``from_padding``), ``products`` values × kernel, ``total``
    their sum and ``value`` = total / divisor + offset, the output pixel.
    """

    row: int
    col: int
    top: int
    left: int
    values: np.ndarray
    from_padding: np.ndarray
    kernel: np.ndarray
    products: np.ndarray
    total: float
    divisor: float | None
    offset: float
    value: float


def conv_window(plane: np.ndarray, settings: FilterSettings, row: int, col: int) -> ConvWindow:
    """The window under the kernel for convolution output pixel (row, col) of ``plane`` ((H, W))."""
    kernel = settings.kernel_array()
    size, stride, pad = kernel.shape[0], settings.stride, settings.padding_pixels
    height, width = plane.shape
    top, left = row * stride - pad, col * stride - pad
    # In padded coordinates the window starts at (row, col) × stride.
    values = padded_region(plane, (row * stride, row * stride + size), (col * stride, col * stride + size), pad,
                           settings.padding_mode)
    inside_rows = (np.arange(top, top + size) >= 0) & (np.arange(top, top + size) < height)
    inside_cols = (np.arange(left, left + size) >= 0) & (np.arange(left, left + size) < width)
    from_padding = ~(inside_rows[:, None] & inside_cols[None, :])
    products = values * kernel
    total = float(products.sum(dtype=np.float64))
    value = total / settings.divisor if settings.divisor is not None else total
    value += settings.offset
    return ConvWindow(row, col, top, left, values, from_padding, kernel, products, total,
                      settings.divisor, settings.offset, value)


@dataclass
class PoolWindow:
    """One pooling output pixel: the window's values and what it keeps.

    ``pick`` is the (row, col) of the maximum inside the window for max
    pooling (the first one on a tie, as PyTorch), ``None`` for average.
    """

    row: int
    col: int
    top: int
    left: int
    values: np.ndarray
    kind: str
    value: float
    pick: tuple[int, int] | None


def pool_window(source: np.ndarray, settings: FilterSettings, row: int, col: int) -> PoolWindow:
    """The pooling window of result pixel (row, col) over ``source`` ((H, W): what was pooled)."""
    window, step = settings.pool_size, settings.pool_step
    top, left = row * step, col * step
    values = np.asarray(source[top:top + window, left:left + window], dtype=np.float32)
    if settings.pool == "max":
        flat = int(np.argmax(values))
        pick = (flat // values.shape[1], flat % values.shape[1])
        return PoolWindow(row, col, top, left, values, "max", float(values.max()), pick)
    return PoolWindow(row, col, top, left, values, "avg", float(values.mean(dtype=np.float64)), None)
