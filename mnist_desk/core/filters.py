"""Convolution and pooling on pictures, as the tutorial's section 1 does them.

:func:`convolve` gives the same numbers as the tutorial's ``nn.Conv2d`` with
one input and one output channel and ``bias=False``: a cross-correlation, the
kernel *not* flipped, with the same stride, padding and padding modes.
:func:`pool` gives what ``nn.MaxPool2d`` / ``nn.AvgPool2d`` give.

Why not torch's ``conv2d``: it takes 300-470 ms on a one-channel 4000 × 3000
picture (its CPU kernels are built for many channels), while a picture must
be filtered in well under 150 ms to feel live. The work is done by a compiled
one-pass kernel when one is built (:mod:`filter_compiled`, made by torch's
AOTInductor ahead of time), else by :mod:`filter_engine` as shifted
multiply-adds in float32, kept in the CPU cache; ``bench/filter_speed.py``
compares both with OpenCV's ``filter2D``. This module itself does not import
torch; the compiled kernels and :mod:`filter_gemm` load it on first use.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .errors import ConfigError, ImageError, Word
from . import filter_engine
from .filter_engine import Strategy, choose_strategy, run_row_parts, strided_blocks
from . import filter_compiled, filter_gemm
from .filter_flat import flat_blocks
from .filter_gemm import gemm_blocks

PADDING_MODES = ("zeros", "reflect", "replicate", "circular")
POOL_KINDS = ("max", "avg")
DISPLAY_MODES = ("clip", "abs", "rescale")
MAX_KERNEL_SIZE = 15
MIN_DIVISOR = 1e-6  # |divisor| below this turns float32 sums into infinities
# Rows of the display conversion done per block (kept in the cache, see filter_engine).
DISPLAY_BLOCK_ELEMENTS = 32_768

# -- checking arguments ----------------------------------------------------------------------

def check_kernel(kernel: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
    """A kernel as a float32 (k, k) array, or a :class:`ConfigError` saying what is wrong.

    The kernel must be square, of odd size from 1 to 15, with finite numbers.
    """
    try:
        array = np.array(kernel, dtype=np.float64)
    except (TypeError, ValueError):
        raise ConfigError("The kernel must be a square grid of numbers.") from None
    if array.ndim != 2 or array.shape[0] != array.shape[1] or array.shape[0] == 0:
        raise ConfigError("The kernel must be square; got shape {shape}.", shape=array.shape)
    size = array.shape[0]
    if size % 2 == 0 or size > MAX_KERNEL_SIZE:
        raise ConfigError("The kernel size must be odd and at most {most}; got {size}×{size}.",
                          most=MAX_KERNEL_SIZE, size=size)
    if not np.isfinite(array).all():
        raise ConfigError("The kernel holds a number that is not finite (NaN or infinity).")
    return array.astype(np.float32)


def _check_count(value: int, name: Word, low: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
        raise ConfigError("The {name} must be a whole number of at least {low}; got {value!r}.",
                          name=name, low=low, value=value)
    return int(value)


def resolve_padding(padding: int | str, kernel_size: int, stride: int = 1) -> int:
    """Padding as pixels on each side: an int, ``"valid"`` (0) or ``"same"`` ((k-1)/2, stride 1 only).

    PyTorch refuses ``padding="same"`` with a stride above 1, and so does this.
    """
    if isinstance(padding, str):
        if padding == "valid":
            return 0
        if padding == "same":
            if stride != 1:
                raise ConfigError("Padding 'same' works with stride 1 only (as in PyTorch); give the padding in pixels.")
            return (kernel_size - 1) // 2
        raise ConfigError("Unknown padding {padding!r}: give a number of pixels, 'same' or 'valid'.", padding=padding)
    return _check_count(padding, Word("padding"), low=0)


def conv_output_size(size: int, kernel_size: int, stride: int, padding: int) -> int:
    """PyTorch's output length: floor((size + 2·padding − kernel) / stride) + 1 (≤ 0: too small)."""
    span = size + 2 * padding - kernel_size
    return span // stride + 1 if span >= 0 else 0


def check_fits(height: int, width: int, size: int, stride: int, padding: int, mode: str) -> None:
    """Raise :class:`ImageError` unless a (height, width) picture can be convolved this way.

    The kernel must fit inside the padded picture, and reflect / circular
    padding need a picture larger than the padding (PyTorch's rules).
    """
    if conv_output_size(height, size, stride, padding) < 1 or conv_output_size(width, size, stride, padding) < 1:
        if padding:
            raise ImageError("The picture ({height} × {width}) is smaller than the {size}×{size} kernel even "
                             "with {pad} pixel(s) of padding: add padding (e.g. 'same') or use a larger picture.",
                             height=height, width=width, size=size, pad=padding)
        raise ImageError("The picture ({height} × {width}) is smaller than the {size}×{size} kernel without "
                         "padding: add padding (e.g. 'same') or use a larger picture.",
                         height=height, width=width, size=size)
    if mode == "reflect" and padding >= min(height, width):
        raise ImageError("Reflect padding of {pad} needs a picture wider and taller than the padding "
                         "(this one is {height} × {width}), as in PyTorch: use less padding or another "
                         "padding mode.", pad=padding, height=height, width=width)
    if mode == "circular" and padding > min(height, width):
        raise ImageError("Circular padding of {pad} needs a picture at least as wide and as tall as the padding "
                         "(this one is {height} × {width}), as in PyTorch: use less padding or another "
                         "padding mode.", pad=padding, height=height, width=width)


def pool_output_size(size: int, window: int, stride: int) -> int:
    """PyTorch's pooled length (no padding, floor): floor((size − window) / stride) + 1."""
    return (size - window) // stride + 1 if size >= window else 0


def _as_planes(image: np.ndarray) -> np.ndarray:
    array = np.asarray(image)
    if array.ndim not in (2, 3) or array.shape[0] < 1 or array.shape[1] < 1:
        raise ImageError("A picture must be a (height, width) or (height, width, channels) array; got shape {shape}.",
                         shape=array.shape)
    if array.dtype.kind not in "biuf":
        raise ImageError("A picture must hold numbers; got {dtype}.", dtype=str(array.dtype))
    return array


# -- convolution -----------------------------------------------------------------------------

def convolve(image: np.ndarray, kernel: Sequence[Sequence[float]] | np.ndarray, *, stride: int = 1,
             padding: int | str = 0, padding_mode: str = "zeros", divisor: float | None = None,
             offset: float = 0.0) -> np.ndarray:
    """Slide ``kernel`` over ``image`` the way ``nn.Conv2d(1, 1, k, bias=False)`` does.

    Parameters
    ----------
    image
        (H, W) array, or (H, W, C) filtered one channel at a time; any
        numeric dtype (the tutorial's is float32 with values 0..255).
    kernel
        Square (k, k) numbers, k odd (3 and 5 are the usual sizes). Applied
        as a cross-correlation, not flipped, exactly as ``nn.Conv2d``.
    stride
        Step of the kernel, in pixels, both ways.
    padding
        Pixels added on each side: an int, ``"valid"`` (none) or ``"same"``
        (keeps the size; stride 1 only, as in PyTorch).
    padding_mode
        ``"zeros"`` (the tutorial's), ``"reflect"``, ``"replicate"`` or
        ``"circular"``, as ``nn.Conv2d``'s ``padding_mode``.
    divisor
        Divide each sum by this (``None``: no division). 0 is refused.
    offset
        Added after dividing.

    Returns
    -------
    numpy.ndarray
        float32 (H', W') or (H', W', C) with H' = floor((H + 2·padding − k) /
        stride) + 1, as PyTorch computes it.

    Raises
    ------
    ConfigError
        For a bad kernel, stride, padding, mode or divisor.
    ImageError
        For a picture smaller than the kernel (after padding), or too small
        for the reflect/circular padding asked for.
    """
    weights = check_kernel(kernel)
    size = weights.shape[0]
    stride = _check_count(stride, Word("stride"))
    pad = resolve_padding(padding, size, stride)
    if padding_mode not in PADDING_MODES:
        raise ConfigError("Unknown padding mode {mode!r}; choose one of: {choices}.",
                          mode=padding_mode, choices=", ".join(PADDING_MODES))
    if divisor is not None:
        divisor = float(divisor)
        if divisor == 0 or not math.isfinite(divisor):
            raise ConfigError("The divisor must be a finite number other than 0.")
        if abs(divisor) < MIN_DIVISOR:
            # float32 sums divided by less overflow to infinity (or lose their digits on the way).
            raise ConfigError("The divisor {divisor:g} is too close to 0: use at least {least:g} either way.",
                              divisor=divisor, least=MIN_DIVISOR)
    offset = float(offset)
    if not math.isfinite(offset):
        raise ConfigError("The offset must be a finite number.")
    array = _as_planes(image)
    height, width = array.shape[:2]
    check_fits(height, width, size, stride, pad, padding_mode)
    out_h, out_w = conv_output_size(height, size, stride, pad), conv_output_size(width, size, stride, pad)
    if array.ndim == 3:
        planes = [_convolve_plane(array[..., c], weights, stride, pad, padding_mode, divisor, offset, out_h, out_w)
                  for c in range(array.shape[2])]
        return np.stack(planes, axis=-1)
    return _convolve_plane(array, weights, stride, pad, padding_mode, divisor, offset, out_h, out_w)


@lru_cache(maxsize=32)
def _strategy_for(kernel_bytes: bytes, size: int, stride: int) -> Strategy:
    # Worked out once per kernel: a colour picture's channels, and the same kernel again, reuse it.
    return choose_strategy(np.frombuffer(kernel_bytes, dtype=np.float32).reshape(size, size), stride)


def _convolve_plane(plane: np.ndarray, kernel: np.ndarray, stride: int, padding: int, mode: str,
                    divisor: float | None, offset: float, out_h: int, out_w: int) -> np.ndarray:
    """Convolve one (H, W) plane with checked arguments: a compiled kernel when one is built, else
    flat passes at stride 1, strided views otherwise."""
    out = np.empty((out_h, out_w), dtype=np.float32)
    if filter_compiled.convolve_plane(plane, kernel, stride, padding, mode, divisor, offset, out):
        return out
    size = kernel.shape[0]
    strategy = _strategy_for(np.ascontiguousarray(kernel, dtype=np.float32).tobytes(), size, stride)
    passes = strategy.passes
    if stride == 1:
        rows_per_block = max(1, filter_engine.BLOCK_ELEMENTS // (plane.shape[1] + 2 * padding))
        work = flat_blocks(plane, size, strategy, padding, mode, divisor, offset, out, rows_per_block)
        if filter_gemm.worth_it(kernel, passes, out_h * out_w):
            # torch spreads each product over its own threads: no row parts needed.
            gemm_blocks(plane, kernel, padding, mode, divisor, offset, out, fallback=work)(0, out_h)
            return out
    else:
        work = strided_blocks(plane, size, strategy, stride, padding, mode, divisor, offset, out)
    run_row_parts(out_h, work, out_h * out_w * max(passes, 1))
    return out


# -- pooling, ReLU, display ------------------------------------------------------------------

def pool(image: np.ndarray, kind: str = "max", size: int = 2, stride: int | None = None) -> np.ndarray:
    """Max or average pooling, as ``nn.MaxPool2d(size, stride)`` / ``nn.AvgPool2d(size, stride)``.

    Parameters
    ----------
    image
        (H, W) or (H, W, C) (each channel pooled on its own).
    kind
        ``"max"`` or ``"avg"``.
    size
        Side of the square pooling window.
    stride
        Step of the window; ``None`` means ``size`` (PyTorch's default).

    Returns
    -------
    numpy.ndarray
        float32, (floor((H − size) / stride) + 1, floor((W − size) / stride) + 1[, C]):
        the tutorial's 886 × 878 picture gives 443 × 439 with a 2 × 2 window.
    """
    if kind not in POOL_KINDS:
        raise ConfigError("Unknown pooling {kind!r}; choose 'max' or 'avg'.", kind=kind)
    size = _check_count(size, Word("pooling size"))
    stride = size if stride is None else _check_count(stride, Word("pooling stride"))
    array = _as_planes(image)
    height, width = array.shape[:2]
    out_h, out_w = pool_output_size(height, size, stride), pool_output_size(width, size, stride)
    if out_h < 1 or out_w < 1:
        raise ImageError("The picture ({height} × {width}) is smaller than the {size}×{size} pooling window.",
                         height=height, width=width, size=size)
    span_h, span_w = (out_h - 1) * stride + 1, (out_w - 1) * stride + 1
    out = array[0:span_h:stride, 0:span_w:stride].astype(np.float32, copy=True)
    combine = np.maximum if kind == "max" else np.add
    for di in range(size):
        for dj in range(size):
            if di or dj:
                combine(out, array[di:di + span_h:stride, dj:dj + span_w:stride], out=out, casting="unsafe")
    if kind == "avg":
        np.divide(out, np.float32(size * size), out=out)
    return out


def relu(image: np.ndarray) -> np.ndarray:
    """max(0, x), as ``nn.ReLU``: a new float32 array."""
    return np.maximum(np.asarray(image, dtype=np.float32), np.float32(0.0))


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

    def work(start: int, stop: int) -> None:
        part_low, part_high = math.inf, -math.inf
        for r0 in range(start, stop, step):
            block = rows[r0:min(r0 + step, stop)]
            low, high = float(block.min()), float(block.max())
            # A NaN must survive (Python's min() would drop it): it sends to_display down its careful path.
            part_low = low if (low < part_low or low != low) and part_low == part_low else part_low
            part_high = high if (high > part_high or high != high) and part_high == part_high else part_high
        lows.append(part_low)  # list.append is atomic: safe from several threads
        highs.append(part_high)

    run_row_parts(rows.shape[0], work, rows.size * 2)
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

    def work(start: int, stop: int) -> None:
        scratch = np.empty((step, flat_in.shape[1]), dtype=np.float32)
        for r0 in range(start, stop, step):
            r1 = min(r0 + step, stop)
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

    run_row_parts(flat_in.shape[0], work, array.size * 4)
    return display, low, high
