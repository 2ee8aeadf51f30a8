"""Which digit an explanation is of: the answer, the digit asked for, or the closest digit when there is no answer.

A picture the network refuses as "no digit" (:mod:`mnist_desk.core.novelty`)
has no answer to explain. Its saliency map can still say why the digit the
network leans to most is not a stronger answer, but that digit is named "the
closest digit", never "the answer": the command line and the window say the
same as ``predict`` does. numpy only (the window decides this before torch is
needed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

ANSWER, CLOSEST, PICKED = "answer", "closest", "picked"


@dataclass(frozen=True)
class Explained:
    """The digit explained and why that one.

    Attributes
    ----------
    digit
        0 to 9.
    kind
        :data:`ANSWER` (the network's answer), :data:`CLOSEST` (there is no
        answer: the most probable digit of a picture refused as no digit) or
        :data:`PICKED` (a digit the user asked for that is not the answer).
    probability
        The network's probability of ``digit``.
    """

    digit: int
    kind: str
    probability: float


def explained_digit(answer: int | None, probabilities: Sequence[float] | np.ndarray,
                    target: int | None = None) -> Explained | None:
    """What to explain for a prediction.

    Parameters
    ----------
    answer
        The prediction's digit: None when it is "no digit".
    probabilities
        Its ten probabilities (all zero for an empty picture).
    target
        The digit the user asked for, or None for the answer.

    Returns
    -------
    Explained or None
        None when there is nothing to explain (an empty picture, no target).
    """
    chances = np.asarray(probabilities, dtype=np.float64).reshape(-1)
    if target is not None:
        digit = int(target)
        kind = ANSWER if digit == answer else PICKED
    elif answer is not None:
        digit, kind = int(answer), ANSWER
    elif chances.size == 10 and chances.max(initial=0.0) > 0.0:
        digit, kind = int(np.argmax(chances)), CLOSEST
    else:
        return None
    return Explained(digit, kind, float(chances[digit]) if chances.size == 10 else 0.0)
