"""Test settings shared by tests/core and tests/ui.

Qt runs offscreen (no display on CI). The full MNIST data set is read from
``$MNIST_DESK_DATA`` (CI passes ../shared/datasets); tests that need it are
skipped with a clear reason when it is not set. The small committed fixtures
in tests/fixtures are real MNIST digits.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
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


def _trained_looking(arch: str, activation: str = "relu", seed: int = 1):
    import torch
    from torch import nn

    from mnist_desk.core.models import build_model

    torch.manual_seed(seed)
    model = build_model(arch, activation)
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            module.running_mean.uniform_(-0.5, 0.5)
            module.running_var.uniform_(0.3, 2.0)
            module.weight.data.uniform_(0.5, 1.5)
            module.bias.data.uniform_(-0.3, 0.3)
    return model.eval()


@pytest.fixture(scope="session")
def trained_looking():
    """``trained_looking(arch, activation="relu", seed=1)``: fresh weights whose batch norms hold statistics and
    scales of their own, as after training, in eval mode."""
    return _trained_looking


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


class FullDisk:
    """A folder on a disk that :meth:`fill` makes full: a small tmpfs where this user may mount one
    (root on Linux), else the same folder with the atomic writer's files made to fail as a full disk does."""

    def __init__(self, folder: Path, mounted: bool, monkeypatch) -> None:
        self.folder = folder
        self.mounted = mounted
        self._monkeypatch = monkeypatch

    def fill(self) -> None:
        """From now on, writing more into the folder fails with ENOSPC ("No space left on device")."""
        if self.mounted:
            descriptor = os.open(self.folder / "filler", os.O_WRONLY | os.O_CREAT)
            try:
                for size in (65536, 512, 1):  # big pieces, then the last bytes
                    try:
                        while os.write(descriptor, b"\0" * size):
                            pass
                    except OSError as error:
                        assert error.errno == errno.ENOSPC
            finally:
                os.close(descriptor)
            return
        import tempfile

        from mnist_desk.core import atomic_files

        real_mkstemp, real_fdopen = tempfile.mkstemp, os.fdopen
        full = set()
        folder = str(self.folder)

        def mkstemp(*args, **kwargs):
            handle, name = real_mkstemp(*args, **kwargs)
            if str(Path(name).parent) == folder:
                full.add(handle)
            return handle, name

        class Full:
            def __init__(self, file):
                self.file = file

            def write(self, data):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            def __getattr__(self, name):
                return getattr(self.file, name)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.file.close()

        def fdopen(handle, *args, **kwargs):
            file = real_fdopen(handle, *args, **kwargs)
            return Full(file) if handle in full else file

        self._monkeypatch.setattr(atomic_files.tempfile, "mkstemp", mkstemp)
        self._monkeypatch.setattr(atomic_files.os, "fdopen", fdopen)


@pytest.fixture
def full_disk(tmp_path, monkeypatch):
    """A :class:`FullDisk`: a 1 MB tmpfs when mounting is allowed, else a faked full disk."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = False
    fake = bool(os.environ.get("MNIST_DESK_TEST_FAKE_FULL_DISK"))  # set: the fake even where tmpfs works
    if not fake and sys.platform.startswith("linux") and os.geteuid() == 0 and shutil.which("mount"):
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)],
                                 capture_output=True).returncode == 0
    try:
        yield FullDisk(folder, mounted, monkeypatch)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
