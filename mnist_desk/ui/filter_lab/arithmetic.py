"""The arithmetic behind the hovered result pixel, as the tutorial's section 1.1 describes it:
the numbers under the kernel, each multiplied by the kernel's number, and their sum."""

from __future__ import annotations

import math
import unicodedata

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ...core.filter_pipeline import (
    ConvWindow,
    FilterResult,
    PoolWindow,
    conv_window,
    pool_window,
    receptive_field,
    result_geometry,
)


# Called as translate("Context", "text") with both spelt out: that is what pyside6-lupdate collects.
translate = QCoreApplication.translate


def number(value: float, digits: int = 4) -> str:
    """Whole numbers as is, others to ``digits`` significant digits; a real minus sign."""
    value = float(value)
    if value == 0:
        return "0"
    text = str(int(value)) if value.is_integer() and abs(value) < 1e9 else f"{value:.{digits}g}"
    return text.replace("-", "\u2212")


def text_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced font: Chinese characters take two (the translation's headers)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(values: np.ndarray, marks: np.ndarray | None = None) -> list[str]:
    cells = [
        [number(v) + ("*" if marks is not None and marks[r, c] else "") for c, v in enumerate(row)]
        for r, row in enumerate(values)
    ]
    width = max(len(cell) for row in cells for cell in row)
    return [" ".join(cell.rjust(width) for cell in row) for row in cells]


def format_conv(window: ConvWindow, picture_label: str, heading: str, relu: bool = False) -> list[str]:
    """Lines showing window × kernel = products, then sum → ÷ divisor → + offset (→ ReLU)."""
    size = window.kernel.shape[0]
    where = (
        translate("FilterArithmetic", "rows %1–%2, columns %3–%4")
        .replace("%1", str(window.top))
        .replace("%2", str(window.top + size - 1))
        .replace("%3", str(window.left))
        .replace("%4", str(window.left + size - 1))
    )
    lines = [
        translate("FilterArithmetic", "%1: the kernel over the %2 at %3")
        .replace("%1", heading)
        .replace("%2", picture_label)
        .replace("%3", where)
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
    widths = [max(w, text_width(h)) for w, h in zip(widths, headers)]
    pads = [" " * (widths[i] - text_width(headers[i])) for i in range(2)]
    lines.append(f"  {headers[0]}{pads[0]}     {headers[1]}{pads[1]}     {headers[2]}")
    for r in range(size):
        sign, equals = ("×", "=") if r == size // 2 else (" ", " ")
        lines.append(f"  {left[r].rjust(widths[0])}  {sign}  {middle[r].rjust(widths[1])}  {equals}  {right[r]}")
    total = translate("FilterArithmetic", "Sum of the products = %1").replace("%1", number(window.total, 7))
    if window.divisor is not None:
        total += f"   ÷ {number(window.divisor, 6)} = {number(window.total / window.divisor, 7)}"
    if window.offset:
        total += f"   + {number(window.offset, 6)} = {number(window.value, 7)}"
    if relu:
        total += "   " + translate("FilterArithmetic", "ReLU: max(0, %1) = %2").replace(
            "%1", number(window.value, 7)
        ).replace("%2", number(max(window.value, 0.0), 7))
    lines.append(total)
    return lines


def format_pool(window: PoolWindow, source_label: str, heading: str) -> list[str]:
    """Lines showing the pooling window and what it keeps."""
    size = window.values.shape[0]
    marks = np.zeros(window.values.shape, dtype=bool)
    if window.pick is not None:
        marks[window.pick] = True
    where = (
        translate("FilterArithmetic", "rows %1–%2, columns %3–%4")
        .replace("%1", str(window.top))
        .replace("%2", str(window.top + size - 1))
        .replace("%3", str(window.left))
        .replace("%4", str(window.left + window.values.shape[1] - 1))
    )
    kind = (
        translate("FilterArithmetic", "max pool")
        if window.kind == "max"
        else translate("FilterArithmetic", "average pool")
    )
    lines = [
        translate("FilterArithmetic", "%1: %2 over the %3 at %4")
        .replace("%1", heading)
        .replace("%2", kind)
        .replace("%3", source_label)
        .replace("%4", where)
    ]
    table = _table(window.values, marks)
    verdict = (
        translate("FilterArithmetic", "→ max = %1 (marked *)")
        if window.kind == "max"
        else translate("FilterArithmetic", "→ mean = %1")
    ).replace("%1", number(window.value, 7))
    for r, line in enumerate(table):
        lines.append(f"  {line}" + (f"   {verdict}" if r == len(table) // 2 else ""))
    return lines


class ArithmeticPanel(QPlainTextEdit):
    """A read-only monospace text showing the hovered pixel's arithmetic."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setFont(font)
        # Room for a pooling window and a 5 × 5 kernel's arithmetic; the pictures get the rest.
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 11 + 14)
        self.setPlaceholderText(
            self.tr(
                "Hover over a result pixel (or the picture) to see its arithmetic: "
                "the numbers under the kernel, times the kernel, and their sum."
            )
        )

    def show_lines(self, lines: list[str]) -> None:
        text = "\n".join(lines)
        if text != self.toPlainText():
            self.setPlainText(text)


class Explanation:
    """What to show for a hovered point: text lines, and the areas to outline (picture coordinates)."""

    def __init__(
        self, lines: list[str], field: tuple[float, float, float, float], pixel: tuple[float, float, float, float]
    ) -> None:
        self.lines = lines
        self.field = field  # (left, top, width, height) the result pixel reads
        self.pixel = pixel  # the result pixel itself


def explain(result: FilterResult, x: float, y: float, channel: int = 0) -> Explanation | None:
    """The arithmetic of the result pixel drawn at picture point (x, y), or None outside the result."""
    settings = result.settings
    scale, offset = result_geometry(settings)
    row, col = math.floor((y - offset) / scale), math.floor((x - offset) / scale)
    height, width = result.result.shape[:2]
    if not (0 <= row < height and 0 <= col < width):
        return None

    def plane(array: np.ndarray) -> np.ndarray:
        return array[..., min(channel, array.shape[2] - 1)] if array.ndim == 3 else array

    source = plane(result.source)
    heading = (
        translate("FilterArithmetic", "Result pixel row %1, column %2 = %3")
        .replace("%1", str(row))
        .replace("%2", str(col))
        .replace("%3", number(plane(result.result)[row, col], 7))
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
        lines += format_pool(window, label, heading)
        if settings.convolves:
            if window.pick is not None:
                conv_row, conv_col = window.top + window.pick[0], window.left + window.pick[1]
            else:  # average: explain the convolution pixel under the mouse
                stride, first = settings.stride, (settings.kernel_size - settings.stride) / 2 - settings.padding_pixels
                last = window.values.shape[0] - 1
                conv_row = window.top + min(max(math.floor((y - first) / stride) - window.top, 0), last)
                conv_col = window.left + min(max(math.floor((x - first) / stride) - window.left, 0), last)
            conv_heading = (
                translate("FilterArithmetic", "Convolution pixel row %1, column %2")
                .replace("%1", str(conv_row))
                .replace("%2", str(conv_col))
            )
            lines += format_conv(
                conv_window(source, settings, conv_row, conv_col),
                translate("FilterArithmetic", "picture"),
                conv_heading,
                settings.relu,
            )
    else:
        lines += format_conv(
            conv_window(source, settings, row, col), translate("FilterArithmetic", "picture"), heading, settings.relu
        )
    top, left, bottom, right = receptive_field(settings, row, col)
    return Explanation(
        lines, (left, top, right - left, bottom - top), (col * scale + offset, row * scale + offset, scale, scale)
    )
