"""Fixtures of the My handwriting tests (the window: tests/ui/conftest.py; sets: tests/handwriting_sets.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def handwriting_tab(qtbot, settings):
    """The My handwriting tab on its own, shown at 1000 × 700."""
    from mnist_desk.ui.handwriting.tab import HandwritingTab

    tab = HandwritingTab(None, settings)
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    tab.show()
    qtbot.waitExposed(tab)
    yield tab
    tab.shutdown()


@pytest.fixture
def draw_tab(draw_tab_of_size):
    """The Draw tab at 1000 × 700 (its collecting row under the canvas)."""
    return draw_tab_of_size(1000, 700)
