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


def _sample(name: str):
    import torch

    from mnist_desk.core.data import MnistSplit

    data = np.load(FIXTURES / name)
    return MnistSplit(torch.from_numpy(data["images"]), torch.from_numpy(data["labels"]).long())


def _conv2d(picture, kernel, stride=1, padding=0, mode="zeros", divisor=None, offset=0.0) -> np.ndarray:
    """The tutorial's way: nn.Conv2d(1, 1, k, bias=False) with the kernel as its weight, one channel at a time.

    ``picture`` is (H, W) or (H, W, C) of any numeric dtype (as float32, as the tutorial's
    ``np.array(image, dtype='float32')``); then ÷ ``divisor`` and + ``offset`` in float32, as
    ``convolve`` promises.
    """
    import torch
    from torch import nn

    kernel = np.asarray(kernel, dtype=np.float32)
    planes = picture[..., None] if picture.ndim == 2 else picture
    results = []
    for c in range(planes.shape[2]):
        layer = nn.Conv2d(1, 1, kernel.shape[0], stride=stride, padding=padding, padding_mode=mode, bias=False)
        with torch.no_grad():
            layer.weight[:] = torch.from_numpy(kernel)
            plane = np.array(planes[..., c], dtype=np.float32)  # a copy: torch warns about read-only arrays
            result = layer(torch.from_numpy(plane)[None, None])[0, 0].numpy()
        if divisor is not None:
            result = result / np.float32(divisor)
        results.append(result + np.float32(offset) if offset else result)
    return results[0] if picture.ndim == 2 else np.stack(results, axis=-1)


@pytest.fixture(scope="session")
def conv2d():
    """The one oracle of the Filter Lab's convolution: ``conv2d(picture, kernel, stride, padding, mode,
    divisor, offset)`` computed by torch's ``nn.Conv2d``, as the tutorial does it."""
    return _conv2d


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
