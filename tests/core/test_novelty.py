"""The "no digit" calibration: the threshold comes from held-out digits and travels in the weights file."""

import numpy as np
import pytest
import torch

from mnist_desk.core.errors import WeightsError
from mnist_desk.core.models import build_model
from mnist_desk.core.novelty import (
    AUGMENTED_COPIES,
    Calibration,
    calibrate,
    calibrate_held_out,
    calibration_digits,
    digit_score,
)
from mnist_desk.core.predict import REASON_NOT_A_DIGIT, Predictor
from mnist_desk.core.weights import Checkpoint, load_checkpoint, save_checkpoint


def test_the_score_is_the_top_probability_or_the_energy():
    logits = torch.tensor([[0.0] * 10, [10.0] + [0.0] * 9])
    assert torch.allclose(digit_score(logits), torch.softmax(logits, 1).amax(1))
    assert torch.allclose(digit_score(logits, "energy"), torch.logsumexp(logits, 1))


def test_calibration_digits_are_the_first_half_of_the_held_out_ones(train_sample):
    digits = calibration_digits(train_sample, hold_out=200)
    assert digits.shape == (100 * (1 + AUGMENTED_COPIES), 1, 28, 28)
    expected = train_sample.images[800:900].float().div(255).unsqueeze(1)
    assert torch.equal(digits[:100], expected)  # as they are, then augmented copies
    assert torch.equal(digits, calibration_digits(train_sample, hold_out=200))  # one fixed seed


def test_the_threshold_refuses_the_chosen_share_of_calibration_digits(train_sample):
    torch.manual_seed(0)
    model = build_model("fast")
    digits = calibration_digits(train_sample, hold_out=400)
    calibration = calibrate(model, digits, false_refusal=0.05)
    with torch.no_grad():
        refused = calibration.refuses(model.eval()(digits))
    assert float(refused.float().mean()) == pytest.approx(0.05, abs=0.01)
    assert calibration.digits == len(digits) and calibration.score == "msp"


def test_calibration_leaves_a_training_model_training(train_sample):
    model = build_model("fast").train()
    calibrate_held_out(model, train_sample, 200)
    assert model.training


def test_the_calibration_is_saved_and_used(train_sample, tmp_path):
    torch.manual_seed(0)
    model = build_model("fast")
    calibration = calibrate_held_out(model, train_sample, 200)
    checkpoint = Checkpoint(model.state_dict(), arch="fast", novelty=calibration.to_dict())
    path = save_checkpoint(checkpoint, tmp_path / "w.pt")
    loaded = load_checkpoint(path)
    assert Calibration.from_dict(loaded.novelty) == calibration
    data = torch.load(path, weights_only=True)  # plain values only
    assert data["novelty"]["threshold"] == calibration.threshold
    predictor = Predictor.from_checkpoint(loaded)
    always = Predictor(predictor.model, Calibration("msp", 1.01, 0.005, 1))
    answer = always.predict(np.pad(train_sample.images[0].numpy(), 20))
    assert answer.digit is None and answer.reasons == [REASON_NOT_A_DIGIT] and not answer.unsure
    assert answer.to_json()["digit"] is None and answer.to_json()["reasons"] == [REASON_NOT_A_DIGIT]
    assert answer.probabilities.sum() == pytest.approx(1, abs=1e-5)  # the network's own, for the bars


@pytest.mark.parametrize("bad", [
    {"score": "magic", "threshold": 1.0}, {"score": "energy", "threshold": float("nan")},
    {"score": "energy", "threshold": "2"}, {"score": "energy", "threshold": 1.0, "false_refusal": 2.0},
    {"score": "energy", "threshold": 1.0, "digits": -5}, "energy",
])
def test_a_calibration_that_makes_no_sense_is_refused_on_load(bad, tmp_path):
    model = build_model("fast")
    path = save_checkpoint(Checkpoint(model.state_dict(), arch="fast", novelty=bad if isinstance(bad, dict) else None),
                           tmp_path / "w.pt")
    if not isinstance(bad, dict):
        with pytest.raises(WeightsError):
            Calibration.from_dict(bad)
        return
    with pytest.raises(WeightsError):
        load_checkpoint(path)


def test_weights_without_a_calibration_never_refuse(test_sample):
    torch.manual_seed(0)
    predictor = Predictor(build_model("fast"))
    checker = np.kron((np.indices((4, 4)).sum(0) % 2), np.ones((20, 20))).astype(np.uint8) * 255
    answer = predictor.predict(checker)
    assert answer.digit is not None and answer.threshold is None


def test_many_answers_at_once_are_the_single_answers(test_sample):
    torch.manual_seed(0)
    model = build_model("fast")
    digits = test_sample.images[:40].numpy()
    predictor = Predictor(model)
    from mnist_desk.core.preprocess import preprocess

    prepared = [preprocess(d) for d in digits]
    median = float(np.median([predictor.predict_prepared(p).score for p in prepared]))
    predictor.calibration = Calibration("msp", median, 0.5, 40)
    single = [predictor.predict_prepared(p) for p in prepared]
    many = predictor.answer_fields(np.stack([p.field28 for p in prepared]), np.array([p.blobs for p in prepared]))
    assert [s.digit if s.digit is not None else -1 for s in single] == many.digits.tolist()
    assert [s.unsure for s in single] == many.unsure.tolist()
    assert [s.reasons for s in single] == [many.reasons(i) for i in range(40)]
    assert 0 < int(many.refused.sum()) < 40
