"""Stride-1 convolution as batched matrix products, for kernels with many different numbers.

NumPy has no fused multiply-add, so a kernel of nine different numbers costs
17 passes over the output (:mod:`filter_engine`); a 5×5 learned kernel costs
49. A matrix product does all of a column's taps in one pass, in the BLAS
library torch ships with (compiled, vectorised, using every core).

For kernel column ``c`` and a band of ``b`` output rows, the rows' sums of
that column are one small matrix product::

    out[i, j] += sum_r kernel[r, c] · x[i + r, j + c]   (i < b)
              == (B_c @ X_c)[i, j]

where ``B_c`` is the ``b × (b + k − 1)`` band matrix with ``B_c[i, i + r] =
kernel[r, c]`` and ``X_c`` is ``b + k − 1`` picture rows starting at column
``c``: a view, never a copy (rows ``wide`` numbers apart, as BLAS allows).
All the bands of a block go to one batched call per column (``bmm`` /
``baddbmm_``). The band's zeros make ``(b + k − 1) / k`` times the
multiplications strictly needed (5/3 × at b = 2, k = 3); the BLAS kernel is
still faster than NumPy's passes, and the whole thing runs about as fast as
OpenCV's ``filter2D`` (``bench/filter_speed.py``).

A zero in the band times an infinite or NaN picture value would give NaN
where ``nn.Conv2d`` gives a number, so a block whose result is not all finite
is redone by the NumPy path (rare: pictures are finite).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from .filter_engine import fill_rows, finish

if TYPE_CHECKING:
    import torch

# Output rows per band and numbers per block (about 192 rows of a 4000-pixel-wide picture):
# the fastest on a 2-core machine; bands of 1 to 4 rows and blocks of 48 to 768 rows were
# within 20 % of it.
BAND_ROWS = 2
GEMM_BLOCK_ELEMENTS = 768_000
# One kernel column's batched product costs about as much as this many NumPy passes
# (bench/filter_speed.py, both ways in turn: a dense 3×3 kernel, 17 passes, took 17.5–18.2 ms
# this way and 22.7–22.9 ms NumPy's; emboss, 7 passes, 12.6–15.7 ms NumPy's and 15.5–18.6 ms
# this way).
PASSES_PER_COLUMN = 3
# Below this many output pixels the NumPy path is cheaper than torch's calls.
GEMM_MIN_PIXELS = 65_536


def worth_it(kernel: np.ndarray, passes: int, pixels: int) -> bool:
    """Whether matrix products beat ``passes`` NumPy passes for ``kernel`` on ``pixels`` output pixels."""
    columns = int(np.count_nonzero(np.any(kernel != 0, axis=0)))
    return pixels >= GEMM_MIN_PIXELS and passes > PASSES_PER_COLUMN * columns


def band_matrices(kernel: np.ndarray, band: int) -> torch.Tensor:
    """The (k, band, band + k − 1) band matrices: ``B[c, i, i + r] = kernel[r, c]``.

    Parameters
    ----------
    kernel
        (k, k) float32 kernel.
    band
        Output rows per band.

    Returns
    -------
    torch.Tensor
        float32, one band matrix per kernel column.
    """
    import torch  # on first use: the app's window opens without waiting for torch

    size = kernel.shape[0]
    matrices = np.zeros((size, band, band + size - 1), dtype=np.float32)
    for i in range(band):
        matrices[:, i, i:i + size] = kernel.T  # row i holds column c's numbers at i .. i + k − 1
    return torch.from_numpy(matrices)


def gemm_blocks(plane: np.ndarray, kernel: np.ndarray, padding: int, mode: str, divisor: float | None,
                offset: float, out: np.ndarray,
                fallback: Callable[[int, int], None]) -> Callable[[int, int], None]:
    """``work(start, stop)`` that fills output rows ``start:stop`` of ``out`` (stride 1).

    ``fallback(start, stop)`` fills the same rows another way; it redoes a
    block whose result is not finite (see the module docstring).
    """
    import torch  # on first use, as in band_matrices

    size = kernel.shape[0]
    wide = plane.shape[1] + 2 * padding
    out_w = out.shape[1]
    band = BAND_ROWS
    rows_per_block = max(band, GEMM_BLOCK_ELEMENTS // wide // band * band)
    rows_per_block = min(rows_per_block, -(-out.shape[0] // band) * band)  # no more than the picture needs
    bands_per_block = rows_per_block // band
    columns = [c for c in range(size) if np.any(kernel[:, c] != 0)]
    matrices = band_matrices(kernel, band)
    # bmm wants a batch of matrices; the same one repeated, made once.
    batched = {c: matrices[c].expand(bands_per_block, -1, -1).contiguous() for c in columns}
    # torch.from_numpy warns about (and could write to) a read-only array: such a picture is copied.
    in_place = padding == 0 and plane.dtype == np.float32 and plane.flags.c_contiguous and plane.flags.writeable
    out_rows = torch.from_numpy(out)

    def product(target: torch.Tensor, source: torch.Tensor, base: int, count: int, rows: int) -> None:
        """``target`` (count bands of ``rows`` rows) = the sum over the kernel's columns."""
        in_rows = rows + size - 1
        for n, c in enumerate(columns):
            view = torch.as_strided(source, (count, in_rows, out_w), (band * wide, wide, 1),
                                    source.storage_offset() + base + c)
            matrix = batched[c][:count] if rows == band else matrices[c, :rows, :in_rows].expand(count, -1, -1)
            if n == 0:
                torch.bmm(matrix, view, out=target)
            else:
                target.baddbmm_(matrix, view)

    def work(start: int, stop: int) -> None:
        block = None if in_place else np.empty((rows_per_block + size - 1, wide), dtype=np.float32)
        source = torch.from_numpy(plane.reshape(-1) if in_place else block.reshape(-1))
        for r0 in range(start, stop, rows_per_block):
            n = min(rows_per_block, stop - r0)
            if block is None:
                base = r0 * wide
            else:
                fill_rows(block[:n + size - 1], plane, r0, padding, mode)
                base = 0
            target = out_rows[r0:r0 + n]
            if not columns:
                target.zero_()
            else:
                full, rest = divmod(n, band)
                if full:
                    product(target[:full * band].view(full, band, out_w), source, base, full, band)
                if rest:
                    product(target[full * band:].view(1, rest, out_w), source, base + full * band * wide, 1, rest)
                if not math.isfinite(float(target.sum())):
                    fallback(r0, r0 + n)
                    continue
            rows = out[r0:r0 + n]
            finish(rows, rows, 1.0, divisor, offset)

    return work
