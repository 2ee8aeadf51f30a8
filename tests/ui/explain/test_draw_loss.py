"""The Draw tab's "Loss" page: the user says which digit they meant (a key on the canvas, a probability
bar), sees −log p of it worked out from the ten outputs, and one training step's effect, on a copy."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from drawing import draw_one, draw_seven
from explain_support import click_page
from PySide6.QtCore import QPoint, Qt
from torch import nn

from mnist_desk.ui.draw.tab import PAGE_LOSS, PAGE_PREPROCESSING, DrawTab


def cross_entropy_of(model: nn.Module, field28: np.ndarray, meant: int) -> float:
    """The oracle: the tutorial's loss_func on the active model's own outputs."""
    with torch.no_grad():
        logits = model.eval()(torch.from_numpy(field28).view(1, 1, 28, 28))
    return float(nn.CrossEntropyLoss()(logits, torch.tensor([meant])))


def drawn_seven(qtbot, tab):
    draw_seven(qtbot, tab.canvas)
    qtbot.waitUntil(lambda: tab.last_prediction is not None and tab.last_prediction.digit == 7, timeout=3000)


def test_a_digit_key_on_the_canvas_shows_its_loss(qtbot, tab, loaded_model):
    tab.details.setCurrentIndex(PAGE_PREPROCESSING)
    drawn_seven(qtbot, tab)
    tab.canvas.setFocus()
    qtbot.keyClick(tab.canvas, Qt.Key.Key_1)
    loss = tab.explain.loss
    assert tab.details.currentIndex() == PAGE_LOSS
    assert loss.meant == 1 and tab.panel.bars.meant == 1
    qtbot.waitUntil(lambda: loss.shown is not None and loss.shown.meant == 1, timeout=2000)
    field, model = tab.last_prediction.preprocessed.field28, loaded_model.model
    expected = cross_entropy_of(model, field, 1)
    assert loss.shown.loss == pytest.approx(expected, rel=1e-4)
    assert loss.shown.probabilities == pytest.approx(tab.last_prediction.probabilities, abs=1e-5)
    assert "−log p(1)" in loss.formula.text() and f"{expected:.3f}"[:4] in loss.formula.text()
    table = loss.table.text().splitlines()
    assert len(table) == 11 and table[2].lstrip().startswith("1*")
    assert "nn.CrossEntropyLoss()" in loss.notes.text()
    qtbot.keyClick(tab.canvas, Qt.Key.Key_7, Qt.KeyboardModifier.KeypadModifier)  # the keypad's keys too
    qtbot.waitUntil(lambda: loss.shown.meant == 7, timeout=2000)
    assert loss.shown.loss == pytest.approx(cross_entropy_of(model, field, 7), rel=1e-4)
    assert loss.shown.loss < 1.0  # a clear 7: the network is sure and right
    # Alt+3 is not a digit said: it adds the drawing to the handwriting set as a 3 (and clears the canvas for
    # the next digit, which starts with none meant).
    qtbot.keyClick(tab.canvas, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert tab.collect.status.text().startswith("Added as 3")
    assert tab.document.state.empty and loss.meant is None and tab.panel.bars.meant is None


def test_a_click_on_a_probability_bar_says_the_digit(qtbot, tab):
    drawn_seven(qtbot, tab)
    bars = tab.panel.bars
    row = bars.height() / 10.0
    qtbot.mouseClick(bars, Qt.MouseButton.LeftButton, pos=QPoint(bars.width() // 2, int(4.5 * row)))
    assert tab.details.currentIndex() == PAGE_LOSS
    assert tab.explain.loss.meant == 4 and bars.meant == 4
    qtbot.waitUntil(lambda: tab.explain.loss.shown is not None and tab.explain.loss.shown.meant == 4, timeout=2000)
    assert tab.explain.loss.shown.loss > 2  # a 7 is no 4


def test_before_a_digit_is_said_the_softmax_alone(qtbot, tab):
    click_page(qtbot, tab, PAGE_LOSS)
    loss = tab.explain.loss
    qtbot.waitUntil(lambda: "Draw a digit" in loss.formula.text(), timeout=2000)
    assert not loss.step_button.isEnabled()
    drawn_seven(qtbot, tab)
    qtbot.waitUntil(lambda: "Which digit did you mean" in loss.formula.text(), timeout=2000)
    assert loss.shown is None and not loss.step_button.isEnabled()
    assert len(loss.table.text().splitlines()) == 11


def test_one_training_step_on_a_copy_leaves_the_active_weights(qtbot, tab, loaded_model):
    drawn_seven(qtbot, tab)
    tab.canvas.setFocus()
    qtbot.keyClick(tab.canvas, Qt.Key.Key_1)
    loss = tab.explain.loss
    qtbot.waitUntil(lambda: loss.shown is not None, timeout=2000)
    weights = {name: value.clone() for name, value in loaded_model.model.state_dict().items()}
    folded = {name: value.clone() for name, value in loaded_model.predictor.model.state_dict().items()}
    probabilities = tab.last_prediction.probabilities.copy()
    with qtbot.waitSignal(tab.explain.step_shown, timeout=10_000):
        qtbot.mouseClick(loss.step_button, Qt.MouseButton.LeftButton)
    step = loss.step
    assert step.optimizer == "adam" and step.learning_rate == 0.001
    assert step.before.loss == pytest.approx(loss.shown.loss, rel=1e-4)
    assert step.after.loss < step.before.loss
    assert step.after.probabilities[1] > step.before.probabilities[1]
    assert "the active weights are unchanged" in loss.result.text().lower()
    assert loss.result.text().startswith("One Adam step (learning rate 0.001) on a copy of the model: loss ")
    assert "p after the step" in loss.table.text()
    assert all(torch.equal(weights[name], value) for name, value in loaded_model.model.state_dict().items())
    assert all(torch.equal(folded[name], value) for name, value in loaded_model.predictor.model.state_dict().items())
    tab.update_prediction()
    np.testing.assert_array_equal(tab.last_prediction.probabilities, probabilities)  # the answer did not move
    # Drawing on makes the step stale: its result goes.
    draw_one(qtbot, tab.canvas)
    qtbot.waitUntil(lambda: loss.step is None, timeout=2000)
    assert loss.result.text() == ""


def test_the_step_settings_are_remembered(qtbot, tab, loaded_model, settings):
    loss = tab.explain.loss
    loss.optimizer_box.setFocus()
    qtbot.keyClick(loss.optimizer_box, Qt.Key.Key_Down)
    loss.rate_box.setFocus()
    qtbot.keyClick(loss.rate_box, Qt.Key.Key_Down)
    assert (loss.optimizer, loss.learning_rate) == ("sgd", 0.01)
    again = DrawTab(loaded_model, settings)
    qtbot.addWidget(again)
    assert (again.explain.loss.optimizer, again.explain.loss.learning_rate) == ("sgd", 0.01)
