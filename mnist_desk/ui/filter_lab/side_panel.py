"""The Filter Lab's column of controls: scrolls, and asks for the width its content needs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QScrollArea, QSizePolicy, QWidget

# Narrower than this, the panel scrolls sideways instead of making the window wider.
MIN_WIDTH = 340


class SidePanel(QScrollArea):
    """Scrolls its content; prefers the content's full width, down to :data:`MIN_WIDTH`.

    The content's width can change after the window is built: a translation's
    labels are shorter or longer than English (the kernel grid keeps the width
    of a 5 × 5 grid at 3 × 3, so switching sizes changes nothing). A width
    fixed once at startup cut the 5 × 5 grid off in the Chinese window, with
    no scroll bar to reach it; a minimum that followed the content made the
    window itself grow. So the panel *prefers* the content's
    width (it gets it whenever the window has room) and, in a narrow window,
    shows a horizontal scroll bar rather than hide anything.

    The mouse wheel scrolls the panel: it changes a combo box or spin box only
    once that has been clicked (has the focus), never one that merely passes
    under the pointer while scrolling.
    """

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # Always there: a scroll bar that came and went with the content's height (a 5 × 5 grid is
        # taller) moved everything right of the content's left edge, the Presets button first.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        content.installEventFilter(self)
        for field in content.findChildren(QComboBox) + content.findChildren(QAbstractSpinBox):
            field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # not focused by the wheel either
            field.installEventFilter(self)

    def wanted_width(self) -> int:
        """The content's minimum width, the vertical scroll bar and the frame.

        The minimum, not the preferred width: a wrapping note prefers a wide line
        but reads as well on a narrow one, while the grid's cells cannot shrink.
        """
        content = self.widget()
        return content.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(self.wanted_width(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(min(self.wanted_width(), MIN_WIDTH), super().minimumSizeHint().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the content's width changed: the tab's layout asks again
        elif event.type() == QEvent.Type.Wheel and isinstance(watched, (QComboBox, QAbstractSpinBox)) \
                and not watched.hasFocus():
            QApplication.sendEvent(self.verticalScrollBar(), event)  # scroll the panel instead
            return True
        return False
