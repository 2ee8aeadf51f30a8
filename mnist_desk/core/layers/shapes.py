"""What a layer list makes of a 1×28×28 digit: each layer's output shape, parameters and multiply-adds.

Worked out with integers alone (no torch, well under a millisecond for any
list the editor allows), so the editor can redo it at every keystroke, and
the same rules decide what :mod:`.build` builds, what the command line and
the trainer accept and what a weights file may declare. The first layer that
cannot work is reported with one plain sentence (:class:`~.spec.LayerError`);
nothing after it is worked out. Layers that work but are probably not what
was meant get a :class:`~.spec.NetworkNote`.

How layers become the network's parts (see :mod:`.build`): each conv starts
a block (``conv1``, ``conv2`` ...) that runs up to the next conv or to
``flatten``; ``flatten`` and everything after it are the ``head``. A network
with conv layers starts with one; a network without any (a plain fully
connected one) is all head.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import Word
from .spec import (
    ACTIVATION_KINDS,
    BATCHNORM,
    CONV,
    DROPOUT,
    FLATTEN,
    LINEAR,
    MAXPOOL,
    POOL_KINDS,
    Layer,
    LayerError,
    NetworkNote,
)

INPUT_SHAPE = (1, 28, 28)
CLASSES = 10
MAX_LAYERS = 64
MAX_FILTERS = 512  # as core.models.MAX_CHANNELS
MAX_UNITS = 4096
MAX_WINDOW = 28  # a kernel's or pooling window's side: the digit's
MAX_STRIDE = 28
MAX_MAP_NUMBERS = 2_000_000  # one layer's output for one digit (8 MB of float32)
# As core.weights_checks' limits on what a weights file may declare (kept equal by a test).
MAX_LAYER_PARAMETERS = 16_000_000
MAX_PARAMETERS = 64_000_000
# Above this a note says training will be slow (the tutorial CNN needs 2.8 million).
HEAVY_MULTIPLY_ADDS = 50_000_000
HEAD = "head"
_WITH_PARAMETERS = (CONV, LINEAR)
_NONLINEAR = (*ACTIVATION_KINDS, MAXPOOL)


@dataclass
class LayerInfo:
    """One layer's place in the network.

    Attributes
    ----------
    layer
        The layer.
    block
        The part it is built into: ``"conv1"``, ``"conv2"`` ... or ``"head"``.
    output_shape
        (C, H, W) maps or (N,) numbers for one digit; ``None`` from the first
        bad layer on.
    parameters
        Its trainable numbers (a conv or linear layer followed by batch norm
        has no bias: the batch norm's own shift replaces it).
    multiply_adds
        Multiplications (each with an addition) it does for one digit: those
        of its weights (conv and linear layers; 0 for the others).
    bias
        A conv or linear layer with a bias.
    """

    layer: Layer
    block: str
    output_shape: tuple[int, ...] | None = None
    parameters: int = 0
    multiply_adds: int = 0
    bias: bool = False


@dataclass
class NetworkPlan:
    """Every layer's :class:`LayerInfo`, the totals, and the first problem (``None``: it can be built)."""

    rows: list[LayerInfo]
    problem: LayerError | None = None
    notes: list[NetworkNote] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """The network can be built and trained."""
        return self.problem is None

    @property
    def layers(self) -> list[Layer]:
        """The layers, in order."""
        return [row.layer for row in self.rows]

    @property
    def total_parameters(self) -> int:
        """Every layer's parameters (up to the first bad layer)."""
        return sum(row.parameters for row in self.rows)

    @property
    def multiply_adds(self) -> int:
        """Every layer's multiply-adds for one digit (up to the first bad layer)."""
        return sum(row.multiply_adds for row in self.rows)

    @property
    def conv_blocks(self) -> list[str]:
        """The conv blocks' names in order (none for a network without conv layers)."""
        return list(dict.fromkeys(row.block for row in self.rows if row.block != HEAD))

    def needs_two_per_batch(self) -> bool:
        """A batch norm that sees one number per channel for each digit: training batches of one cannot work."""
        shapes = [INPUT_SHAPE, *[row.output_shape for row in self.rows]]
        return any(row.layer.kind == BATCHNORM and shape is not None and math.prod(shape[1:]) == 1
                   for row, shape in zip(self.rows, shapes))


def shape_text(shape: Sequence[int]) -> str:
    """``(4, 28, 28)`` → ``"4×28×28"``; ``(50,)`` → ``"50"``."""
    return "×".join(str(n) for n in shape)


def _blocks(layers: Sequence[Layer]) -> list[str]:
    names, count, head = [], 0, not any(layer.kind == CONV for layer in layers)
    for layer in layers:
        if layer.kind == FLATTEN:
            head = True
        elif layer.kind == CONV and not head:
            count += 1
        names.append(HEAD if head or count == 0 else f"conv{count}")
    return names


def _check_fields(layer: Layer, index: int) -> LayerError | None:
    number, text = index + 1, layer.text
    if layer.kind == CONV and not 1 <= layer.filters <= MAX_FILTERS:
        return LayerError("Layer {number} ({layer}): a conv has 1 to {most} filters here, not {count}.",
                          number=number, layer=text, most=MAX_FILTERS, count=layer.filters)
    if layer.kind == LINEAR and not 1 <= layer.units <= MAX_UNITS:
        return LayerError("Layer {number} ({layer}): a linear layer has 1 to {most:,} outputs here, not {count:,}.",
                          number=number, layer=text, most=MAX_UNITS, count=layer.units)
    if layer.kind in (CONV, *POOL_KINDS):
        if not 1 <= layer.kernel <= MAX_WINDOW:
            return LayerError("Layer {number} ({layer}): a window side is 1 to {most}, not {size}.",
                              number=number, layer=text, most=MAX_WINDOW, size=layer.kernel)
        if not 1 <= layer.stride <= MAX_STRIDE:
            return LayerError("Layer {number} ({layer}): the stride is 1 to {most}, not {stride}.",
                              number=number, layer=text, most=MAX_STRIDE, stride=layer.stride)
    if layer.kind == CONV and not 0 <= layer.padding < layer.kernel:
        return LayerError("Layer {number} ({layer}): the padding is 0 to {most} for a {size}×{size} kernel (with "
                          "more, the outer outputs would see nothing but zeros).", number=number,
                          layer=text, most=layer.kernel - 1, size=layer.kernel)
    if layer.kind == DROPOUT and not 0.0 <= layer.p < 1.0:
        return LayerError("Layer {number} ({layer}): dropout drops a fraction from 0 up to (not including) 1, "
                          "not {p:g}.", number=number, layer=text, p=layer.p)
    return None


def _side_after(side: int, window: int, stride: int, padding: int) -> int:
    return (side + 2 * padding - window) // stride + 1 if side + 2 * padding >= window else 0


def _apply(layer: Layer, index: int, shape: tuple[int, ...], row: LayerInfo,
           next_kind: str | None) -> tuple[int, ...] | LayerError:
    """The output shape of ``layer`` on ``shape`` (``row`` gets its counts), or why it cannot work."""
    number, text = index + 1, layer.text
    maps = len(shape) == 3
    if layer.kind in (CONV, *POOL_KINDS):
        if not maps:
            return LayerError("Layer {number} ({layer}): a {kind} works on maps (channels × height × width), but "
                              "flatten has already made them a list of {count:,} numbers: move it before flatten.",
                              number=number, layer=text, kind=Word("conv") if layer.kind == CONV
                              else Word("pooling layer"), count=shape[0])
        channels, height, width = shape
        padding = layer.padding if layer.kind == CONV else 0
        out_h = _side_after(height, layer.kernel, layer.stride, padding)
        out_w = _side_after(width, layer.kernel, layer.stride, padding)
        if out_h < 1 or out_w < 1:
            if padding:
                return LayerError("Layer {number} ({layer}): a {size}×{size} window does not fit in {height}×{width} "
                                  "maps even with the padding ({padded}): the maps would be 0×0. Use a smaller "
                                  "window or pool less before it.", number=number, layer=text,
                                  size=layer.kernel, height=height, width=width,
                                  padded=shape_text((height + 2 * padding, width + 2 * padding)))
            return LayerError("Layer {number} ({layer}): a {size}×{size} window does not fit in {height}×{width} maps: "
                              "they would become 0×0. Use a smaller window, some padding, or pool less before it.",
                              number=number, layer=text, size=layer.kernel, height=height, width=width)
        if layer.kind == CONV:
            row.bias = next_kind != BATCHNORM
            row.parameters = layer.filters * channels * layer.kernel ** 2 + (layer.filters if row.bias else 0)
            row.multiply_adds = layer.filters * out_h * out_w * channels * layer.kernel ** 2
            return (layer.filters, out_h, out_w)
        return (channels, out_h, out_w)
    if layer.kind == LINEAR:
        if maps:
            return LayerError("Layer {number} ({layer}): a linear layer takes a list of numbers, but here are "
                              "{shape} maps: put flatten before it.", number=number, layer=text,
                              shape=shape_text(shape))
        row.bias = next_kind != BATCHNORM
        row.parameters = layer.units * shape[0] + (layer.units if row.bias else 0)
        row.multiply_adds = layer.units * shape[0]
        return (layer.units,)
    if layer.kind == FLATTEN:
        return (math.prod(shape),)
    if layer.kind == BATCHNORM:
        row.parameters = 2 * shape[0]
    return shape  # activations, batch norm and dropout keep the shape


def _size_problem(info: LayerInfo, index: int, total: int) -> LayerError | None:
    number, text = index + 1, info.layer.text
    numbers = math.prod(info.output_shape or ())
    if numbers > MAX_MAP_NUMBERS:
        return LayerError("Layer {number} ({layer}): its output holds {count:,} numbers per digit, more than the "
                          "{most:,} MNIST Desk trains with; use fewer filters or a larger stride.",
                          number=number, layer=text, count=numbers, most=MAX_MAP_NUMBERS)
    if info.parameters > MAX_LAYER_PARAMETERS:
        return LayerError("Layer {number} ({layer}): it would have {count:,} parameters, more than the {most:,} "
                          "MNIST Desk builds in one layer; make the layer or its input smaller.",
                          number=number, layer=text, count=info.parameters, most=MAX_LAYER_PARAMETERS)
    if total > MAX_PARAMETERS:
        return LayerError("Layer {number} ({layer}): the network reaches {count:,} parameters here, more than the "
                          "{most:,} MNIST Desk builds.", number=number, layer=text, count=total,
                          most=MAX_PARAMETERS)
    return None


def _ending_problem(rows: list[LayerInfo], shape: tuple[int, ...]) -> LayerError | None:
    last = len(rows) - 1
    if len(shape) == 3:
        return LayerError("Layer {number} ({layer}): the network ends here with {shape} maps, but it must end with "
                          "ten numbers, one score per digit: add flatten and linear 10.",
                          number=last + 1, layer=rows[last].layer.text, shape=shape_text(shape))
    if shape[0] != CLASSES:
        sizing = max(i for i, row in enumerate(rows) if row.layer.kind in (LINEAR, FLATTEN))
        if rows[sizing].layer.kind == LINEAR:
            return LayerError("Layer {number} ({layer}): the network ends with {count:,} numbers, but it needs "
                              "exactly ten, one score per digit: make the last linear layer linear 10.",
                              number=sizing + 1, layer=rows[sizing].layer.text, count=shape[0])
        return LayerError("Layer {number} ({layer}): the network ends with {count:,} numbers, but it needs exactly "
                          "ten, one score per digit: add linear 10 at the end.", number=last + 1,
                          layer=rows[last].layer.text, count=shape[0])
    return None


def _notes(rows: list[LayerInfo]) -> list[NetworkNote]:
    notes: list[NetworkNote] = []
    weighted = [i for i, row in enumerate(rows) if row.layer.kind in _WITH_PARAMETERS]
    for first, second in itertools.pairwise(weighted):
        between = {row.layer.kind for row in rows[first + 1:second]}
        if not between & set(_NONLINEAR):
            notes.append(NetworkNote(
                "Layers {first} and {second} ({a}; {b}): with no activation or max pool between them they add up to "
                "one linear step, so the second one adds parameters but no power; put relu between them.",
                first=first + 1, second=second + 1, a=rows[first].layer.text, b=rows[second].layer.text))
    if weighted and weighted[-1] < len(rows) - 1:
        index = weighted[-1] + 1
        notes.append(NetworkNote("Layer {number} ({layer}) comes after the last layer with weights, so it changes the "
                                 "ten digit scores before the softmax reads them; networks usually end with linear 10.",
                                 number=index + 1, layer=rows[index].layer.text))
    flats = [i for i, row in enumerate(rows) if row.layer.kind == FLATTEN]
    for index in flats[1:]:
        notes.append(NetworkNote("Layer {number} (flatten): the numbers are already a flat list; this flatten does "
                                 "nothing.", number=index + 1))
    heavy = sum(row.multiply_adds for row in rows)
    if heavy > HEAVY_MULTIPLY_ADDS:
        notes.append(NetworkNote("About {millions:,.0f} million multiply-adds per digit: each epoch will take a long "
                                 "time on a CPU (the tutorial's CNN needs 2.8 million).", millions=heavy / 1e6))
    return notes


def plan_network(layers: Sequence[Layer]) -> NetworkPlan:
    """Each layer's output shape, parameters and multiply-adds for one 1×28×28 digit, and the first problem.

    Parameters
    ----------
    layers
        The network, first layer first.

    Returns
    -------
    NetworkPlan
        ``ok`` when the network can be built: a conv first (or no conv at all),
        every window fitting its maps, linear layers after ``flatten``, sizes
        within MNIST Desk's limits, and ten numbers at the end.
    """
    rows = [LayerInfo(layer, block) for layer, block in zip(layers, _blocks(layers))]
    plan = NetworkPlan(rows)
    if not rows:
        plan.problem = LayerError("The network has no layers: add some, ending with flatten and linear 10.")
        return plan
    if len(rows) > MAX_LAYERS:
        plan.problem = LayerError("Layer {number} ({layer}): a network has at most {most} layers here.",
                                  number=MAX_LAYERS + 1, layer=rows[MAX_LAYERS].layer.text,
                                  most=MAX_LAYERS)
        return plan
    first_conv = next((i for i, row in enumerate(rows) if row.layer.kind == CONV), None)
    shape: tuple[int, ...] = INPUT_SHAPE
    total = 0
    for index, row in enumerate(rows):
        problem = _check_fields(row.layer, index)
        if problem is None and first_conv is not None and index < first_conv:
            problem = LayerError("Layer {number} ({layer}) comes before the first conv: a network with conv layers "
                                 "starts with one (each conv block reads the digit or the block before it). Move it "
                                 "after layer {conv}, or remove it.", number=index + 1,
                                 layer=row.layer.text, conv=first_conv + 1)
        if problem is None:
            next_kind = rows[index + 1].layer.kind if index + 1 < len(rows) else None
            result = _apply(row.layer, index, shape, row, next_kind)
            if isinstance(result, LayerError):
                problem = result
            else:
                row.output_shape = result
                total += row.parameters
                problem = _size_problem(row, index, total)
        if problem is not None:
            for later in rows[index:]:
                later.output_shape, later.parameters, later.multiply_adds = None, 0, 0
            plan.problem = problem
            return plan
        shape = row.output_shape or shape
    plan.problem = _ending_problem(rows, shape)
    if plan.problem is None:
        plan.notes = _notes(rows)
    return plan


def network_problem(layers: Sequence[Layer]) -> LayerError | None:
    """The first reason ``layers`` cannot be built, or ``None``."""
    return plan_network(layers).problem

