"""The held-out part of a handwriting set: never trained on, so its accuracy says how well the network reads you.

The split is stratified by label (each digit gives the same share) and
deterministic: within a label the digits are ordered by a hash of their file
name and the run's seed, and the first ones are held out. The same set and
seed always give the same split, whatever order the files are listed in, and
a digit added later changes where at most one other digit of its label goes.

A label needs at least :data:`MIN_HELD_OUT` digits held out and
:data:`MIN_TRAINED` left to train on, and all ten labels are needed, so that
the held-out accuracy is measured on every digit: a set smaller than that is
refused with the number of digits still needed, label by label.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

from ..choices import DEFAULT_HOLDOUT
from ..errors import ConfigError, HandwritingSetError

__all__ = ["DEFAULT_HOLDOUT", "check_holdout", "check_splittable", "digits_needed", "holdout_split"]
MIN_HELD_OUT = 2  # per label
MIN_TRAINED = 2  # per label
HOLDOUT_RANGE = (0.05, 0.9)


def check_holdout(holdout: float) -> float:
    """``holdout`` if it is a share that leaves something on both sides, else :class:`ConfigError`."""
    low, high = HOLDOUT_RANGE
    if not (isinstance(holdout, (int, float)) and math.isfinite(holdout) and low <= holdout <= high):
        raise ConfigError("The held-out share must be from {low:g} to {high:g} (a fraction of each digit's "
                          "pictures), not {value}.", low=low, high=high, value=holdout)
    return float(holdout)


def held_out_count(count: int, holdout: float) -> int:
    """How many of a label's ``count`` digits are held out: the share, rounded, and at least one."""
    return min(count, max(1, round(count * holdout))) if count else 0


def least_needed(holdout: float) -> int:
    """The fewest digits of a label that give :data:`MIN_HELD_OUT` held out and :data:`MIN_TRAINED` to train on."""
    count = MIN_HELD_OUT + MIN_TRAINED
    while held_out_count(count, holdout) < MIN_HELD_OUT or count - held_out_count(count, holdout) < MIN_TRAINED:
        count += 1
    return count


def digits_needed(counts: Sequence[int], holdout: float) -> dict[int, int]:
    """Per label, how many more digits it needs for an honest split (labels that need none are left out).

    Parameters
    ----------
    counts
        The set's digits of each label 0 to 9.
    holdout
        The share of each label held out.
    """
    least = least_needed(check_holdout(holdout))
    padded = list(counts) + [0] * (10 - len(counts))
    return {label: least - count for label, count in enumerate(padded[:10]) if count < least}


def check_splittable(counts: Sequence[int], holdout: float) -> None:
    """Raise a message saying what to add when the set is too small to hold out an honest part.

    Raises
    ------
    HandwritingSetError
        "… add more digits — 3: 2, 7: 4 (digit: how many more)".
    ConfigError
        For a held-out share out of range.
    """
    needed = digits_needed(counts, holdout)
    if needed:
        raise HandwritingSetError(
            "The set is too small to hold out an honest part of it for testing: each digit 0 to 9 needs at least "
            "{least} pictures ({held} held out, never trained on, and {trained} to train on). Add {missing} more, "
            "of these digits (digit: how many more): {needed}.",
            least=least_needed(holdout), held=MIN_HELD_OUT, trained=MIN_TRAINED, missing=sum(needed.values()),
            needed=", ".join(f"{label}: {more}" for label, more in needed.items()))


def _rank(name: str, seed: int) -> bytes:
    return hashlib.sha256(f"{seed}:{name}".encode()).digest()


def holdout_split(names: Sequence[str], labels: Sequence[int], holdout: float = DEFAULT_HOLDOUT,
                  seed: int = 0) -> tuple[list[int], list[int]]:
    """Split a set into the digits to train on and those held out, stratified by label.

    Parameters
    ----------
    names
        Each digit's identity, stable as the set changes (its file's name).
    labels
        Each digit's label.
    holdout
        The share of each label held out (:func:`held_out_count`).
    seed
        Another seed gives another split.

    Returns
    -------
    train, held_out
        Indices into ``names``, each in increasing order; together all of them, once.

    Raises
    ------
    HandwritingSetError
        When the set is too small (:func:`check_splittable`).
    """
    if len(names) != len(labels):
        raise ValueError("names and labels differ in length")
    counts = [0] * 10
    for label in labels:
        counts[label] += 1
    check_splittable(counts, holdout)
    held: list[int] = []
    for label in range(10):
        members = [index for index, value in enumerate(labels) if value == label]
        members.sort(key=lambda index: (_rank(names[index], seed), index))
        held.extend(members[:held_out_count(len(members), holdout)])
    held_set = set(held)
    return [index for index in range(len(names)) if index not in held_set], sorted(held)
