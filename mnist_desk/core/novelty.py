"""Telling a digit from a picture of no digit: a score and a threshold calibrated on data.

The score is the top softmax probability (Hendrycks & Gimpel, ICLR 2017) of a
network trained with *outlier exposure* (:mod:`mnist_desk.core.outliers`):
synthetic non-digits in every batch, trained towards equal probabilities for
all ten digits, so that a picture of no digit gets a flat answer (a top
probability near 0.1) where a digit gets a peaked one. A real digit that
could be two things (a 4 that looks like a 9) has a top probability near 0.5:
above the threshold, so it is "unsure", not refused. The score costs nothing:
the probabilities are there anyway. README's "Is it a digit?" gives the
comparison with the other scores (the energy score, the top logit, a
Mahalanobis distance in feature space, combinations) that chose it: with
outlier exposure towards a uniform answer the logits of a non-digit are equal
but not small, so the energy and the top logit no longer tell it apart.

The threshold is calibrated, never set by hand: it is the score below which
only ``false_refusal`` (0.4 %) of held-out digits fall. Those digits are the
first half of the training digits held out of training (``mnist-desk train
--hold-out 5000``: digits 55,000 to 57,499), as they are and through the
handwriting augmentation, so that digits drawn on the canvas count as much as
MNIST's own. The other half is left for validation sets (``bench/sets``).
The calibration is saved in the weights file; weights without one (trained
without a hold-out, or by the tutorial's script) answer as before: a digit, or
"unsure", never "no digit" for a picture with ink on it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import nn

from .augment import handwriting_batch
from .data import MnistSplit, to_input
from .errors import WeightsError

SCORES = ("msp", "energy")
# Chosen on the dev sets (bench/novelty_methods.py --rates): the largest of 0.1, 0.2, 0.25, 0.3, 0.4 and
# 0.5 % at which the shipped weights refuse at most 1 % of redrawn-dev (half the 2 % allowed).
FALSE_REFUSAL = 0.004
AUGMENTED_COPIES = 3
CALIBRATION_SEED = 20_240_517


def digit_score(logits: torch.Tensor, score: str = "msp") -> torch.Tensor:
    """How much each row of logits (B, 10) looks like a digit → (B,): higher is more like one.

    ``"msp"``: the top softmax probability (the shipped weights' score);
    ``"energy"``: log Σ exp(logits), for weights trained without outlier exposure.
    """
    logits = logits.float()
    if score == "energy":
        return torch.logsumexp(logits, dim=-1)
    return torch.softmax(logits, dim=-1).amax(dim=-1)


@dataclass(frozen=True)
class Calibration:
    """A score's threshold: below it a picture is "no digit".

    Attributes
    ----------
    score
        The score's name (one of :data:`SCORES`).
    threshold
        Pictures whose score is below this are refused.
    false_refusal
        The share of calibration digits refused at this threshold.
    digits
        How many calibration digits set it, and ``source`` which.
    """

    score: str
    threshold: float
    false_refusal: float
    digits: int
    source: str = ""

    def refuses(self, logits: torch.Tensor) -> torch.Tensor:
        """(B,) bool: which rows of logits are not digits."""
        return digit_score(logits, self.score) < self.threshold

    def to_dict(self) -> dict[str, Any]:
        """The calibration as plain values, as a weights file holds it."""
        return {"score": self.score, "threshold": self.threshold, "false_refusal": self.false_refusal,
                "digits": self.digits, "source": self.source}

    @classmethod
    def from_dict(cls, data: Any) -> Calibration:
        """Read a weights file's calibration, refusing values that make no sense.

        Raises
        ------
        WeightsError
            For a calibration that is not a dict of the expected plain values.
        """
        if not isinstance(data, dict):
            raise WeightsError("The weights file's 'no digit' calibration is not readable.")
        score, threshold = data.get("score"), data.get("threshold")
        rate, digits = data.get("false_refusal", FALSE_REFUSAL), data.get("digits", 0)
        if score not in SCORES:
            raise WeightsError("The weights file's 'no digit' calibration uses an unknown score {name!r}.",
                               name=str(score)[:40])
        if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or not math.isfinite(threshold):
            raise WeightsError("The weights file's 'no digit' threshold is not a finite number.")
        if not isinstance(rate, (int, float)) or not 0.0 <= float(rate) < 1.0:
            raise WeightsError("The weights file's 'no digit' calibration has an impossible refusal rate.")
        if not isinstance(digits, int) or isinstance(digits, bool) or digits < 0:
            raise WeightsError("The weights file's 'no digit' calibration has an impossible digit count.")
        return cls(str(score), float(threshold), float(rate), int(digits), str(data.get("source", ""))[:200])


def checked_calibration(value: Any) -> dict[str, Any] | None:
    """A weights file's ``novelty`` entry, checked: None when absent (raises :class:`WeightsError` when bad)."""
    return None if value is None else Calibration.from_dict(value).to_dict()


def calibration_digits(train_split: MnistSplit, hold_out: int = 5000) -> torch.Tensor:
    """The digits that calibrate the threshold: the first half of the held-out training digits.

    Parameters
    ----------
    train_split
        The whole MNIST training split (all 60,000 digits, before the hold-out).
    hold_out
        How many digits at its end were kept out of training.

    Returns
    -------
    torch.Tensor
        (N, 1, 28, 28) float inputs: the digits as they are, then
        :data:`AUGMENTED_COPIES` copies through the handwriting augmentation
        (one fixed seed, so the calibration is reproducible).
    """
    if not 2 <= hold_out < len(train_split):
        raise ValueError(f"hold_out must be between 2 and {len(train_split) - 1}, not {hold_out}")
    first = len(train_split) - hold_out
    x = to_input(train_split.images[first:first + hold_out // 2])
    generator = torch.Generator().manual_seed(CALIBRATION_SEED)
    copies = [handwriting_batch(x, generator) for _ in range(AUGMENTED_COPIES)]
    return torch.cat([x, *copies])


@torch.inference_mode()
def calibrate(model: nn.Module, digits: torch.Tensor, false_refusal: float = FALSE_REFUSAL,
              source: str = "", score: str = "msp", batch_size: int = 1000) -> Calibration:
    """The threshold that refuses ``false_refusal`` of ``digits`` (calibration digits, never the reported ones).

    Parameters
    ----------
    model
        The network (in eval mode while it runs; its mode is put back).
    digits
        (N, 1, 28, 28) inputs, e.g. :func:`calibration_digits`.
    false_refusal
        The share of them that may be refused.
    source
        Says which digits they are (saved with the calibration).
    score
        One of :data:`SCORES`.

    Returns
    -------
    Calibration
    """
    was_training = model.training
    model.eval()
    device = next(model.parameters()).device
    try:
        scores = torch.cat([digit_score(model(digits[i:i + batch_size].to(device)), score).cpu()
                            for i in range(0, len(digits), batch_size)])
    finally:
        model.train(was_training)
    threshold = float(np.quantile(scores.numpy().astype(np.float64), false_refusal))
    return Calibration(score, threshold, false_refusal, int(len(digits)), source)


def calibrate_held_out(model: nn.Module, train_split: MnistSplit, hold_out: int,
                       digits: torch.Tensor | None = None) -> Calibration:
    """:func:`calibrate` on :func:`calibration_digits` of a run that held ``hold_out`` digits out.

    ``digits``: those calibration digits when the caller has made them already (a run
    calibrates at every epoch; making the augmented copies is most of the cost).
    """
    first = len(train_split) - hold_out
    last = first + hold_out // 2 - 1
    source = (f"MNIST training digits {first:,}–{last:,} (held out of training), as they are and "
              f"{AUGMENTED_COPIES} handwriting-augmented copies")
    if digits is None:
        digits = calibration_digits(train_split, hold_out)
    return calibrate(model, digits, source=source)
