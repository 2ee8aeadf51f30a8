"""Esc in the Draw tab: back to every feature map while one is open, else the window's Clear.

Both are on Esc (the map's "← All feature maps" and Edit → Clear); with the
focus in the opened map a press used to match both shortcuts and do nothing,
with the focus on the canvas it cleared the drawing under the opened map.
"""

from __future__ import annotations

import pytest
from explain_support import drawn, open_by_click
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mnist_desk.ui.main_window import MainWindow


def shown_window(qtbot, settings, weights) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1180, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)  # shortcuts need it active
    assert window.load_weights(weights)
    return window


def press_escape() -> None:
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


def test_esc_goes_back_from_an_opened_map_wherever_its_focus_is_and_keeps_the_drawing(qtbot, settings, draw_weights):
    window = shown_window(qtbot, settings, draw_weights)
    tab = window.draw_tab
    network = drawn(qtbot, tab)
    stage = network.stage_names[1]
    inspector = open_by_click(qtbot, network, stage, 2)
    assert QApplication.focusWidget() is inspector.map.view  # opening a map gives it the focus
    press_escape()
    assert not network.map_open and not tab.document.state.empty
    for focused in (inspector.channel_box, inspector.back_button, inspector.send_button, inspector.arithmetic):
        open_by_click(qtbot, network, stage, 2)
        focused.setFocus()
        assert QApplication.focusWidget() is focused or focused.isAncestorOf(QApplication.focusWidget())
        press_escape()
        assert not network.map_open, f"Esc with the focus on {type(focused).__name__} did not go back"
        assert not tab.document.state.empty


@pytest.fixture
def map_open_canvas_focused(qtbot, settings, draw_weights):
    """The real window, a seven drawn, one of its feature maps opened, the focus back on the canvas."""
    window = shown_window(qtbot, settings, draw_weights)
    tab = window.draw_tab
    network = drawn(qtbot, tab)
    open_by_click(qtbot, network, network.stage_names[1], 0)
    tab.canvas.setFocus()
    return tab, network


def test_esc_on_the_canvas_closes_the_map_first_then_clears(map_open_canvas_focused):
    tab, network = map_open_canvas_focused
    press_escape()
    assert not network.map_open and not tab.document.state.empty  # the map closed, the drawing kept
    press_escape()
    assert tab.document.state.empty  # no map open: the window's Clear, as its menu says


def test_delete_clears_even_with_a_map_open(map_open_canvas_focused):
    tab, network = map_open_canvas_focused
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    assert tab.document.state.empty and network.map_open


def test_an_open_map_on_a_page_not_shown_leaves_esc_to_clear(map_open_canvas_focused):
    tab, network = map_open_canvas_focused
    tab.details.setCurrentIndex(0)  # another page: the opened map is out of sight
    tab.canvas.setFocus()
    press_escape()
    assert tab.document.state.empty and network.map_open


def test_esc_in_another_tab_leaves_the_drawing_alone(qtbot, settings, draw_weights):
    window = shown_window(qtbot, settings, draw_weights)
    tab = window.draw_tab
    drawn(qtbot, tab)
    window.tabs.setCurrentIndex(1)
    window.filter_lab_tab.kernel_editor.setFocus()
    press_escape()
    window.tabs.setCurrentIndex(0)
    assert not tab.document.state.empty
