"""A scroll area that gives its page the room there is, and scrolls only below the page's minimum."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QScrollArea, QWidget


class FitScrollArea(QScrollArea):
    """Like ``QScrollArea`` with ``widgetResizable``, without its habit of sizing a page that holds
    word-wrapped labels to the page's *preferred* height (its height-for-width): that showed a
    scroll bar on pages that fit. Here the page is as large as the viewport, and never smaller
    than its own minimum size, below which the area scrolls.
    """

    def __init__(self, page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setWidget(page)

    def _fit(self) -> None:
        page = self.widget()
        if page is None:
            return
        least = page.minimumSizeHint().expandedTo(page.minimumSize())
        viewport = self.viewport().size()
        page.resize(QSize(max(viewport.width(), least.width()), max(viewport.height(), least.height())))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def sizeHint(self) -> QSize:  # noqa: N802
        page = self.widget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(60, 60)  # small windows scroll the page instead
