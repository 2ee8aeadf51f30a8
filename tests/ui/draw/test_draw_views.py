"""The Draw tab's small views and helpers: the probability bars, the image views'
repaint-skipping, the activation mosaics and the paired preprocessing."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from mnist_desk.ui.draw.prediction_panel import PredictionPanel, ProbabilityBars
from mnist_desk.ui.draw.preparing import prepare_pair
from mnist_desk.ui.image_view import LabelledImage
from mnist_desk.ui.mosaic import activations_gray


def _grab(widget) -> QImage:
    return widget.grab().toImage()


def test_bars_skip_a_repaint_that_would_look_the_same(qtbot, monkeypatch):
    bars = ProbabilityBars()
    qtbot.addWidget(bars)
    bars.resize(300, 200)
    bars.show()
    qtbot.waitExposed(bars)
    updates = []
    monkeypatch.setattr(bars, "update", lambda *args: updates.append(args))
    probabilities = np.full(10, 0.01, dtype=np.float32)
    probabilities[7] = 0.91
    bars.set_probabilities(probabilities, 7)
    assert len(updates) == 1
    bars.set_probabilities(probabilities + 1e-6, 7)  # same texts, same bar lengths in pixels
    assert len(updates) == 1
    changed = probabilities.copy()
    changed[7], changed[1] = 0.81, 0.11
    bars.set_probabilities(changed, 7)
    assert len(updates) == 2
    bars.set_probabilities(changed, 1)  # another digit highlighted
    assert len(updates) == 3


def test_bars_draw_what_they_were_given(qtbot):
    bars = ProbabilityBars()
    qtbot.addWidget(bars)
    bars.resize(300, 200)
    bars.show()
    qtbot.waitExposed(bars)
    low = _grab(bars)
    probabilities = np.zeros(10, dtype=np.float32)
    probabilities[2] = 1.0
    bars.set_probabilities(probabilities, 2)
    assert _grab(bars) != low
    bars.set_probabilities(np.zeros(10, dtype=np.float32), None)
    assert _grab(bars) == low


def test_a_model_gone_nan_shows_empty_bars_not_an_error(qtbot):
    panel = PredictionPanel()
    qtbot.addWidget(panel)
    panel.resize(500, 300)
    panel.show()
    nan = np.full(10, np.nan, dtype=np.float32)
    panel.show_prediction(0, nan, True, ["low_confidence"])  # raised ValueError before
    panel.bars.set_probabilities(np.array([np.inf, -np.inf] + [0.0] * 8, dtype=np.float32), 0)
    panel.bars.repaint()
    assert panel.bars._values()[:2] == [1.0, 0.0]


def test_image_view_converts_and_repaints_only_a_new_array(qtbot, monkeypatch):
    view = LabelledImage("test")
    qtbot.addWidget(view)
    calls = []
    original = view.view.set_array
    monkeypatch.setattr(view.view, "set_array", lambda array: (calls.append(array), original(array)))
    first = np.linspace(0, 1, 28 * 28, dtype=np.float32).reshape(28, 28)
    view.set_array_if_new(first)
    view.set_array_if_new(first)
    assert len(calls) == 1 and view.view.image.format() == QImage.Format.Format_RGB32
    view.set_array_if_new(first.copy())  # equal numbers, another array: shown again
    view.set_array(None)
    view.set_array_if_new(first)  # what set_array showed in between counts
    assert len(calls) == 4 and view.view.image is not None


def test_activation_mosaic_scales_each_stage_together():
    maps = np.array([[[0.0, 1.0], [2.0, 4.0]], [[-1.0, 0.5], [3.0, 0.0]]], dtype=np.float32)
    gray = activations_gray(maps)
    assert gray.dtype == np.uint8 and gray.shape == maps.shape
    expected = np.floor((maps + 1.0) / 5.0 * 255.0 + 0.5)  # from the lowest (−1) to the highest (4)
    np.testing.assert_array_equal(gray, expected)
    assert not activations_gray(np.zeros((3, 4, 4), np.float32)).any()
    odd = activations_gray(np.array([[[np.nan, 2.0], [np.inf, 1.0]]], dtype=np.float32))
    assert odd[0, 0, 0] == 0 and odd[0, 1, 0] == 255


@pytest.mark.parametrize("use_recipe", [True, False])
def test_paired_preprocessing_of_an_mnist_digit_keeps_its_own_field(use_recipe, test_sample):
    field = test_sample.images[0].numpy().astype(np.float32) / 255.0
    ink = np.zeros((112, 112), np.float32)
    ink[16:96, 16:96] = np.kron(field, np.ones((3, 3), np.float32))[2:82, 2:82]
    used, unused = prepare_pair(ink, field, use_recipe)
    recipe, plain = (used, unused) if use_recipe else (unused, used)
    np.testing.assert_array_equal(recipe.field28, field)
    assert plain.crop is None and not plain.empty and plain.field28.shape == (28, 28)
