"""The Draw tab's "Why this answer" page: a saliency map beside the network's input that follows the
drawing (made in a worker once the pen lifts), for the answer or any digit, with each method."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from drawing import _widget_point, draw_one, draw_seven, open_picture_and_wait
from explain_support import click_page, point
from PySide6.QtCore import Qt

from mnist_desk.core.explain.saliency import METHODS
from mnist_desk.ui.draw.tab import PAGE_WHY, DrawTab


def wait_for_map(qtbot, tab, timeout: int = 10_000):
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=timeout):
        pass
    return tab.explain.why.shown


def test_the_map_explains_the_answer_once_the_pen_lifts(qtbot, tab):
    click_page(qtbot, tab, PAGE_WHY)
    why = tab.explain.why
    qtbot.waitUntil(lambda: "Draw a digit" in why.status.text(), timeout=2000)  # at the next screen refresh
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=10_000):
        draw_seven(qtbot, tab.canvas)
    shown = why.shown
    field = tab.last_prediction.preprocessed.field28
    assert tab.last_prediction.digit == shown.target == 7
    assert shown.map.shape == field.shape == (28, 28) and np.isfinite(shown.map).all()
    assert shown.method == "integrated-gradients"
    assert why.heat.view.image is not None and why.input_view.view.image is not None
    assert "Integrated gradients for 7" in why.heat.caption.text()
    assert "adds up to" in why.summary.text()
    assert why.targets.button(10).text() == "the answer (7)"
    qtbot.waitUntil(lambda: why.check.text().startswith("Check "), timeout=5000)
    assert not why.no_answer.isVisible()


def test_while_the_pen_moves_the_map_waits_and_then_catches_up(qtbot, tab):
    click_page(qtbot, tab, PAGE_WHY)
    why = tab.explain.why
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=10_000):
        draw_one(qtbot, tab.canvas)
    first = why.shown
    # A second stroke, the pen still down: the answer is live, the map waits.
    canvas = tab.canvas
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=_widget_point(canvas, 0.35, 0.3))
    for step in range(1, 7):
        qtbot.mouseMove(canvas, pos=_widget_point(canvas, 0.35 + 0.05 * step, 0.3))
    tab.update_prediction()
    assert tab.document.drawing
    assert why.status.text() == "The map follows when you lift the pen."
    assert why.shown is first
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=10_000):
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=_widget_point(canvas, 0.65, 0.3))
    assert why.shown is not first
    np.testing.assert_array_equal(why._shown_field, tab.last_prediction.preprocessed.field28)


def test_why_not_another_digit(qtbot, tab):
    click_page(qtbot, tab, PAGE_WHY)
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=10_000):
        draw_seven(qtbot, tab.canvas)
    why = tab.explain.why
    answer_map = why.shown.map.copy()
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=10_000):
        qtbot.mouseClick(why.targets.button(9), Qt.MouseButton.LeftButton)
    assert why.shown.target == 9 and why.target == 9
    assert "why not 9?" in why.heat.caption.text()
    assert not np.allclose(why.shown.map, answer_map)
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=10_000):
        qtbot.mouseClick(why.targets.button(10), Qt.MouseButton.LeftButton)
    assert why.shown.target == 7


def test_each_method_with_its_explanation_is_remembered(qtbot, tab, loaded_model, settings):
    click_page(qtbot, tab, PAGE_WHY)
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=10_000):
        draw_seven(qtbot, tab.canvas)
    why = tab.explain.why
    explanations = {why.explanation.text()}
    for method in METHODS[1:]:
        why.method_box.setFocus()
        with qtbot.waitSignal(tab.explain.saliency_shown, timeout=10_000):
            qtbot.keyClick(why.method_box, Qt.Key.Key_Down)  # the next method in the list
        assert why.method == why.shown.method == method
        assert why.shown.map.shape == (28, 28) and np.isfinite(why.shown.map).all()
        explanations.add(why.explanation.text())
    assert len(explanations) == len(METHODS)
    assert "Occlusion" in why.method_box.itemText(1)
    again = DrawTab(loaded_model, settings)
    qtbot.addWidget(again)
    assert again.explain.why.method == METHODS[-1]


def test_hovering_the_map_reads_a_pixel(qtbot, tab):
    click_page(qtbot, tab, PAGE_WHY)
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=10_000):
        draw_seven(qtbot, tab.canvas)
    why = tab.explain.why
    field = why._shown_field
    row, col = np.unravel_index(int(np.argmax(field)), field.shape)
    qtbot.mouseMove(why.heat.view, pos=point(why.heat.view, col, row))
    assert why.status.text().startswith(f"Row {row}, column {col}: ink ")


def test_an_empty_canvas_has_nothing_to_explain(qtbot, tab):
    click_page(qtbot, tab, PAGE_WHY)
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=10_000):
        draw_seven(qtbot, tab.canvas)
    tab.clear()
    tab.update_prediction()
    why = tab.explain.why
    assert why.heat.view.image is None and why.shown is None
    assert "Draw a digit" in why.status.text()


def test_a_new_model_drops_the_old_map(qtbot, tab, loaded_model, draw_weights):
    click_page(qtbot, tab, PAGE_WHY)
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=10_000):
        draw_seven(qtbot, tab.canvas)
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=10_000):
        loaded_model.load_file(draw_weights)  # the same file again is a new model all the same
    assert tab.explain.why.shown.target == 7


REFUSAL = Path(__file__).resolve().parents[2] / "fixtures" / "refusal"


def test_no_digit_has_no_answer_to_explain_and_names_the_closest_digit(qtbot, tab):
    if tab.active_model.predictor.calibration is None:
        pytest.skip("these weights have no 'no digit' calibration")
    click_page(qtbot, tab, PAGE_WHY)
    why = tab.explain.why
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=20_000):
        assert open_picture_and_wait(qtbot, tab, REFUSAL / "not_a_digit_photo_astronaut.png")
    prediction = tab.last_prediction
    assert prediction.digit is None and tab.panel.shows_refusal  # "no digit" above the page
    closest = int(np.argmax(prediction.probabilities))
    p = f"{prediction.probabilities[closest] * 100:.1f} %"
    assert why.shown.target == closest
    answer_button = why.targets.button(10)
    assert answer_button.text() == f"the closest digit ({closest})" and "answer" not in answer_button.text()
    assert why.no_answer.isVisible()
    assert why.no_answer.text() == ("There is no answer to explain: the network says no digit. The map shows the "
                                    f"digit it leans to most, the closest digit, {closest} ({p}).")
    caption = why.heat.caption.text()
    assert caption.startswith(f"Integrated gradients for the closest digit, {closest} (no answer: no digit)")
    # A digit the user picks is named as the one picked, never as the answer.
    other = (closest + 3) % 10
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=10_000):
        qtbot.mouseClick(why.targets.button(other), Qt.MouseButton.LeftButton)
    assert why.shown.target == other
    assert why.heat.caption.text().startswith(f"Integrated gradients for {other} (no answer: no digit)")
    assert why.no_answer.text().startswith("There is no answer to explain") and "the digit you picked" in \
        why.no_answer.text()
    # Drawn over by a clear digit, the page explains the answer again.
    tab.clear()
    qtbot.mouseClick(answer_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=10_000):
        draw_seven(qtbot, tab.canvas)
    assert why.shown.target == 7 and answer_button.text() == "the answer (7)" and not why.no_answer.isVisible()


def test_the_check_says_plainly_whether_the_map_passed(qtbot, tab):
    click_page(qtbot, tab, PAGE_WHY)
    why = tab.explain.why
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=10_000):
        draw_seven(qtbot, tab.canvas)
    qtbot.waitUntil(lambda: why.check.text() != "", timeout=5000)
    from mnist_desk.core.explain.faithfulness import deletion_test

    check = deletion_test(tab.explain._prepared, why._shown_field, why.shown.map, 7)
    verdict = "Check passed: " if check.salient < check.random else "Check failed: "
    assert why.check.text().startswith(verdict)
    assert f"from {check.before * 100:.1f} % to {check.salient * 100:.1f} %" in why.check.text()
    assert f"({check.random * 100:.1f} %)" in why.check.text()
    # Grad-CAM's summary in plain words: what its red and blue add up to, and why it is coarse.
    why.set_method("grad-cam")
    with qtbot.waitSignal(tab.explain.saliency_shown, timeout=10_000):
        pass
    summary = why.summary.text()
    assert summary.startswith("Red and blue add up to ") and "before the softmax" in summary
    assert "The map is coarse" in summary and "feature maps" in summary
