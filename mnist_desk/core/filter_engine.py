"""The arithmetic inside :func:`mnist_desk.core.filters.convolve`.

A convolution here is a sum of shifted views of the picture, each multiplied
by one kernel number. NumPy has no fused multiply-add, so every tap costs one
or two passes over the output; what makes it fast is keeping those passes in
the CPU cache and doing as few of them as possible:

* the output is made in blocks of rows small enough that a block's input,
  output and scratch stay in the CPU's caches, large enough that Python's
  cost per NumPy call and the threads' turns at the GIL do not dominate
  (256k numbers per block measured best on a 2-core machine: 64k was 1.7 ×
  slower);
* at stride 1 each pass is one flat 1-D run over a block (see
  :mod:`filter_flat`), which NumPy does about 1.5 × faster than the same
  pass over a 2-D view; the last pass writes the output rows itself unless
  a divide or negate is still to come;
* taps of equal |weight| are added (or subtracted) first and multiplied once,
  and a weight of ±1 needs no multiply at all;
* a kernel that is an outer product (Sobel, Gaussian, box) is applied as a
  row pass then a column pass (k + k taps instead of k × k), and a binomial
  row such as [1, 2, 1] = (1 + z)·[1, 1] as passes that add a neighbour; a
  kernel whose numbers are mostly one value c (the tutorial's eight −1s) is
  applied as c × a box sum plus the few remaining taps;
* a kernel of many different numbers (a random or learned one), which would
  need 17 passes at 3×3 and 49 at 5×5, goes to :mod:`filter_gemm` instead:
  one batched matrix product per kernel column;
* the blocks are shared among a few threads: NumPy releases the GIL.

The cheapest of these plans is chosen per kernel by counting passes. With
integer-valued pictures and kernels every partial sum is an exact integer in
float32, so the result equals ``nn.Conv2d``'s bit for bit; otherwise it agrees
to float32 rounding.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from threading import Lock

import numpy as np

# Numbers per block (see the module docstring): output elements at a stride above 1,
# padded input width × rows at stride 1.
BLOCK_ELEMENTS = 262_144
# Below this much work (output pixels × passes) threads cost more than they save.
PARALLEL_MIN_WORK = 1 << 20

_executor: ThreadPoolExecutor | None = None
_executor_lock = Lock()


def thread_count() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def run_row_parts(n_rows: int, work: Callable[[int, int], None], amount: int) -> None:
    """Call ``work(start, stop)`` over ``range(n_rows)`` split into parts, in threads when worth it."""
    global _executor
    parts = min(thread_count() if amount >= PARALLEL_MIN_WORK else 1, n_rows)
    if parts <= 1:
        work(0, n_rows)
        return
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=thread_count(), thread_name_prefix="mnist-desk-filter")
    bounds = [n_rows * i // parts for i in range(parts + 1)]
    futures = [_executor.submit(work, bounds[i], bounds[i + 1]) for i in range(parts)]
    for future in futures:
        future.result()  # re-raises a part's exception here


# -- plans -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Group:
    """Taps sharing one |weight|: their value is ``factor`` × (first tap ± the others)."""

    factor: float
    taps: tuple[tuple[int, int, bool], ...]  # (row, column, add); add False: subtract


def plan(kernel: np.ndarray) -> list[Group]:
    """Group a kernel's non-zero taps by |weight|, a group of weight 1 first (it needs no multiply)."""
    by_weight: dict[float, list[tuple[int, int, float]]] = {}
    for (i, j), weight in np.ndenumerate(kernel):
        if weight != 0:
            by_weight.setdefault(abs(float(weight)), []).append((int(i), int(j), float(np.sign(weight))))
    keys = sorted(by_weight, key=lambda w: (w != 1.0, -len(by_weight[w])))
    groups = []
    for weight in keys:
        # A positive tap leads when there is one: a group of +x − y needs no negating at the end.
        taps = sorted(by_weight[weight], key=lambda tap: tap[2] < 0)
        lead = taps[0][2]
        groups.append(Group(weight * lead, tuple((i, j, sign == lead) for i, j, sign in taps)))
    return groups


def plan_passes(groups: list[Group], started: bool = False) -> int:
    """How many passes over the output :func:`accumulate` makes for ``groups`` (mirrors its branches)."""
    passes = 0
    for group in groups:
        passes += len(group.taps) - 1
        if not started:
            single_unit = len(group.taps) > 1 and group.factor in (1.0, -1.0)
            passes += 0 if single_unit else 1
            started = True
        else:
            passes += 1 if group.factor in (1.0, -1.0) else 2
    return passes


Ufunc = Callable[..., np.ndarray]
Call = Callable[[Ufunc, "np.ndarray | np.float32", "np.ndarray | np.float32", np.ndarray], object]


def call_now(ufunc: Ufunc, a: np.ndarray | np.float32, b: np.ndarray | np.float32, out: np.ndarray) -> None:
    ufunc(a, b, out=out)


def accumulate(groups: list[Group], view: Callable[[int, int], np.ndarray], out: np.ndarray,
               scratch: np.ndarray, sign: float | None = None, call: Call = call_now) -> float | None:
    """Add the taps of ``groups`` into ``out``.

    ``sign`` is ``None`` when ``out`` holds nothing yet; otherwise ``out``
    holds ``sign`` × the sum so far. Returns the new sign (``None`` when
    ``groups`` is empty and ``out`` was empty: all zero). Every pass goes
    through ``call(ufunc, a, b, out)``, so a caller can record the passes
    and send the last one elsewhere.
    """
    for group in groups:
        first = group.taps[0]
        if len(group.taps) == 1:
            source = view(first[0], first[1])
        else:
            source = out if sign is None else scratch
            i, j, add = group.taps[1]
            call(np.add if add else np.subtract, view(first[0], first[1]), view(i, j), source)
            for i, j, add in group.taps[2:]:
                call(np.add if add else np.subtract, source, view(i, j), source)
        if sign is None:
            if source is out and group.factor in (1.0, -1.0):
                sign = group.factor  # a -1 is folded into the final divide or negate
            else:
                call(np.multiply, source, np.float32(group.factor), out)
                sign = 1.0
            continue
        relative = group.factor * sign
        if relative == 1.0:
            call(np.add, out, source, out)
        elif relative == -1.0:
            call(np.subtract, out, source, out)
        elif sign < 0:  # out holds −sum: factor·x − out is the true sum, no negate needed later
            call(np.multiply, source, np.float32(group.factor), scratch)
            call(np.subtract, scratch, out, out)
            sign = 1.0
        else:
            call(np.multiply, source, np.float32(relative), scratch)
            call(np.add, out, scratch, out)
    return sign


@dataclass(frozen=True)
class Strategy:
    """How to apply one kernel: an optional separable part (rows ``across``, then columns ``down``) plus direct taps."""

    across: list[Group] | None  # 1 × k taps along a row
    down: list[Group] | None  # k × 1 taps down a column
    direct: list[Group]
    # (1 + z) factors taken out of the row and column taps: each is one pass adding a
    # neighbour, before the groups (stride 1 only). [1, 2, 1] = (1 + z)·[1, 1]: 2 passes, not 3.
    across_pairs: int = 0
    down_pairs: int = 0

    @property
    def passes(self) -> int:
        """Passes over the output this plan makes (a row pass counts as one)."""
        if self.across is None or self.down is None:
            return plan_passes(self.direct)
        return (plan_passes(self.across) + self.across_pairs + plan_passes(self.down) + self.down_pairs
                + plan_passes(self.direct, started=True))


def _rank_one(kernel: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """float32 (column, row) whose product is exactly ``kernel``, or None.

    Each non-zero number is tried as the pivot, smallest first (the row
    factors then come out as whole numbers when they can): 3:4 taps give a
    row of 4/3, not exact in float32, from the 3 but 3/4 from the 4.
    """
    target = kernel.astype(np.float64)
    for i, j in sorted(np.argwhere(kernel != 0).tolist(), key=lambda ij: abs(float(kernel[ij[0], ij[1]]))):
        column = kernel[:, j].astype(np.float32)
        row = (target[i, :] / float(kernel[i, j])).astype(np.float32)
        if not np.array_equal(np.outer(column.astype(np.float64), row.astype(np.float64)), target):
            continue
        if np.count_nonzero(column < 0) > np.count_nonzero(column > 0):
            column, row = -column, -row  # the minus goes to the row pass, where a positive tap can lead
        return column, row
    return None


def pair_factors(taps: np.ndarray) -> tuple[int, np.ndarray]:
    """``taps`` (1-D) as ``(1 + z)^p * rest``, with the ``p`` that needs the fewest passes.

    Only exact factors count: ``rest`` (float32) convolved ``p`` times with
    [1, 1] gives ``taps`` exactly, checked in float64. The binomial rows of Gaussian and Sobel
    kernels ([1, 2, 1], [1, 4, 6, 4, 1]) factor fully.
    """
    best_p, best_rest = 0, taps
    best_cost = plan_passes(plan(taps[None, :]))
    rest = taps.astype(np.float32)
    for p in range(1, taps.size):
        quotient = np.empty(rest.size - 1, dtype=np.float64)
        carry = 0.0
        for j in range(rest.size - 1):  # synthetic division by (1 + z)
            carry = float(rest[j]) - carry
            quotient[j] = carry
        quotient = quotient.astype(np.float32)
        # Checked in float64: float32 rounding would hide a factor that is only nearly exact.
        if not np.array_equal(np.convolve(quotient.astype(np.float64), np.ones(2)), rest.astype(np.float64)):
            break
        rest = quotient
        cost = p + plan_passes(plan(rest[None, :]))
        if cost < best_cost:
            best_p, best_rest, best_cost = p, rest, cost
    return best_p, best_rest


def choose_strategy(kernel: np.ndarray, stride: int) -> Strategy:
    """The plan with the fewest passes over the output for ``kernel`` at ``stride``."""
    size = kernel.shape[0]
    direct = plan(kernel)
    best, best_cost = Strategy(None, None, direct), float(plan_passes(direct))
    if size == 1:
        return best
    # A row pass covers stride × more rows than the output has (plus k − 1).
    row_factor = stride + (size - 1) / 8
    candidates = []
    factors = _rank_one(kernel)
    if factors is not None:
        column, row = factors
        candidates.append((column, row, np.zeros_like(kernel)))
    values, counts = np.unique(kernel[kernel != 0], return_counts=True)
    if values.size:
        common = float(values[np.argmax(counts)])
        if counts.max() * 2 > size * size:
            remainder = (kernel.astype(np.float64) - common).astype(np.float32)
            candidates.append((np.full(size, common, np.float32), np.ones(size, np.float32), remainder))
    for column, row, remainder in candidates:
        # Pair passes need every row and column of the picture: stride 1 only.
        across_pairs, row = pair_factors(row) if stride == 1 else (0, row)
        down_pairs, column = pair_factors(column) if stride == 1 else (0, column)
        across, down, rest = plan(row[None, :]), plan(column[:, None]), plan(remainder)
        cost = (plan_passes(across) + across_pairs) * row_factor + plan_passes(down) + down_pairs \
            + plan_passes(rest, started=True)
        if cost < best_cost:
            best, best_cost = Strategy(across, down, rest, across_pairs, down_pairs), cost
    return best


# -- padding ---------------------------------------------------------------------------------

def pad_index(index: np.ndarray, size: int, mode: str) -> np.ndarray:
    """Where padded positions read from, per padding mode (−1: a zero outside the picture)."""
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


def padded_region(plane: np.ndarray, rows: tuple[int, int], cols: tuple[int, int], padding: int,
                  mode: str) -> np.ndarray:
    """A piece of ``plane`` as padded for a convolution, as a new C-ordered float32 array.

    Parameters
    ----------
    plane
        (H, W) picture.
    rows, cols
        ``(start, stop)`` in padded coordinates: row 0 is the first padding row.
    padding, mode
        As :func:`mnist_desk.core.filters.convolve` takes them.

    Returns
    -------
    numpy.ndarray
        (stop − start) rows × columns; zeros where ``mode`` is "zeros" and the
        piece lies outside the picture.
    """
    height, width = plane.shape
    row_index = pad_index(np.arange(*rows) - padding, height, mode)
    col_index = pad_index(np.arange(*cols) - padding, width, mode)
    # np.ix_ gives a new C-ordered array (the compiled kernels read packed rows); [rows][:, cols] may not.
    region = np.ascontiguousarray(plane[np.ix_(np.clip(row_index, 0, None), np.clip(col_index, 0, None))],
                                  dtype=np.float32)
    region[row_index < 0] = 0.0
    region[:, col_index < 0] = 0.0
    return region


def fill_rows(block: np.ndarray, plane: np.ndarray, first_row: int, padding: int, mode: str) -> None:
    """Fill ``block`` with padded rows ``first_row ...`` of ``plane`` (padded coordinates), as float32."""
    height, width = plane.shape
    count = block.shape[0]
    top = first_row - padding  # the source row of block row 0
    inside_start = min(max(0, -top), count)
    inside_stop = max(min(count, height - top), inside_start)
    if inside_stop > inside_start:
        block[inside_start:inside_stop, padding:padding + width] = plane[top + inside_start:top + inside_stop]
    for r in (*range(0, inside_start), *range(inside_stop, count)):
        source = int(pad_index(np.array(top + r), height, mode))
        if source < 0:
            block[r].fill(0.0)
        else:
            block[r, padding:padding + width] = plane[source]
    if padding:
        if mode == "zeros":
            block[:, :padding] = 0.0
            block[:, padding + width:] = 0.0
        else:
            block[:, :padding] = block[:, pad_index(np.arange(-padding, 0), width, mode) + padding]
            block[:, padding + width:] = block[:, pad_index(np.arange(width, width + padding), width, mode) + padding]


# -- the convolution -------------------------------------------------------------------------

def finish(target: np.ndarray, total: np.ndarray | None, sign: float | None, divisor: float | None,
           offset: float) -> None:
    """Write ``sign`` × ``total`` / ``divisor`` + ``offset`` into ``target`` (``total`` may be ``target``)."""
    if sign is None or total is None:  # the kernel is all zeros
        target.fill(0.0)
    elif divisor is not None:
        np.divide(total, np.float32(divisor * sign), out=target)
    elif sign < 0:
        np.negative(total, out=target)
    elif total is not target:
        np.copyto(target, total)
    if offset:
        np.add(target, np.float32(offset), out=target)


def strided_blocks(plane: np.ndarray, size: int, strategy: Strategy, stride: int, padding: int, mode: str,
                    divisor: float | None, offset: float, out: np.ndarray) -> Callable[[int, int], None]:
    """Any stride: each tap is a 2-D strided view of a block of rows."""
    # Pair passes need every row and column: choose_strategy makes them at stride 1 only.
    assert not (strategy.across_pairs or strategy.down_pairs), "pair passes are for flat_blocks"
    out_w = out.shape[1]
    padded_w = plane.shape[1] + 2 * padding
    rows_per_block = max(1, BLOCK_ELEMENTS // max(out_w, 1))
    span_w = (out_w - 1) * stride + 1
    # A float32 picture without padding is read in place; anything else is copied
    # (converted, padded) block by block into a small buffer.
    in_place = padding == 0 and plane.dtype == np.float32

    def work(start: int, stop: int) -> None:
        in_rows = (rows_per_block - 1) * stride + size
        block = None if in_place else np.empty((in_rows, padded_w), dtype=np.float32)
        scratch_all = np.empty((in_rows, out_w), dtype=np.float32)
        across_all = np.empty((in_rows, out_w), dtype=np.float32)
        for r0 in range(start, stop, rows_per_block):
            n = min(rows_per_block, stop - r0)
            span_h, in_n = (n - 1) * stride + 1, (n - 1) * stride + size
            if block is None:
                rows = plane[r0 * stride:r0 * stride + in_n]
            else:
                rows = block[:in_n]
                fill_rows(rows, plane, r0 * stride, padding, mode)
            target = out[r0:r0 + n]
            scratch = scratch_all[:n]
            sign: float | None = None
            if strategy.across is not None and strategy.down is not None:
                across = across_all[:in_n]
                row_sign = accumulate(strategy.across, lambda _i, j: rows[:, j:j + span_w:stride], across,
                                      scratch_all[:in_n])
                sign = accumulate(strategy.down, lambda i, _j: across[i:i + span_h:stride], target, scratch)
                if sign is not None and row_sign is not None:
                    sign *= row_sign
            sign = accumulate(strategy.direct, lambda i, j: rows[i:i + span_h:stride, j:j + span_w:stride],
                              target, scratch, sign)
            finish(target, target, sign, divisor, offset)

    return work
