"""The Evaluate tab's long work, as iterators for :class:`~mnist_desk.ui.worker.IteratorWorker`.

Items are tuples of plain data. The final ``("result", EvaluationResult)``
carries fresh CPU tensors made in the worker and never touched there again,
so the GUI thread owns them from then on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data_folder import DigitArrays, SplitLoader
from ..worker import IteratorWorker

if TYPE_CHECKING:
    from torch import nn

EVAL_BATCH = 500  # digits per forward pass: 20 progress steps over the 10,000 test digits


@dataclass
class EvaluationJob:
    """Built on the GUI thread; the worker only reads it.

    ``model`` is a private deep copy of the active model, so the active model
    may change (or be trained on) while this evaluation runs.
    """

    model: nn.Module
    source: str
    root: Path
    loader: SplitLoader
    test: DigitArrays | None = None
    set_folder: Path | None = None  # a handwriting set to evaluate on instead of MNIST's test digits


@dataclass(frozen=True)
class SetArrays:
    """A handwriting set read for evaluating: its inputs (as :class:`DigitArrays`) and their picture files."""

    folder: Path
    digits: DigitArrays
    paths: tuple[str, ...]


def evaluation_steps(worker: IteratorWorker, job: EvaluationJob) -> Iterator[tuple[Any, ...]]:
    """``("status", "loading")``, ``("data", test)``, ``("progress", done, total)``…, ``("result", result)``.

    For a handwriting set: ``("reading", done, total)``… and ``("set", SetArrays)`` instead of the first two.
    """
    if job.set_folder is not None:
        yield from _set_steps(worker, job)
        return
    test = job.test
    if test is None:
        yield ("status", "loading")
        test = DigitArrays.from_split(job.loader(job.root, False))
        yield ("data", test)
    if worker.interrupt():
        return
    from ...core.evaluation import evaluate_steps

    job.model.eval()
    for done, total, result in evaluate_steps(job.model, test.to_split(), batch_size=EVAL_BATCH):
        if result is None:
            yield ("progress", done, total)
        else:
            yield ("result", result)


def _set_steps(worker: IteratorWorker, job: EvaluationJob) -> Iterator[tuple[Any, ...]]:
    import numpy as np

    from ...core.handwriting.reading import read_steps

    assert job.set_folder is not None
    digits = None
    for done, total, digits in read_steps(job.set_folder):
        yield ("reading", done, total)
        if worker.interrupt():
            return
    assert digits is not None
    images, labels = np.array(digits.images), np.array(digits.labels)
    images.setflags(write=False)
    labels.setflags(write=False)
    arrays = DigitArrays(images, labels)
    yield ("set", SetArrays(job.set_folder, arrays, tuple(str(path) for path in digits.paths)))
    from ...core.evaluation import evaluate_steps

    job.model.eval()
    for done, total, result in evaluate_steps(job.model, arrays.to_split(), batch_size=EVAL_BATCH):
        yield ("progress", done, total) if result is None else ("result", result)


def dataset_steps(root: Path, loader: SplitLoader, train: bool, test: bool) -> Iterator[tuple[str, DigitArrays]]:
    """Load the splits the dataset browser still lacks: ``("train", arrays)``, ``("test", arrays)``."""
    if train:
        yield ("train", DigitArrays.from_split(loader(root, True)))
    if test:
        yield ("test", DigitArrays.from_split(loader(root, False)))
