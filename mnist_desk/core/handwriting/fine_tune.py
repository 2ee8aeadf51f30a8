"""What fine-tuning on a handwriting set trains on and measures: the set split, its training part mixed with MNIST.

The set's held-out part (:mod:`.split`) is never trained on; its training
part is mixed into MNIST's training digits (:func:`~mnist_desk.core.data.mixed_split`)
at a share of each batch, so the network learns the user's hand without
forgetting MNIST's. The trainer (:class:`~mnist_desk.core.training.Trainer`
with ``init`` and ``holdout``) then measures the held-out part beside the
MNIST test digits, before the first step and after each epoch.

A fine-tuning run keeps the recipe that made what the weights know
(:func:`fine_tune_config`): their augmentation, their non-digits (outlier
exposure, which the "no digit" answer rests on) and their held-out digits (on
which the fine-tuned weights' "no digit" threshold is calibrated again), with
smaller steps than a run from scratch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..choices import DEFAULT_EXTRA_SHARE, FINE_TUNE_BATCH_SIZE, FINE_TUNE_LR
from ..data import MnistSplit, mixed_split
from ..errors import ConfigError
from .reading import SetDigits
from .split import DEFAULT_HOLDOUT, check_holdout, holdout_split

EXTRA_SHARE_RANGE = (0.01, 0.9)
# What a fine-tuning run takes over from the run that made its starting weights.
KEPT_SETTINGS = ("augment", "augment_recipe", "outliers", "outlier_weight", "hold_out", "label_smoothing")

if TYPE_CHECKING:
    from ..train_config import TrainConfig
    from ..weights import Checkpoint


def fine_tune_config(init: Checkpoint, **settings: Any) -> TrainConfig:
    """The settings of a run that fine-tunes ``init``: its recipe (:data:`KEPT_SETTINGS`), smaller steps.

    Parameters
    ----------
    init
        The weights to start from; their ``hparams`` give the recipe kept.
    **settings
        Any :class:`~mnist_desk.core.train_config.TrainConfig` field, on top
        (``epochs``, an ``lr`` of the user's ...).

    Returns
    -------
    TrainConfig
        Adam at :data:`~mnist_desk.core.choices.FINE_TUNE_LR`, batch
        :data:`~mnist_desk.core.choices.FINE_TUNE_BATCH_SIZE`, one epoch, the
        network and recipe of ``init``.
    """
    from ..layers.batches import saved_layers_text
    from ..train_config import TrainConfig

    kept = {name: init.hparams[name] for name in KEPT_SETTINGS if name in init.hparams}
    values = {**TrainConfig().to_dict(), "lr": FINE_TUNE_LR, "batch_size": FINE_TUNE_BATCH_SIZE, "epochs": 1,
              "schedule": "constant", **kept, "arch": init.arch, "activation": init.activation,
              "layers": saved_layers_text(init), **settings}
    config = TrainConfig.from_dict(values)
    config.validate()
    return config


def check_extra_share(share: float) -> float:
    """``share`` if it is a usable fraction of each batch for the set's digits, else :class:`ConfigError`."""
    low, high = EXTRA_SHARE_RANGE
    if not (isinstance(share, (int, float)) and math.isfinite(share) and low <= share <= high):
        raise ConfigError("The share of your digits in training must be from {low:g} to {high:g}, not {value}.",
                          low=low, high=high, value=share)
    return float(share)


@dataclass
class FineTuneData:
    """The splits of one fine-tuning run.

    Attributes
    ----------
    train
        MNIST's training digits with the set's training part mixed in.
    holdout
        The set's held-out part (never in ``train``).
    trained_paths, held_out_paths
        Which of the set's files are on which side.
    repeats
        How many times each of the set's training digits is in ``train``.
    """

    train: MnistSplit
    holdout: MnistSplit
    trained_paths: list[str]
    held_out_paths: list[str]
    repeats: int

    def describe(self) -> str:
        """One line for a log: how many of the set's digits train, how many are held out."""
        return (f"{len(self.trained_paths)} of your digits trained on (each {self.repeats}× per epoch), "
                f"{len(self.held_out_paths)} held out")


def fine_tune_data(digits: SetDigits, mnist_train: MnistSplit, *, share: float = DEFAULT_EXTRA_SHARE,
                   holdout: float = DEFAULT_HOLDOUT, seed: int = 0) -> FineTuneData:
    """Split a set and mix its training part into MNIST's training digits.

    Parameters
    ----------
    digits
        The set, read (:func:`~mnist_desk.core.handwriting.reading.read_set`).
    mnist_train
        MNIST's 60,000 training digits (or a part).
    share
        About this fraction of the mixed digits are the set's.
    holdout
        The fraction of each label held out.
    seed
        The split's seed (the run's).

    Raises
    ------
    HandwritingSetError
        When the set is too small to split (the message says what to add).
    ConfigError
        For a share or a held-out fraction out of range.
    """
    check_extra_share(share)
    check_holdout(holdout)
    names = [path.name for path in digits.paths]
    train_indices, held_indices = holdout_split(names, digits.labels.tolist(), holdout, seed)
    extra = digits.split(train_indices)
    mixed = mixed_split(mnist_train, extra, share)
    repeats = (len(mixed) - len(mnist_train)) // max(len(extra), 1)
    return FineTuneData(mixed, digits.split(held_indices), [str(digits.paths[i]) for i in train_indices],
                        [str(digits.paths[i]) for i in held_indices], repeats)
