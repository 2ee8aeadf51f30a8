"""Checking a filter's arguments, and the output sizes PyTorch gives.

Every message says what is wrong and how to fix it; the window shows them
translated (:mod:`mnist_desk.ui.error_text`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..errors import ConfigError, ImageError, Word

PADDING_MODES = ("zeros", "reflect", "replicate", "circular")
MAX_KERNEL_SIZE = 15
MIN_DIVISOR = 1e-6  # |divisor| below this turns float32 sums into infinities


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


def check_count(value: int, name: Word, low: int = 1) -> int:
    """``value`` as an int, or a :class:`ConfigError` unless it is a whole number ≥ ``low``."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
        raise ConfigError("The {name} must be a whole number of at least {low}; got {value!r}.",
                          name=name, low=low, value=value)
    return int(value)


def check_mode(padding_mode: str) -> str:
    """The padding mode, or a :class:`ConfigError` naming the modes there are."""
    if padding_mode not in PADDING_MODES:
        raise ConfigError("Unknown padding mode {mode!r}; choose one of: {choices}.",
                          mode=padding_mode, choices=", ".join(PADDING_MODES))
    return padding_mode


def check_divisor(divisor: float | None) -> float | None:
    """``None`` (no division) or a finite float far enough from 0."""
    if divisor is None:
        return None
    divisor = float(divisor)
    if divisor == 0 or not math.isfinite(divisor):
        raise ConfigError("The divisor must be a finite number other than 0.")
    if abs(divisor) < MIN_DIVISOR:
        # float32 sums divided by less overflow to infinity (or lose their digits on the way).
        raise ConfigError("The divisor {divisor:g} is too close to 0: use at least {least:g} either way.",
                          divisor=divisor, least=MIN_DIVISOR)
    return divisor


def check_offset(offset: float) -> float:
    """The offset as a float, or a :class:`ConfigError` when it is not finite."""
    offset = float(offset)
    if not math.isfinite(offset):
        raise ConfigError("The offset must be a finite number.")
    return offset


def resolve_padding(padding: int | str, kernel_size: int, stride: int = 1) -> int:
    """Padding as pixels on each side: an int, ``"valid"`` (0) or ``"same"`` ((k-1)/2, stride 1 only).

    PyTorch refuses ``padding="same"`` with a stride above 1, and so does this.
    """
    if isinstance(padding, str):
        if padding == "valid":
            return 0
        if padding == "same":
            if stride != 1:
                raise ConfigError("Padding 'same' works with stride 1 only (as in PyTorch); give the padding in "
                                  "pixels.")
            return (kernel_size - 1) // 2
        raise ConfigError("Unknown padding {padding!r}: give a number of pixels, 'same' or 'valid'.", padding=padding)
    return check_count(padding, Word("padding"), low=0)


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


def as_picture(image: np.ndarray) -> np.ndarray:
    """``image`` as an (H, W) or (H, W, C) array of numbers, or an :class:`ImageError`."""
    array = np.asarray(image)
    if array.ndim not in (2, 3) or array.shape[0] < 1 or array.shape[1] < 1:
        raise ImageError("A picture must be a (height, width) or (height, width, channels) array; got shape {shape}.",
                         shape=array.shape)
    if array.dtype.kind not in "biuf":
        raise ImageError("A picture must hold numbers; got {dtype}.", dtype=str(array.dtype))
    return array
