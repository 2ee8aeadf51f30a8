"""The Draw tab says "no digit" to what is not one, says why, and never flashes it mid-stroke."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from drawing import _widget_point, draw_polyline, open_picture_and_wait
from PySide6.QtCore import Qt

from mnist_desk.core.paths import default_weights_path
from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.draw.tab import DrawTab

REFUSAL = Path(__file__).resolve().parents[2] / "fixtures" / "refusal"


@pytest.fixture
def tab(qtbot, settings) -> DrawTab:
    model = ActiveModel()
    model.load_file(default_weights_path())
    if model.predictor is None or model.predictor.calibration is None:
        pytest.skip("the shipped weights have no 'no digit' calibration")
    widget = DrawTab(model, settings)
    widget.resize(1000, 640)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def star_points() -> list[tuple[float, float]]:
    """A five-pointed star drawn in one stroke, as the issue's user drew it."""
    return [(0.5 + 0.32 * math.cos(a), 0.52 + 0.32 * math.sin(a))
            for a in (-math.pi / 2 + 4 * math.pi * i / 5 for i in range(6))]


@pytest.mark.parametrize("name", ["not_a_digit_star.png", "not_a_digit_photo_astronaut.png",
                                  "not_a_digit_letter_K.png", "not_a_digit_scribble.png"])
def test_an_opened_picture_of_no_digit_is_refused_with_the_reason(qtbot, tab, name):
    assert open_picture_and_wait(qtbot, tab, REFUSAL / name)
    tab.update_prediction()
    assert tab.last_prediction.digit is None and tab.last_prediction.reasons == ["not_a_digit"]
    assert tab.panel.shows_refusal and tab.panel.bars.top is None
    assert tab.panel.probability_label.text() == "no digit"
    assert "does not look like a digit" in tab.panel.note_label.text()


@pytest.mark.parametrize("digit", [0, 4, 7, 8])
def test_an_opened_picture_of_a_digit_is_read(qtbot, tab, digit):
    path = next(REFUSAL.glob(f"digit_{digit}_*.png"))
    assert open_picture_and_wait(qtbot, tab, path)
    tab.update_prediction()
    assert tab.last_prediction.digit == digit and not tab.panel.shows_refusal
    assert tab.panel.shown_digit in (str(digit), "?")


def test_a_drawn_star_is_refused_only_once_the_pen_lifts(qtbot, tab):
    points = star_points()
    qtbot.mousePress(tab.canvas, Qt.MouseButton.LeftButton, pos=_widget_point(tab.canvas, *points[0]))
    seen_while_drawing = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        for step in range(1, 9):
            t = step / 8
            qtbot.mouseMove(tab.canvas, pos=_widget_point(tab.canvas, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
            tab.update_prediction()  # what the throttled timer does at each screen refresh
            seen_while_drawing.append(tab.panel.shows_refusal)
    assert tab.last_prediction.digit is None  # the network did refuse the unfinished star ...
    assert not any(seen_while_drawing)  # ... but the panel never said so while the pen was down
    qtbot.mouseRelease(tab.canvas, Qt.MouseButton.LeftButton, pos=_widget_point(tab.canvas, *points[-1]))
    qtbot.waitUntil(lambda: tab.panel.shows_refusal, timeout=2000)
    assert "does not look like a digit" in tab.panel.note_label.text()


def test_the_first_short_stroke_of_a_one_is_a_one(qtbot, tab):
    draw_polyline(qtbot, tab.canvas, [(0.5, 0.35), (0.49, 0.6)])
    tab.update_prediction()
    assert tab.last_prediction.digit == 1 and not tab.panel.shows_refusal
    assert tab.panel.shown_digit == "1"
