"""The loss of one drawing: the tutorial's ``nn.CrossEntropyLoss``, worked out, and one training step on it.

The network's ten outputs (logits, "scores") z₀ … z₉ become probabilities
with the softmax, p_i = e^(z_i) / Σ_j e^(z_j), and the cross-entropy loss of
the digit the user meant is −log p_meant: 0 when the network is sure of the
right digit, large when it gives it little chance. The softmax is worked out
with the largest score subtracted first (e^(z_i − max z)), which changes
nothing in the result and keeps every e^… from overflowing; the loss itself
is taken from the log-softmax, so it stays exact even when p_meant is too
small for a float.

:func:`one_training_step` shows what training does with that number: one
gradient step on this drawing alone, on a *copy* of the model, and the loss
and probabilities after it. The model the window uses is never changed.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from ..errors import ConfigError
from ..torch_threads import one_thread
from .choices import DEFAULT_LEARNING_RATE, DEFAULT_OPTIMIZER, LEARNING_RATES, OPTIMIZERS
from .saliency import as_input, check_target

__all__ = ["LEARNING_RATES", "OPTIMIZERS", "CrossEntropy", "TrainingStep", "cross_entropy", "one_training_step"]


@dataclass
class CrossEntropy:
    """The cross-entropy loss of one input for the digit meant, step by step.

    Attributes
    ----------
    logits
        The network's ten outputs z (float64).
    shifted
        e^(z_i − max z), ten numbers, the largest exactly 1.
    total
        Their sum.
    probabilities
        shifted / total: the softmax.
    meant
        The digit the user meant.
    loss
        −log p_meant, as ``nn.CrossEntropyLoss`` computes it.
    """

    logits: np.ndarray
    shifted: np.ndarray
    total: float
    probabilities: np.ndarray
    meant: int
    loss: float

    @property
    def answer(self) -> int:
        """The digit of the largest output."""
        return int(np.argmax(self.logits))


def cross_entropy(logits: np.ndarray | torch.Tensor, meant: int) -> CrossEntropy:
    """Work out ``nn.CrossEntropyLoss()(logits, meant)`` for one input, keeping every step.

    Parameters
    ----------
    logits
        The ten outputs of the network for one input.
    meant
        The right digit, 0 to 9.

    Returns
    -------
    CrossEntropy
    """
    meant = check_target(meant)
    z = torch.as_tensor(logits, dtype=torch.float64).reshape(-1)
    if z.numel() != 10:
        raise ConfigError("The loss needs the network's ten outputs, not {count}.", count=z.numel())
    shifted = torch.exp(z - z.max())
    total = shifted.sum()
    loss = -torch.log_softmax(z, 0)[meant]
    return CrossEntropy(z.numpy().copy(), shifted.numpy().copy(), float(total), (shifted / total).numpy().copy(),
                        meant, float(loss))


@torch.no_grad()
def logits_of(model: nn.Module, field28: np.ndarray) -> np.ndarray:
    """The ten outputs of ``model`` (eval mode) for one 28×28 input."""
    with one_thread():
        return model(as_input(field28))[0].double().numpy()


@dataclass
class TrainingStep:
    """One gradient step on one drawing, taken on a copy of the model.

    Attributes
    ----------
    optimizer, learning_rate
        The step taken: ``"adam"`` (its first step) or ``"sgd"``, and its learning rate.
    before, after
        The drawing's loss, worked out, before and after the step.
    largest_change
        The largest change of one weight.
    """

    optimizer: str
    learning_rate: float
    before: CrossEntropy
    after: CrossEntropy
    largest_change: float


def one_training_step(model: nn.Module, field28: np.ndarray, meant: int, optimizer: str = DEFAULT_OPTIMIZER,
                      learning_rate: float = DEFAULT_LEARNING_RATE) -> TrainingStep:
    """The effect of one training step on this drawing, on a copy of ``model``.

    The copy is in eval mode, as for a prediction: batch norm uses its running
    statistics and dropout is off, so "before" is exactly what the window shows
    and the change comes from the step alone. The loss is the tutorial's
    ``nn.CrossEntropyLoss()``.

    Parameters
    ----------
    model
        The active model; it is deep-copied and never changed.
    field28
        The network's 28×28 input.
    meant
        The digit the drawing should be.
    optimizer
        ``"adam"`` (the tutorial's; a first Adam step moves each weight by about
        the learning rate) or ``"sgd"`` (plain gradient descent).
    learning_rate
        A positive number.

    Returns
    -------
    TrainingStep
    """
    meant = check_target(meant)
    if optimizer not in OPTIMIZERS:
        raise ConfigError("Unknown optimizer {name!r}; choose one of: {choices}.", name=optimizer,
                          choices=", ".join(OPTIMIZERS))
    if not (isinstance(learning_rate, (int, float)) and 0 < learning_rate < float("inf")):
        raise ConfigError("The learning rate must be a positive number, not {value}.", value=learning_rate)
    x = as_input(field28)
    with one_thread(), torch.inference_mode(False), torch.enable_grad():
        trained = copy.deepcopy(model).eval()
        for parameter in trained.parameters():
            parameter.requires_grad_(True)
        start = [parameter.detach().clone() for parameter in trained.parameters()]
        step = (torch.optim.Adam if optimizer == "adam" else torch.optim.SGD)(trained.parameters(), lr=learning_rate)
        logits = trained(x.clone())
        loss = F.cross_entropy(logits, torch.tensor([meant]))
        step.zero_grad()
        loss.backward()
        step.step()
        change = max(float((parameter.detach() - old).abs().max())
                     for parameter, old in zip(trained.parameters(), start))
        before = cross_entropy(logits.detach()[0], meant)
        after = cross_entropy(logits_of(trained, field28), meant)
    return TrainingStep(optimizer, float(learning_rate), before, after, change)
