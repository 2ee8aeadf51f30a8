"""Fixtures of the "why this answer" tests: the Draw tab, large enough for its pages, over a model that reads
clear digits (``loaded_model``, tests/ui/conftest.py)."""

from __future__ import annotations

import pytest

from mnist_desk.ui.draw.tab import DrawTab


@pytest.fixture
def tab(qtbot, loaded_model, settings) -> DrawTab:
    """The Draw tab at 1180 × 760, shown."""
    widget = DrawTab(loaded_model, settings)
    widget.resize(1180, 760)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
