"""Saliency maps (core): shape and finiteness for every architecture and method, what each method
promises (integrated gradients add up, occlusion stays on the ink), and the deletion check."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from mnist_desk.core.errors import ConfigError
from mnist_desk.core.explain.faithfulness import deletion_test
from mnist_desk.core.explain.saliency import METHODS, cam_block, prepare_model, probabilities, saliency_map
from mnist_desk.core.models import ARCHITECTURES, build_model


def digits(sample, count: int) -> list[tuple[np.ndarray, int]]:
    images = sample.images[:count].numpy().astype(np.float32) / 255.0
    return list(zip(images, sample.labels[:count].tolist()))


@pytest.fixture(scope="module")
def shipped():
    from mnist_desk.core.paths import default_weights_path
    from mnist_desk.core.weights import load_model

    path = default_weights_path()
    if not path.is_file():
        pytest.skip(f"no shipped weights at {path}")
    return prepare_model(load_model(path)[0])


@pytest.mark.parametrize("arch", sorted(ARCHITECTURES))
@pytest.mark.parametrize("method", METHODS)
def test_every_method_maps_the_input_with_finite_numbers(arch, method, test_sample):
    torch.manual_seed(0)
    model = build_model(arch)
    prepared = prepare_model(model)
    field, _label = digits(test_sample, 1)[0]
    for target in (0, 9):
        result = saliency_map(prepared, field, target, method)
        assert result.map.shape == field.shape == (28, 28)
        assert result.map.dtype == np.float32 and np.isfinite(result.map).all()
        assert result.target == target and result.method == method
        assert np.abs(result.map).max() > 0
    assert model.training and all(p.requires_grad for p in model.parameters())  # the model given is untouched


def test_a_map_is_made_under_inference_mode_too(shipped, test_sample):
    field, label = digits(test_sample, 1)[0]
    with torch.inference_mode():
        result = saliency_map(shipped, field, label)
    assert np.isfinite(result.map).all() and np.abs(result.map).max() > 0


def test_integrated_gradients_add_up_to_the_change_of_score(shipped, test_sample):
    for field, label in digits(test_sample, 5):
        result = saliency_map(shipped, field, label, "integrated-gradients")
        change = result.value - result.baseline
        assert result.total == pytest.approx(change, rel=0.05, abs=0.05)
        assert np.all(result.map[field == 0] == 0)  # no ink, no part in the answer


def test_grad_cam_reads_the_last_block_that_shrinks_the_maps(shipped, test_sample):
    x = torch.zeros(1, 1, 28, 28)
    assert cam_block(shipped, x) == 1  # desk: conv2 (14×14 → 7×7); conv3 keeps 7×7
    for arch in ("tutorial", "fast"):
        assert cam_block(prepare_model(build_model(arch)), x) == 1  # their last block
    for field, label in digits(test_sample, 5):
        result = saliency_map(shipped, field, label, "grad-cam")
        assert result.measure == "score" and result.map.shape == (28, 28)
        assert result.total == pytest.approx(result.value - result.baseline, rel=1e-4, abs=1e-4)


def test_grad_cam_on_the_last_block_adds_up_to_the_score_less_the_output_bias(test_sample):
    torch.manual_seed(0)
    tutorial = prepare_model(build_model("tutorial"))
    for field, label in digits(test_sample, 3):
        result = saliency_map(tutorial, field, label, "grad-cam")
        assert result.baseline == pytest.approx(float(tutorial.out.bias[label]), abs=1e-4)
        assert result.total == pytest.approx(result.value - result.baseline, rel=1e-4, abs=1e-4)


def test_occlusion_stays_on_the_ink_and_measures_probability(shipped, test_sample):
    field, label = digits(test_sample, 1)[0]
    result = saliency_map(shipped, field, label, "occlusion")
    assert result.measure == "probability"
    assert result.value == pytest.approx(float(probabilities(shipped, field)[label]), abs=1e-6)
    assert np.all(result.map[field == 0] == 0) and result.map.max() > 0


def test_why_not_another_digit_is_another_map(shipped, test_sample):
    field, label = digits(test_sample, 1)[0]
    other = (label + 1) % 10
    answer, not_answer = saliency_map(shipped, field, label), saliency_map(shipped, field, other)
    assert not np.allclose(answer.map, not_answer.map)
    assert not_answer.value < answer.value  # the other digit's score is lower: that is why it is not the answer


def test_bad_requests_are_refused_plainly(shipped):
    field = np.zeros((28, 28), dtype=np.float32)
    with pytest.raises(ConfigError, match="0 to 9"):
        saliency_map(shipped, field, 10)
    with pytest.raises(ConfigError, match="Unknown saliency method"):
        saliency_map(shipped, field, 1, "lime")
    with pytest.raises(ConfigError, match="28×28"):
        saliency_map(shipped, np.zeros((20, 20)), 1)


@pytest.mark.parametrize("method", METHODS)
def test_deleting_the_salient_pixels_hurts_more_than_random_ones(shipped, test_sample, method):
    # The bench (bench/saliency_faithfulness.py) measures this on 1,000 test digits; here a few suffice.
    salient, random = [], []
    for field, _label in digits(test_sample, 40):
        answer = int(np.argmax(probabilities(shipped, field)))
        check = deletion_test(shipped, field, saliency_map(shipped, field, answer, method).map, answer)
        salient.append(check.salient_drop)
        random.append(check.random_drop)
    assert np.mean(salient) >= 2 * np.mean(random)


def test_the_deletion_check_deletes_a_tenth_of_the_ink(shipped, test_sample):
    field, label = digits(test_sample, 1)[0]
    ink = int((field > 0).sum())
    result = saliency_map(shipped, field, label)
    check = deletion_test(shipped, field, result.map, label)
    assert check.pixels == round(0.1 * ink) and check.draws == 10
    assert check.before == pytest.approx(float(probabilities(shipped, field)[label]), abs=1e-6)
    # The map upside down: deleting the ink it says speaks against the class makes the class more probable.
    assert deletion_test(shipped, field, -result.map, label).salient > check.before
    assert deletion_test(shipped, field, result.map, label, seed=1).random != check.random
    assert deletion_test(shipped, np.zeros((28, 28), dtype=np.float32), np.zeros((28, 28)), label) is None

