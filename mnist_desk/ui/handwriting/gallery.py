"""The My handwriting tab's gallery: a set's digits grouped by label, with counts; select, open.

Ten sections, one per digit, each a header ("3 — 12 digits") over a flowing
grid of thumbnails (the drawings as drawn, loaded in a worker). Selecting
works as in a file manager: a click selects one digit, Ctrl+click adds one,
Shift+click a range in its section, Ctrl+A all; Enter or a double-click opens
a digit on the Draw tab's canvas.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QIcon, QKeySequence, QPainter, QPen, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ...core.handwriting.store import Digit

THUMB = 64
DIGIT_ROLE = Qt.ItemDataRole.UserRole


class ThumbnailDelegate(QStyledItemDelegate):
    """A thumbnail as drawn, framed in the highlight colour when selected (the style's icon view would tint it
    and highlight an empty caption under it)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        target = QRect(0, 0, THUMB, THUMB)
        target.moveCenter(option.rect.center())
        state = option.state
        palette = option.palette
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(target.adjusted(-3, -3, 3, 3), palette.highlight())
        picture = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(picture, QIcon):
            picture.paint(painter, target)
        if state & QStyle.StateFlag.State_HasFocus:
            painter.save()
            painter.setPen(QPen(palette.text().color(), 1, Qt.PenStyle.DotLine))
            painter.drawRect(target.adjusted(-4, -4, 3, 3))
            painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt's name)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(THUMB + 8, THUMB + 8)


class DigitFlow(QListWidget):
    """One label's thumbnails, wrapping, as tall as its rows (the gallery scrolls, not each section)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 10, THUMB + 10))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setWrapping(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setItemDelegate(ThumbnailDelegate(self))

    def fit_height(self) -> None:
        per_row = max(1, self.viewport().width() // self.gridSize().width())
        rows = max(1, -(-self.count() // per_row))
        self.setFixedHeight(rows * self.gridSize().height() + 2 * self.frameWidth() + 4)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.fit_height()


class SetGallery(QScrollArea):
    """A set's digits in ten sections.

    Signals
    -------
    activated(object)
        A :class:`~mnist_desk.core.handwriting.store.Digit` to open on the canvas.
    selection_changed()
        The selected digits changed.
    """

    activated = Signal(object)
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setObjectName("setGallery")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.headers: list[QLabel] = []
        self.flows: list[DigitFlow] = []
        self._items: dict[str, QListWidgetItem] = {}
        self._placeholder = QIcon(_blank_pixmap())
        for label in range(10):
            header = QLabel(body)
            header.setObjectName(f"sectionHeader{label}")
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            flow = DigitFlow(body)
            flow.setObjectName(f"section{label}")
            flow.itemPressed.connect(lambda _item, flow=flow: self._pressed(flow))
            flow.itemSelectionChanged.connect(self.selection_changed)
            flow.itemActivated.connect(lambda item: self.activated.emit(item.data(DIGIT_ROLE)))
            layout.addWidget(header)
            layout.addWidget(flow)
            self.headers.append(header)
            self.flows.append(flow)
        layout.addStretch(1)
        self.setWidget(body)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        select_all = QShortcut(QKeySequence(QKeySequence.StandardKey.SelectAll), self)
        select_all.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        select_all.activated.connect(self.select_all)
        self.show_digits([])

    def show_digits(self, digits: Sequence[Digit], icons: dict[str, QIcon] | None = None) -> None:
        """Show these digits (their thumbnails from ``icons`` by path, else a blank until :meth:`set_icon`).

        The selection is kept for the digits still there (by file).
        """
        selected = {str(digit.path) for digit in self.selected()}
        by_label: list[list[Digit]] = [[] for _ in range(10)]
        for digit in digits:
            by_label[digit.label].append(digit)
        self._items.clear()
        for label, flow in enumerate(self.flows):
            flow.blockSignals(True)
            flow.setUpdatesEnabled(False)
            flow.clear()
            for digit in by_label[label]:
                key = str(digit.path)
                item = QListWidgetItem((icons or {}).get(key, self._placeholder), "")
                item.setData(DIGIT_ROLE, digit)
                item.setToolTip(self.tr("{name} — double-click or Enter opens it on the canvas").format(
                    name=digit.name))
                flow.addItem(item)
                item.setSelected(key in selected)
                self._items[key] = item
            flow.setUpdatesEnabled(True)
            flow.blockSignals(False)
            flow.fit_height()
            count = len(by_label[label])
            self.headers[label].setText(self.tr("{digit} — {count:,} digits").format(digit=label, count=count))
            flow.setVisible(count > 0)
        self.selection_changed.emit()

    def set_icon(self, path: str, icon: QIcon) -> None:
        item = self._items.get(path)
        if item is not None:
            item.setIcon(icon)

    def digits(self) -> list[Digit]:
        return [flow.item(row).data(DIGIT_ROLE) for flow in self.flows for row in range(flow.count())]

    def selected(self) -> list[Digit]:
        return [item.data(DIGIT_ROLE) for flow in self.flows for item in flow.selectedItems()]

    def item_of(self, digit: Digit) -> QListWidgetItem | None:
        return self._items.get(str(digit.path))

    def select(self, digits: Sequence[Digit]) -> None:
        wanted = {str(digit.path) for digit in digits}
        for key, item in self._items.items():
            item.setSelected(key in wanted)

    @Slot()
    def select_all(self) -> None:
        for flow in self.flows:
            flow.selectAll()

    def _pressed(self, pressed: DigitFlow) -> None:
        # A plain click selects in one section only, as one list would; Ctrl or Shift add to the selection.
        if QApplication.keyboardModifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
            return
        for flow in self.flows:
            if flow is not pressed:
                flow.clearSelection()


def _blank_pixmap() -> QPixmap:
    pixmap = QPixmap(THUMB, THUMB)
    pixmap.fill(Qt.GlobalColor.white)
    return pixmap
