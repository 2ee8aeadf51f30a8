"""The editor's words for layer kinds, presets, parts of the network and each layer's parameter arithmetic."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...core.layers.shapes import HEAD, INPUT_SHAPE, LayerInfo, NetworkPlan, shape_text
from ...core.layers.spec import AVGPOOL, BATCHNORM, CONV, DROPOUT, FLATTEN, LINEAR, MAXPOOL, RELU, SIGMOID, TANH

# Called as translate("Context", "text") with both spelt out: that is what pyside6-lupdate collects.
translate = QCoreApplication.translate


def kind_name(kind: str) -> str:
    """A layer kind as the Add menu and the kind box name it."""
    return {
        CONV: translate("LayerKinds", "Convolution (conv)"),
        RELU: translate("LayerKinds", "ReLU"),
        SIGMOID: translate("LayerKinds", "Sigmoid"),
        TANH: translate("LayerKinds", "Tanh"),
        MAXPOOL: translate("LayerKinds", "Max pooling"),
        AVGPOOL: translate("LayerKinds", "Average pooling"),
        BATCHNORM: translate("LayerKinds", "Batch norm"),
        DROPOUT: translate("LayerKinds", "Dropout"),
        FLATTEN: translate("LayerKinds", "Flatten"),
        LINEAR: translate("LayerKinds", "Linear (fully connected)"),
    }.get(kind, kind)


def kind_tip(kind: str) -> str:
    """One line on what a kind of layer does."""
    return {
        CONV: translate("LayerKinds", "Slides learned kernels over the maps: one output map per filter "
                        "(the tutorial's section 1.1)."),
        RELU: translate("LayerKinds", "max(0, x) for each number: the tutorial's activation (2.1)."),
        SIGMOID: translate("LayerKinds", "1 / (1 + e^−x) for each number: the activation the tutorial compares "
                           "ReLU with."),
        TANH: translate("LayerKinds", "The hyperbolic tangent of each number, from −1 to 1."),
        MAXPOOL: translate("LayerKinds", "Keeps the largest number of each window: smaller maps, no parameters "
                           "(section 1.2)."),
        AVGPOOL: translate("LayerKinds", "Keeps the mean of each window (section 1.2)."),
        BATCHNORM: translate("LayerKinds", "Normalises each channel over the batch, then scales and shifts it by "
                             "two learned numbers."),
        DROPOUT: translate("LayerKinds", "Sets a random fraction of the numbers to zero while training, so the "
                           "network cannot lean on any one of them."),
        FLATTEN: translate("LayerKinds", "Lays the maps out as one list of numbers, for the linear layers."),
        LINEAR: translate("LayerKinds", "Each output is a weighted sum of every input, plus a bias."),
    }.get(kind, "")


def preset_name(key: str) -> str:
    return {
        "section1.3": translate("LayerPresets", "Section 1.3 network (4 and 6 kernels, 50 hidden)"),
        "tutorial": translate("LayerPresets", "Tutorial CNN (section 2.4)"),
        "fast": translate("LayerPresets", "Fast CNN"),
        "desk": translate("LayerPresets", "Desk CNN"),
        "mlp": translate("LayerPresets", "No convolution (fully connected)"),
    }.get(key, key)


def preset_note(key: str) -> str:
    return {
        "section1.3": translate("LayerPresets", "The network the tutorial's section 1.3 walks through: 4 kernels, "
                                "ReLU, max pool, 6 kernels (4×6), ReLU, max pool, flatten, a fully connected "
                                "layer, a smaller one, 10 outputs."),
        "tutorial": translate("LayerPresets", "The tutorial's CNN class: two 5×5 conv blocks of 16 and 32 filters "
                              "and one linear layer."),
        "fast": translate("LayerPresets", "Strided convolutions with batch norm instead of pooling: the quickest "
                          "to train on a CPU."),
        "desk": translate("LayerPresets", "Three conv blocks with batch norm and dropout, as the shipped weights."),
        "mlp": translate("LayerPresets", "Only fully connected layers, for comparison: what do the convolutions "
                         "buy?"),
    }.get(key, "")


def part_name(block: str) -> str:
    """The part of the network a layer is built into: conv1, conv2 … (as the Draw tab names them), or the head."""
    return translate("LayerTable", "head") if block == HEAD else block


def count(value: int) -> str:
    return f"{value:,}"


def input_shape(plan: NetworkPlan, row: int) -> tuple[int, ...]:
    """What layer ``row`` reads: the digit, or the layer before's output."""
    return INPUT_SHAPE if row == 0 else (plan.rows[row - 1].output_shape or ())


def parameter_arithmetic(plan: NetworkPlan, row: int) -> str:
    """How a layer's parameters add up, e.g. "6 filters × 4×5×5 weights + 6 biases = 606"."""
    info: LayerInfo = plan.rows[row]
    layer, shape = info.layer, input_shape(plan, row)
    if info.output_shape is None:
        return ""
    if layer.kind == CONV:
        text = (translate("LayerTable", "{filters} filters × {inputs}×{side}×{side} weights + {filters} biases = "
                          "{total}") if info.bias else
                translate("LayerTable", "{filters} filters × {inputs}×{side}×{side} weights = {total} (no bias: the "
                          "batch norm after it shifts anyway)"))
        text = text.format(filters=count(layer.filters), inputs=shape[0], side=layer.kernel,
                           total=count(info.parameters))
    elif layer.kind == LINEAR:
        text = (translate("LayerTable", "{outputs} outputs × {inputs} inputs + {outputs} biases = {total}") if info.bias
                else translate("LayerTable", "{outputs} outputs × {inputs} inputs = {total} (no bias: the batch norm "
                               "after it shifts anyway)"))
        text = text.format(outputs=count(layer.units), inputs=count(shape[0]), total=count(info.parameters))
    elif layer.kind == BATCHNORM:
        text = translate("LayerTable", "{channels} scales + {channels} shifts = {total}").format(
            channels=count(shape[0]), total=count(info.parameters))
    else:
        text = translate("LayerTable", "No parameters: nothing to learn.")
    if info.multiply_adds:
        text += "\n" + translate("LayerTable", "{count} multiply-adds per digit").format(
            count=count(info.multiply_adds))
    return text


def shape_change(plan: NetworkPlan, row: int) -> str:
    """e.g. "1×28×28 → 4×28×28"."""
    output = plan.rows[row].output_shape
    return "" if output is None else f"{shape_text(input_shape(plan, row))} → {shape_text(output)}"
