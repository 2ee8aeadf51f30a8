"""Does a saliency map point at the pixels the network really uses? The deletion check.

The standard test of a saliency map (the "deletion" metric of Petsiuk et al.,
2018, and Samek et al., 2017, read at one point): set the pixels the map ranks
highest to background and see how far the explained class's probability
falls, next to setting as many randomly chosen ink pixels to background. A
faithful map makes the first fall much further.

Here the number of pixels deleted is a fraction (10 %) of the drawing's ink
pixels (those above zero), the same number for both deletions; the random
deletion is averaged over several draws with a fixed seed, so a run repeats.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from ..torch_threads import one_thread
from .saliency import as_input, check_target

DELETED_FRACTION = 0.1
RANDOM_DRAWS = 10


@dataclass
class Deletion:
    """The explained class's probability before and after deleting pixels.

    Attributes
    ----------
    fraction
        The fraction of the ink pixels deleted.
    pixels
        How many pixels were set to background, in each deletion.
    before
        The class's probability for the input as it is.
    salient
        After the ``pixels`` most salient pixels are set to background.
    random
        After as many random ink pixels are, the mean over ``draws`` draws.
    draws
        How many random draws ``random`` averages.
    """

    fraction: float
    pixels: int
    before: float
    salient: float
    random: float
    draws: int

    @property
    def salient_drop(self) -> float:
        """How much deleting the salient pixels lowered the probability."""
        return self.before - self.salient

    @property
    def random_drop(self) -> float:
        """How much deleting as many random ink pixels lowered it (the mean over the draws)."""
        return self.before - self.random

    @property
    def passed(self) -> bool:
        """Whether the map passed: deleting its salient pixels lowered the probability more than random ones."""
        return self.salient_drop > self.random_drop

    def to_json(self) -> dict:
        """The check as ``explain --json`` prints it."""
        return {"fraction": self.fraction, "pixels": self.pixels, "before": round(self.before, 6),
                "salient": round(self.salient, 6), "random": round(self.random, 6), "random_draws": self.draws,
                "passed": self.passed}


@torch.no_grad()
def deletion_test(model: nn.Module, field28: np.ndarray, saliency: np.ndarray, target: int,
                  fraction: float = DELETED_FRACTION, draws: int = RANDOM_DRAWS, seed: int = 0) -> Deletion | None:
    """Delete the most salient pixels, and as many random ink pixels, and read the class's probability.

    Parameters
    ----------
    model
        The model the map explains (e.g. from :func:`.saliency.prepare_model`).
    field28
        The network's 28×28 input, ink bright (background is 0).
    saliency
        The map, same shape; higher means more in favour of ``target``.
    target
        The explained class.
    fraction
        Of the ink pixels, how many to delete (at least one).
    draws
        Random deletions to average.
    seed
        Seed of the random deletions.

    Returns
    -------
    Deletion or None
        ``None`` when the input has no ink (nothing to delete).
    """
    target = check_target(target)
    x = as_input(field28)
    picture = x.view(-1)
    ink = torch.nonzero(picture > 0).view(-1)
    if ink.numel() == 0:
        return None
    count = max(1, round(fraction * ink.numel()))
    ranked = np.argsort(-np.nan_to_num(np.asarray(saliency, dtype=np.float64)).reshape(-1), kind="stable")
    inputs = [picture, picture.clone(), *(picture.clone() for _ in range(draws))]
    inputs[1][torch.from_numpy(ranked[:count].copy())] = 0.0
    generator = np.random.default_rng(seed)
    for variant in inputs[2:]:
        variant[ink[torch.from_numpy(generator.permutation(ink.numel())[:count])]] = 0.0
    with one_thread():
        probabilities = torch.softmax(model(torch.stack(inputs).view(-1, 1, 28, 28)), 1)[:, target].double()
    return Deletion(fraction, count, float(probabilities[0]), float(probabilities[1]),
                    float(probabilities[2:].mean()) if draws else float("nan"), draws)
