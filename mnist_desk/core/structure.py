"""How every view reads a network: its conv blocks, the stages it shows, its first kernels, a folded copy.

Every network of MNIST Desk (the named architectures of :mod:`.models` and
those built from a layer list, :mod:`.layers.build`) is a sequence of conv
blocks ``conv1``, ``conv2`` ... (each an ``nn.Sequential`` whose first module
is its ``nn.Conv2d``) followed by a ``head`` that turns the last block's
output into ten logits. A built network without conv layers has no blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import torch
from torch import nn

from .errors import ConfigError

# Every activation a network may hold (a built one may also use tanh), for the views that name them.
ACTIVATION_MODULES: tuple[type[nn.Module], ...] = (nn.ReLU, nn.Sigmoid, nn.Tanh)


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


def has_conv(model: nn.Module) -> bool:
    """False for a built network without conv layers (all head: no feature maps, no kernels)."""
    return bool(conv_blocks(model))


def first_conv_kernels(model: nn.Module) -> torch.Tensor:
    """conv1's learned kernels as an (out_channels, k, k) tensor, detached on the CPU.

    Raises
    ------
    ConfigError
        For a network without conv layers.
    """
    blocks = conv_blocks(model)
    if not blocks:
        raise ConfigError("This network has no conv layer, so it has no learned kernels.")
    conv = cast(nn.Conv2d, blocks[0][1][0])  # a block starts with its conv (module docstring)
    return conv.weight.detach().cpu()[:, 0].clone()


def _kind(module: nn.Module) -> str:
    if isinstance(module, ACTIVATION_MODULES):
        return type(module).__name__.lower()
    if isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
        return "pool"
    return {nn.Conv2d: "conv", nn.BatchNorm2d: "batchnorm", nn.Identity: "batchnorm"}.get(type(module), "")


def block_stages(name: str, block: nn.Sequential) -> list[tuple[int, str]]:
    """The modules of a conv block whose outputs are shown, as ``(index, stage name)``.

    Each activation (``"conv1 → relu"``) and pooling (``"conv1 → pool"``), and
    the block's last module when it is neither (a block that ends at its conv
    or batch norm: ``"conv1 → conv"``); a trailing dropout changes nothing at
    prediction time and is not shown. A name that repeats in a block is
    numbered (``"conv1 → pool 2"``). The Draw tab and the activation arithmetic
    both name stages with this.
    """
    shown: list[tuple[int, str]] = []
    for index, module in enumerate(block):
        if isinstance(module, (*ACTIVATION_MODULES, nn.MaxPool2d, nn.AvgPool2d)):
            shown.append((index, _kind(module)))
    last = max((i for i, module in enumerate(block) if not isinstance(module, nn.Dropout)), default=0)
    if not shown or shown[-1][0] < last:
        shown.append((last, _kind(block[last]) or type(block[last]).__name__.lower()))
    counts: dict[str, int] = {}
    named = []
    for index, kind in shown:
        counts[kind] = counts.get(kind, 0) + 1
        named.append((index, f"{name} → {kind}" + (f" {counts[kind]}" if counts[kind] > 1 else "")))
    return named


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
        """The shape of the activations, (C, H, W), (N,) or (10,)."""
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
        The logits (shape (1, 10)) and, per conv block, the stages of
        :func:`block_stages`; then, for a built network's head, what each
        hidden linear layer hands on (``"fc1"``: its activation's output, a
        vector). The input itself is the first stage, ``"out"`` the last.
    """
    stages = [FeatureStage("input", "input", x[0].detach().cpu())]
    h = x
    for name, block in conv_blocks(model):
        shown = dict(block_stages(name, block))
        for index, module in enumerate(block):
            h = module(h)
            if index in shown:
                stages.append(FeatureStage(shown[index], name, h[0].detach().cpu()))
    head = getattr(model, "head")  # every network has one, as it has conv1, conv2 ... (module docstring)
    if isinstance(head, nn.Sequential):  # a built network's head: what each hidden linear layer hands on too
        linears = [i for i, module in enumerate(head) if isinstance(module, nn.Linear)]
        handed_on = {j - 1: f"fc{n}" for n, j in enumerate(linears[1:], start=1)}  # the input of the next linear
        for index, module in enumerate(head):
            h = module(h)
            if index in handed_on:
                stages.append(FeatureStage(handed_on[index], "head", h[0].detach().cpu()))
        logits = h
    else:
        logits = head(h)
    stages.append(FeatureStage("out", "out", logits[0].detach().cpu()))
    return logits, stages
