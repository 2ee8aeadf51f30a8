"""Convolution as the tutorial's ``nn.Conv2d(1, 1, k, bias=False)`` computes it.

Output pixel (r, c) is the sum over the kernel's taps (i, j) of
``kernel[i, j] × padded[r·stride + i, c·stride + j]``: a cross-correlation,
the kernel not flipped. Read as whole pictures, that is one multiply-add per
tap: the result so far plus the tap's weight times the padded picture
shifted by (i, j). :func:`convolve` does exactly that, in tiles:

* the output is cut into tiles of fewer than 32,768 numbers; a thread fills a
  small buffer with the tile's padded input (:func:`.padding.fill_padded`:
  padding and conversion to float32 in one copy), then makes one pass per
  tap, ``tile.add_(view, alpha=weight)``, over views of that buffer. A tile
  and its input (about 260 kB) stay in the core's cache for all the passes;
* torch's ``add_`` with ``alpha`` is one fused pass over the numbers. NumPy
  has no fused multiply-add, so the same tap takes it two passes (multiply,
  then add); measured 1.5–2× slower. Below 32,768 numbers torch computes an
  operation in the calling thread; above, it splits it over its OpenMP
  threads, whose start and stop per operation cost more than the operation
  and, on a busy machine, many times more (a 12-megapixel picture took
  170–500 ms that way instead of 25–40 ms);
* the tiles are shared by a few threads (:mod:`.threads`): torch lets go of
  the GIL while it computes. Operations this short leave little time for
  another thread to take the GIL, so the second core helps less than it could.

On one core a 12-megapixel picture takes about 25 ms with a 3×3 kernel and
50 ms with a 5×5: 10 ms of it making the output's pages and copying the
input, the rest about 4 µs per tap and tile, a third of which is the cost of
calling torch.

Every tap is applied, zeros included, so infinities and NaN spread exactly as
in ``nn.Conv2d`` (``inf × 0`` is NaN there too); integer pictures and kernels
give its numbers bit for bit (every partial sum is a whole number that
float32 holds exactly), others agree to float32 rounding.

Why not torch's own ``conv2d``: on a one-channel 4000 × 3000 picture it takes
300–470 ms (its CPU code is made for many channels). ``bench/filter_speed.py``
compares this with OpenCV's ``filter2D``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ..errors import Word
from .checks import (
    as_picture,
    check_count,
    check_divisor,
    check_fits,
    check_kernel,
    check_mode,
    check_offset,
    conv_output_size,
    resolve_padding,
)
from .padding import fill_padded
from .threads import share

# torch computes an operation on fewer numbers than its grain size (32,768) in the calling thread.
TILE_ELEMENTS = 32_767


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
    stride = check_count(stride, Word("stride"))
    pad = resolve_padding(padding, size, stride)
    mode = check_mode(padding_mode)
    divisor = check_divisor(divisor)
    offset = check_offset(offset)
    array = as_picture(image)
    height, width = array.shape[:2]
    check_fits(height, width, size, stride, pad, mode)
    out_shape = (conv_output_size(height, size, stride, pad), conv_output_size(width, size, stride, pad))

    def one_plane(plane: np.ndarray) -> np.ndarray:
        out = np.empty(out_shape, dtype=np.float32)
        convolve_plane(plane, weights, stride, pad, mode, divisor, offset, out)
        return out

    if array.ndim == 3:
        return np.stack([one_plane(array[..., c]) for c in range(array.shape[2])], axis=-1)
    return one_plane(array)


def convolve_plane(plane: np.ndarray, kernel: np.ndarray, stride: int, padding: int, mode: str,
                   divisor: float | None, offset: float, out: np.ndarray) -> None:
    """Convolve one (H, W) plane into ``out`` (float32, the output's shape), arguments already checked."""
    import torch  # here, not at the top: the window's start does not wait for torch (see ui/main_window.py)

    size = kernel.shape[0]
    out_h, out_w = out.shape
    tile_w = min(out_w, TILE_ELEMENTS)
    tile_h = max(1, min(out_h, TILE_ELEMENTS // tile_w))
    tiles = [(r, c) for r in range(0, out_h, tile_h) for c in range(0, out_w, tile_w)]
    taps = [(i, j, float(kernel[i, j])) for i in range(size) for j in range(size)]

    def reach(n: int) -> int:
        """Input rows (or columns) that n output rows read."""
        return (n - 1) * stride + size

    def worker(take: Callable[[], tuple[int, int] | None]) -> None:
        buffer = np.empty((reach(tile_h), reach(tile_w)), dtype=np.float32)
        source = torch.from_numpy(buffer)
        views: dict[tuple[int, int], list[tuple[torch.Tensor, float]]] = {}  # per tile shape (at most four)
        while (tile := take()) is not None:
            r0, c0 = tile
            n, m = min(tile_h, out_h - r0), min(tile_w, out_w - c0)
            fill_padded(buffer[:reach(n), :reach(m)], plane, r0 * stride, c0 * stride, padding, mode)
            if (n, m) not in views:
                span_h, span_w = (n - 1) * stride + 1, (m - 1) * stride + 1
                views[n, m] = [(source[i:i + span_h:stride, j:j + span_w:stride], w) for i, j, w in taps]
            result = torch.from_numpy(out[r0:r0 + n, c0:c0 + m])
            (first, weight), *rest = views[n, m]
            torch.mul(first, weight, out=result)
            for view, weight in rest:
                result.add_(view, alpha=weight)
            if divisor is not None:
                result.div_(divisor)
            if offset:
                result.add_(offset)

    share(worker, tiles, out_h * out_w * size * size)
