"""Prediction with the shipped weights on real MNIST digits, shown to it as pictures."""

from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from mnist_desk.core.novelty import FALSE_REFUSAL
from mnist_desk.core.paths import default_weights_path
from mnist_desk.core.predict import (
    REASON_EMPTY,
    REASON_LOW_CONFIDENCE,
    REASON_NOT_A_DIGIT,
    REASON_SEVERAL_BLOBS,
    Predictor,
)
from mnist_desk.core.preprocess import open_image
from mnist_desk.core.weights import load_model

REFUSAL = Path(__file__).resolve().parents[1] / "fixtures" / "refusal"


@pytest.fixture(scope="module")
def predictor():
    model, checkpoint = load_model(default_weights_path())
    return Predictor.from_checkpoint(checkpoint, model)


def as_paper_scan(digit: np.ndarray, size: int = 224) -> Image.Image:
    """An MNIST digit as a big picture with dark ink on white paper, placed off-centre."""
    big = Image.fromarray(255 - digit).resize((size, size), Image.Resampling.BICUBIC)
    paper = Image.new("L", (size + 120, size + 60), 255)
    paper.paste(big, (100, 10))
    return paper


def test_real_digits_as_pictures_are_recognised(predictor, test_sample):
    images, labels = test_sample.images.numpy(), test_sample.labels.numpy()
    right = sum(predictor.predict(as_paper_scan(img)).digit == label for img, label in zip(images, labels))
    assert right / len(labels) >= 0.97


def test_28x28_inputs_can_be_classified_directly(predictor, test_sample):
    field = test_sample.images[0].numpy().astype(np.float32) / 255
    probabilities = predictor.predict_field(field)
    assert probabilities.shape == (10,) and probabilities.sum() == pytest.approx(1, abs=1e-5)
    assert probabilities.argmax() == int(test_sample.labels[0])


def test_empty_canvas_is_no_digit(predictor):
    prediction = predictor.predict(np.zeros((280, 280), np.uint8))
    assert prediction.digit is None and prediction.reasons == [REASON_EMPTY]
    assert prediction.to_json()["digit"] is None and not prediction.probabilities.any()


def test_several_blobs_and_low_confidence_are_unsure(predictor, test_sample):
    one, two = (test_sample.images[i].numpy() for i in (0, 40))
    pair = np.zeros((28, 80), np.uint8)
    pair[:, :28], pair[:, 52:] = one, two
    prediction = predictor.predict(pair)
    assert REASON_SEVERAL_BLOBS in prediction.reasons  # "72": unsure, or no digit (several marks)
    assert prediction.unsure or prediction.digit is None
    scribble = np.zeros((100, 100), np.uint8)
    scribble[20:80, 20:80] = 255  # a filled square looks like no digit
    square = predictor.predict(scribble)
    if square.digit is not None and square.confidence < 0.6:
        assert REASON_LOW_CONFIDENCE in square.reasons and square.unsure


def test_features_are_returned_on_request(predictor, test_sample):
    prediction = predictor.predict(test_sample.images[5].numpy(), with_features=True)
    assert prediction.stages[0].name == "input" and prediction.stages[-1].shape == (10,)
    assert predictor.predict(test_sample.images[5].numpy()).stages == []


def test_the_shipped_weights_carry_a_calibration(predictor):
    assert predictor.calibration is not None and predictor.calibration.score == "msp"
    assert 0.1 < predictor.calibration.threshold < 0.6  # refusals stay below "unsure"
    assert predictor.calibration.false_refusal == FALSE_REFUSAL


# A lightning bolt drawn in one stroke is much like a 4: "unsure" is an honest answer for it too.
DIGIT_LIKE = {"not_a_digit_lightning"}


@pytest.mark.parametrize("path", sorted(REFUSAL.glob("not_a_digit_*.png")), ids=lambda p: p.stem[12:])
def test_pictures_of_no_digit_are_refused(predictor, path):
    answer = predictor.predict(open_image(path))
    assert answer.digit is None or answer.unsure, (answer.digit, answer.probabilities)  # never a sure digit
    if path.stem in DIGIT_LIKE or (answer.unsure and REASON_SEVERAL_BLOBS in answer.reasons):
        return  # "unsure: several separate marks" (a character in two strokes) is a right answer too
    assert answer.digit is None and answer.reasons[0] == REASON_NOT_A_DIGIT, (answer.digit, answer.probabilities)
    assert answer.score < answer.threshold
    assert answer.to_json()["digit"] is None


@pytest.mark.parametrize("path", sorted(REFUSAL.glob("digit_*.png")), ids=lambda p: p.stem[:7])
def test_redrawn_digits_are_read_and_not_refused(predictor, path):
    label = int(path.stem.split("_")[1])
    answer = predictor.predict(open_image(path))
    assert answer.digit == label and REASON_NOT_A_DIGIT not in answer.reasons, answer.probabilities


def test_a_digit_that_could_be_two_is_unsure_not_refused(predictor):
    """Half a 4 and half a 9 at equal probability: a real digit, two readings."""
    logits = torch.full((1, 10), -4.0)
    logits[0, 4] = logits[0, 9] = 3.0
    answer = predictor._decide(logits, torch.tensor([1]))
    assert not answer.refused[0] and answer.unsure[0] and answer.reasons(0) == [REASON_LOW_CONFIDENCE]
