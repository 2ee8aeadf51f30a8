"""Labels whose text changes at every frame without making their window lay itself out again."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy


def fix_text_height(label: QLabel, lines: int) -> None:
    """Give ``label`` room for ``lines`` lines, fixed, and let its width follow the layout.

    A QLabel whose text changes asks its layout for a new size; while drawing
    that happened at every frame and the whole tab was laid out and repainted
    again. With a fixed height and an ignored width hint, new text only
    repaints the label.
    """
    label.setFixedHeight(lines * label.fontMetrics().lineSpacing() + 4)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    label.setMinimumWidth(40)


class OneLineLabel(QLabel):
    """One line of text whose height never changes: too long a text is elided in the middle.

    For a caption that comes and goes (the Draw tab's "Picture: …"): appearing or
    wrapping onto a second line, it moved everything laid out below it. The whole
    text stays in ``text()`` and in the tooltip.
    """

    def __init__(self, parent=None) -> None:  # noqa: ANN001 (QWidget | None)
        super().__init__(parent)
        self._full = ""
        fix_text_height(self, 1)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        self._elide()

    def text(self) -> str:
        return self._full

    def clear(self) -> None:
        self.setText("")

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt's name)
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        from PySide6.QtCore import Qt

        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, max(self.width() - 4, 20))
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")
