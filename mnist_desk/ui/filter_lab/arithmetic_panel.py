"""The panel under the pictures that shows the hovered pixel's arithmetic (see :mod:`.arithmetic`)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from .arithmetic import wrap_line

# The tables' font may shrink down to this share of its size to fit the panel's width.
MIN_FONT_SHARE = 0.7


def _font_size(font: QFont) -> float:
    return font.pointSizeF() if font.pointSizeF() > 0 else float(font.pixelSize())


def _sized(font: QFont, size: float) -> QFont:
    sized = QFont(font)
    if font.pointSizeF() > 0:
        sized.setPointSizeF(size)
    else:
        sized.setPixelSize(max(1, round(size)))
    return sized


class ArithmeticPanel(QPlainTextEdit):
    """A read-only monospace text showing the hovered pixel's arithmetic.

    The tables keep their lines whole: when one is wider than the panel (a
    5 × 5 kernel's three tables side by side, at the window's first size), the
    font shrinks until it fits, down to :data:`MIN_FONT_SHARE` of its size, and
    only then does the panel scroll sideways. The sentences above and below
    them wrap to the panel's width.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: list[str] = []
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._base_font = font
        self.setFont(font)
        # Room for a pooling window and a 5 × 5 kernel's arithmetic; the pictures get the rest.
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 11 + 14)
        self.setPlaceholderText(
            self.tr(
                "Hover over a result pixel (or the picture) to see its arithmetic: "
                "the numbers under the kernel, times the kernel, and their sum."
            )
        )

    def measure(self, text: str) -> float:
        """How wide ``text`` is drawn in this panel's font, in columns (widths of a space).

        Measured rather than counted: Chinese characters come from a fallback
        font and are not exactly two columns wide.
        """
        metrics = QFontMetricsF(self.font())
        return metrics.horizontalAdvance(text) / metrics.horizontalAdvance(" ")

    def columns(self) -> float | None:
        """How many columns fit across the panel; None before it is shown (nothing to wrap to yet)."""
        if not self.isVisible():
            return None
        margin = 2 * self.document().documentMargin() + self.cursorWidth() + 1
        return (self.viewport().width() - margin) / QFontMetricsF(self.font()).horizontalAdvance(" ")

    def show_lines(self, lines: list[str]) -> None:
        self._lines = list(lines)
        self._render()

    def _fit_tables(self) -> None:
        """The base font, or a smaller one where a table line would not fit the panel's width."""
        font = self._base_font
        tables = [line for line in self._lines if line.startswith(" ")]
        if tables and self.isVisible():
            width = self.viewport().width() - 2 * self.document().documentMargin() - self.cursorWidth() - 1
            base = _font_size(font)
            size = base
            while max(QFontMetricsF(font).horizontalAdvance(line) for line in tables) > width \
                    and size - 0.5 >= base * MIN_FONT_SHARE:
                size -= 0.5
                font = _sized(self._base_font, size)
        if font != self.font():
            self.setFont(font)

    def _render(self) -> None:
        self._fit_tables()
        columns = self.columns()
        shown: list[str] = []
        for line in self._lines:
            # Table lines start with a space; wrapping one would break its columns apart.
            if columns is None or columns < 20 or line.startswith(" "):
                shown.append(line)
            else:
                shown += wrap_line(line, columns, self.measure)
        text = "\n".join(shown)
        if text != self.toPlainText():
            self.setPlainText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._render()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._render()
