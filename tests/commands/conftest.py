"""Fixtures of the command-line tests (helpers that are not fixtures: command_line.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bad_input_corpus import fake_mnist


@pytest.fixture(scope="session")
def fake_data(tmp_path_factory) -> Path:
    """A data folder whose four MNIST files have the right headers and sizes and hold zeros."""
    return fake_mnist(tmp_path_factory.mktemp("data"))
