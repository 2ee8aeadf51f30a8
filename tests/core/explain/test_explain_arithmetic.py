"""One feature-map pixel worked out by hand (core): the arithmetic equals the network's own
activation for every architecture and every stage, in the order each block really runs."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from mnist_desk.core.errors import ConfigError
from mnist_desk.core.explain.activation_arithmetic import (
    ActivationStep,
    ActivationTrace,
    BatchNormStep,
    ConvStep,
    PoolStep,
    explain_pixel,
)
from mnist_desk.core.models import ARCHITECTURES, fold_batch_norm, forward_with_features


@pytest.fixture(scope="module")
def field(test_sample) -> np.ndarray:
    return test_sample.images[3].numpy().astype(np.float32) / 255.0


STEP_ORDER = {
    # The tutorial's block as it is written (conv → ReLU → pool), with the conv's bias.
    ("tutorial", "conv1 → pool"): [ConvStep, ActivationStep, PoolStep],
    ("tutorial", "conv2 → relu"): [ConvStep, ActivationStep],
    # fast: stride 2 and batch norm, no pooling.
    ("fast", "conv2 → relu"): [ConvStep, BatchNormStep, ActivationStep],
    # desk: batch norm, then pooling before the ReLU.
    ("desk", "conv1 → pool"): [ConvStep, BatchNormStep, PoolStep],
    ("desk", "conv2 → relu"): [ConvStep, BatchNormStep, PoolStep, ActivationStep],
    ("desk", "conv3 → relu"): [ConvStep, BatchNormStep, ActivationStep],
}


@pytest.mark.parametrize("arch", sorted(ARCHITECTURES))
@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_the_arithmetic_equals_the_networks_activation(arch, activation, field, trained_looking):
    model = trained_looking(arch, activation)
    trace = ActivationTrace(model, field)
    x = torch.from_numpy(field).view(1, 1, 28, 28)
    _logits, stages = forward_with_features(model, x)
    _logits, folded = forward_with_features(fold_batch_norm(model), x)  # what the Draw tab's views show
    assert trace.stage_names == [stage.name for stage in stages[:-1]]
    rng = np.random.default_rng(0)
    for stage, shown in zip(stages[1:-1], folded[1:-1]):
        tensor = stage.tensor.numpy()
        pixels = [tuple(int(rng.integers(n)) for n in tensor.shape) for _ in range(25)]
        pixels.append(np.unravel_index(int(np.argmax(tensor)), tensor.shape))  # a pixel that lights up
        for channel, row, col in pixels:
            work = explain_pixel(trace, stage.name, int(channel), int(row), int(col))
            expected = float(tensor[channel, row, col])
            assert work.network == expected
            assert work.value == pytest.approx(expected, rel=1e-5, abs=1e-5)
            assert work.value == pytest.approx(float(shown.tensor[channel, row, col]), rel=1e-4, abs=1e-4)
            conv = work.conv
            assert conv.value == pytest.approx(conv.total + (conv.bias or 0.0))
            assert conv.total == pytest.approx(sum(part.products.sum() for part in conv.channels))
            for part in conv.channels:
                np.testing.assert_allclose(part.products, part.values.astype(np.float64) * part.kernel)
        key = (arch, stage.name)
        if key in STEP_ORDER:
            assert [type(step) for step in work.steps] == STEP_ORDER[key]


def test_each_step_is_the_arithmetic_it_says(field, trained_looking):
    model = trained_looking("desk")
    trace = ActivationTrace(model, field)
    work = explain_pixel(trace, "conv1 → relu", 3, 7, 6)
    conv, norm, pool, relu = work.steps
    assert len(conv.channels) == 1 and conv.bias is None  # conv1 reads the one input channel; BN has the shift
    norm_layer = model.conv1[1]
    weight, shift = norm_layer.weight.detach(), norm_layer.bias.detach()
    assert norm.before == conv.value
    assert norm.value == pytest.approx((conv.value - float(norm_layer.running_mean[3]))
                                       / np.sqrt(float(norm_layer.running_var[3]) + norm_layer.eps)
                                       * float(weight[3]) + float(shift[3]))
    assert pool.kind == "max" and pool.values.shape == (2, 2) and (pool.top, pool.left) == (14, 12)
    assert pool.value == norm.value  # the kept pixel is the one worked out before it
    assert pool.values[pool.pick] == pytest.approx(pool.values.max())
    assert (conv.row, conv.col) == (pool.top + pool.pick[0], pool.left + pool.pick[1])
    assert relu.value == max(0.0, pool.value)
    deep = explain_pixel(trace, "conv2 → pool", 5, 0, 0)
    assert len(deep.conv.channels) == 24 and deep.source == "conv1 → relu"
    source_name, source = trace.source("conv2")
    assert source_name == "conv1 → relu" and source.shape == (24, 14, 14)
    np.testing.assert_array_equal(deep.conv.channels[2].kernel, trace.kernels("conv2", 5)[2])


def test_padding_and_stride_are_where_the_network_has_them(field, trained_looking):
    trace = ActivationTrace(trained_looking("fast"), field)
    corner = explain_pixel(trace, "conv1 → relu", 0, 0, 0).conv
    assert corner.stride == (2, 2) and corner.padding == (2, 2) and (corner.top, corner.left) == (-2, -2)
    padded = corner.channels[0].from_padding
    assert padded[:2].all() and padded[:, :2].all() and not padded[2:, 2:].any()
    assert (corner.channels[0].values[padded] == 0).all()
    inner = explain_pixel(trace, "conv2 → relu", 1, 3, 4).conv
    assert (inner.top, inner.left) == (5, 7) and len(inner.channels) == 16


def test_a_model_in_training_mode_is_neither_used_so_nor_changed(field, trained_looking):
    model = trained_looking("desk").train()
    before = {name: value.clone() for name, value in model.state_dict().items()}
    trace = ActivationTrace(model, field)
    work = explain_pixel(trace, "conv3 → relu", 0, 3, 3)
    assert model.training
    assert all(torch.equal(before[name], value) for name, value in model.state_dict().items())
    _logits, stages = forward_with_features(model.eval(), torch.from_numpy(field).view(1, 1, 28, 28))
    assert work.network == float(stages[-2].tensor[0, 3, 3])


def test_what_has_no_arithmetic_is_refused(field, trained_looking):
    trace = ActivationTrace(trained_looking("tutorial"), field)
    with pytest.raises(ConfigError):
        explain_pixel(trace, "input", 0, 0, 0)
    with pytest.raises(ConfigError):
        explain_pixel(trace, "conv1 → pool", 0, 14, 0)
    with pytest.raises(ConfigError):
        explain_pixel(trace, "conv9 → relu", 0, 0, 0)
