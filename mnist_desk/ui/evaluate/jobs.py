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


def evaluation_steps(worker: IteratorWorker, job: EvaluationJob) -> Iterator[tuple[Any, ...]]:
    """``("status", "loading")``, ``("data", test)``, ``("progress", done, total)``…, ``("result", result)``."""
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


def dataset_steps(root: Path, loader: SplitLoader, train: bool, test: bool) -> Iterator[tuple[str, DigitArrays]]:
    """Load the splits the dataset browser still lacks: ``("train", arrays)``, ``("test", arrays)``."""
    if train:
        yield ("train", DigitArrays.from_split(loader(root, True)))
    if test:
        yield ("test", DigitArrays.from_split(loader(root, False)))
