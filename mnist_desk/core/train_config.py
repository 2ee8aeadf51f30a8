"""The settings of a training run and the records it yields.

Plain data, shared by the trainer, the command line and the window.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

import torch

from .choices import AUGMENT_RECIPES, OPTIMIZERS, SCHEDULES
from .errors import ConfigError
from .models import ACTIVATIONS, ARCHITECTURES, CUSTOM

MAX_SEED = 2**32 - 1  # what numpy and torch's generators all take, with room for the seeds derived from it
# ``hold_out=None`` keeps this share of the training digits out (5,000 of MNIST's 60,000, as the shipped weights).
DEFAULT_HOLD_OUT_SHARE = 1 / 12


@dataclass
class TrainConfig:
    """Settings of one training run. The defaults are the tutorial's.

    Attributes
    ----------
    arch, activation
        Model to train (see :mod:`mnist_desk.core.models`).
    layers
        With ``arch="custom"``: the network's layer list in its text form
        (:mod:`mnist_desk.core.layers.spec`); its layers have their own
        activations, ``activation`` is not used.
    optimizer
        ``"adam"`` (the tutorial's) or ``"sgd"`` (with ``momentum``).
    lr
        Learning rate; with the one-cycle schedule, its peak.
    batch_size, epochs
        The tutorial uses 50 and 10.
    max_steps
        When > 0, a budget of optimizer steps that ends the run early (it may
        end inside an epoch; the one-cycle schedule spans the budget).
    schedule
        ``"constant"`` or ``"onecycle"``.
    augment
        Randomly rotate, scale, shift, shear and re-thicken each batch.
    augment_recipe
        ``"basic"`` (the transforms above) or ``"handwriting"`` (what drawing
        and scanning change: pen width, size, slant, elastic wobble, gaps,
        blur; see :mod:`mnist_desk.core.augment`).
    outliers
        When > 0, add this many synthetic non-digits per digit to every batch,
        trained towards uniform probabilities (outlier exposure, see
        :mod:`mnist_desk.core.outliers`) so that a picture of no digit gets no
        confident answer.
    outlier_weight
        The weight of the non-digits' loss next to the digits' own.
    hold_out
        Keep the last this-many training digits out of training: they
        calibrate the "no digit" threshold (:mod:`mnist_desk.core.novelty`).
        ``None``: :data:`DEFAULT_HOLD_OUT_SHARE` of them (what the Train tab
        and ``mnist-desk train`` use unless told otherwise); 0: none, and
        the weights never answer "no digit" (the tutorial's run).
    seed
        Seeds the initial weights, the shuffling and the augmentation.
    device
        ``"auto"`` (CUDA, then MPS, then CPU), or a torch device string.
    channels_last
        Keep activations in NHWC order: 1.3–1.7× faster on a CPU with oneDNN,
        same numbers.
    log_every
        Yield a progress record every this many steps.
    test_every, test_subset
        When ``test_every`` > 0, also measure accuracy on the first
        ``test_subset`` test digits every ``test_every`` steps.
    """

    arch: str = "tutorial"
    activation: str = "relu"
    layers: str = ""
    optimizer: str = "adam"
    lr: float = 0.001
    momentum: float = 0.9
    weight_decay: float = 0.0
    batch_size: int = 50
    epochs: int = 10
    max_steps: int = 0
    schedule: str = "constant"
    augment: bool = False
    augment_recipe: str = "basic"
    outliers: float = 0.0
    outlier_weight: float = 0.5
    hold_out: int | None = 0
    label_smoothing: float = 0.0
    seed: int = 0
    device: str = "auto"
    channels_last: bool = True
    log_every: int = 20
    test_every: int = 0
    test_subset: int = 1000

    def validate(self) -> None:
        """Raise :class:`ConfigError` for a setting that cannot work."""
        if self.arch == CUSTOM:
            self.network_layers()
        elif self.arch not in ARCHITECTURES:
            raise ConfigError("Unknown architecture {name!r}; choose one of: {choices}.",
                              name=self.arch, choices=", ".join(ARCHITECTURES))
        if self.activation not in ACTIVATIONS:
            raise ConfigError("Unknown activation {name!r}; choose one of: {choices}.",
                              name=self.activation, choices=", ".join(ACTIVATIONS))
        if self.optimizer not in OPTIMIZERS:
            raise ConfigError("Unknown optimizer {name!r}; choose one of: {choices}.",
                              name=self.optimizer, choices=", ".join(OPTIMIZERS))
        if self.schedule not in SCHEDULES:
            raise ConfigError("Unknown schedule {name!r}; choose one of: {choices}.",
                              name=self.schedule, choices=", ".join(SCHEDULES))
        if not (math.isfinite(self.lr) and self.lr > 0):
            raise ConfigError("The learning rate must be a positive number, not {value}.", value=self.lr)
        if self.batch_size < 1:
            raise ConfigError("The batch size must be at least 1, not {value}.", value=self.batch_size)
        if self.epochs < 1:
            raise ConfigError("The number of epochs must be at least 1, not {value}.", value=self.epochs)
        if self.max_steps < 0:
            raise ConfigError("max_steps must be 0 (no budget) or positive, not {value}.", value=self.max_steps)
        if self.log_every < 1:
            raise ConfigError("log_every must be at least 1.")
        if self.augment_recipe not in AUGMENT_RECIPES:
            raise ConfigError("Unknown augmentation {name!r}; choose one of: {choices}.",
                              name=self.augment_recipe, choices=", ".join(AUGMENT_RECIPES))
        if not (math.isfinite(self.outliers) and 0.0 <= self.outliers <= 4.0):
            raise ConfigError("outliers must be between 0 and 4 non-digits per digit, not {value}.",
                              value=self.outliers)
        if not (math.isfinite(self.outlier_weight) and self.outlier_weight >= 0.0):
            raise ConfigError("outlier_weight must be 0 or more, not {value}.", value=self.outlier_weight)
        if self.hold_out is not None and (isinstance(self.hold_out, bool) or not isinstance(self.hold_out, int)
                                          or self.hold_out < 0):
            raise ConfigError("hold_out must be 0 or more, not {value}.", value=self.hold_out)
        if not 0.0 <= self.label_smoothing < 1.0:
            raise ConfigError("label_smoothing must be in [0, 1).")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or not 0 <= self.seed <= MAX_SEED:
            raise ConfigError("The seed must be a whole number from 0 to {most:,}, not {value}.",
                              most=MAX_SEED, value=self.seed)

    def network_layers(self) -> list[Any] | None:
        """A custom network's layers (:class:`~mnist_desk.core.layers.Layer`), ``None`` for a named architecture.

        Raises
        ------
        mnist_desk.core.layers.LayerError
            When the layer list cannot be read or built (the first reason).
        """
        if self.arch != CUSTOM:
            return None
        from .layers import network_problem, parse_spec

        layers = parse_spec(self.layers)
        problem = network_problem(layers)
        if problem is not None:
            raise problem
        return layers

    def held_out_count(self, train_size: int) -> int:
        """How many of ``train_size`` training digits this run keeps out (``hold_out``, or the default share)."""
        if self.hold_out is None:
            return int(train_size * DEFAULT_HOLD_OUT_SHARE)
        return self.hold_out

    def to_dict(self) -> dict[str, Any]:
        """The settings as a plain dict (what a weights file keeps as its ``hparams``)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainConfig:
        """Settings from a dict, ignoring keys this version does not know (a later version's settings)."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class TrainRecord:
    """One report from the training loop; plain values only.

    ``kind`` is ``"progress"`` (every ``log_every`` steps), ``"test"`` (a test on
    the fixed subset) or ``"epoch"`` (an epoch ended; ``test_accuracy`` is on
    the full test split). ``epoch`` counts from 0. ``loss`` is the mean
    training loss since the previous record; ``train_accuracy`` the running
    accuracy of the current epoch. A fine-tuning run starts with a
    ``"start"`` record (step 0, the accuracies before training; loss and train
    accuracy NaN); ``holdout_accuracy`` is that of the held-out part of a
    handwriting set, measured with the test accuracy.
    """

    kind: str
    epoch: int
    epochs: int
    step: int
    steps_total: int
    step_in_epoch: int
    steps_per_epoch: int
    samples_seen: int
    loss: float
    train_accuracy: float
    lr: float
    images_per_s: float
    elapsed_s: float
    eta_s: float
    test_accuracy: float | None = None
    holdout_accuracy: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict (what the window's signals carry)."""
        return asdict(self)


def make_optimizer(config: TrainConfig, parameters: Iterable[torch.nn.Parameter],
                   device: torch.device) -> torch.optim.Optimizer:
    """The optimizer ``config`` names, over ``parameters``, with its learning rate, momentum and weight decay.

    Adam uses torch's fused kernel where the device has one: it updates all
    parameters in one pass, about 10 % of a small model's step.
    """
    params = list(parameters)  # a list: a failed first attempt must not use it up
    if config.optimizer == "adam":
        try:
            return torch.optim.Adam(params, lr=config.lr, weight_decay=config.weight_decay,
                                    fused=device.type in ("cpu", "cuda"))
        except (RuntimeError, TypeError, ValueError):  # torch without a fused kernel for this device
            return torch.optim.Adam(params, lr=config.lr, weight_decay=config.weight_decay)
    return torch.optim.SGD(params, lr=config.lr, momentum=config.momentum, weight_decay=config.weight_decay,
                           nesterov=config.momentum > 0)


def pick_device(name: str = "auto") -> torch.device:
    """``"auto"`` → CUDA if present, else Apple's MPS, else the CPU; otherwise ``torch.device(name)``."""
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    try:
        device = torch.device(name)
    except (RuntimeError, TypeError, ValueError):
        raise ConfigError("Unknown device {name!r}; choose auto, cpu, cuda (cuda:0, cuda:1 ...) or mps.",
                          name=name) from None
    if device.type == "cpu":
        return device
    if device.type == "cuda":
        if not torch.cuda.is_available():
            raise ConfigError("CUDA was asked for but no CUDA device is available.")
        count = torch.cuda.device_count()
        if device.index is not None and device.index >= count:
            raise ConfigError("There is no CUDA device {index}: this computer has {count} (cuda:0 to cuda:{last}).",
                              index=device.index, count=count, last=count - 1)
        return device
    if device.type == "mps":
        mps = getattr(torch.backends, "mps", None)
        if mps is None or not mps.is_available():
            raise ConfigError("Apple's MPS device was asked for but it is not available on this computer.")
        return device
    raise ConfigError("MNIST Desk cannot train on the {kind!r} device; choose auto, cpu, cuda or mps.",
                      kind=device.type)
