"""My handwriting in the main window: collect with Ctrl+3 on the Draw tab, see it in the My handwriting tab,
Ctrl+Z there undoes a delete (not the drawing), a digit opens back on the canvas."""

from __future__ import annotations

from drawing import draw_one, draw_seven
from PySide6.QtCore import Qt

from mnist_desk.ui.handwriting.sets import default_set_folder
from mnist_desk.ui.main_window import TAB_DRAW, TAB_HANDWRITING


def test_collect_look_delete_undo_and_open_back_on_the_canvas(qtbot, window):
    draw = window.draw_tab
    window.active_model.load_file(__import__("mnist_desk.core.paths", fromlist=["x"]).default_weights_path())
    draw_seven(qtbot, draw.canvas)
    qtbot.keyClick(draw.canvas, Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)
    draw_one(qtbot, draw.canvas)
    qtbot.keyClick(draw.canvas, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    draw_one(qtbot, draw.canvas)  # a drawing in progress on the canvas, not added
    folder = default_set_folder()
    assert [len(list((folder / str(d)).glob("*.png"))) for d in (1, 7)] == [1, 1]

    window.tabs.setCurrentIndex(TAB_HANDWRITING)
    tab = window.tab(TAB_HANDWRITING)
    qtbot.waitUntil(lambda: tab.isVisible())
    assert window.tabs.tabText(TAB_HANDWRITING) == "My handwriting"
    assert [flow.count() for flow in tab.gallery.flows] == [0, 1, 0, 0, 0, 0, 0, 1, 0, 0]
    flow = tab.gallery.flows[7]
    qtbot.mouseClick(flow.viewport(), Qt.MouseButton.LeftButton, pos=flow.visualItemRect(flow.item(0)).center())
    qtbot.keyClick(flow, Qt.Key.Key_Delete)
    assert tab.gallery.flows[7].count() == 0 and not list((folder / "7").glob("*.png"))
    strokes = len(draw.document.state.strokes)
    qtbot.keyClick(tab.gallery, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # as users expect
    assert tab.gallery.flows[7].count() == 1 and len(list((folder / "7").glob("*.png"))) == 1
    assert len(draw.document.state.strokes) == strokes  # the drawing was not undone instead

    flow = tab.gallery.flows[7]
    center = flow.visualItemRect(flow.item(0)).center()
    qtbot.mouseClick(flow.viewport(), Qt.MouseButton.LeftButton, pos=center)
    with qtbot.waitSignal(draw.picture_opened, timeout=20_000) as opened:
        qtbot.keyClick(flow, Qt.Key.Key_Return)
    assert opened.args[1] and window.tabs.currentIndex() == TAB_DRAW
    assert draw.document.caption().startswith("Picture: ") and not draw.document.state.empty
    draw.update_prediction()
    assert draw.last_prediction.digit == 7
