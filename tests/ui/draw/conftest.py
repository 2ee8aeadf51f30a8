"""Fixtures of the Draw tab's tests (``loaded_model``, ``draw_tab_of_size``: tests/ui/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def tab(draw_tab_of_size):
    """The Draw tab at 1000 × 640."""
    return draw_tab_of_size(1000, 640)
