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
