"""The layer list as a table model: each layer, the part it is built into, its output shape and parameters.

The model holds the layers and their :class:`~mnist_desk.core.layers.NetworkPlan`,
made again after every change (pure Python, well under a millisecond). It
supports moving rows by drag and drop inside the view, and dropping a layer
list's text (``"conv 8 3x3, relu"``) from elsewhere; the layer's text is
editable in place.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QStyle, QTableView, QWidget

from ...core.layers import Layer, LayerError, NetworkPlan, format_spec, parse_spec, plan_network, shape_text
from ...core.layers.spec import parse_layer
from ..error_text import error_text
from .texts import count, kind_tip, parameter_arithmetic, part_name, shape_change

ROWS_MIME = "application/x-mnist-desk-layer-rows"
COLUMN_NUMBER, COLUMN_LAYER, COLUMN_PART, COLUMN_OUTPUT, COLUMN_PARAMETERS = range(5)
BAD_BACKGROUND = QColor(255, 214, 214)
BAD_TEXT = QColor(120, 0, 0)

Index = QModelIndex | QPersistentModelIndex
_icons: dict[QStyle.StandardPixmap, QIcon] = {}


def _icon(kind: QStyle.StandardPixmap) -> QIcon:
    if kind not in _icons:
        _icons[kind] = QApplication.style().standardIcon(kind)
    return _icons[kind]


class LayerTableModel(QAbstractTableModel):
    """Layers and their plan.

    ``plan_changed()`` after every change; ``refused(text)`` for an edit that is not a layer.
    """

    plan_changed = Signal()
    refused = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._layers: list[Layer] = []
        self.plan: NetworkPlan = plan_network([])
        self.read_only = False
        self._cells: list[tuple[str, ...]] = []  # each row's texts, made once per plan: views ask for them often
        self._bad: int | None = None
        self._noted: set[int] = set()
        self._bold = QFont()
        self._bold.setBold(True)

    # -- the layers ---------------------------------------------------------------------------
    @property
    def layers(self) -> list[Layer]:
        return list(self._layers)

    def _make_plan(self) -> None:
        self.plan = plan_network(self._layers)
        self._bad = self.plan.problem.index if self.plan.problem is not None else None
        self._noted = {note.index for note in self.plan.notes if note.index is not None}
        self._cells = [(str(row + 1), info.layer.text, part_name(info.block),
                        shape_text(info.output_shape) if info.output_shape is not None else "—",
                        count(info.parameters) if info.output_shape is not None else "—")
                       for row, info in enumerate(self.plan.rows)]

    def _replan(self) -> None:
        before = (self._cells, self._bad, self._noted)
        self._make_plan()
        # Only the rows whose texts or marks changed are redrawn (an edit changes the rows after it).
        marked = {row for row in (before[1], self._bad) if row is not None} | (before[2] ^ self._noted)
        changed = [row for row in range(len(self._cells))
                   if row >= len(before[0]) or before[0][row] != self._cells[row] or row in marked]
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], COLUMN_PARAMETERS))
        self.plan_changed.emit()

    def set_layers(self, layers: Sequence[Layer]) -> None:
        self.beginResetModel()
        self._layers = list(layers)
        self._make_plan()
        self.endResetModel()
        self.plan_changed.emit()

    def replace(self, row: int, layer: Layer) -> None:
        if 0 <= row < len(self._layers) and self._layers[row] != layer:
            self._layers[row] = layer
            self._replan()

    def insert(self, row: int, layers: Sequence[Layer]) -> None:
        row = min(max(row, 0), len(self._layers))
        if not layers:
            return
        self.beginInsertRows(QModelIndex(), row, row + len(layers) - 1)
        self._layers[row:row] = list(layers)
        self.endInsertRows()
        self._replan()

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._layers):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._layers[row]
            self.endRemoveRows()
            self._replan()

    def move(self, row: int, to: int) -> bool:
        """Move layer ``row`` so that it ends up at position ``to`` (both counted in the list before the move)."""
        count_ = len(self._layers)
        to = min(max(to, 0), count_ - 1)
        if not 0 <= row < count_ or to == row:
            return False
        # Qt's destination is the row the moved one goes before, in the list as it is now.
        if not self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to + 1 if to > row else to):
            return False
        self._layers.insert(to, self._layers.pop(row))
        self.endMoveRows()
        self._replan()
        return True

    def show_change(self, layers: Sequence[Layer]) -> bool:
        """Make the list ``layers`` by one edit, insertion, removal or move, if one does it (False: none does).

        The view then redraws only what changed; a reset (:meth:`set_layers`) redraws everything and loses
        the scroll position.
        """
        shown, layers = self._layers, list(layers)
        if shown == layers:
            return True
        differ = [i for i, (a, b) in enumerate(zip(shown, layers)) if a != b]
        if len(shown) == len(layers):
            if len(differ) == 1:
                self.replace(differ[0], layers[differ[0]])
                return True
            first, last = differ[0], differ[-1]
            if shown[first + 1:last + 1] == layers[first:last] and shown[first] == layers[last]:
                return self.move(first, last)
            if shown[first:last] == layers[first + 1:last + 1] and shown[last] == layers[first]:
                return self.move(last, first)
            return False
        at = differ[0] if differ else min(len(shown), len(layers))
        if len(layers) == len(shown) + 1 and shown[at:] == layers[at + 1:]:
            self.insert(at, [layers[at]])
            return True
        if len(layers) == len(shown) - 1 and shown[at + 1:] == layers[at:]:
            self.remove(at)
            return True
        return False

    # -- what the view shows ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._layers)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("#"), self.tr("Layer"), self.tr("Part"), self.tr("Output"), self.tr("Parameters"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = index.row()
        if not index.isValid() or row >= len(self._cells):
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._cells[row][column]
        bad = self._bad == row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if column in (
                COLUMN_NUMBER, COLUMN_PARAMETERS) else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(BAD_BACKGROUND) if bad else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(BAD_TEXT) if bad else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if bad else None
        if role == Qt.ItemDataRole.DecorationRole:
            return self._mark(row, bad) if column == COLUMN_LAYER else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(row, column, bad)
        return None

    def _notes_of(self, row: int) -> list[str]:
        return [error_text(note) for note in self.plan.notes if note.index == row]

    def _mark(self, row: int, bad: bool):
        if bad:
            return _icon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        if row in self._noted:
            return _icon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        return None

    def _tip(self, row: int, column: int, bad: bool) -> str:
        lines = []
        if bad and self.plan.problem is not None:
            lines.append(error_text(self.plan.problem))
        lines += self._notes_of(row)
        if column == COLUMN_PARAMETERS:
            lines.append(parameter_arithmetic(self.plan, row))
        elif column == COLUMN_OUTPUT:
            lines.append(shape_change(self.plan, row))
        elif column == COLUMN_LAYER:
            lines.append(kind_tip(self._layers[row].kind))
            if not self.read_only:
                lines.append(self.tr("Double-click to type the layer, e.g. conv 8 3x3 pad 1."))
        return "\n".join(line for line in lines if line)

    # -- editing in place ---------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if not self.read_only else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
            if index.column() == COLUMN_LAYER:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if self.read_only or role != Qt.ItemDataRole.EditRole or index.column() != COLUMN_LAYER:
            return False
        try:
            layer = parse_layer(str(value), index.row())
        except LayerError as error:
            self.refused.emit(error_text(error))
            return False
        self.replace(index.row(), layer)
        return True

    # -- drag and drop ------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ROWS_MIME, "text/plain"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        rows = sorted({index.row() for index in indexes if index.isValid()})
        data = QMimeData()
        data.setData(ROWS_MIME, QByteArray(",".join(map(str, rows)).encode()))
        data.setText(format_spec(self._layers[row] for row in rows))  # dropped elsewhere: the layers' text
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: Index) -> bool:
        return not self.read_only and (data.hasFormat(ROWS_MIME) or data.hasText())

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        """Rows of this table move to the drop position; a layer list's text is inserted there.

        Returns False after a move: the view must not remove the dragged rows
        itself (they are already where they belong).
        """
        if self.read_only:
            return False
        target = parent.row() if parent.isValid() else (row if row >= 0 else len(self._layers))
        if data.hasFormat(ROWS_MIME):
            rows = [int(text) for text in bytes(data.data(ROWS_MIME).data()).decode().split(",") if text]
            if len(rows) == 1:
                source = rows[0]
                self.move(source, target - 1 if target > source else target)
            return False
        try:
            layers = parse_spec(data.text())
        except LayerError as error:
            self.refused.emit(error_text(error))
            return False
        self.insert(target, layers)
        return True


def make_layer_view(model: LayerTableModel, parent: QWidget) -> QTableView:
    """The table of ``model``: whole rows selected, moved by drag and drop, the layer typed in its cell (F2)."""
    view = QTableView(parent)
    view.setObjectName("layerTable")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
    view.setDefaultDropAction(Qt.DropAction.MoveAction)
    view.setDragDropOverwriteMode(False)
    view.setDropIndicatorShown(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
    metrics = parent.fontMetrics()
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
    view.setMinimumHeight(8 * (metrics.height() + 8))
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    # Fixed widths for the widest texts a column can hold: sizing to the contents at every edit
    # asks every cell for every role (tens of milliseconds for a long network).
    for column, widest in ((COLUMN_NUMBER, "64"), (COLUMN_PART, "conv99"), (COLUMN_OUTPUT, "512×56×56"),
                           (COLUMN_PARAMETERS, "16,000,000")):
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, max(metrics.horizontalAdvance(widest), metrics.horizontalAdvance(title)) + 16)
    header.setSectionResizeMode(COLUMN_LAYER, QHeaderView.ResizeMode.Stretch)
    # The editor's texts, where they were first written.
    view.setAccessibleName(QCoreApplication.translate("ArchitectureEditor", "Layers of the network"))
    view.setToolTip(QCoreApplication.translate("ArchitectureEditor", "Drag a layer to move it; Delete removes it, "
                                               "Insert adds one, Ctrl+Up and Ctrl+Down move it, F2 types it."))
    return view
