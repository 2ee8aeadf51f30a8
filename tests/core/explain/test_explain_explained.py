"""Which digit an explanation is of: the answer, the digit asked for, or the closest one when there is no answer."""

from __future__ import annotations

import numpy as np

from mnist_desk.core.explain.explained import ANSWER, CLOSEST, PICKED, explained_digit

FLAT = np.array([0.08, 0.09, 0.11, 0.10, 0.12, 0.09, 0.10, 0.07, 0.14, 0.10])


def test_the_answer_is_explained_as_the_answer():
    chances = np.eye(10)[7] * 0.9 + 0.01
    assert explained_digit(7, chances) == explained_digit(7, chances, 7)
    explained = explained_digit(7, chances)
    assert (explained.digit, explained.kind) == (7, ANSWER) and explained.probability == chances[7]


def test_no_digit_has_no_answer_its_closest_digit_is_named_so():
    explained = explained_digit(None, FLAT)
    assert (explained.digit, explained.kind, explained.probability) == (8, CLOSEST, 0.14)


def test_a_digit_asked_for_is_picked_with_or_without_an_answer():
    assert explained_digit(7, FLAT, 3).kind == PICKED
    picked = explained_digit(None, FLAT, 3)
    assert (picked.digit, picked.kind, picked.probability) == (3, PICKED, 0.10)


def test_an_empty_picture_has_nothing_to_explain():
    assert explained_digit(None, np.zeros(10)) is None
