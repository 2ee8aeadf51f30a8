"""Fixtures of the Filter Lab's tests: the tab on its own, with no model."""

from __future__ import annotations

import pytest

from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.filter_lab.tab import FilterLabTab


@pytest.fixture
def tab(qtbot, settings):
    widget = FilterLabTab(ActiveModel(), settings)
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()
