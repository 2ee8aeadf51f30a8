"""The loss of one drawing (core): the worked-out cross-entropy equals nn.CrossEntropyLoss, and
one training step is taken on a copy, never on the active weights."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from mnist_desk.core.errors import ConfigError
from mnist_desk.core.explain.drawing_loss import cross_entropy, logits_of, one_training_step
from mnist_desk.core.models import build_model


@pytest.mark.parametrize("scale", [0.1, 3.0, 40.0, 1000.0])
def test_the_worked_out_loss_is_cross_entropy_loss(scale):
    generator = torch.Generator().manual_seed(int(scale))
    loss_func = nn.CrossEntropyLoss()  # the tutorial's loss_func
    for _ in range(5):
        logits = torch.randn(1, 10, generator=generator) * scale
        for meant in range(10):
            work = cross_entropy(logits[0], meant)
            expected = float(loss_func(logits.double(), torch.tensor([meant])))
            assert np.isfinite(work.loss)
            assert work.loss == pytest.approx(expected, rel=1e-9, abs=1e-12)
            assert work.probabilities.sum() == pytest.approx(1.0)
            assert work.shifted.max() == 1.0 and work.total == pytest.approx(work.shifted.sum())
            if work.probabilities[meant] > 1e-300:  # else −log of the float underflows; the loss does not
                assert work.loss == pytest.approx(-np.log(work.probabilities[meant]), rel=1e-6)


def test_a_sure_right_answer_costs_little_and_a_wrong_one_much():
    logits = np.zeros(10)
    logits[3] = 12.0
    assert cross_entropy(logits, 3).loss < 0.001
    assert cross_entropy(logits, 5).loss > 11
    assert cross_entropy(logits, 5).answer == 3


def test_bad_input_is_refused():
    with pytest.raises(ConfigError):
        cross_entropy(np.zeros(10), 10)
    with pytest.raises(ConfigError):
        cross_entropy(np.zeros(9), 1)


@pytest.fixture
def model(train_sample):
    torch.manual_seed(0)
    built = build_model("desk")
    built.eval()
    return built


def test_one_step_leaves_the_active_weights_untouched(model, test_sample):
    field = test_sample.images[0].numpy().astype(np.float32) / 255.0
    state = {name: value.clone() for name, value in model.state_dict().items()}
    grads = [parameter.grad for parameter in model.parameters()]
    step = one_training_step(model, field, meant=4)
    assert all(torch.equal(state[name], value) for name, value in model.state_dict().items())
    assert [parameter.grad for parameter in model.parameters()] == grads  # no gradient left behind either
    assert not model.training
    assert step.before.loss == pytest.approx(cross_entropy(logits_of(model, field), 4).loss, rel=1e-5)
    assert step.after.loss < step.before.loss  # the step is for this drawing: its loss falls
    assert step.after.probabilities[4] > step.before.probabilities[4]
    assert step.largest_change == pytest.approx(0.001, rel=0.05)  # a first Adam step: about the learning rate


def test_plain_gradient_descent_and_learning_rates(model, test_sample):
    field = test_sample.images[1].numpy().astype(np.float32) / 255.0
    small = one_training_step(model, field, 7, "sgd", 0.001)
    large = one_training_step(model, field, 7, "sgd", 0.1)
    assert small.before.loss == pytest.approx(large.before.loss)
    assert large.before.loss - large.after.loss > small.before.loss - small.after.loss > 0
    with pytest.raises(ConfigError):
        one_training_step(model, field, 7, "rmsprop")
    with pytest.raises(ConfigError):
        one_training_step(model, field, 7, "sgd", 0.0)
