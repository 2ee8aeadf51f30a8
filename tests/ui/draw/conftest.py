"""Fixtures of the Draw tab's tests: a model that reads clear digits, and the tab over it."""

from __future__ import annotations

import pytest

from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.draw.tab import DrawTab


@pytest.fixture
def loaded_model(qtbot, draw_weights) -> ActiveModel:
    model = ActiveModel()
    model.load_file(draw_weights)
    return model


@pytest.fixture
def tab(qtbot, loaded_model, settings) -> DrawTab:
    widget = DrawTab(loaded_model, settings)
    widget.resize(1000, 640)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
