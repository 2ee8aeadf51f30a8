"""The arithmetic behind the hovered result pixel, as the tutorial's section 1.1 describes it:
the numbers under the kernel, each multiplied by the kernel's number, and their sum."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication

from ...core.filters.pipeline import FilterResult
from ...core.filters.windows import ConvWindow, PoolWindow, conv_window, pool_window, receptive_field, result_geometry

# Called as translate("Context", "text") with both spelt out: that is what pyside6-lupdate collects.
translate = QCoreApplication.translate


def number(value: float, digits: int = 4) -> str:
    """Whole numbers as is, others to ``digits`` significant digits; a real minus sign."""
    value = float(value)
    if value == 0:
        return "0"
    text = str(int(value)) if value.is_integer() and abs(value) < 1e9 else f"{value:.{digits}g}"
    return text.replace("-", "\u2212")


# How wide a text is, in columns of the monospaced font (the width of a space):
# see arithmetic_panel.ArithmeticPanel.measure.
Measure = Callable[[str], float]


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def text_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced font: Chinese characters take two (the translation's headers).

    A terminal's rule; a window's monospaced font usually has no Chinese and
    draws them from another font, narrower than two columns, so the panel
    measures with the font instead (:meth:`.arithmetic_panel.ArithmeticPanel.measure`).
    """
    return sum(2 if _wide(ch) else 1 for ch in text)


def wrap_line(text: str, columns: float, measure: Measure = text_width) -> list[str]:
    """``text`` broken into lines at most ``columns`` wide (as ``measure`` counts).

    Lines break after a space or between two Chinese characters (which have
    no spaces between words), never before full-width punctuation; a word
    longer than a line stays whole.
    """
    if measure(text) <= columns:
        return [text]
    pieces: list[str] = []  # each a place a line may end after
    for ch in text:
        attach = bool(pieces) and (
            ch == " "
            # "，" "：" "）" stay on the line they end; an opening "（" may start the next one
            or (_wide(ch) and unicodedata.category(ch) in ("Po", "Pe", "Pf"))
            or (not _wide(ch) and pieces[-1][-1] != " " and not _wide(pieces[-1][-1]))
        )
        if attach:
            pieces[-1] += ch
        else:
            pieces.append(ch)
    lines, line = [], ""
    for piece in pieces:
        if line and measure((line + piece).rstrip()) > columns:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    return [*lines, line.rstrip()] if line.strip() else lines


def _header_line(headers: list[str], starts: list[int], measure: Measure) -> str:
    """The headers, each starting as near its column's start as whole spaces allow.

    The spaces before each header are counted from the measured width of the
    line so far, so a header drawn narrower or wider than its characters'
    count does not shift the ones after it.
    """
    line = ""
    for header, start in zip(headers, starts):
        line += " " * max(round(start - measure(line)), 1 if line else 0) + header
    return line


def _precision_note(computed: float, holds: float | None) -> list[str]:
    """A line saying what the result holds when it differs from the arithmetic shown (float32 rounding)."""
    if holds is None or number(computed, 7) == number(holds, 7):
        return []
    return [
        translate(
            "FilterArithmetic",
            "The filter itself got {value}: it works in float32 (about 7 significant digits) and adds up in "
            "another order, so the last digits differ.",
        ).format(value=number(holds, 7))
    ]


def _table(values: np.ndarray, marks: np.ndarray | None = None) -> list[str]:
    cells = [
        [number(v) + ("*" if marks is not None and marks[r, c] else "") for c, v in enumerate(row)]
        for r, row in enumerate(values)
    ]
    widths = [max(len(row[c]) for row in cells) for c in range(len(cells[0]))]  # each column as wide as it needs
    return [" ".join(cell.rjust(width) for cell, width in zip(row, widths)) for row in cells]


def format_conv(
    window: ConvWindow,
    picture_label: str,
    heading: str,
    relu: bool = False,
    holds: float | None = None,
    measure: Measure = text_width,
) -> list[str]:
    """Lines showing window × kernel = products, then sum → ÷ divisor → + offset (→ ReLU).

    ``holds`` is the value the filter computed for this pixel: when the sum
    shown (in float64, from the float32 products) rounds to something else,
    a line says so. ``measure`` tells how wide the column headers are drawn.
    """
    size = window.kernel.shape[0]
    where = translate("FilterArithmetic", "rows {top}–{bottom}, columns {left}–{right}").format(
        top=window.top, bottom=window.top + size - 1, left=window.left, right=window.left + size - 1
    )
    lines = [
        translate("FilterArithmetic", "{heading}: the kernel over the {source} at {where}").format(
            heading=heading, source=picture_label, where=where
        )
        + (translate("FilterArithmetic", "   (* = padding)") if window.from_padding.any() else "")
    ]
    left = _table(window.values, window.from_padding)
    middle = _table(window.kernel)
    right = _table(window.products)
    widths = [max(len(line) for line in column) for column in (left, middle, right)]
    headers = [
        translate("FilterArithmetic", "under the kernel"),
        translate("FilterArithmetic", "kernel"),
        translate("FilterArithmetic", "products"),
    ]
    # round(): a measured width a hair over a whole column (4.0000001) must not cost a column.
    widths = [max(w, math.ceil(round(measure(h), 3))) for w, h in zip(widths, headers)]
    lines.append(_header_line(headers, [2, 7 + widths[0], 12 + widths[0] + widths[1]], measure))
    for r in range(size):
        sign, equals = ("×", "=") if r == size // 2 else (" ", " ")
        lines.append(f"  {left[r].rjust(widths[0])}  {sign}  {middle[r].rjust(widths[1])}  {equals}  {right[r]}")
    total = translate("FilterArithmetic", "Sum of the products = {sum}").format(sum=number(window.total, 7))
    if window.divisor is not None:
        total += f"   ÷ {number(window.divisor, 6)} = {number(window.total / window.divisor, 7)}"
    if window.offset:
        total += f"   + {number(window.offset, 6)} = {number(window.value, 7)}"
    if relu:
        total += "   " + translate("FilterArithmetic", "ReLU: max(0, {value}) = {result}").format(
            value=number(window.value, 7), result=number(max(window.value, 0.0), 7)
        )
    lines.append(total)
    lines += _precision_note(max(window.value, 0.0) if relu else window.value, holds)
    return lines


def format_pool(window: PoolWindow, source_label: str, heading: str, holds: float | None = None) -> list[str]:
    """Lines showing the pooling window and what it keeps (``holds``: as in :func:`format_conv`)."""
    size = window.values.shape[0]
    marks = np.zeros(window.values.shape, dtype=bool)
    if window.pick is not None:
        marks[window.pick] = True
    where = translate("FilterArithmetic", "rows {top}–{bottom}, columns {left}–{right}").format(
        top=window.top, bottom=window.top + size - 1, left=window.left, right=window.left + window.values.shape[1] - 1
    )
    kind = (
        translate("FilterArithmetic", "max pool")
        if window.kind == "max"
        else translate("FilterArithmetic", "average pool")
    )
    lines = [
        translate("FilterArithmetic", "{heading}: {pooling} over the {source} at {where}").format(
            heading=heading, pooling=kind, source=source_label, where=where
        )
    ]
    table = _table(window.values, marks)
    verdict = (
        translate("FilterArithmetic", "→ max = {value} (marked *)")
        if window.kind == "max"
        else translate("FilterArithmetic", "→ mean = {value}")
    ).format(value=number(window.value, 7))
    for r, line in enumerate(table):
        lines.append(f"  {line}" + (f"   {verdict}" if r == len(table) // 2 else ""))
    return lines + _precision_note(window.value, holds)


class Explanation:
    """What to show for a hovered point: text lines, and the areas to outline (picture coordinates)."""

    def __init__(
        self, lines: list[str], field: tuple[float, float, float, float], pixel: tuple[float, float, float, float]
    ) -> None:
        self.lines = lines
        self.field = field  # (left, top, width, height) the result pixel reads
        self.pixel = pixel  # the result pixel itself


def explain(
    result: FilterResult, x: float, y: float, channel: int = 0, measure: Measure = text_width
) -> Explanation | None:
    """The arithmetic of the result pixel drawn at picture point (x, y), or None outside the result.

    ``measure`` is how wide a text is drawn (see :func:`format_conv`).
    """
    settings = result.settings
    scale, offset = result_geometry(settings)
    row, col = math.floor((y - offset) / scale), math.floor((x - offset) / scale)
    height, width = result.result.shape[:2]
    if not (0 <= row < height and 0 <= col < width):
        return None

    def plane(array: np.ndarray) -> np.ndarray:
        return array[..., min(channel, array.shape[2] - 1)] if array.ndim == 3 else array

    source = plane(result.source)
    holds = float(plane(result.result)[row, col])
    heading = translate("FilterArithmetic", "Result pixel row {row}, column {column} = {value}").format(
        row=row, column=col, value=number(holds, 7)
    )
    lines: list[str] = []
    if settings.pool is not None:
        pooled = plane(result.activated) if settings.convolves and result.activated is not None else source
        label = (
            (
                translate("FilterArithmetic", "convolution after ReLU")
                if settings.relu
                else translate("FilterArithmetic", "convolution result")
            )
            if settings.convolves
            else translate("FilterArithmetic", "picture")
        )
        window = pool_window(pooled, settings, row, col)
        lines += format_pool(window, label, heading, holds)
        if settings.convolves:
            if window.pick is not None:
                conv_row, conv_col = window.top + window.pick[0], window.left + window.pick[1]
            else:  # average: explain the convolution pixel under the mouse
                stride, first = settings.stride, (settings.kernel_size - settings.stride) / 2 - settings.padding_pixels
                last = window.values.shape[0] - 1
                conv_row = window.top + min(max(math.floor((y - first) / stride) - window.top, 0), last)
                conv_col = window.left + min(max(math.floor((x - first) / stride) - window.left, 0), last)
            conv_heading = translate("FilterArithmetic", "Convolution pixel row {row}, column {column}").format(
                row=conv_row, column=conv_col
            )
            activated = plane(result.activated) if result.activated is not None else None
            lines += format_conv(
                conv_window(source, settings, conv_row, conv_col),
                translate("FilterArithmetic", "picture"),
                conv_heading,
                settings.relu,
                None if activated is None else float(activated[conv_row, conv_col]),
                measure,
            )
    else:
        lines += format_conv(
            conv_window(source, settings, row, col),
            translate("FilterArithmetic", "picture"),
            heading,
            settings.relu,
            holds,
            measure,
        )
    top, left, bottom, right = receptive_field(settings, row, col)
    return Explanation(
        lines, (left, top, right - left, bottom - top), (col * scale + offset, row * scale + offset, scale, scale)
    )
