"""Classifying one picture: preprocessing, the model, and an honest answer.

An empty picture gives no digit rather than a guess, and so does a picture
whose score says it is no digit at all (a letter, a doodle, a photograph: see
:mod:`mnist_desk.core.novelty`), when the weights carry a calibrated
threshold. A low top probability or several separate ink blobs mark the
answer as unsure. The reasons are codes the window translates (the core has
no Qt and no translations).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import torch
from PIL import Image
from torch import nn

from .models import FeatureStage, fold_batch_norm, forward_with_features
from .novelty import Calibration, digit_score
from .preprocess import Preprocessed, preprocess

if TYPE_CHECKING:
    from .weights import Checkpoint

# Below this top probability the answer is reported as unsure.
LOW_CONFIDENCE = 0.6

REASON_EMPTY = "empty"
REASON_LOW_CONFIDENCE = "low_confidence"
REASON_SEVERAL_BLOBS = "several_blobs"
REASON_NOT_A_DIGIT = "not_a_digit"

REASON_TEXT = {
    REASON_EMPTY: "no digit: the picture is empty",
    REASON_NOT_A_DIGIT: "no digit: this does not look like a digit",
    REASON_LOW_CONFIDENCE: "low confidence",
    REASON_SEVERAL_BLOBS: "several separate marks: draw one digit",
}


@dataclass
class Prediction:
    """The answer for one picture.

    Attributes
    ----------
    digit
        The most probable digit, or ``None`` when there is no digit.
    probabilities
        Ten probabilities (all zero for an empty picture; the network's own
        for a picture refused as no digit).
    unsure
        True when the answer should not be trusted; ``reasons`` says why.
    reasons
        Codes among :data:`REASON_TEXT`'s keys.
    preprocessed
        The preprocessing steps (for the inspector).
    stages
        The activations inside the network, when asked for.
    """

    digit: int | None
    probabilities: np.ndarray
    unsure: bool
    reasons: list[str]
    preprocessed: Preprocessed
    stages: list[FeatureStage] = field(default_factory=list)
    score: float | None = None  # the "is it a digit" score (None for an empty picture)
    threshold: float | None = None  # below it: no digit (None: the weights have no calibration)

    @property
    def confidence(self) -> float:
        """The probability of the answer (0 when there is none)."""
        return float(self.probabilities.max()) if self.digit is not None else 0.0

    def to_json(self) -> dict:
        """The prediction as ``predict --json`` prints it (without the file name)."""
        return {
            "digit": self.digit,
            "probabilities": [round(float(p), 6) for p in self.probabilities],
            "unsure": self.unsure,
            "reasons": list(self.reasons),
            "score": None if self.score is None else round(self.score, 4),
            "threshold": None if self.threshold is None else round(self.threshold, 4),
        }


class Predictor:
    """A model ready to classify single pictures (eval mode, CPU, no gradients).

    Parameters
    ----------
    model
        A model built by :func:`mnist_desk.core.models.build_model` with weights.
    calibration
        The weights' "no digit" threshold (``Checkpoint.novelty``); without one
        nothing with ink on it is refused.
    """

    def __init__(self, model: nn.Module, calibration: Calibration | None = None) -> None:
        # Batch norm folded into the convolutions: a faster copy for inference.
        self.model = fold_batch_norm(model.eval())
        self.device = next(model.parameters()).device
        self.calibration = calibration

    @classmethod
    def from_checkpoint(cls, checkpoint: Checkpoint, model: nn.Module | None = None) -> Predictor:
        """A predictor for a :class:`~mnist_desk.core.weights.Checkpoint`, with its calibration if it has one."""
        calibration = Calibration.from_dict(checkpoint.novelty) if checkpoint.novelty is not None else None
        return cls(model if model is not None else checkpoint.build(), calibration)

    @torch.inference_mode()
    def predict(self, image: Image.Image | np.ndarray, *, mnist_recipe: bool = True,
                with_features: bool = False) -> Prediction:
        """Classify one picture of a digit.

        Parameters
        ----------
        image
            PIL image or array of any common kind (see :func:`preprocess`).
        mnist_recipe
            Use MNIST's crop / fit / centre recipe (default) or a plain resize.
        with_features
            Also return every conv block's activations.

        Returns
        -------
        Prediction
        """
        prepared = preprocess(image, mnist_recipe=mnist_recipe)
        return self.predict_prepared(prepared, with_features=with_features)

    @torch.inference_mode()
    def predict_prepared(self, prepared: Preprocessed, *, with_features: bool = False) -> Prediction:
        """Classify an already preprocessed picture."""
        if prepared.empty:
            return Prediction(None, np.zeros(10, dtype=np.float32), False, [REASON_EMPTY], prepared)
        x = torch.from_numpy(prepared.field28).to(self.device).view(1, 1, 28, 28)
        if with_features:
            logits, stages = forward_with_features(self.model, x)
        else:
            logits, stages = self.model(x), []
        answer = self._decide(logits, torch.tensor([prepared.blobs]))
        digit = int(answer.digits[0])
        reasons = answer.reasons(0)
        threshold = self.calibration.threshold if self.calibration is not None else None
        return Prediction(None if digit < 0 else digit, answer.probabilities[0], bool(answer.unsure[0]), reasons,
                          prepared, stages, float(answer.scores[0]), threshold)

    def _decide(self, logits: torch.Tensor, blobs: torch.Tensor) -> Answers:
        """The answers for a batch of logits: one rule for one picture and for many."""
        probabilities = torch.softmax(logits.float(), dim=1)
        top, digits = probabilities.max(dim=1)
        scores = digit_score(logits, self.calibration.score if self.calibration is not None else "msp")
        refused = (self.calibration.refuses(logits) if self.calibration is not None
                   else torch.zeros(len(logits), dtype=torch.bool))
        low = (top < LOW_CONFIDENCE) & ~refused
        several = blobs.to(digits.device) > 1  # with a refusal too: it says why
        return Answers(torch.where(refused, -1, digits).cpu().numpy(), probabilities.cpu().numpy(),
                       ((low | several) & ~refused).cpu().numpy(), refused.cpu().numpy(), low.cpu().numpy(),
                       several.cpu().numpy(), scores.cpu().numpy())

    @torch.inference_mode()
    def answer_fields(self, fields: np.ndarray, blobs: np.ndarray, empty: np.ndarray | None = None,
                      batch_size: int = 1000) -> Answers:
        """The answers for many ready 28x28 inputs at once (benchmarks, evaluation).

        Parameters
        ----------
        fields
            (N, 28, 28) network inputs, as :attr:`Preprocessed.field28`.
        blobs
            (N,) ink blob counts, as :attr:`Preprocessed.blobs`.
        empty
            (N,) True where preprocessing found no ink (answered no digit).

        Returns
        -------
        Answers
            The same decisions :meth:`predict_prepared` makes, one per input.
        """
        parts = []
        for start in range(0, len(fields), batch_size):
            x = torch.as_tensor(np.asarray(fields[start:start + batch_size], np.float32)).view(-1, 1, 28, 28)
            parts.append(self._decide(self.model(x.to(self.device)), torch.as_tensor(blobs[start:start + batch_size])))
        answers = Answers.join(parts)
        if empty is not None and np.any(empty):
            answers.mark_empty(np.asarray(empty, bool))
        return answers

    @torch.inference_mode()
    def predict_field(self, field28: np.ndarray) -> np.ndarray:
        """Probabilities for a ready 28x28 input (ink bright, 0..1), e.g. an MNIST digit."""
        x = torch.as_tensor(field28, dtype=torch.float32, device=self.device).view(1, 1, 28, 28)
        return torch.softmax(self.model(x)[0].float(), dim=0).cpu().numpy()


@dataclass
class Answers:
    """Answers for a batch: ``digits`` is -1 where there is no digit (empty or refused)."""

    digits: np.ndarray
    probabilities: np.ndarray
    unsure: np.ndarray
    refused: np.ndarray  # "no digit": not a digit, or empty
    low_confidence: np.ndarray
    several_blobs: np.ndarray
    scores: np.ndarray
    empty: np.ndarray | None = None

    def reasons(self, i: int) -> list[str]:
        """The reason codes of answer ``i``, as :attr:`Prediction.reasons`."""
        if self.empty is not None and self.empty[i]:
            return [REASON_EMPTY]
        if self.refused[i]:
            return [REASON_NOT_A_DIGIT] + ([REASON_SEVERAL_BLOBS] if self.several_blobs[i] else [])
        return ([REASON_LOW_CONFIDENCE] if self.low_confidence[i] else []) + (
            [REASON_SEVERAL_BLOBS] if self.several_blobs[i] else [])

    def mark_empty(self, empty: np.ndarray) -> None:
        """Make the answers where ``empty`` is True "no digit: the picture is empty"."""
        self.empty = empty
        self.digits = np.where(empty, -1, self.digits)
        self.refused = self.refused | empty
        for name in ("unsure", "low_confidence", "several_blobs"):
            setattr(self, name, getattr(self, name) & ~empty)

    @staticmethod
    def join(parts: list[Answers]) -> Answers:
        """One batch of answers from several, in order."""
        names = ("digits", "probabilities", "unsure", "refused", "low_confidence", "several_blobs", "scores")
        return Answers(*(np.concatenate([getattr(p, n) for p in parts]) for n in names))
