"""One pixel of one feature map, worked out by hand from the real network's tensors.

The tutorial's section 1.1 computes a convolution by sliding the kernel and
adding up the products; section 1.3 stacks conv, ReLU and pooling into a
network. This module does exactly that for one pixel of the active network,
in the order its block really runs (the ``desk`` architecture pools before
its ReLU, ``fast`` has stride 2 and batch norm, the tutorial's conv a bias),
so a learner can check one number of the network by hand:

* conv: for each input channel, the window under the kernel × the kernel, the
  products' sum; the sum over the input channels, + the bias;
* batch norm: (x − running mean) / √(running variance + ε) × γ + β;
* max-pooling: the window of the previous step's outputs and the one it keeps
  (whose own arithmetic is the one shown before it);
* ReLU (max(0, x)), sigmoid (1 / (1 + e^−x)) or tanh.

:class:`ActivationTrace` runs the model (unfolded, in eval mode, as trained)
once and keeps every module's output; :func:`explain_pixel` then follows one
pixel back through them. The products and sums are taken in float64 from the
network's float32 numbers, so the result equals the network's own activation
to float32 rounding (both are kept: :attr:`PixelArithmetic.network`).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from ..errors import ConfigError
from ..filters.padding import padded_region
from ..structure import ACTIVATION_MODULES, block_stages, conv_blocks
from ..torch_threads import one_thread
from .saliency import as_input

_ACTIVATION_TYPES = ACTIVATION_MODULES
_POOL_TYPES = (nn.MaxPool2d, nn.AvgPool2d)


def _pair(value: int | Sequence[int]) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (int(value[0]), int(value[1]))


@dataclass
class TraceStage:
    """A shown feature map: ``tensor`` is module ``module``'s output of block ``block`` (C, H, W)."""

    name: str
    block: str
    module: int
    tensor: np.ndarray


class ActivationTrace:
    """Every module's output in every conv block of ``model`` for one input.

    Parameters
    ----------
    model
        A model of :mod:`mnist_desk.core.models`, as trained (not folded); used
        in eval mode, never changed.
    field28
        The network's 28×28 input.
    """

    def __init__(self, model: nn.Module, field28: np.ndarray) -> None:
        if model.training:
            model = copy.deepcopy(model).eval()
        self.model = model
        x = as_input(field28)
        self.stages: list[TraceStage] = [TraceStage("input", "input", -1, x[0].numpy().copy())]
        # block → (its modules, [input, output of module 0, output of module 1, ...], its input's stage name)
        self.blocks: dict[str, tuple[nn.Sequential, list[np.ndarray], str]] = {}
        with torch.no_grad(), one_thread():
            h = x
            for name, block in conv_blocks(model):
                outputs = [h[0].numpy().copy()]
                source = self.stages[-1].name
                shown = dict(block_stages(name, block))  # named as the Draw tab names them
                for index, module in enumerate(block):
                    h = module(h)
                    outputs.append(h[0].numpy().copy())
                    if index in shown:
                        self.stages.append(TraceStage(shown[index], name, index, outputs[-1]))
                self.blocks[name] = (block, outputs, source)
            self.logits = model.head(h)[0].double().numpy()  # type: ignore[operator]

    @property
    def stage_names(self) -> list[str]:
        """The stages' names, input first."""
        return [stage.name for stage in self.stages]

    def stage(self, name: str) -> TraceStage:
        """The stage called ``name`` (``KeyError`` when there is none)."""
        for stage in self.stages:
            if stage.name == name:
                return stage
        raise ConfigError("The network has no feature map named {name!r}.", name=name)

    def conv(self, block: str) -> nn.Conv2d:
        """The conv layer that starts ``block``."""
        conv = self.blocks[block][0][0]
        assert isinstance(conv, nn.Conv2d)
        return conv

    def kernels(self, block: str, out_channel: int) -> np.ndarray:
        """The (in_channels, k, k) kernels that make output channel ``out_channel`` of ``block``'s conv."""
        return self.conv(block).weight.detach()[out_channel].numpy().copy()

    def source(self, block: str) -> tuple[str, np.ndarray]:
        """The name and tensor (C, H, W) of what ``block`` reads: the input, or the previous block's output."""
        _modules, outputs, name = self.blocks[block]
        return name, outputs[0]


@dataclass
class ConvChannel:
    """One input channel's part of a conv output pixel: window × kernel, summed."""

    channel: int
    values: np.ndarray
    from_padding: np.ndarray
    kernel: np.ndarray
    products: np.ndarray
    total: float


@dataclass
class ConvStep:
    """A conv output pixel: the sum over the input channels of their parts, + the bias."""

    row: int
    col: int
    top: int
    left: int
    stride: tuple[int, int]
    padding: tuple[int, int]
    channels: list[ConvChannel]
    total: float
    bias: float | None
    value: float
    network: float


@dataclass
class BatchNormStep:
    """(before − mean) / √(variance + eps) × weight + bias."""

    before: float
    mean: float
    variance: float
    eps: float
    weight: float
    bias: float
    value: float
    network: float


@dataclass
class PoolStep:
    """A pooling window over the previous step's outputs (the network's own), and what it keeps."""

    kind: str
    top: int
    left: int
    values: np.ndarray
    pick: tuple[int, int] | None
    value: float
    network: float


@dataclass
class ActivationStep:
    """ReLU, sigmoid or tanh of the previous step's value (``kind``: ``"relu"``, ``"sigmoid"``, ``"tanh"``)."""

    kind: str
    before: float
    value: float
    network: float


Step = ConvStep | BatchNormStep | PoolStep | ActivationStep


@dataclass
class PixelArithmetic:
    """How one pixel of a feature map came about, step by step in the order the block runs.

    ``value`` is the arithmetic's result; ``network`` the network's own activation there.
    ``source`` names what the conv read (``"input"`` or the previous block's stage).
    """

    stage: str
    block: str
    channel: int
    row: int
    col: int
    source: str
    steps: list[Step] = field(default_factory=list)

    @property
    def value(self) -> float:
        """The pixel's value as the arithmetic shown works it out."""
        return self.steps[-1].value

    @property
    def network(self) -> float:
        """The pixel's value as the network itself computed it."""
        return self.steps[-1].network

    @property
    def conv(self) -> ConvStep:
        """The convolution step of the block."""
        return next(step for step in self.steps if isinstance(step, ConvStep))


def _window(plane: np.ndarray, top: int, left: int, height: int, width: int,
            fill: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """``plane``[top:top+height, left:left+width], ``fill`` outside it, and where that is."""
    rows, cols = np.arange(top, top + height), np.arange(left, left + width)
    inside_rows = (rows >= 0) & (rows < plane.shape[0])
    inside_cols = (cols >= 0) & (cols < plane.shape[1])
    values = np.full((height, width), fill, dtype=np.float32)
    values[np.ix_(inside_rows, inside_cols)] = plane[np.ix_(rows[inside_rows], cols[inside_cols])]
    return values, ~(inside_rows[:, None] & inside_cols[None, :])


def _conv_step(conv: nn.Conv2d, source: np.ndarray, channel: int, row: int, col: int, network: float) -> ConvStep:
    padding = _pair(conv.padding) if not isinstance(conv.padding, str) else (-1, -1)
    if (conv.groups != 1 or _pair(conv.dilation) != (1, 1) or conv.padding_mode != "zeros"
            or padding[0] != padding[1] or padding[0] < 0):
        raise ConfigError("Only plain convolutions (no groups, no dilation, zero padding) can be worked out here.")
    weight = conv.weight.detach()[channel].numpy()
    (kh, kw), stride = weight.shape[1:], _pair(conv.stride)
    top, left = row * stride[0] - padding[0], col * stride[1] - padding[1]
    # The window under the kernel, read by the Filter Lab's own padding code (padded coordinates start at 0).
    rows, cols = (row * stride[0], row * stride[0] + kh), (col * stride[1], col * stride[1] + kw)
    inside_rows = (np.arange(top, top + kh) >= 0) & (np.arange(top, top + kh) < source.shape[1])
    inside_cols = (np.arange(left, left + kw) >= 0) & (np.arange(left, left + kw) < source.shape[2])
    from_padding = ~(inside_rows[:, None] & inside_cols[None, :])
    parts = []
    for index in range(weight.shape[0]):
        values = padded_region(source[index], rows, cols, padding[0], "zeros")
        products = values.astype(np.float64) * weight[index].astype(np.float64)
        parts.append(ConvChannel(index, values, from_padding, weight[index].copy(), products, float(products.sum())))
    total = math.fsum(part.total for part in parts)
    bias = None if conv.bias is None else float(conv.bias.detach()[channel])
    return ConvStep(row, col, top, left, stride, padding, parts, total, bias, total + (bias or 0.0), network)


def _batch_norm_step(norm: nn.BatchNorm2d, channel: int, before: float, network: float) -> BatchNormStep:
    assert norm.running_mean is not None and norm.running_var is not None, "batch norm without running statistics"
    mean, variance = float(norm.running_mean[channel]), float(norm.running_var[channel])
    weight = float(norm.weight.detach()[channel]) if norm.weight is not None else 1.0
    bias = float(norm.bias.detach()[channel]) if norm.bias is not None else 0.0
    value = (before - mean) / math.sqrt(variance + norm.eps) * weight + bias
    return BatchNormStep(before, mean, variance, float(norm.eps), weight, bias, value, network)


def _pool_window(pool: nn.MaxPool2d | nn.AvgPool2d, plane: np.ndarray, row: int, col: int) -> PoolStep:
    size, stride, padding = _pair(pool.kernel_size), _pair(pool.stride or pool.kernel_size), _pair(pool.padding)
    top, left = row * stride[0] - padding[0], col * stride[1] - padding[1]
    kind = "max" if isinstance(pool, nn.MaxPool2d) else "avg"
    values, _outside = _window(plane, top, left, *size, fill=-np.inf if kind == "max" else 0.0)
    flat = int(np.argmax(values))  # the first largest on a tie, as PyTorch
    pick = (flat // size[1], flat % size[1])
    value = float(values.max()) if kind == "max" else float(values.mean(dtype=np.float64))
    return PoolStep(kind, top, left, values, pick if kind == "max" else None, value, value)


def _activation_step(module: nn.Module, before: float, network: float) -> ActivationStep:
    if isinstance(module, nn.ReLU):
        return ActivationStep("relu", before, max(0.0, before), network)
    if isinstance(module, nn.Tanh):
        return ActivationStep("tanh", before, math.tanh(before), network)
    value = 1.0 / (1.0 + math.exp(-before)) if before > -700 else 0.0
    return ActivationStep("sigmoid", before, value, network)


def explain_pixel(trace: ActivationTrace, stage: str, channel: int, row: int, col: int) -> PixelArithmetic:
    """The arithmetic of pixel (``row``, ``col``) of channel ``channel`` of the feature map ``stage``.

    Parameters
    ----------
    trace
        The network's outputs for the current input.
    stage
        A stage name of the trace other than ``"input"``, e.g. ``"conv2 → relu"``.
    channel, row, col
        The pixel, counted from 0.

    Returns
    -------
    PixelArithmetic
        Its steps in the order the block runs; a max-pooling step is preceded
        by the steps of the window's pixel it keeps (for an average pool, of the
        largest one).
    """
    shown = trace.stage(stage)
    if shown.name == "input":
        raise ConfigError("The input is not computed: it has no arithmetic.")
    if not (0 <= channel < shown.tensor.shape[0] and 0 <= row < shown.tensor.shape[1]
            and 0 <= col < shown.tensor.shape[2]):
        raise ConfigError("{stage} has no pixel ({channel}, {row}, {col}).", stage=stage, channel=channel, row=row,
                          col=col)
    modules, outputs, source = trace.blocks[shown.block]
    # Back from the shown module to the conv: which pixel of each module's output is used. A max-pool
    # passes on the pixel it keeps (an average pool its largest: one pixel's story is told).
    links: list[tuple[int, tuple[int, int]]] = []
    position = (row, col)
    for index in range(shown.module, -1, -1):
        links.append((index, position))
        pool = modules[index]
        if isinstance(pool, _POOL_TYPES):
            window = _pool_window(pool, outputs[index][channel], *position)
            flat = int(np.argmax(window.values))
            position = (window.top + flat // window.values.shape[1], window.left + flat % window.values.shape[1])
    steps: list[Step] = []
    value = 0.0
    for index, (r, c) in reversed(links):
        module, network = modules[index], float(outputs[index + 1][channel][r, c])
        if isinstance(module, nn.Conv2d):
            step: Step = _conv_step(module, outputs[index], channel, r, c, network)
        elif isinstance(module, nn.BatchNorm2d):
            step = _batch_norm_step(module, channel, value, network)
        elif isinstance(module, _POOL_TYPES):
            step = _pool_window(module, outputs[index][channel], r, c)
            step.network = network
            if step.kind == "max":  # the pixel it keeps is the one just worked out
                step.value = value
        elif isinstance(module, _ACTIVATION_TYPES):
            step = _activation_step(module, value, network)
        elif isinstance(module, (nn.Identity, nn.Dropout)):
            continue
        else:
            raise ConfigError("A {name} layer cannot be worked out here.", name=type(module).__name__)
        steps.append(step)
        value = step.value
    return PixelArithmetic(stage, shown.block, channel, row, col, source, steps)
