"""Fixtures of the "why this answer" tests (``loaded_model``, ``draw_tab_of_size``: tests/ui/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def tab(draw_tab_of_size):
    """The Draw tab at 1180 × 760, large enough for its pages."""
    return draw_tab_of_size(1180, 760)
