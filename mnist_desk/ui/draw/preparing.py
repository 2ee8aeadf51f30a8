"""The canvas → the network's input, for the Draw tab's live updates.

A canvas showing an MNIST test digit (sent from the Evaluate tab) keeps that
digit's own 28x28 field until the user draws over it: it is already a network
input, and preprocessing it again would change what the network sees.
"""

from __future__ import annotations

import numpy as np

from ...core.preprocess import INK_THRESHOLD, Preprocessed, count_blobs, preprocess, preprocess_both


def exact_prepared(field28: np.ndarray, ink: np.ndarray) -> Preprocessed:
    """An MNIST digit's own field, used as is."""
    mask = field28 > INK_THRESHOLD * max(float(field28.max()), 1e-6)
    empty = int(mask.sum()) < 4
    return Preprocessed(ink, None, None, field28, empty, False, count_blobs(mask), None,
                        ["an MNIST digit, used as is"])


def prepare(ink: np.ndarray, exact: np.ndarray | None, recipe: bool) -> Preprocessed:
    """The canvas's ink with MNIST's recipe (``recipe``) or a plain resize."""
    if recipe and exact is not None:
        return exact_prepared(exact, ink)
    return preprocess(ink, mnist_recipe=recipe)


def prepare_pair(ink: np.ndarray, exact: np.ndarray | None,
                 use_recipe: bool) -> tuple[Preprocessed, Preprocessed]:
    """(used, unused): both preprocessings of the canvas, sharing their common steps."""
    if exact is not None:  # an MNIST digit: its own field stands for the recipe
        recipe, plain = exact_prepared(exact, ink), preprocess(ink, mnist_recipe=False)
    else:
        recipe, plain = preprocess_both(ink)
    return (recipe, plain) if use_recipe else (plain, recipe)
