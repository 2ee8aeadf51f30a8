"""Raw filter output (any range, negatives included) as an 8-bit picture to show."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from ..errors import ConfigError
from .threads import share

DISPLAY_MODES = ("clip", "abs", "rescale")
# Numbers converted per block: a block's input and output stay in the CPU's cache.
DISPLAY_BLOCK_ELEMENTS = 32_768


def value_range(result: np.ndarray) -> tuple[float, float]:
    """The smallest and largest finite values (0, 0 when there are none)."""
    array = np.asarray(result)
    if array.size == 0:
        return 0.0, 0.0
    low, high = float(np.min(array)), float(np.max(array))
    if math.isfinite(low) and math.isfinite(high):
        return low, high
    finite = array[np.isfinite(array)]
    return (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)


def _blocked_range(rows: np.ndarray, step: int) -> tuple[float, float]:
    """Minimum and maximum in one read of memory: each block's min and max come from the cache."""
    lows: list[float] = []
    highs: list[float] = []

    def worker(take: Callable[[], int | None]) -> None:
        part_low, part_high = math.inf, -math.inf
        while (r0 := take()) is not None:
            block = rows[r0:r0 + step]
            low, high = float(block.min()), float(block.max())
            # A NaN must survive (Python's min() would drop it): it sends to_display down its careful path.
            part_low = low if (low < part_low or low != low) and part_low == part_low else part_low
            part_high = high if (high > part_high or high != high) and part_high == part_high else part_high
        lows.append(part_low)  # list.append is atomic: safe from several threads
        highs.append(part_high)

    share(worker, range(0, rows.shape[0], step), rows.size * 2)
    if any(v != v for v in lows + highs):
        return math.nan, math.nan
    return min(lows), max(highs)


def to_display(result: np.ndarray, mode: str = "clip") -> tuple[np.ndarray, float, float]:
    """Turn raw filter output (any range, negatives included) into uint8 for showing.

    Parameters
    ----------
    result
        Raw float output of :func:`convolve` or :func:`pool`.
    mode
        ``"clip"``: values below 0 become 0, above 255 become 255;
        ``"abs"``: the absolute value, clipped at 255 (edges of both signs show);
        ``"rescale"``: the minimum becomes 0 and the maximum 255, as
        ``plt.imshow(edge, cmap='gray')`` shows it in the tutorial.

    Returns
    -------
    display, minimum, maximum
        The uint8 picture (same shape) and the raw minimum and maximum.
    """
    if mode not in DISPLAY_MODES:
        raise ConfigError("Unknown display mode {mode!r}; choose one of: {choices}.",
                          mode=mode, choices=", ".join(DISPLAY_MODES))
    array = np.asarray(result, dtype=np.float32)
    display = np.empty(array.shape, dtype=np.uint8)
    if array.size == 0:
        return display, 0.0, 0.0
    flat_in = array.reshape(array.shape[0], -1)
    flat_out = display.reshape(array.shape[0], -1)
    step = max(1, DISPLAY_BLOCK_ELEMENTS // flat_in.shape[1])
    low, high = _blocked_range(flat_in, step)
    finite = math.isfinite(low) and math.isfinite(high)
    if not finite:  # an overflow somewhere: range over the finite values, NaN shown as 0
        low, high = value_range(array)
    scale = 255.0 / (high - low) if high > low else 0.0
    # Rescaled values land in 0.5 … 255.5 by construction: no clip needed, one multiply-add, then truncation.
    bias = np.float32(0.5 - low * scale)

    def worker(take: Callable[[], int | None]) -> None:
        scratch = np.empty((step, flat_in.shape[1]), dtype=np.float32)
        while (r0 := take()) is not None:
            r1 = min(r0 + step, flat_in.shape[0])
            source, tmp = flat_in[r0:r1], scratch[:r1 - r0]
            if mode == "rescale" and finite:
                np.multiply(source, np.float32(scale), out=tmp)
                np.add(tmp, bias, out=tmp)
            else:
                if mode == "rescale":
                    np.subtract(source, np.float32(low), out=tmp)
                    np.multiply(tmp, np.float32(scale), out=tmp)
                    np.clip(tmp, 0.0, 255.0, out=tmp)
                elif mode == "abs":
                    np.abs(source, out=tmp)
                    np.minimum(tmp, np.float32(255.0), out=tmp)
                else:
                    np.clip(source, 0.0, 255.0, out=tmp)
                if not finite:
                    np.nan_to_num(tmp, copy=False, posinf=255.0, neginf=0.0)
                np.add(tmp, np.float32(0.5), out=tmp)  # round to nearest, then truncate
            np.copyto(flat_out[r0:r1], tmp, casting="unsafe")

    share(worker, range(0, flat_in.shape[0], step), array.size * 4)
    return display, low, high
