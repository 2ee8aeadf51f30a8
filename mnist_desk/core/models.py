"""The CNN architectures, chosen by name.

``tutorial`` is the tutorial's network, layer for layer and with its parameter
names (``conv1.0.weight`` ... ``out.bias``), so a ``cnn2.pkl`` written by the
tutorial's own ``torch.save(cnn.state_dict(), 'cnn2.pkl')`` loads unchanged.

``desk`` is a slightly stronger small network (batch norm, a third conv,
dropout) used for the shipped weights; it keeps the same naming scheme so the
window can show its layers the same way.

Every architecture is a sequence of conv blocks ``conv1``, ``conv2`` ... (each an
``nn.Sequential`` whose first module is the ``nn.Conv2d``) followed by a
``head`` method that turns the last block's output into ten logits.
:func:`conv_blocks` and :func:`forward_with_features` rely on that.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

import torch
from torch import nn

from .errors import ConfigError

ACTIVATIONS: dict[str, type[nn.Module]] = {
    "relu": nn.ReLU,
    "sigmoid": nn.Sigmoid,
}


def _activation(name: str) -> nn.Module:
    try:
        return ACTIVATIONS[name]()
    except KeyError:
        raise ConfigError(
            "Unknown activation {name!r}; choose one of: {choices}.", name=name, choices=", ".join(ACTIVATIONS)
        ) from None


class TutorialCNN(nn.Module):
    """The tutorial's CNN: two conv → activation → max-pool blocks and a linear layer.

    Shapes: 1×28×28 → 16×28×28 → 16×14×14 → 32×14×14 → 32×7×7 → 10.
    """

    def __init__(self, activation: str = "relu") -> None:
        super().__init__()
        self.conv1 = nn.Sequential(
            nn.Conv2d(in_channels=1, out_channels=16, kernel_size=5, stride=1, padding=2),
            _activation(activation),
            nn.MaxPool2d(kernel_size=2),
        )
        self.conv2 = nn.Sequential(
            nn.Conv2d(16, 32, 5, 1, 2),
            _activation(activation),
            nn.MaxPool2d(2),
        )
        self.out = nn.Linear(32 * 7 * 7, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Ten logits for a batch of (N, 1, 28, 28) digits."""
        # Same numbers as conv → activation → pool, the tutorial's order: max-pooling
        # commutes with any increasing activation (ReLU, sigmoid), and applying the
        # activation to the pooled map does a quarter of the work, in both passes.
        for block in (self.conv1, self.conv2):
            conv, activation, pool = block
            x = activation(pool(conv(x)))
        return self.head(x)

    def head(self, features: torch.Tensor) -> torch.Tensor:
        """Flatten the last conv block's output to (batch, 32*7*7) and classify it."""
        return self.out(features.reshape(features.size(0), -1))


def _bn_block(in_channels: int, out_channels: int, kernel: int, activation: str, pool: bool = True) -> nn.Sequential:
    """Conv (same padding) → batch norm → [max-pool 2] → activation.

    The conv has no bias: the batch norm's own shift makes it redundant.
    Pooling comes before the activation: max-pooling commutes with any
    increasing activation, so the numbers are those of the usual order for a
    quarter of the activation's work.
    """
    layers: list[nn.Module] = [
        nn.Conv2d(in_channels, out_channels, kernel, 1, kernel // 2, bias=False),
        nn.BatchNorm2d(out_channels),
    ]
    if pool:
        layers.append(nn.MaxPool2d(2))
    layers.append(_activation(activation))
    return nn.Sequential(*layers)


class DeskCNN(nn.Module):
    """A stronger small CNN (≈ 90k parameters) for the shipped weights.

    conv 5×5 (24) + BN → pool → act, conv 5×5 (48) + BN → pool → act,
    conv 3×3 (64) + BN → act, dropout, linear. Shapes:
    1×28×28 → 24×28×28 → 24×14×14 → 48×14×14 → 48×7×7 → 64×7×7 → 10.
    """

    def __init__(self, activation: str = "relu", dropout: float = 0.3) -> None:
        super().__init__()
        self.conv1 = _bn_block(1, 24, 5, activation)
        self.conv2 = _bn_block(24, 48, 5, activation)
        self.conv3 = _bn_block(48, 64, 3, activation, pool=False)
        self.dropout = nn.Dropout(dropout)
        self.out = nn.Linear(64 * 7 * 7, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Ten logits for a batch of (N, 1, 28, 28) digits."""
        return self.head(self.conv3(self.conv2(self.conv1(x))))

    def head(self, features: torch.Tensor) -> torch.Tensor:
        """Classify the last conv block's output."""
        return self.out(self.dropout(features.flatten(1)))


class FastCNN(nn.Module):
    """The quickest to train on a CPU: strided convolutions with batch norm, no pooling.

    A stride-2 conv both filters and halves the map, so each layer works on
    a quarter of the pixels that conv-then-pool would. With 16 and 32
    filters (about 21k parameters) it reaches 99 % on the test set in three
    epochs, about 13 s on a 2-core CPU (``bench/time_to_99.py``): twice the
    filters trained no better in that time, each step costing twice as much.
    Shapes: 1×28×28 → 16×14×14 → 32×7×7 → 10.
    """

    def __init__(self, activation: str = "relu", channels: tuple[int, int] = (16, 32)) -> None:
        super().__init__()
        first, second = channels
        self.conv1 = nn.Sequential(
            nn.Conv2d(1, first, 5, stride=2, padding=2, bias=False),
            nn.BatchNorm2d(first),
            _activation(activation),
        )
        self.conv2 = nn.Sequential(
            nn.Conv2d(first, second, 3, stride=2, padding=1, bias=False),
            nn.BatchNorm2d(second),
            _activation(activation),
        )
        self.out = nn.Linear(second * 7 * 7, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Ten logits for a batch of (N, 1, 28, 28) digits."""
        return self.head(self.conv2(self.conv1(x)))

    def head(self, features: torch.Tensor) -> torch.Tensor:
        """Classify the last conv block's output."""
        return self.out(features.flatten(1))


@dataclass(frozen=True)
class Architecture:
    """A named architecture and how to build it.

    ``sizes_from`` reads size options (channel counts) from saved weights, so
    weights saved by an earlier, differently sized version of the
    architecture still load and resume.
    """

    name: str
    description: str
    factory: Callable[..., nn.Module]
    sizes_from: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None


# The most filters a layer of a size-reading architecture is built with: weights declare their sizes,
# and a crafted file must not make a model of terabytes (earlier fast CNNs had 32 and 64).
MAX_CHANNELS = 512


def _fast_sizes(state_dict: Mapping[str, Any]) -> dict[str, Any]:
    # Earlier versions of the fast CNN had 32 and 64 filters: the file's own shapes say which it is.
    first, second = state_dict.get("conv1.0.weight"), state_dict.get("conv2.0.weight")
    if isinstance(first, torch.Tensor) and isinstance(second, torch.Tensor) and first.ndim == second.ndim == 4:
        channels = (int(first.shape[0]), int(second.shape[0]))
        for count in channels:
            if not 1 <= count <= MAX_CHANNELS:
                raise ConfigError("The {arch} architecture is built with 1 to {limit} filters a layer; these "
                                  "weights declare {count:,}.", arch="fast", limit=MAX_CHANNELS, count=count)
        return {"channels": channels}
    return {}


ARCHITECTURES: dict[str, Architecture] = {
    "tutorial": Architecture(
        "tutorial",
        "The tutorial's CNN: two 5x5 conv blocks (16, 32 filters) and a linear layer.",
        lambda activation: TutorialCNN(activation),
    ),
    "fast": Architecture(
        "fast",
        "Two strided conv layers (16, 32 filters) with batch norm, no pooling: the quickest to train.",
        lambda activation, **sizes: FastCNN(activation, **sizes),
        sizes_from=_fast_sizes,
    ),
    "desk": Architecture(
        "desk",
        "Three conv blocks with batch norm and dropout (about 90k parameters).",
        lambda activation: DeskCNN(activation),
    ),
}


def build_model(arch: str = "tutorial", activation: str = "relu",
                state_dict: Mapping[str, Any] | None = None) -> nn.Module:
    """Build an untrained model.

    Parameters
    ----------
    arch
        Architecture name, a key of :data:`ARCHITECTURES`.
    activation
        ``"relu"`` (default) or ``"sigmoid"``.
    state_dict
        Weights the model is about to receive: an architecture whose sizes
        changed between versions takes its sizes from them. Not loaded here.

    Returns
    -------
    torch.nn.Module
        The model in training mode, on the CPU.
    """
    try:
        spec = ARCHITECTURES[arch]
    except KeyError:
        raise ConfigError(
            "Unknown architecture {name!r}; choose one of: {choices}.", name=arch, choices=", ".join(ARCHITECTURES)
        ) from None
    sizes = spec.sizes_from(state_dict) if state_dict is not None and spec.sizes_from is not None else {}
    return spec.factory(activation, **sizes)


def count_parameters(model: nn.Module) -> int:
    """Number of trainable parameters."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def conv_blocks(model: nn.Module) -> list[tuple[str, nn.Sequential]]:
    """The model's conv blocks in order, as ``(name, block)`` pairs."""
    blocks = []
    index = 1
    while isinstance(getattr(model, f"conv{index}", None), nn.Sequential):
        blocks.append((f"conv{index}", getattr(model, f"conv{index}")))
        index += 1
    return blocks


def fold_batch_norm(model: nn.Module) -> nn.Module:
    """An eval-mode copy of ``model`` with each conv → batch norm pair merged into one conv.

    In eval mode batch norm is a fixed per-channel scale and shift, so it can
    be folded into the convolution's weights and bias: the same numbers (to
    float rounding) for about 30 % less time per single-picture prediction on
    the ``fast`` and ``desk`` architectures. The batch norm is replaced by
    ``nn.Identity`` so the blocks keep their layout (the feature-map stages are
    unchanged). The original model is not touched: its kernels are what the
    window shows.

    Parameters
    ----------
    model
        A model built by :func:`build_model`.

    Returns
    -------
    torch.nn.Module
        A new model in eval mode (a plain copy when there is nothing to fold).
    """
    import copy

    from torch.nn.utils import fuse_conv_bn_eval

    folded = copy.deepcopy(model).eval()
    for _name, block in conv_blocks(folded):
        for i in range(len(block) - 1):
            conv, norm = block[i], block[i + 1]
            if isinstance(conv, nn.Conv2d) and isinstance(norm, nn.BatchNorm2d):
                block[i] = fuse_conv_bn_eval(conv, norm)
                block[i + 1] = nn.Identity()
    return folded


def first_conv_kernels(model: nn.Module) -> torch.Tensor:
    """conv1's learned kernels as an (out_channels, k, k) tensor, detached on the CPU."""
    conv = cast(nn.Conv2d, conv_blocks(model)[0][1][0])  # a block starts with its conv (module docstring)
    return conv.weight.detach().cpu()[:, 0].clone()


@dataclass
class FeatureStage:
    """One intermediate result inside the network, for display.

    Attributes
    ----------
    name
        e.g. ``"conv1 → relu"`` or ``"conv1 → pool"``.
    block
        Name of the conv block it belongs to (``"conv1"``), or ``"out"``.
    tensor
        The activations of one input, shape (C, H, W) or (10,) for ``out``.
    """

    name: str
    block: str
    tensor: torch.Tensor

    @property
    def shape(self) -> tuple[int, ...]:
        """The shape of the activations, (C, H, W) or (10,)."""
        return tuple(self.tensor.shape)


@torch.inference_mode()
def forward_with_features(model: nn.Module, x: torch.Tensor) -> tuple[torch.Tensor, list[FeatureStage]]:
    """Run one input through the model and keep what each block produces.

    Parameters
    ----------
    model
        A model built by :func:`build_model`, in eval mode.
    x
        One input of shape (1, 1, 28, 28).

    Returns
    -------
    logits, stages
        The logits (shape (1, 10)) and, per conv block, the activations after
        the activation function and (where the block pools) after pooling.
        The input itself is the first stage.
    """
    stages = [FeatureStage("input", "input", x[0].detach().cpu())]
    h = x
    for name, block in conv_blocks(model):
        for module in block:
            h = module(h)
            if isinstance(module, tuple(ACTIVATIONS.values())):
                label = type(module).__name__.lower()
                stages.append(FeatureStage(f"{name} → {label}", name, h[0].detach().cpu()))
            elif isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
                stages.append(FeatureStage(f"{name} → pool", name, h[0].detach().cpu()))
    head = getattr(model, "head")  # every architecture has one, as it has conv1, conv2 ... (module docstring)
    logits = head(h)
    stages.append(FeatureStage("out", "out", logits[0].detach().cpu()))
    return logits, stages
