"""A layer list built into a PyTorch network with the structure every view of MNIST Desk reads.

Like the named architectures of :mod:`mnist_desk.core.models`, a built
network is a sequence of conv blocks ``conv1``, ``conv2`` ... (each an
``nn.Sequential`` whose first module is its ``nn.Conv2d``) and a ``head``
that turns the last block's output into ten scores, so
:func:`~mnist_desk.core.models.conv_blocks`,
:func:`~mnist_desk.core.models.forward_with_features`,
:func:`~mnist_desk.core.models.fold_batch_norm`, the Draw tab's feature maps
and the activation arithmetic all work on it unchanged. A network without
conv layers has no blocks: it is all head.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn

from .shapes import HEAD, INPUT_SHAPE, LayerInfo, plan_network
from .spec import (
    AVGPOOL,
    BATCHNORM,
    CONV,
    DROPOUT,
    FLATTEN,
    LINEAR,
    MAXPOOL,
    RELU,
    SIGMOID,
    TANH,
    Layer,
)

_ACTIVATION_MODULES = {RELU: nn.ReLU, SIGMOID: nn.Sigmoid, TANH: nn.Tanh}


def _module(row: LayerInfo, in_shape: tuple[int, ...]) -> nn.Module:
    layer = row.layer
    if layer.kind == CONV:
        return nn.Conv2d(in_shape[0], layer.filters, layer.kernel, layer.stride, layer.padding, bias=row.bias)
    if layer.kind in _ACTIVATION_MODULES:
        return _ACTIVATION_MODULES[layer.kind]()
    if layer.kind == MAXPOOL:
        return nn.MaxPool2d(layer.kernel, layer.stride)
    if layer.kind == AVGPOOL:
        return nn.AvgPool2d(layer.kernel, layer.stride)
    if layer.kind == BATCHNORM:
        return nn.BatchNorm2d(in_shape[0]) if len(in_shape) == 3 else nn.BatchNorm1d(in_shape[0])
    if layer.kind == DROPOUT:
        return nn.Dropout(layer.p)
    if layer.kind == FLATTEN:
        return nn.Flatten()
    assert layer.kind == LINEAR, layer.kind
    return nn.Linear(in_shape[0], layer.units, bias=row.bias)


def _fast_order(block: nn.Sequential) -> list[int]:
    """The block's module indices, each activation that precedes a max-pool moved after it.

    Max-pooling commutes with any increasing activation (ReLU, sigmoid, tanh):
    the same numbers for a quarter of the activation's work, as the tutorial
    CNN of :mod:`mnist_desk.core.models` runs. Indices, not modules: folding
    batch norm replaces modules in place.
    """
    order = list(range(len(block)))
    for i in range(len(block) - 1):
        if isinstance(block[i], tuple(_ACTIVATION_MODULES.values())) and isinstance(block[i + 1], nn.MaxPool2d):
            order[i], order[i + 1] = order[i + 1], order[i]
    return order


class BuiltCNN(nn.Module):
    """A network built from a layer list (see :func:`build_network`).

    Attributes
    ----------
    layers
        The layer list it was built from.
    block_names
        ``["conv1", "conv2", ...]``: its conv blocks, in order (empty without conv layers).
    head
        ``nn.Sequential`` of ``flatten`` and what follows it (everything, without conv layers).
    """

    def __init__(self, layers: Sequence[Layer]) -> None:
        super().__init__()
        plan = plan_network(layers)
        if plan.problem is not None:
            raise plan.problem
        self.layers: tuple[Layer, ...] = tuple(layers)
        self.block_names: list[str] = plan.conv_blocks
        parts: dict[str, list[nn.Module]] = {}
        in_shape: tuple[int, ...] = INPUT_SHAPE
        for row in plan.rows:
            parts.setdefault(row.block, []).append(_module(row, in_shape))
            assert row.output_shape is not None  # the plan is ok
            in_shape = row.output_shape
        for name in self.block_names:
            setattr(self, name, nn.Sequential(*parts[name]))
        self.head = nn.Sequential(*parts.get(HEAD, []))
        self._orders = [_fast_order(getattr(self, name)) for name in self.block_names]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Ten scores per digit of ``x`` (batch, 1, 28, 28): the blocks in order, then the head."""
        for name, order in zip(self.block_names, self._orders):
            block = getattr(self, name)
            for index in order:
                x = block[index](x)
        return self.head(x)


def build_network(layers: Sequence[Layer]) -> BuiltCNN:
    """An untrained network for ``layers`` (training mode, CPU; seeded by ``torch.manual_seed`` as any model).

    Raises
    ------
    mnist_desk.core.layers.spec.LayerError
        When the list is not a network that can be built (the first reason).
    """
    return BuiltCNN(layers)
