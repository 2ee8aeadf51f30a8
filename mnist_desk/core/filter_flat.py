"""Stride-1 convolution as flat 1-D passes over blocks of rows (used by :mod:`filter_engine`).

A block of ``n`` output rows is computed at the padded picture's full width
``wide`` as one flat run of ``n·wide − (k − 1)`` numbers: a tap (i, j) is the
flat input shifted by ``i·wide + j``. The last ``k − 1`` numbers of each row
are junk (they wrap into the next row) and are never written out. NumPy runs
a flat 1-D pass about 1.5 × faster than the same work on a 2-D view with a row
stride, where each row is a separate inner loop. Only the last pass writes the
(n, out_w) rows of the output, reading its operands through strided views
that skip the junk.

The passes are worked out once per call, as operations on named buffers at
offsets (:class:`Slot`); each block then only slices its buffers. Python's cost
per block stays a few microseconds, so blocks can be small enough for the
CPU's caches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .filter_engine import Strategy, Ufunc, accumulate, fill_rows, finish


@dataclass(eq=False)  # compared by identity, as the arrays they stand for
class Slot:
    """A stretch of one of a block's buffers: ``buffer[offset:offset + length]``."""

    buffer: str  # "rows" (the input), "across" (row sums), "total", "scratch", "pairs_a/b"
    offset: int = 0


Operand = Slot | np.float32
# (ufunc, a, b, into, extra): the pass runs over the phase's count + extra numbers.
Pass = tuple[Ufunc, Operand, Operand, Slot, int]


@dataclass
class Program:
    """The passes for one kernel: row passes (over the input's rows) then the passes into ``total``."""

    across: list[Pass]
    passes: list[Pass]
    sign: float | None  # the total holds sign × the sum (None: all zero)


def _pair_passes(source: str, pairs: int, step: int, last_extra: int, into: list[Pass]) -> str:
    """Append ``pairs`` passes adding each number's neighbour ``step`` away; returns the last buffer.

    Each pass's result is ``step`` longer than the next one reads, so the
    last ends exactly ``last_extra`` past the phase's count.
    """
    for p in range(pairs):
        target = ("pairs_a", "pairs_b")[p % 2]
        into.append((np.add, Slot(source), Slot(source, step), Slot(target), last_extra + (pairs - 1 - p) * step))
        source = target
    return source


def compile_program(strategy: Strategy, wide: int, size: int) -> Program:
    """Record what :func:`accumulate` does for ``strategy``, on slots instead of arrays."""
    across: list[Pass] = []
    passes: list[Pass] = []
    total, scratch = Slot("total"), Slot("scratch")
    sign: float | None = None
    if strategy.across is not None and strategy.down is not None:
        row_taps = size - strategy.across_pairs  # what the row groups span after the pair passes
        rows = _pair_passes("rows", strategy.across_pairs, 1, row_taps - 1, across)
        row_sign = accumulate(strategy.across, lambda _i, j: Slot(rows, j), Slot("across"), Slot("scratch"),
                              call=lambda f, a, b, o: across.append((f, a, b, o, 0)))
        column_taps = size - strategy.down_pairs
        columns = _pair_passes("across", strategy.down_pairs, wide, (column_taps - 1) * wide, passes)
        sign = accumulate(strategy.down, lambda i, _j: Slot(columns, i * wide), total, scratch,
                          call=lambda f, a, b, o: passes.append((f, a, b, o, 0)))
        if sign is not None and row_sign is not None:
            sign *= row_sign
    sign = accumulate(strategy.direct, lambda i, j: Slot("rows", i * wide + j), total, scratch, sign,
                      call=lambda f, a, b, o: passes.append((f, a, b, o, 0)))
    return Program(across, passes, sign)


def flat_blocks(plane: np.ndarray, size: int, strategy: Strategy, padding: int, mode: str,
                divisor: float | None, offset: float, out: np.ndarray,
                rows_per_block: int) -> Callable[[int, int], None]:
    """``work(start, stop)`` that fills output rows ``start:stop`` of ``out`` (stride 1)."""
    wide = plane.shape[1] + 2 * padding
    out_w = out.shape[1]
    in_place = padding == 0 and plane.dtype == np.float32 and plane.flags.c_contiguous
    flat_plane = plane.reshape(-1) if in_place else None
    program = compile_program(strategy, wide, size)
    sign = program.sign
    # The last pass writes the output rows itself when nothing is left to do after it.
    direct_last = bool(program.passes) and program.passes[-1][3].buffer == "total" and sign == 1.0 \
        and divisor is None
    body = program.passes[:-1] if direct_last else program.passes

    def work(start: int, stop: int) -> None:
        in_rows = rows_per_block + size - 1
        buffers = {
            "across": np.empty(in_rows * wide, dtype=np.float32),
            "total": np.empty(rows_per_block * wide, dtype=np.float32),
            "scratch": np.empty(in_rows * wide, dtype=np.float32),
        }
        if strategy.across_pairs or strategy.down_pairs:
            buffers["pairs_a"] = np.empty(in_rows * wide, dtype=np.float32)
            buffers["pairs_b"] = np.empty(in_rows * wide, dtype=np.float32)
        block = None if flat_plane is not None else np.empty(in_rows * wide, dtype=np.float32)
        for r0 in range(start, stop, rows_per_block):
            n = min(rows_per_block, stop - r0)
            in_n = n + size - 1
            if block is None:
                buffers["rows"] = flat_plane[r0 * wide:(r0 + in_n) * wide]
            else:
                buffers["rows"] = block[:in_n * wide]
                fill_rows(block[:in_n * wide].reshape(in_n, wide), plane, r0, padding, mode)

            def get(operand: Operand, length: int) -> np.ndarray | np.float32:
                if isinstance(operand, Slot):
                    return buffers[operand.buffer][operand.offset:operand.offset + length]
                return operand

            def as_rows(operand: Operand) -> np.ndarray | np.float32:
                flat = get(operand, count)
                if not isinstance(flat, np.ndarray):
                    return flat
                # (n, out_w) rows, `wide` apart: exactly the `count` numbers of `flat`.
                return np.ndarray((n, out_w), np.float32, buffer=flat, strides=(wide * 4, 4))

            across_count, count = in_n * wide - (size - 1), n * wide - (size - 1)
            for ufunc, a, b, into, extra in program.across:
                length = across_count + extra
                ufunc(get(a, length), get(b, length), out=get(into, length))
            for ufunc, a, b, into, extra in body:
                length = count + extra
                ufunc(get(a, length), get(b, length), out=get(into, length))
            target = out[r0:r0 + n]
            if direct_last:
                ufunc, a, b, _, _ = program.passes[-1]
                ufunc(as_rows(a), as_rows(b), out=target)
                finish(target, target, sign, None, offset)
            else:
                finish(target, as_rows(Slot("total")) if program.passes else None, sign, divisor, offset)

    return work
