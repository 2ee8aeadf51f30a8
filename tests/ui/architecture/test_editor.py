"""The architecture editor, used as a user uses it: clicks, keys, the menu, the fields, the text line, drops."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu

from mnist_desk.core.layers import format_spec, parse_spec
from mnist_desk.ui.architecture.editor import SETTINGS_KEY, ArchitectureEditor
from mnist_desk.ui.architecture.layer_table import COLUMN_LAYER, COLUMN_OUTPUT, COLUMN_PARAMETERS

SECTION_1_3 = ("conv 4 5x5 pad 2, relu, maxpool 2, conv 6 5x5 pad 2, relu, maxpool 2, flatten, linear 50, relu, "
               "linear 10")


@pytest.fixture
def editor(qtbot, settings):
    widget = ArchitectureEditor(settings)
    qtbot.addWidget(widget)
    widget.resize(520, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def cell(editor, row, column):
    return editor.model.index(row, column).data()


def click_row(qtbot, editor, row):
    rect = editor.view.visualRect(editor.model.index(row, COLUMN_LAYER))
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.current_row() == row


def choose_from_menu(qtbot, editor, kind):
    """Click Add layer, then the kind in the menu that opens (as a user does)."""
    def pick():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        action = next(a for a in menu.actions() if a.data() == kind)
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    QTimer.singleShot(200, pick)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)


def test_it_starts_with_the_tutorials_section_1_3_network_and_its_counts(editor):
    assert format_spec(editor.layers) == SECTION_1_3 and editor.valid
    assert [cell(editor, row, COLUMN_OUTPUT) for row in range(10)] == [
        "4×28×28", "4×28×28", "4×14×14", "6×14×14", "6×14×14", "6×7×7", "294", "50", "50", "10"]
    assert cell(editor, 3, COLUMN_PARAMETERS) == "606"
    assert "15,970 parameters" in editor.totals.text() and "211,200 multiply-adds per digit" in editor.totals.text()
    assert editor.problem.isHidden()
    tip = editor.model.index(3, COLUMN_PARAMETERS).data(Qt.ItemDataRole.ToolTipRole)
    assert "6 filters × 4×5×5 weights + 6 biases = 606" in tip and "117,600 multiply-adds" in tip


def test_editing_a_field_updates_every_shape_and_count_at_once(qtbot, editor):
    click_row(qtbot, editor, 3)  # conv 6 5x5 pad 2
    assert editor.fields.filters.isVisible() and not editor.fields.units.isVisible()
    editor.fields.filters.setFocus()
    editor.fields.filters.selectAll()
    qtbot.keyClicks(editor.fields.filters, "16")
    assert cell(editor, 3, COLUMN_LAYER) == "conv 16 5x5 pad 2"
    assert cell(editor, 3, COLUMN_PARAMETERS) == f"{16 * 4 * 25 + 16:,}"
    assert cell(editor, 6, COLUMN_OUTPUT) == "784"  # 16×7×7 flattened
    assert cell(editor, 7, COLUMN_PARAMETERS) == f"{784 * 50 + 50:,}"
    assert f"{editor.plan.total_parameters:,} parameters" in editor.totals.text()
    qtbot.keyClick(editor.fields.stride, Qt.Key.Key_Up)  # stride 2: the maps halve
    assert cell(editor, 3, COLUMN_OUTPUT) == "16×7×7" and cell(editor, 3, COLUMN_LAYER) == "conv 16 5x5 stride 2 pad 2"
    qtbot.keyClick(editor.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one undo: the stride
    assert cell(editor, 3, COLUMN_LAYER) == "conv 16 5x5 pad 2"
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)  # "16" typed is one step
    assert format_spec(editor.layers) == SECTION_1_3
    qtbot.mouseClick(editor.redo_button, Qt.MouseButton.LeftButton)
    assert cell(editor, 3, COLUMN_LAYER) == "conv 16 5x5 pad 2"


def test_an_impossible_network_is_marked_at_its_first_bad_layer_and_nothing_raises(qtbot, editor):
    changes = []
    editor.changed.connect(lambda: changes.append(editor.valid))
    click_row(qtbot, editor, 5)  # after the second max pool: 6×7×7
    for _ in range(3):
        choose_from_menu(qtbot, editor, "maxpool")
    qtbot.waitUntil(lambda: len(editor.layers) == 13)
    assert not editor.valid and changes[-1] is False
    assert editor.problem.isVisible()
    assert "Layer 9 (maxpool 2): a 2×2 window does not fit in 1×1 maps" in editor.problem.text()
    assert editor.model.index(8, COLUMN_LAYER).data(Qt.ItemDataRole.DecorationRole) is not None
    assert cell(editor, 8, COLUMN_OUTPUT) == "—" and "cannot be built" in editor.totals.text()
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)  # the selected (last added) pool goes
    assert editor.valid and editor.problem.isHidden()


def test_add_remove_and_move_with_buttons_and_keys(qtbot, editor):
    click_row(qtbot, editor, 0)
    choose_from_menu(qtbot, editor, "batchnorm")
    qtbot.waitUntil(lambda: len(editor.layers) == 11)
    assert cell(editor, 1, COLUMN_LAYER) == "batchnorm" and editor.current_row() == 1
    assert cell(editor, 0, COLUMN_PARAMETERS) == "100"  # the conv before batch norm loses its bias
    qtbot.keyClick(editor.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert cell(editor, 2, COLUMN_LAYER) == "batchnorm" and editor.current_row() == 2
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert cell(editor, 1, COLUMN_LAYER) == "batchnorm"
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert format_spec(editor.layers) == SECTION_1_3
    click_row(qtbot, editor, 9)  # add after the last: a linear layer there gets the ten outputs
    choose_from_menu(qtbot, editor, "linear")
    qtbot.waitUntil(lambda: len(editor.layers) == 11)
    assert cell(editor, 10, COLUMN_LAYER) == "linear 10"
    assert any("no activation" in text for text in editor.notes.text().splitlines())


def test_changing_a_layers_kind_keeps_the_numbers_it_shares(qtbot, editor):
    click_row(qtbot, editor, 2)  # maxpool 2
    editor.fields.kind.setCurrentIndex(editor.fields.kind.findData("avgpool"))
    assert cell(editor, 2, COLUMN_LAYER) == "avgpool 2"
    assert editor.fields.kernel.value() == 2


def test_dragging_a_layer_moves_it_and_dropped_text_is_inserted(qtbot, editor):
    model = editor.model
    # What the view hands the model when a row is dragged and dropped (QAbstractItemView.startDrag/dropEvent).
    dragged = model.mimeData([model.index(1, COLUMN_LAYER)])  # relu
    assert dragged.text() == "relu"
    model.dropMimeData(dragged, Qt.DropAction.MoveAction, 3, 0, model.index(-1, -1))
    assert [cell(editor, row, COLUMN_LAYER) for row in range(4)] == ["conv 4 5x5 pad 2", "maxpool 2", "relu",
                                                                      "conv 6 5x5 pad 2"]
    assert editor.undo_button.isEnabled()
    from PySide6.QtCore import QMimeData

    text = QMimeData()
    text.setText("dropout 0.2, tanh")
    assert model.dropMimeData(text, Qt.DropAction.CopyAction, -1, -1, model.index(7, COLUMN_LAYER))
    assert cell(editor, 7, COLUMN_LAYER) == "dropout 0.2" and cell(editor, 8, COLUMN_LAYER) == "tanh"
    qtbot.keyClick(editor.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert format_spec(editor.layers) == SECTION_1_3


def drop_on_table(editor, data, row, where):
    """Drag ``data`` over the table and drop it on ``row``'s upper or lower edge, as the view receives a drop."""
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    view = editor.view
    rect = view.visualRect(editor.model.index(row, COLUMN_LAYER))
    point = rect.center()
    point.setY(rect.top() + 1 if where == "above" else rect.bottom() - 1)
    buttons, keys, move = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, Qt.DropAction.MoveAction
    for event in (QDragEnterEvent(point, move, data, buttons, keys), QDragMoveEvent(point, move, data, buttons, keys),
                  QDropEvent(point.toPointF(), move, data, buttons, keys)):
        QApplication.sendEvent(view.viewport(), event)


def test_a_row_dropped_on_the_table_lands_where_the_drop_indicator_is(qtbot, editor):
    # The view's own drop handling (position → row); the drag itself (QDrag.exec) needs a real display,
    # where it was tried with xdotool on Xvfb.
    model = editor.model
    drop_on_table(editor, model.mimeData([model.index(1, COLUMN_LAYER)]), 3, "below")  # relu below conv 6
    assert [cell(editor, row, COLUMN_LAYER) for row in range(5)] == [
        "conv 4 5x5 pad 2", "maxpool 2", "conv 6 5x5 pad 2", "relu", "relu"]
    assert cell(editor, 2, COLUMN_OUTPUT) == "6×14×14" and len(editor.layers) == 10  # moved, not copied
    drop_on_table(editor, model.mimeData([model.index(3, COLUMN_LAYER)]), 1, "above")  # and back above maxpool
    assert format_spec(editor.layers) == SECTION_1_3


def test_a_layer_typed_in_its_cell(qtbot, editor):
    click_row(qtbot, editor, 7)
    qtbot.keyClick(editor.view, Qt.Key.Key_F2)
    field = editor.view.focusWidget()
    field.selectAll()
    qtbot.keyClicks(field, "linear 120")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: cell(editor, 7, COLUMN_LAYER) == "linear 120")
    assert cell(editor, 9, COLUMN_PARAMETERS) == "1,210"
    qtbot.keyClick(editor.view, Qt.Key.Key_F2)
    field = editor.view.focusWidget()
    field.selectAll()
    qtbot.keyClicks(field, "linear ten")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "'ten' is not a whole number" in editor.problem.text())  # refused, said
    assert cell(editor, 7, COLUMN_LAYER) == "linear 120"


def test_the_text_line_reads_and_shows_the_list(qtbot, editor):
    line = editor.spec_line.edit
    assert line.text() == SECTION_1_3
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "conv 8 3x3 pad 1, relu, flatten, linear 10")
    assert [cell(editor, row, COLUMN_OUTPUT) for row in range(4)] == ["8×28×28", "8×28×28", "6272", "10"]
    qtbot.keyClicks(line, ", bogus")
    assert "'bogus' is not a layer" in editor.spec_line.problem.text() and editor.spec_line.problem.isVisible()
    assert len(editor.layers) == 4  # the list stays as it was until the text reads
    qtbot.keyClick(line, Qt.Key.Key_Tab)  # leaving it: the text is put back
    assert line.text() == "conv 8 3x3 pad 1, relu, flatten, linear 10"
    qtbot.mouseClick(editor.spec_line.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == ('mnist-desk train --layers "conv 8 3x3 pad 1, relu, flatten, linear 10"'
                                               " --out my-network.pt")


def test_presets_replace_the_list_and_undo_brings_it_back(qtbot, editor):
    editor.preset.setCurrentIndex(editor.preset.findData("desk"))
    qtbot.mouseClick(editor.use_preset, Qt.MouseButton.LeftButton)
    assert editor.plan.total_parameters == 88_690 and len(editor.layers) == 14
    editor.preset.setCurrentIndex(editor.preset.findData("mlp"))
    qtbot.mouseClick(editor.use_preset, Qt.MouseButton.LeftButton)
    assert [row.block for row in editor.plan.rows] == ["head"] * 4 and editor.valid
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert format_spec(editor.layers) == SECTION_1_3


def test_the_list_is_remembered(qtbot, settings, editor):
    editor.spec_line.edit.setFocus()
    editor.spec_line.edit.selectAll()
    qtbot.keyClicks(editor.spec_line.edit, "conv 16 5x5 pad 2, relu, maxpool 2, conv 32 5x5 pad 2, relu, maxpool 2, "
                                           "flatten, linear 10")
    assert settings.value(SETTINGS_KEY).startswith("conv 16 5x5 pad 2")
    again = ArchitectureEditor(settings)
    qtbot.addWidget(again)
    assert again.layers == editor.layers
    settings.setValue(SETTINGS_KEY, "garbled, ###")
    garbled = ArchitectureEditor(settings)
    qtbot.addWidget(garbled)
    assert format_spec(garbled.layers) == SECTION_1_3


def test_a_named_architecture_is_shown_read_only_and_copied_on_request(qtbot, editor):
    copies = []
    editor.copy_made.connect(lambda: copies.append(True))
    editor.show_architecture("desk", "sigmoid")
    assert len(editor.model.layers) == 14 and cell(editor, 3, COLUMN_LAYER) == "sigmoid"
    assert editor.plan.total_parameters == 88_690
    assert not editor.add_button.isEnabled() and not editor.remove_button.isEnabled()
    assert editor.copy_button.isVisible() and not editor.fields.isEnabled()
    assert not editor.model.flags(editor.model.index(0, COLUMN_LAYER)) & Qt.ItemFlag.ItemIsEditable
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    assert len(editor.model.layers) == 14 and format_spec(editor.layers) == SECTION_1_3  # the own list untouched
    qtbot.mouseClick(editor.copy_button, Qt.MouseButton.LeftButton)
    assert copies and editor.named is None and len(editor.layers) == 14 and editor.add_button.isEnabled()
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert format_spec(editor.layers) == SECTION_1_3


def test_every_preset_and_a_broken_list_replan_without_raising(qtbot, editor):
    for text in ("flatten", "conv 4 5x5, linear 10", "conv 600 3x3, flatten, linear 10", "relu, conv 4 5x5"):
        editor.set_layers(parse_spec(text))
        assert not editor.valid and editor.problem.isVisible() and editor.problem.text().startswith("✗ Layer")
    editor.set_layers([])
    assert "no layers" in editor.problem.text() and editor.current_row() == -1
    assert not editor.remove_button.isEnabled()
    choose_from_menu(qtbot, editor, "flatten")
    qtbot.waitUntil(lambda: len(editor.layers) == 1)
    assert "ends with 784 numbers" in editor.problem.text()

