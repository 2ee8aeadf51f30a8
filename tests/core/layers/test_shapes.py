"""Shapes, parameter and multiply-add counts of a layer list, held to the network it builds; every impossible one."""

import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from mnist_desk.core.layers import PRESETS, parse_spec, plan_network
from mnist_desk.core.layers.build import build_network
from mnist_desk.core.layers.shapes import MAX_LAYER_PARAMETERS, MAX_PARAMETERS
from mnist_desk.core.models import build_model, conv_blocks, count_parameters, forward_with_features

NETWORKS = [preset.text for preset in PRESETS] + [
    "conv 3 3x3, conv 5 3x3 stride 2 pad 2, tanh, avgpool 3 stride 2, flatten, batchnorm, linear 10",
    "conv 8 7x7 pad 3, sigmoid, maxpool 3 stride 1, batchnorm, conv 2 1x1, flatten, dropout 0.5, linear 10",
    "conv 10 28x28, flatten",  # ten 1×1 maps, flattened: ten scores
    "conv 12 3x3 stride 3, batchnorm, relu, maxpool 2 stride 3, conv 10 3x3, relu, flatten, linear 32, batchnorm, "
    "tanh, linear 16, sigmoid, linear 10",
    "maxpool 2, flatten, linear 10",  # no conv: all head
    "flatten, batchnorm, linear 64, relu, dropout 0.2, linear 64, relu, linear 10",
]


def _layer_outputs(model, x):
    """Every module's output in layer order: the conv blocks', then the head's."""
    outputs = []
    modules = [m for _name, block in conv_blocks(model) for m in block] + list(model.head)
    for module in modules:
        x = module(x)
        outputs.append(x)
    return modules, outputs


@pytest.mark.parametrize("text", NETWORKS)
def test_counts_are_those_of_the_built_module_and_shapes_those_of_a_real_forward_pass(text):
    layers = parse_spec(text)
    plan = plan_network(layers)
    assert plan.ok, plan.problem
    torch.manual_seed(0)
    model = build_network(layers).eval()
    assert plan.total_parameters == sum(p.numel() for p in model.parameters()) == count_parameters(model)
    modules, outputs = _layer_outputs(model, torch.rand(2, 1, 28, 28))
    assert len(modules) == len(plan.rows)
    for row, module, output in zip(plan.rows, modules, outputs):
        assert row.parameters == sum(p.numel() for p in module.parameters()), row.layer.text
        assert tuple(output.shape[1:]) == row.output_shape, row.layer.text
    with FlopCounterMode(display=False) as flops:
        model(torch.rand(1, 1, 28, 28))
    assert plan.multiply_adds * 2 == flops.get_total_flops()  # torch counts a multiply-add as two operations


def test_the_forward_pass_is_the_layers_in_order():
    # BuiltCNN.forward runs an activation after the max-pool that follows it (a quarter of the work):
    # the same numbers as the layer order.
    for text in NETWORKS:
        model = build_network(parse_spec(text)).eval()
        x = torch.rand(3, 1, 28, 28)
        _modules, outputs = _layer_outputs(model, x)
        assert torch.equal(model(x), outputs[-1]), text


@pytest.mark.parametrize("arch", ["tutorial", "fast", "desk"])
def test_the_named_architectures_as_layer_lists_build_the_same_shapes_and_counts(arch):
    preset = next(p for p in PRESETS if p.key == arch)
    built, named = build_network(preset.layers).eval(), build_model(arch).eval()
    assert count_parameters(built) == count_parameters(named) == plan_network(preset.layers).total_parameters
    assert sorted(tuple(p.shape) for p in built.parameters()) == sorted(tuple(p.shape) for p in named.parameters())
    x = torch.rand(1, 1, 28, 28)
    built_stages, named_stages = forward_with_features(built, x)[1], forward_with_features(named, x)[1]
    assert [(s.name, s.shape) for s in built_stages] == [(s.name, s.shape) for s in named_stages]


def test_the_section_1_3_network():
    plan = plan_network(PRESETS[0].layers)
    assert [row.output_shape for row in plan.rows] == [
        (4, 28, 28), (4, 28, 28), (4, 14, 14), (6, 14, 14), (6, 14, 14), (6, 7, 7), (294,), (50,), (50,), (10,)]
    assert [row.block for row in plan.rows] == ["conv1"] * 3 + ["conv2"] * 3 + ["head"] * 4
    # 4×(1×5×5) + 4, 6×(4×5×5) + 6, 294×50 + 50, 50×10 + 10
    assert [row.parameters for row in plan.rows if row.parameters] == [104, 606, 14_750, 510]
    assert plan.total_parameters == 15_970 and not plan.notes


def test_a_conv_or_linear_before_batch_norm_has_no_bias():
    plan = plan_network(parse_spec("conv 8 3x3, batchnorm, relu, flatten, linear 20, batchnorm, relu, linear 10"))
    assert [row.bias for row in plan.rows if row.layer.kind in ("conv", "linear")] == [False, False, True]
    model = build_network(plan.layers)
    assert model.conv1[0].bias is None and model.head[1].bias is None and model.head[4].bias is not None


IMPOSSIBLE = [
    # (layer list, the first bad layer from 1 (None: the whole list), words of its sentence)
    ("conv 4 5x5, maxpool 2, conv 6 5x5, maxpool 2, conv 8 5x5, flatten, linear 10", 5,
     "a 5×5 window does not fit in 4×4 maps"),
    ("conv 4 3x3, maxpool 2, maxpool 2, maxpool 2, maxpool 2, maxpool 2, flatten, linear 10", 6,
     "a 2×2 window does not fit in 1×1 maps"),
    ("conv 4 29x29 pad 0, flatten, linear 10", 1, "a window side is 1 to 28, not 29"),
    ("conv 4 28x28 stride 2, conv 4 5x5 pad 1, flatten, linear 10", 2,
     "a 5×5 window does not fit in 1×1 maps even with the padding (3×3)"),
    ("conv 4 5x5 pad 5, flatten, linear 10", 1, "the padding is 0 to 4 for a 5×5 kernel"),
    ("conv 4 5x5 stride 0, flatten, linear 10", 1, "the stride is 1 to 28, not 0"),
    ("conv 0 5x5, flatten, linear 10", 1, "a conv has 1 to 512 filters here, not 0"),
    ("conv 513 3x3, flatten, linear 10", 1, "a conv has 1 to 512 filters here, not 513"),
    ("conv 4 5x5, relu, linear 10", 3, "a linear layer takes a list of numbers, but here are 4×24×24 maps: put "
     "flatten before it"),
    ("linear 10", 1, "put flatten before it"),
    ("conv 4 5x5, flatten, conv 4 3x3, linear 10", 3, "flatten has already made them a list of 2,304 numbers"),
    ("conv 4 5x5, flatten, maxpool 2, linear 10", 3, "a pooling layer works on maps"),
    ("conv 4 5x5, relu, maxpool 2, flatten, linear 50", 5, "needs exactly ten, one score per digit: make the last "
     "linear layer linear 10"),
    ("conv 10 5x5, flatten", 2, "the network ends with 5,760 numbers, but it needs exactly ten, one score per digit: "
     "add linear 10 at the end"),
    ("conv 4 5x5, relu, maxpool 2", 3, "ends here with 4×12×12 maps, but it must end with ten numbers"),
    ("relu, conv 4 5x5, flatten, linear 10", 1, "comes before the first conv"),
    ("maxpool 2, batchnorm, conv 4 5x5, flatten, linear 10", 1, "Move it after layer 3"),
    ("flatten, linear 5000, linear 10", 2, "a linear layer has 1 to 4,096 outputs here, not 5,000"),
    ("flatten, linear 0, linear 10", 2, "not 0"),
    ("flatten, dropout 1, linear 10", 2, "dropout drops a fraction from 0 up to (not including) 1, not 1"),
    ("flatten, dropout -0.5, linear 10", 2, "not -0.5"),
    ("conv 512 28x28 pad 27, conv 4 28x28 pad 27, conv 512 3x3 pad 2, flatten, linear 10", 3,
     "its output holds 3,612,672 numbers per digit"),
    ("conv 512 1x1, conv 512 1x1, flatten, linear 4096, linear 10", 4, "more than the 16,000,000"),
    ("conv 64 1x1, flatten, linear 300, linear 4096, linear 4096, linear 10", 5, "more than the 16,000,000"),
    ("", None, "no layers"),
]


@pytest.mark.parametrize("text, number, words", IMPOSSIBLE)
def test_every_impossible_network_is_marked_at_its_first_bad_layer_with_a_sentence(text, number, words):
    layers = parse_spec(text) if text else []
    plan = plan_network(layers)  # never raises
    assert not plan.ok
    assert words in str(plan.problem)
    assert plan.problem.index == (None if number is None else number - 1)
    if number is not None:
        assert str(plan.problem).startswith(f"Layer {number} (")
        assert all(row.output_shape is not None for row in plan.rows[:number - 1])
        # Nothing is worked out from the bad layer on (a bad ending keeps its shapes).
        if " ends " not in str(plan.problem):
            assert all(row.output_shape is None and row.parameters == 0 for row in plan.rows[number - 1:])
    with pytest.raises(type(plan.problem)):
        build_network(layers)


def test_the_total_is_held_to_the_limit_of_a_weights_file():
    from mnist_desk.core import weights_checks

    assert MAX_LAYER_PARAMETERS == weights_checks.MAX_TENSOR_ELEMENTS
    assert MAX_PARAMETERS == weights_checks.MAX_TOTAL_ELEMENTS
    many = ", ".join(["flatten", *["linear 4096"] * 5, "linear 10"])  # each linear 4096→4096 16.8 M: refused
    assert "more than the 16,000,000" in str(plan_network(parse_spec(many)).problem)
    total = ", ".join(["flatten", "linear 2000", *["linear 3000", "linear 2000"] * 6, "linear 10"])
    assert "reaches" in str(plan_network(parse_spec(total)).problem)


def test_a_network_of_more_than_64_layers_is_refused():
    plan = plan_network(parse_spec(", ".join(["flatten", *["relu"] * 70, "linear 10"])))
    assert "at most 64 layers" in str(plan.problem) and plan.problem.index == 64


@pytest.mark.parametrize("text, words", [
    ("flatten, linear 100, linear 10", "Layers 2 and 3 (linear 100; linear 10): with no activation"),
    ("conv 4 5x5, conv 4 5x5, relu, flatten, linear 10", "Layers 1 and 2"),
    ("flatten, linear 10, relu", "Layer 3 (relu) comes after the last layer with weights"),
    ("flatten, flatten, linear 10", "Layer 2 (flatten): the numbers are already a flat list"),
    ("conv 512 5x5 pad 2, relu, conv 64 5x5 pad 2, relu, flatten, linear 10", "million multiply-adds per digit"),
])
def test_networks_that_work_but_are_probably_not_meant_get_a_note(text, words):
    plan = plan_network(parse_spec(text))
    assert plan.ok
    assert any(words in str(note) for note in plan.notes), [str(n) for n in plan.notes]


def test_batch_norm_after_flatten_is_batch_norm_1d():
    model = build_network(parse_spec("conv 4 5x5, batchnorm, flatten, batchnorm, linear 10"))
    assert isinstance(model.conv1[1], nn.BatchNorm2d) and isinstance(model.head[1], nn.BatchNorm1d)
