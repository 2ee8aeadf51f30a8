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

``custom`` is a network built from a layer list (:mod:`mnist_desk.core.layers`),
with the same structure: conv blocks and a head. How the views read that
structure (blocks, stages, kernels, batch-norm folding) is :mod:`.structure`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from .errors import ConfigError
from .structure import (
    ACTIVATION_MODULES,
    FeatureStage,
    block_stages,
    conv_blocks,
    first_conv_kernels,
    fold_batch_norm,
    forward_with_features,
    has_conv,
)

# What views of a network use, kept importable from here (they live in .structure).
__all__ = ["ACTIVATIONS", "ACTIVATION_MODULES", "ARCHITECTURES", "CUSTOM", "MAX_CHANNELS", "Architecture", "DeskCNN",
           "FastCNN", "FeatureStage", "TutorialCNN", "block_stages", "build_model", "conv_blocks", "count_parameters",
           "first_conv_kernels", "fold_batch_norm", "forward_with_features", "has_conv"]

ACTIVATIONS: dict[str, type[nn.Module]] = {
    "relu": nn.ReLU,
    "sigmoid": nn.Sigmoid,
}
CUSTOM = "custom"  # a network built from a layer list


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
                state_dict: Mapping[str, Any] | None = None, layers: Sequence[Any] | None = None) -> nn.Module:
    """Build an untrained model.

    Parameters
    ----------
    arch
        Architecture name, a key of :data:`ARCHITECTURES`, or :data:`CUSTOM`.
    activation
        ``"relu"`` (default) or ``"sigmoid"`` (a custom network has its own).
    state_dict
        Weights the model is about to receive: an architecture whose sizes
        changed between versions takes its sizes from them. Not loaded here.
    layers
        For :data:`CUSTOM`: its layer list, as :class:`~mnist_desk.core.layers.Layer`
        objects or their plain-data dicts.

    Returns
    -------
    torch.nn.Module
        The model in training mode, on the CPU.

    Raises
    ------
    ConfigError
        For an unknown name; a :class:`~mnist_desk.core.layers.LayerError` for
        a layer list that cannot be built.
    """
    if arch == CUSTOM:
        from .layers.build import build_network
        from .layers.spec import Layer, layer_from_data

        if not layers:
            raise ConfigError("A custom network needs its layer list.")
        return build_network([item if isinstance(item, Layer) else layer_from_data(item) for item in layers])
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
