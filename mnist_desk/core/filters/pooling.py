"""Pooling and ReLU, as ``nn.MaxPool2d`` / ``nn.AvgPool2d`` and ``nn.ReLU`` give them (the tutorial's section 1.2)."""

from __future__ import annotations

import numpy as np

from ..errors import ConfigError, ImageError, Word
from .checks import as_picture, check_count, pool_output_size

POOL_KINDS = ("max", "avg")


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
    size = check_count(size, Word("pooling size"))
    stride = size if stride is None else check_count(stride, Word("pooling stride"))
    array = as_picture(image)
    height, width = array.shape[:2]
    out_h, out_w = pool_output_size(height, size, stride), pool_output_size(width, size, stride)
    if out_h < 1 or out_w < 1:
        raise ImageError("The picture ({height} × {width}) is smaller than the {size}×{size} pooling window.",
                         height=height, width=width, size=size)
    # One pass per window position, over strided views of the whole picture, as conv.py does per tap.
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
