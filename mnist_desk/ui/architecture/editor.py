"""Build your own CNN: the layer list a user adds to, removes from, reorders and edits, with live shapes.

The tutorial's section 1.3 walks through a CNN layer by layer; here a
learner builds one. Every edit (a button, a key, a drag, a field, the text
line) replans the network at once (:func:`mnist_desk.core.layers.plan_network`,
pure Python): each layer's output shape and parameters, the totals and
multiply-adds, and the first layer that cannot work, marked in the table and
said in one sentence. Edits can be undone; the list is remembered.

For a named architecture (tutorial, fast, desk) the editor shows its layers
read-only, with a button that makes an editable copy.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.layers import PRESETS, PRESETS_BY_KEY, Layer, LayerError, NetworkPlan, parse_spec
from ...core.layers.presets import architecture_layers
from ...core.layers.spec import KINDS, LINEAR
from ..error_text import error_text
from .layer_fields import LayerFields, default_layer
from .layer_table import COLUMN_LAYER, LayerTableModel, make_layer_view
from .texts import count, kind_name, preset_name, preset_note

SETTINGS_KEY = "train/layers"
DEFAULT_PRESET = "section1.3"
UNDO_LIMIT = 200


class ArchitectureEditor(QWidget):
    """The layer list and everything about it; ``changed()`` after every edit of the user's own list.

    ``copy_made()``: the user made an editable copy of a named architecture
    shown read-only (the form then chooses the custom network).
    """

    changed = Signal()
    copy_made = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("architectureEditor")
        self.settings = settings
        self.model = LayerTableModel(self)
        self._custom: list[Layer] = []
        self._undo: list[list[Layer]] = []
        self._redo: list[list[Layer]] = []
        self._last_edit: tuple[str, int] | None = None  # consecutive edits of one field merge into one undo step
        self.named: tuple[str, str] | None = None  # (arch, activation) shown read-only, or None

        self.preset = QComboBox(self)
        for preset in PRESETS:
            self.preset.addItem(preset_name(preset.key), preset.key)
            self.preset.setItemData(self.preset.count() - 1, preset_note(preset.key), Qt.ItemDataRole.ToolTipRole)
        self.preset.setToolTip(self.tr("Networks to start from; Use replaces the list (Undo brings it back)."))
        self.use_preset = QPushButton(self.tr("Use"), self)
        self.use_preset.setToolTip(self.tr("Replace the layers with the chosen network"))
        self.copy_button = QPushButton(self.tr("Edit a copy"), self)
        self.copy_button.setToolTip(self.tr("Make these layers your own network, to change and train"))
        self.view = make_layer_view(self.model, self)
        self.add_button = QToolButton(self)
        self.add_button.setText(self.tr("Add layer"))
        self.add_button.setToolTip(self.tr("Add a layer after the selected one (Insert)"))
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_menu = QMenu(self)
        for kind in KINDS:
            action = QAction(kind_name(kind), self.add_menu)
            action.setData(kind)
            action.triggered.connect(lambda _checked=False, k=kind: self.add_layer(k))
            self.add_menu.addAction(action)
        self.add_button.setMenu(self.add_menu)
        # A tool button's size leaves out its menu's arrow, which then covers the text's end ("Add laye▾").
        arrow = self.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, self.add_button)
        self.add_button.setMinimumWidth(self.add_button.sizeHint().width() + arrow + 6)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setToolTip(self.tr("Remove the selected layer (Delete)"))
        self.up_button = QPushButton(self.tr("Up"), self)
        self.up_button.setToolTip(self.tr("Move the selected layer up (Ctrl+Up)"))
        self.down_button = QPushButton(self.tr("Down"), self)
        self.down_button.setToolTip(self.tr("Move the selected layer down (Ctrl+Down)"))
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.setToolTip(self.tr("Undo the last change to the layers (Ctrl+Z)"))
        self.redo_button = QPushButton(self.tr("Redo"), self)
        self.redo_button.setToolTip(self.tr("Redo (Ctrl+Shift+Z)"))
        self.fields = LayerFields(self)
        from .spec_line import SpecLine

        self.spec_line = SpecLine(self)
        self.totals = QLabel(self)
        self.totals.setObjectName("layerTotals")
        self.totals.setWordWrap(True)
        self.problem = QLabel(self)
        self.problem.setObjectName("layerProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a00000; font-weight: bold;")
        self.notes = QLabel(self)
        self.notes.setObjectName("layerNotes")
        self.notes.setWordWrap(True)
        self.named_note = QLabel(self)
        self.named_note.setWordWrap(True)

        top = QHBoxLayout()
        self.preset_label = QLabel(self.tr("Start from:"), self)
        top.addWidget(self.preset_label)
        top.addWidget(self.preset, 1)
        top.addWidget(self.use_preset)
        named_row = QHBoxLayout()
        named_row.addWidget(self.named_note, 1)
        named_row.addWidget(self.copy_button)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.redo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(named_row)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.fields)
        layout.addWidget(self.spec_line)
        layout.addWidget(self.totals)
        layout.addWidget(self.problem)
        layout.addWidget(self.notes)

        self.use_preset.clicked.connect(self.apply_preset)
        self.copy_button.clicked.connect(self.make_copy)
        self.remove_button.clicked.connect(self.remove_layer)
        self.up_button.clicked.connect(lambda: self.move_layer(-1))
        self.down_button.clicked.connect(lambda: self.move_layer(1))
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        self.fields.edited.connect(self._on_field_edited)
        self.spec_line.typed.connect(lambda layers: self._user_change(layers, ("text", -1)))
        self.model.plan_changed.connect(self._on_plan_changed)
        self.model.refused.connect(self._show_refused)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        for keys, slot, where in (
                (QKeySequence.StandardKey.Undo, self.undo, self), (QKeySequence.StandardKey.Redo, self.redo, self),
                (QKeySequence("Ctrl+Shift+Z"), self.redo, self), (QKeySequence(Qt.Key.Key_Delete), self.remove_layer,
                                                                    self.view),
                (QKeySequence(Qt.Key.Key_Backspace), self.remove_layer, self.view),
                (QKeySequence("Ctrl+Up"), lambda: self.move_layer(-1), self.view),
                (QKeySequence("Ctrl+Down"), lambda: self.move_layer(1), self.view),
                (QKeySequence(Qt.Key.Key_Insert), self.show_add_menu, self.view)):
            shortcut = QShortcut(keys, where)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut if where is self
                                else Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self._restore()

    # -- the user's own list --------------------------------------------------------------------
    def _restore(self) -> None:
        text = str(self.settings.value(SETTINGS_KEY, "") or "")
        try:
            layers = parse_spec(text) if text else PRESETS_BY_KEY[DEFAULT_PRESET].layers
        except LayerError:  # a hand-edited settings file: the tutorial's network instead
            layers = PRESETS_BY_KEY[DEFAULT_PRESET].layers
        self._custom = list(layers)
        self.model.set_layers(self._custom)
        self._select(0)
        self._refresh_mode()

    @property
    def layers(self) -> list[Layer]:
        """The user's own network (whatever is shown)."""
        return list(self._custom)

    @property
    def plan(self) -> NetworkPlan:
        return self.model.plan

    @property
    def valid(self) -> bool:
        """The user's own network can be built and trained."""
        from ...core.layers import network_problem

        return network_problem(self._custom) is None

    def set_layers(self, layers: Sequence[Layer]) -> None:
        """Replace the user's list (an undoable step), e.g. a loaded checkpoint's network."""
        self._user_change(list(layers), ("set", -1))

    def _user_change(self, layers: list[Layer], edit: tuple[str, int]) -> None:
        if layers == self._custom:
            return
        if self.named is not None:
            return  # read-only
        if edit != self._last_edit or edit[0] in ("set", "preset"):
            self._undo.append(list(self._custom))
            del self._undo[:-UNDO_LIMIT]
        self._redo.clear()
        self._last_edit = edit
        row = self.current_row()
        self._custom = list(layers)
        if not self.model.show_change(layers):
            self.model.set_layers(self._custom)
            self._select(min(max(row, 0), len(self._custom) - 1))
        self._after_change()

    def _after_change(self) -> None:
        self.settings.setValue(SETTINGS_KEY, ", ".join(layer.text for layer in self._custom))
        self._refresh_buttons()
        self.changed.emit()

    @Slot()
    def _on_plan_changed(self) -> None:
        # Every change of the model ends here. One the view made itself (a drop, a layer typed in its
        # cell) is recorded as a step of the user's, once the plan is made (listeners read it).
        self._show_plan()
        layers = self.model.layers
        if layers != self._custom and self.named is None:
            self._undo.append(list(self._custom))
            self._redo.clear()
            self._last_edit = None
            self._custom = layers
            self._after_change()

    # -- actions ------------------------------------------------------------------------------
    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, COLUMN_LAYER)
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.view.scrollTo(index)
        else:
            self.fields.show_layer(None)

    @Slot()
    def show_add_menu(self) -> None:
        if self.named is None:
            self.add_menu.popup(self.view.mapToGlobal(self.view.visualRect(self.view.currentIndex()).bottomLeft()))

    def add_layer(self, kind: str) -> None:
        """A new layer of ``kind`` after the selected one (at the end when none is)."""
        row = self.current_row()
        at = row + 1 if row >= 0 else len(self._custom)
        layers = self.layers
        layers.insert(at, default_layer(kind, last=at == len(layers) and kind == LINEAR))
        self._user_change(layers, ("add", at))
        self._select(at)

    @Slot()
    def remove_layer(self) -> None:
        row = self.current_row()
        if row < 0 or self.named is not None:
            return
        layers = self.layers
        del layers[row]
        self._user_change(layers, ("remove", row))
        self._select(min(row, len(layers) - 1))

    def move_layer(self, step: int) -> None:
        row = self.current_row()
        to = row + step
        if row < 0 or not 0 <= to < len(self._custom) or self.named is not None:
            return
        layers = self.layers
        layers.insert(to, layers.pop(row))
        self._user_change(layers, ("move", to))
        self._select(to)

    @Slot(object)
    def _on_field_edited(self, layer: Layer) -> None:
        row = self.current_row()
        if row < 0:
            return
        layers = self.layers
        old, layers[row] = layers[row], layer
        # Typing "16" into one field is one step; another field, or another kind, is the next.
        changed = [name for name in ("kind", "filters", "kernel", "stride", "padding", "units", "p")
                   if getattr(old, name) != getattr(layer, name)]
        self._user_change(layers, (f"field {changed[0] if changed else ''}", row))

    @Slot()
    def apply_preset(self) -> None:
        self._user_change(PRESETS_BY_KEY[self.preset.currentData()].layers, ("preset", -1))
        self._select(0)

    @Slot()
    def undo(self) -> None:
        if self._undo and self.named is None:
            self._redo.append(list(self._custom))
            self._restore_step(self._undo.pop())

    @Slot()
    def redo(self) -> None:
        if self._redo and self.named is None:
            self._undo.append(list(self._custom))
            self._restore_step(self._redo.pop())

    def _restore_step(self, layers: list[Layer]) -> None:
        row = self.current_row()
        self._custom, self._last_edit = layers, None
        if not self.model.show_change(layers):
            self.model.set_layers(layers)
        self._select(min(max(row, 0), len(layers) - 1))
        self._after_change()

    # -- a named architecture, shown read-only ----------------------------------------------------
    def show_architecture(self, arch: str | None, activation: str = "relu") -> None:
        """Show ``arch``'s layers read-only (``None``: the user's own list, editable)."""
        named = None if arch is None else (arch, activation)
        if named == self.named:
            return
        self.named = named
        self.model.read_only = named is not None
        self.model.set_layers(self._custom if named is None else architecture_layers(arch or "", activation))
        self._select(0)
        self._refresh_mode()

    @Slot()
    def make_copy(self) -> None:
        """The shown named architecture's layers become the user's own list (Undo brings the old one back)."""
        if self.named is None:
            return
        layers = self.model.layers
        self.show_architecture(None)
        self._user_change(layers, ("set", -1))
        self._select(0)
        self.copy_made.emit()

    def _refresh_mode(self) -> None:
        editable = self.named is None
        for widget in (self.add_button, self.fields, self.spec_line):
            widget.setEnabled(editable)
        for widget in (self.preset_label, self.preset, self.use_preset):  # presets replace only your own list
            widget.setVisible(editable)
        self.copy_button.setVisible(not editable)
        self.named_note.setVisible(not editable)
        if not editable:
            self.named_note.setText(self.tr("The architecture chosen above, as layers. Make a copy to change it."))
        self.view.setDragEnabled(editable)
        self.view.setAcceptDrops(editable)
        self._refresh_buttons()
        self._show_plan()

    def _refresh_buttons(self) -> None:
        row, editable = self.current_row(), self.named is None
        self.remove_button.setEnabled(editable and row >= 0)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < len(self._custom) - 1)
        self.undo_button.setEnabled(editable and bool(self._undo))
        self.redo_button.setEnabled(editable and bool(self._redo))

    # -- what the plan says -----------------------------------------------------------------------
    @Slot()
    def _on_current(self, *_args) -> None:
        row = self.current_row()
        layers = self.model.layers
        self.fields.show_layer(layers[row] if 0 <= row < len(layers) else None)
        self.fields.setEnabled(self.named is None)
        self._refresh_buttons()

    @Slot()
    def _show_plan(self) -> None:
        plan = self.model.plan
        self.spec_line.show_layers(self.model.layers)
        if plan.ok:
            self.totals.setText(self.tr("<b>Total: {parameters} parameters</b> · {multiply_adds} multiply-adds per "
                                        "digit (the tutorial's CNN: 28,938 and 2,838,080)").format(
                parameters=count(plan.total_parameters), multiply_adds=count(plan.multiply_adds)))
        else:
            self.totals.setText(self.tr("<b>Total: —</b> (the network cannot be built yet)"))
        self.problem.setVisible(plan.problem is not None)
        self.problem.setText("✗ " + error_text(plan.problem) if plan.problem is not None else "")
        self.notes.setVisible(bool(plan.notes))
        self.notes.setText("\n".join("ⓘ " + error_text(note) for note in plan.notes))

    @Slot(str)
    def _show_refused(self, text: str) -> None:
        self.problem.setText("✗ " + text)
        self.problem.show()
