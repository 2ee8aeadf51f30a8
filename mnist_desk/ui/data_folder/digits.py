"""Loaded MNIST splits as plain numpy arrays: what crosses threads and what the GUI thread keeps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ...core.data import MnistSplit

# Loads one split: (data folder, train?) → MnistSplit. Tests inject one that returns fixtures.
SplitLoader = Callable[[Path, bool], "MnistSplit"]


def default_split_loader(root: Path, train: bool) -> MnistSplit:
    """Read a split from the MNIST files in ``root`` (runs in a worker: it takes seconds)."""
    from ...core.data import load_split

    return load_split(root, train)


@dataclass(frozen=True)
class DigitArrays:
    """One split as plain numpy arrays: what the GUI thread keeps and signals carry.

    ``images`` is uint8 (N, 28, 28), ink bright; ``labels`` int64 (N,). Never
    written after creation, so both threads may read it.
    """

    images: np.ndarray
    labels: np.ndarray

    def __len__(self) -> int:
        return int(self.labels.shape[0])

    @classmethod
    def from_split(cls, split: MnistSplit) -> DigitArrays:
        images = split.images.numpy().copy()
        labels = split.labels.numpy().astype(np.int64, copy=True)
        images.setflags(write=False)
        labels.setflags(write=False)
        return cls(images, labels)

    def to_split(self) -> MnistSplit:
        """An MnistSplit over the same memory (for the core; called in the worker)."""
        import torch

        from ...core.data import MnistSplit

        # Copied: torch wants writable memory, and the GUI's arrays stay untouched whatever runs on these.
        images = torch.from_numpy(np.array(self.images, copy=True))
        labels = torch.from_numpy(np.array(self.labels, copy=True))
        return MnistSplit(images, labels)
