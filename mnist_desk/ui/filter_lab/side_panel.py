"""The Filter Lab's column of controls: scrolls up and down, never cut off at the side."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QScrollArea, QWidget


class SidePanel(QScrollArea):
    """Scrolls its content vertically and is always as wide as the content needs.

    The content's width changes after the window is built: a 5 × 5 kernel is
    wider than the 3 × 3 one, and a translation's labels are shorter or longer
    than English. A width fixed once at startup cut the 5 × 5 grid off in the
    Chinese window, with no scroll bar to reach it, so the width follows the
    content's size hint whenever its layout changes.
    """

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content.installEventFilter(self)
        self.fit_width()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit_width()
        return False

    def fit_width(self) -> None:
        """Room for the content's minimum width, the vertical scroll bar and the frame.

        The minimum, not the preferred width: a wrapping note prefers a wide line
        but reads as well on a narrow one, while the grid's cells cannot shrink.
        """
        content = self.widget()
        width = content.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        if width != self.minimumWidth():
            self.setMinimumWidth(width)
