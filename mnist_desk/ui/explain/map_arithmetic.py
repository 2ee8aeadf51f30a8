"""One feature-map pixel's arithmetic as lines of text, in the Filter Lab's own tables.

The core (:mod:`mnist_desk.core.explain.activation_arithmetic`) works the
pixel out; this module writes it down step by step, the conv's tables made by
the Filter Lab's :func:`~mnist_desk.ui.filter_lab.arithmetic.format_conv` and
the pooling window by its :func:`~mnist_desk.ui.filter_lab.arithmetic.format_pool`,
so the network's numbers read exactly like the lab's.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...core.explain.activation_arithmetic import ActivationStep, BatchNormStep, ConvStep, PixelArithmetic, PoolStep
from ..filter_lab.arithmetic import ConvWindow, Measure, PoolWindow, format_conv, format_pool, number, text_width

translate = QCoreApplication.translate
PARTS_PER_LINE = 4


def source_label(source: str, channel: int) -> str:
    """What a conv reads: "input" or e.g. "conv1 → relu, channel 3" (``channel`` from 0, shown from 1)."""
    if source == "input":
        return translate("MapArithmetic", "input")
    return translate("MapArithmetic", "{source}, channel {channel}").format(source=source, channel=channel + 1)


def _outputs_of(step) -> str:
    """What a step's outputs are called, as the next step reads them."""
    if isinstance(step, ConvStep):
        return translate("MapArithmetic", "convolution outputs")
    if isinstance(step, BatchNormStep):
        return translate("MapArithmetic", "batch norm's outputs")
    if isinstance(step, ActivationStep):
        return {"relu": translate("MapArithmetic", "ReLU's outputs"),
                "tanh": translate("MapArithmetic", "tanh's outputs")}.get(
            step.kind, translate("MapArithmetic", "sigmoid's outputs"))
    return translate("MapArithmetic", "pooling's outputs")


def _step_heading(number_: int) -> str:
    return translate("MapArithmetic", "Step {number}").format(number=number_)


def _term(value: float, digits: int = 6) -> str:
    """A number inside a formula: a negative one in brackets, "− (−0.5)" rather than "− −0.5"."""
    text = number(value, digits)
    return f"({text})" if value < 0 else text


def _conv_lines(step: ConvStep, work: PixelArithmetic, number_: int, in_channel: int, measure: Measure) -> list[str]:
    heading = _step_heading(number_) + ", " + translate(
        "MapArithmetic", "{block} channel {channel} at row {row}, column {column}").format(
        block=work.block, channel=work.channel + 1, row=step.row, column=step.col)
    offset = step.bias or 0.0
    if len(step.channels) == 1:
        part = step.channels[0]
        window = ConvWindow(step.row, step.col, step.top, step.left, part.values, part.from_padding, part.kernel,
                            part.products, part.total, None, offset, step.value)
        lines = format_conv(window, source_label(work.source, 0), heading, measure=measure)
    else:
        kernel_rows, kernel_cols = step.channels[0].kernel.shape
        lines = [translate("MapArithmetic", "{heading}: each of the {channels} input channels' window × its own "
                           "kernel, summed (windows at rows {top}–{bottom}, columns {left}–{right} of {source}):")
                 .format(heading=heading, channels=len(step.channels), top=step.top, bottom=step.top + kernel_rows - 1,
                         left=step.left, right=step.left + kernel_cols - 1, source=work.source)]
        cells = [translate("MapArithmetic", "in {channel}: {sum}").format(channel=part.channel + 1,
                                                                           sum=number(part.total))
                 for part in step.channels]
        # Padded to the widest as the panel draws them (Chinese labels are not two columns wide there).
        width = max(measure(cell) for cell in cells)
        padded = [cell + " " * max(0, round(width - measure(cell))) for cell in cells]
        for start in range(0, len(padded), PARTS_PER_LINE):
            lines.append("  " + "   ".join(padded[start:start + PARTS_PER_LINE]).rstrip())
        total = translate("MapArithmetic", "Sum over the {channels} input channels = {sum}").format(
            channels=len(step.channels), sum=number(step.total, 7))
        if step.bias is not None:
            total += "   " + translate("MapArithmetic", "+ bias {bias} = {value}").format(
                bias=number(step.bias, 6), value=number(step.value, 7))
        lines.append(total)
        part = step.channels[min(max(in_channel, 0), len(step.channels) - 1)]
        window = ConvWindow(step.row, step.col, step.top, step.left, part.values, part.from_padding, part.kernel,
                            part.products, part.total, None, 0.0, part.total)
        in_heading = translate("MapArithmetic", "Input channel {channel} in full").format(channel=part.channel + 1)
        lines += format_conv(window, source_label(work.source, part.channel), in_heading, measure=measure)
    if step.bias is None:
        lines.append(translate("MapArithmetic", "(This conv has no bias: the batch norm after it adds its own shift.)"))
    return lines


def _batch_norm_line(step: BatchNormStep, number_: int) -> str:
    formula = translate("MapArithmetic", "{step}, batch norm: (x − mean) / √(variance + ε) × γ + β").format(
        step=_step_heading(number_))
    numbers = (f"({number(step.before, 7)} − {_term(step.mean)}) / √({number(step.variance, 6)} + "
               f"{number(step.eps, 3)}) × {_term(step.weight)} + {_term(step.bias)} = {number(step.value, 7)}")
    return formula + " = " + numbers


def _activation_line(step: ActivationStep, number_: int) -> str:
    if step.kind == "relu":
        text = translate("FilterArithmetic", "ReLU: max(0, {value}) = {result}")
    elif step.kind == "tanh":
        text = translate("MapArithmetic", "tanh: (e^{value} − e^−{value}) / (e^{value} + e^−{value}) = {result}")
    else:
        text = translate("MapArithmetic", "sigmoid: 1 / (1 + e^−{value}) = {result}")
    return _step_heading(number_) + ", " + text.format(value=number(step.before, 7), result=number(step.value, 7))


def pixel_lines(work: PixelArithmetic, in_channel: int = 0, measure: Measure = text_width) -> list[str]:
    """The lines shown for one feature-map pixel.

    Parameters
    ----------
    work
        The pixel's arithmetic.
    in_channel
        For a conv reading several channels, the one whose table is shown in full.
    measure
        How wide a text is drawn (see :func:`~mnist_desk.ui.filter_lab.arithmetic.format_conv`).
    """
    lines = [translate("MapArithmetic", "{stage}, channel {channel}, row {row}, column {column} = {value}").format(
        stage=work.stage, channel=work.channel + 1, row=work.row, column=work.col, value=number(work.network, 7))]
    previous = None
    for index, step in enumerate(work.steps, start=1):
        if isinstance(step, ConvStep):
            lines += _conv_lines(step, work, index, in_channel, measure)
        elif isinstance(step, BatchNormStep):
            lines.append(_batch_norm_line(step, index))
        elif isinstance(step, PoolStep):
            window = PoolWindow(0, 0, step.top, step.left, step.values, step.kind, step.value, step.pick)
            lines += format_pool(window, _outputs_of(previous), _step_heading(index))
        elif isinstance(step, ActivationStep):
            lines.append(_activation_line(step, index))
        previous = step
    if number(work.value, 7) == number(work.network, 7):
        lines.append(translate("MapArithmetic", "= {value}, the network's own value.").format(
            value=number(work.network, 7)))
    else:
        lines.append(translate("MapArithmetic", "The network itself has {value}: it works in float32 (about 7 "
                               "significant digits) and adds up in another order, so the last digits differ.")
                     .format(value=number(work.network, 7)))
    return lines
