import pytest
import torch

from mnist_desk.core.errors import ConfigError
from mnist_desk.core.models import (
    ARCHITECTURES,
    build_model,
    conv_blocks,
    count_parameters,
    first_conv_kernels,
    fold_batch_norm,
    forward_with_features,
)

TUTORIAL_KEYS = ["conv1.0.weight", "conv1.0.bias", "conv2.0.weight", "conv2.0.bias", "out.weight", "out.bias"]


def test_tutorial_model_has_the_tutorials_parameter_names_and_shapes():
    model = build_model("tutorial")
    shapes = {k: tuple(v.shape) for k, v in model.state_dict().items()}
    assert list(shapes) == TUTORIAL_KEYS
    assert shapes["conv1.0.weight"] == (16, 1, 5, 5)
    assert shapes["conv2.0.weight"] == (32, 16, 5, 5)
    assert shapes["out.weight"] == (10, 32 * 7 * 7)


@pytest.mark.parametrize("arch", sorted(ARCHITECTURES))
@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_every_architecture_maps_a_batch_to_ten_logits(arch, activation):
    model = build_model(arch, activation).eval()
    assert model(torch.rand(3, 1, 28, 28)).shape == (3, 10)
    assert count_parameters(model) <= 200_000


def test_sigmoid_replaces_relu():
    model = build_model("tutorial", "sigmoid")
    assert isinstance(model.conv1[1], torch.nn.Sigmoid)
    assert isinstance(build_model("tutorial").conv1[1], torch.nn.ReLU)


def test_unknown_names_are_config_errors():
    with pytest.raises(ConfigError, match="tutorial"):
        build_model("resnet")
    with pytest.raises(ConfigError, match="relu"):
        build_model("tutorial", "tanh")


def test_tutorial_feature_maps_have_the_tutorials_shapes():
    model = build_model("tutorial").eval()
    logits, stages = forward_with_features(model, torch.rand(1, 1, 28, 28))
    shapes = [(s.name, s.shape) for s in stages]
    assert shapes == [
        ("input", (1, 28, 28)),
        ("conv1 → relu", (16, 28, 28)),
        ("conv1 → pool", (16, 14, 14)),
        ("conv2 → relu", (32, 14, 14)),
        ("conv2 → pool", (32, 7, 7)),
        ("out", (10,)),
    ]
    assert torch.allclose(logits, model(stages[0].tensor.unsqueeze(0)))


@pytest.mark.parametrize("arch", sorted(ARCHITECTURES))
def test_features_match_the_plain_forward_for_every_architecture(arch):
    model = build_model(arch).eval()
    x = torch.rand(1, 1, 28, 28)
    logits, stages = forward_with_features(model, x)
    assert torch.allclose(logits, model(x), atol=1e-5)
    assert len(conv_blocks(model)) >= 2
    assert stages[-1].shape == (10,)


def test_first_conv_kernels_are_the_learned_5x5_kernels():
    model = build_model("tutorial")
    kernels = first_conv_kernels(model)
    assert kernels.shape == (16, 5, 5)
    assert torch.equal(kernels, model.conv1[0].weight.detach()[:, 0])


@pytest.mark.parametrize("arch", sorted(ARCHITECTURES))
def test_folding_batch_norm_keeps_every_output_and_stage(arch):
    torch.manual_seed(3)
    model = build_model(arch)
    for module in model.modules():  # statistics and affine parameters as training leaves them, not 0/1
        if isinstance(module, torch.nn.BatchNorm2d):
            module.running_mean.uniform_(-0.5, 0.5)
            module.running_var.uniform_(0.5, 2.0)
            module.weight.data.uniform_(0.5, 1.5)
            module.bias.data.uniform_(-0.2, 0.2)
    model.eval()
    before = {name: value.clone() for name, value in model.state_dict().items()}
    folded = fold_batch_norm(model)
    x = torch.rand(2, 1, 28, 28)
    with torch.no_grad():
        assert torch.allclose(folded(x), model(x), atol=1e-4)
        _, stages = forward_with_features(model, x[:1])
        _, folded_stages = forward_with_features(folded, x[:1])
    assert [s.name for s in folded_stages] == [s.name for s in stages]
    for ours, theirs in zip(folded_stages, stages):
        assert torch.allclose(ours.tensor, theirs.tensor, atol=1e-4), ours.name
    assert folded is not model and not folded.training
    assert not any(isinstance(m, torch.nn.BatchNorm2d) for m in folded.modules())
    model.train()
    fold_batch_norm(model)
    assert model.training  # the original keeps its mode, too
    for name, value in model.state_dict().items():  # the original is untouched
        assert torch.equal(value, before[name]), name


def test_the_names_the_command_line_offers_are_the_ones_built():
    from mnist_desk.core import choices
    from mnist_desk.core.models import ACTIVATIONS
    from mnist_desk.core.train_config import OPTIMIZERS, SCHEDULES

    assert tuple(ARCHITECTURES) == choices.ARCHITECTURE_NAMES
    assert tuple(ACTIVATIONS) == choices.ACTIVATION_NAMES
    assert (OPTIMIZERS, SCHEDULES) == (choices.OPTIMIZERS, choices.SCHEDULES)
