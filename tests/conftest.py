"""Test settings shared by tests/core and tests/ui.

Qt runs offscreen (no display on CI). The full MNIST data set is read from
``$MNIST_DESK_DATA`` (CI passes ../shared/datasets); tests that need it are
skipped with a clear reason when it is not set. The small committed fixtures
in tests/fixtures are real MNIST digits.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# English whatever the machine's language: tests compare texts.
os.environ.setdefault("MNIST_DESK_LANG", "en_US")

FIXTURES = Path(__file__).parent / "fixtures"
# Compiled filter kernels the user built must not change what the tests run: none are found
# here unless a test points at its own (tests/core/test_filter_compiled.py).
os.environ["MNIST_DESK_FILTER_KERNELS"] = str(FIXTURES / "no-filter-kernels")


def _sample(name: str):
    import torch

    from mnist_desk.core.data import MnistSplit

    data = np.load(FIXTURES / name)
    return MnistSplit(torch.from_numpy(data["images"]), torch.from_numpy(data["labels"]).long())


@pytest.fixture(scope="session")
def test_sample():
    """300 real MNIST test digits (30 of each class), as an MnistSplit."""
    return _sample("mnist_test_sample.npz")


@pytest.fixture(scope="session")
def train_sample():
    """1,000 real MNIST training digits, as an MnistSplit."""
    return _sample("mnist_train_sample.npz")


@pytest.fixture(scope="session")
def full_data_dir() -> Path:
    """The folder holding the full MNIST set; skips the test when $MNIST_DESK_DATA is not set."""
    value = os.environ.get("MNIST_DESK_DATA")
    if not value:
        pytest.skip("the full MNIST set is needed: set MNIST_DESK_DATA (CI passes ../shared/datasets)")
    return Path(value)


@pytest.fixture(scope="session")
def full_test_split(full_data_dir):
    from mnist_desk.core.data import load_split

    return load_split(full_data_dir, train=False)
