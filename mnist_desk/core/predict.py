"""Classifying one picture: preprocessing, the model, and an honest answer.

An empty picture gives no digit rather than a guess; a low top probability or
several separate ink blobs mark the answer as unsure, with the reasons as
codes the window translates (the core has no Qt and no translations).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch
from PIL import Image
from torch import nn

from .models import FeatureStage, fold_batch_norm, forward_with_features
from .preprocess import Preprocessed, preprocess

# Below this top probability the answer is reported as unsure.
LOW_CONFIDENCE = 0.6

REASON_EMPTY = "empty"
REASON_LOW_CONFIDENCE = "low_confidence"
REASON_SEVERAL_BLOBS = "several_blobs"

REASON_TEXT = {
    REASON_EMPTY: "no digit: the picture is empty",
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
        Ten probabilities (all zero when there is no digit).
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
        }


class Predictor:
    """A model ready to classify single pictures (eval mode, CPU, no gradients).

    Parameters
    ----------
    model
        A model built by :func:`mnist_desk.core.models.build_model` with weights.
    """

    def __init__(self, model: nn.Module) -> None:
        # Batch norm folded into the convolutions: a faster copy for inference.
        self.model = fold_batch_norm(model.eval())
        self.device = next(model.parameters()).device

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
        probabilities = torch.softmax(logits[0].float(), dim=0).cpu().numpy()
        digit = int(probabilities.argmax())
        reasons = []
        if probabilities[digit] < LOW_CONFIDENCE:
            reasons.append(REASON_LOW_CONFIDENCE)
        if prepared.blobs > 1:
            reasons.append(REASON_SEVERAL_BLOBS)
        return Prediction(digit, probabilities, bool(reasons), reasons, prepared, stages)

    @torch.inference_mode()
    def predict_field(self, field28: np.ndarray) -> np.ndarray:
        """Probabilities for a ready 28x28 input (ink bright, 0..1), e.g. an MNIST digit."""
        x = torch.as_tensor(field28, dtype=torch.float32, device=self.device).view(1, 1, 28, 28)
        return torch.softmax(self.model(x)[0].float(), dim=0).cpu().numpy()
