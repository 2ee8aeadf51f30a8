"""Fixtures of the Draw tab's tests: the tab over a model that reads clear digits (``loaded_model``)."""

from __future__ import annotations

import pytest

from mnist_desk.ui.draw.tab import DrawTab


@pytest.fixture
def tab(qtbot, loaded_model, settings) -> DrawTab:
    """The Draw tab at its first size, shown."""
    widget = DrawTab(loaded_model, settings)
    widget.resize(1000, 640)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
