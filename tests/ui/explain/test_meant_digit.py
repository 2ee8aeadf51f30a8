"""The digit meant (the Loss page's "You meant"): keys 0–9 wherever the focus is in the Draw tab, without a click
that inks the canvas, but not in a number field; a labelled digit opened from Evaluate brings its label; clearing
the canvas forgets it."""

from __future__ import annotations

import numpy as np
import pytest
from drawing import draw_one, draw_seven
from explain_support import click_page, drawn, open_by_click
from PySide6.QtCore import QPoint, Qt

from mnist_desk.ui.draw.tab import PAGE_LOSS, PAGE_PREPROCESSING
from mnist_desk.ui.main_window import TAB_DRAW, TAB_EVALUATE


def test_digit_keys_work_wherever_the_focus_is_in_the_draw_tab(qtbot, tab):
    tab.details.setCurrentIndex(PAGE_PREPROCESSING)
    loss, bars = tab.explain.loss, tab.panel.bars
    # Before anything is drawn, and without a click on the canvas: the key inks nothing.
    tab.tools.pen_button.setFocus()
    qtbot.keyClick(tab.tools.pen_button, Qt.Key.Key_5)
    assert loss.meant == 5 and bars.meant == 5 and tab.document.is_empty
    assert tab.details.currentIndex() == PAGE_LOSS
    draw_seven(qtbot, tab.canvas)  # a drawing begun after saying the digit keeps it
    assert loss.meant == 5
    strokes = tab.document.state.strokes
    for widget, key, modifier, digit in (
            (tab.details.tabBar(), Qt.Key.Key_2, Qt.KeyboardModifier.NoModifier, 2),  # the pages' tab bar
            (loss.step_button, Qt.Key.Key_8, Qt.KeyboardModifier.NoModifier, 8),  # a button of the Loss page
            (tab.tools.width_slider, Qt.Key.Key_1, Qt.KeyboardModifier.KeypadModifier, 1)):  # the keypad's keys
        widget.setFocus()
        qtbot.keyClick(widget, key, modifier)
        assert loss.meant == digit and bars.meant == digit, widget
    assert tab.document.state.strokes == strokes  # no key drew anything
    qtbot.waitUntil(lambda: loss.shown is not None and loss.shown.meant == 1, timeout=2000)
    assert "−log p(1)" in loss.formula.text()
    # The Loss page's own buttons move the bars' frame too.
    qtbot.mouseClick(loss.digits.button(7), Qt.MouseButton.LeftButton)
    assert loss.meant == 7 and bars.meant == 7 and tab.meant.digit == 7


def test_a_number_field_keeps_its_digits(qtbot, tab):
    network = drawn(qtbot, tab)
    inspector = open_by_click(qtbot, network, network.stage_names[1], 0)
    box = inspector.channel_box
    box.setFocus()
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_3)
    assert box.value() == 3 and inspector.channel == 2  # the field took the key (channels counted from 1) ...
    assert tab.explain.loss.meant is None and tab.details.currentIndex() != PAGE_LOSS  # ... not the Loss page


def test_clearing_the_drawing_forgets_the_digit_meant(qtbot, tab):
    click_page(qtbot, tab, PAGE_LOSS)
    loss = tab.explain.loss
    draw_one(qtbot, tab.canvas)
    qtbot.keyClick(tab.canvas, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: loss.shown is not None and loss.shown.meant == 1, timeout=2000)
    qtbot.mouseClick(tab.tools.clear_button, Qt.MouseButton.LeftButton)
    assert loss.meant is None and tab.panel.bars.meant is None and tab.meant.digit is None
    qtbot.waitUntil(lambda: loss.formula.text() == "Draw a digit to see its loss.", timeout=2000)
    draw_seven(qtbot, tab.canvas)  # a new drawing: no stale loss of the 1 meant before
    qtbot.waitUntil(lambda: "Which digit did you mean" in loss.formula.text(), timeout=2000)
    assert loss.shown is None and all(not button.isChecked() for button in loss.digits.buttons())


@pytest.fixture
def window_on_fixtures(qtbot, window, monkeypatch, draw_weights, train_sample, test_sample):
    """The main window over :func:`draw_weights`, its Evaluate tab reading the committed test digits."""
    import mnist_desk.ui.evaluate.tab as evaluate_tab

    monkeypatch.setattr(evaluate_tab, "default_split_loader",
                        lambda root, train: train_sample if train else test_sample)
    window.active_model.load_file(draw_weights)
    qtbot.waitUntil(lambda: window.active_model.ready, timeout=20_000)
    return window


def test_a_digit_opened_from_evaluate_brings_its_label_as_the_digit_meant(qtbot, window_on_fixtures, test_sample):
    window = window_on_fixtures
    draw = window.draw_tab
    window.tabs.setCurrentIndex(TAB_EVALUATE)
    evaluate = window.tab(TAB_EVALUATE)
    qtbot.waitUntil(lambda: evaluate.evaluate_button.isVisible() and evaluate.evaluate_button.isEnabled(),
                    timeout=10_000)
    qtbot.mouseClick(evaluate.evaluate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: evaluate.result is not None and not evaluate._evaluating, timeout=60_000)
    result = evaluate.result
    mistakes = [(t, p) for t in range(10) for p in range(10) if t != p and result.indices_for(t, p)]
    true_digit, predicted = mistakes[0] if mistakes else (9, 9)  # a mistake, else the right 9s
    # Meanwhile, on the Draw tab: a drawing, and "You meant" another digit for it.
    window.tabs.setCurrentIndex(TAB_DRAW)
    draw_one(qtbot, draw.canvas)
    stale = (true_digit + 1) % 10
    qtbot.keyClick(draw.canvas, Qt.Key(Qt.Key.Key_0 + stale))
    assert draw.explain.loss.meant == stale
    window.tabs.setCurrentIndex(TAB_EVALUATE)
    centre = evaluate.matrix.cell_rect(true_digit, predicted).center()
    qtbot.mouseClick(evaluate.matrix, Qt.MouseButton.LeftButton, pos=QPoint(int(centre.x()), int(centre.y())))
    assert evaluate.matrix.selected == (true_digit, predicted)
    gallery = evaluate.gallery
    qtbot.waitUntil(lambda: gallery.count() > 0, timeout=5000)
    index = gallery.index_at_row(0)
    label = int(test_sample.labels[index])
    assert label == true_digit != stale
    first = gallery.visualItemRect(gallery.item(0)).center()
    qtbot.mouseClick(gallery.viewport(), Qt.MouseButton.LeftButton, pos=first)
    assert window.tabs.currentIndex() == TAB_DRAW
    np.testing.assert_allclose(draw.document.exact_field(), test_sample.images[index].numpy() / 255.0, atol=1e-6)
    loss = draw.explain.loss
    assert draw.meant.digit == label and loss.meant == label and draw.panel.bars.meant == label  # not the stale one
    assert draw.details.currentIndex() == PAGE_LOSS
    qtbot.waitUntil(lambda: loss.shown is not None and loss.shown.meant == label, timeout=3000)
    assert f"−log p({label})" in loss.formula.text()
    # Delete (the window's Clear) forgets it: no stale loss for the next drawing.
    window.activateWindow()
    qtbot.keyClick(draw.canvas, Qt.Key.Key_Delete)
    assert draw.document.state.empty and loss.meant is None and draw.panel.bars.meant is None
    # Undo brings the digit back, and with it its label.
    qtbot.keyClick(draw.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not draw.document.state.empty and loss.meant == label
    bars = draw.panel.bars
    row = bars.height() / 10.0
    other = (label + 1) % 10
    qtbot.mouseClick(bars, Qt.MouseButton.LeftButton, pos=QPoint(bars.width() // 2, int((other + 0.5) * row)))
    assert loss.meant == other  # the user may still say otherwise
