"""One feature map opened: large, beside what its conv read, with the kernels that made it and, under
the mouse, the arithmetic of each of its pixels, from the real network's tensors."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QRectF, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ..filter_lab.arithmetic import number
from ..filter_lab.arithmetic_panel import ArithmeticPanel
from ..image_view import LabelledImage
from ..mosaic import grid_shape, kernels_rgb, tile, tile_at
from .heatmap import input_gray, map_gray
from .pickable import PickableImageView

if TYPE_CHECKING:  # torch is imported once a model loads: the window paints first
    from ...core.explain.activation_arithmetic import ActivationTrace, PixelArithmetic

HOVER_COLOUR = QColor(230, 120, 0)
WINDOW_COLOUR = QColor(0, 170, 220)
FILTER_LAB_SIZES = (3, 5)  # the kernel sizes the Filter Lab's grid has
VIEW_SIDE = 110


def value_range_text(plane: np.ndarray) -> str:
    return f"{number(float(np.min(plane)))} … {number(float(np.max(plane)))}"


class MapInspector(QWidget):
    """The opened map; ``closed()`` asks to go back to all maps, ``kernel_chosen(rows, note)`` sends a kernel."""

    closed = Signal()
    kernel_chosen = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapInspector")
        self.trace: ActivationTrace | None = None
        self.stage = ""
        self.model_name = ""
        self._hovered: tuple[int, int] | None = None
        self.last_arithmetic: PixelArithmetic | None = None  # the arithmetic last shown (tests read it)
        self.back_button = QPushButton(self.tr("← All feature maps"), self)
        self.back_button.setToolTip(self.tr("Back to every feature map (Esc)"))
        self.back_button.clicked.connect(self.closed)  # Esc too: see NetworkView
        self.title = QLabel(self)
        self.title.setObjectName("openedMapTitle")
        self.channel_box = QSpinBox(self)
        self.channel_box.setAccessibleName(self.tr("Channel"))
        self.channel_box.setPrefix(self.tr("channel "))
        self.channel_box.valueChanged.connect(self._on_channel)
        self.in_channel_box = QSpinBox(self)
        self.in_channel_box.setAccessibleName(self.tr("Input channel"))
        self.in_channel_box.setPrefix(self.tr("input channel "))
        self.in_channel_box.setToolTip(self.tr("Which of the input channels' kernels to show in full (or click one)"))
        self.in_channel_box.valueChanged.connect(self._on_in_channel)
        self.send_button = QPushButton(self.tr("Use in the Filter Lab"), self)
        self.send_button.setToolTip(self.tr("Put this kernel into the Filter Lab's grid and go there"))
        self.send_button.clicked.connect(self.send_kernel)

        self.source_view, self.map_view, self.kernels_view = (PickableImageView(VIEW_SIDE) for _ in range(3))
        self.source = LabelledImage("", VIEW_SIDE, self, view=self.source_view)
        self.map = LabelledImage("", VIEW_SIDE, self, view=self.map_view)
        self.kernels = LabelledImage("", VIEW_SIDE, self, view=self.kernels_view)
        self.map_view.hovered.connect(self._on_map_hover)
        self.kernels_view.picked.connect(self._on_kernel_picked)
        self.arithmetic = ArithmeticPanel(self)
        # Not the Filter Lab's fixed height: here the arithmetic is what the page is for, it takes the rest.
        self.arithmetic.setMinimumHeight(self.arithmetic.fontMetrics().lineSpacing() * 6)
        self.arithmetic.setMaximumHeight(16_777_215)
        self.arithmetic.setPlaceholderText(self.tr("Hover over a pixel of the large map to see how the network "
                                                   "computed it, step by step, from its own numbers."))

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.channel_box)
        views = QGridLayout()
        views.addWidget(self.source, 0, 0)
        views.addWidget(self.map, 0, 1)
        views.addWidget(self.kernels, 0, 2)
        kernel_row = QHBoxLayout()
        kernel_row.addStretch(1)
        kernel_row.addWidget(self.in_channel_box)
        kernel_row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(views)
        layout.addLayout(kernel_row)
        layout.addWidget(self.arithmetic, 1)

    # -- what is shown --------------------------------------------------------------------------
    @property
    def channel(self) -> int:
        return self.channel_box.value() - 1

    @property
    def in_channel(self) -> int:
        return self.in_channel_box.value() - 1

    def open(self, trace: ActivationTrace, stage: str, channel: int, model_name: str = "") -> None:
        """Show channel ``channel`` (from 0) of the feature map ``stage``."""
        self.stage, self.model_name = stage, model_name
        self.arithmetic.show_lines([])
        self._hovered = self.last_arithmetic = None
        self.set_trace(trace, channel)

    def set_trace(self, trace: ActivationTrace, channel: int | None = None) -> None:
        """A new input (the drawing changed): the same map and pixel, the new numbers."""
        self.trace = trace
        shown = trace.stage(self.stage)
        count = shown.tensor.shape[0]
        blocked = self.channel_box.blockSignals(True)
        self.channel_box.setRange(1, count)
        self.channel_box.setSuffix(self.tr(" of {count}").format(count=count))
        if channel is not None:
            self.channel_box.setValue(channel + 1)
        self.channel_box.blockSignals(blocked)
        in_count = trace.conv(shown.block).weight.shape[1]
        blocked = self.in_channel_box.blockSignals(True)
        self.in_channel_box.setRange(1, in_count)
        self.in_channel_box.setSuffix(self.tr(" of {count}").format(count=in_count))
        self.in_channel_box.blockSignals(blocked)
        self.in_channel_box.setVisible(in_count > 1)
        self._refresh()

    def _refresh(self) -> None:
        if self.trace is None:
            return
        shown = self.trace.stage(self.stage)
        plane = shown.tensor[self.channel]
        self.title.setText(self.tr("<b>{stage}</b>, {height}×{width}").format(
            stage=self.stage, height=plane.shape[0], width=plane.shape[1]))
        self.map.set_array(map_gray(plane))
        from .map_arithmetic import source_label

        self.map.set_caption(self.tr("channel {channel}: {values}").format(
            channel=self.channel + 1, values=value_range_text(plane)))
        source_name, source = self.trace.source(shown.block)
        in_channel = min(self.in_channel, source.shape[0] - 1)
        if source_name == "input":
            self.source.set_array(input_gray(source[0]))
            self.source.set_caption(self.tr("{block} reads: the input").format(block=shown.block))
        else:
            self.source.set_array(map_gray(source[in_channel]))
            self.source.set_caption(self.tr("{block} reads: {source}").format(
                block=shown.block, source=source_label(source_name, in_channel)))
        kernels = self.trace.kernels(shown.block, self.channel)
        size = kernels.shape[-1]
        self.kernels.set_array(tile(kernels_rgb(kernels)))
        if kernels.shape[0] == 1:
            self.kernels.set_caption(self.tr("its {size}×{size} kernel (red +, blue −)").format(size=size))
        else:
            self.kernels.set_caption(self.tr("its {count} kernels, {size}×{size}, one per input channel "
                                             "(red +, blue −)").format(count=kernels.shape[0], size=size))
        self.send_button.setEnabled(size in FILTER_LAB_SIZES)
        self._mark_kernel(kernels)
        if self._hovered is not None:
            self._on_map_hover(*self._hovered)
        else:
            self.source_view.set_marks([])
            self.map_view.set_marks([])

    def _mark_kernel(self, kernels: np.ndarray) -> None:
        if kernels.shape[0] == 1:
            self.kernels_view.set_marks([])
            return
        size = kernels.shape[-1]
        _rows, columns = grid_shape(kernels.shape[0])
        row, col = divmod(self.in_channel, columns)
        self.kernels_view.set_marks([(QRectF(col * (size + 1) - 0.5, row * (size + 1) - 0.5, size + 1, size + 1),
                                      WINDOW_COLOUR)])

    # -- the user ---------------------------------------------------------------------------------
    @Slot(int)
    def _on_channel(self, _value: int) -> None:
        self._refresh()

    @Slot(int)
    def _on_in_channel(self, _value: int) -> None:
        self._refresh()

    @Slot(int, int)
    def _on_kernel_picked(self, x: int, y: int) -> None:
        if self.trace is None:
            return
        kernels = self.trace.kernels(self.trace.stage(self.stage).block, self.channel)
        hit = tile_at(kernels.shape[0], kernels.shape[1], kernels.shape[2], x, y)
        if hit is not None:
            self.in_channel_box.setValue(hit[0] + 1)

    @Slot(int, int)
    def _on_map_hover(self, x: int, y: int) -> None:
        """Pixel (x, y) of the large map: its arithmetic, it and the window its conv read outlined."""
        if self.trace is None:
            return
        from ...core.explain.activation_arithmetic import explain_pixel
        from .map_arithmetic import pixel_lines

        self._hovered = (x, y)
        work = explain_pixel(self.trace, self.stage, self.channel, y, x)
        self.arithmetic.show_lines(pixel_lines(work, self.in_channel, self.arithmetic.measure))
        conv = work.conv
        kh, kw = conv.channels[0].kernel.shape
        self.map_view.set_marks([(QRectF(x, y, 1, 1), HOVER_COLOUR)])
        self.source_view.set_marks([(QRectF(conv.left, conv.top, kw, kh), WINDOW_COLOUR)])
        self.last_arithmetic = work

    @Slot()
    def send_kernel(self) -> None:
        """The shown kernel (conv1's, or the chosen input channel's) into the Filter Lab's grid."""
        if self.trace is None:
            return
        block = self.trace.stage(self.stage).block
        kernels = self.trace.kernels(block, self.channel)
        in_channel = min(self.in_channel, kernels.shape[0] - 1) if kernels.shape[0] > 1 else 0
        rows = tuple(tuple(float(v) for v in row) for row in kernels[in_channel])
        name = self.model_name or self.tr("the active model")
        if kernels.shape[0] == 1:
            where = self.tr("{model}'s {block} kernel {channel}").format(model=name, block=block,
                                                                         channel=self.channel + 1)
        else:
            where = self.tr("{model}'s {block} kernel from input channel {source} to output channel "
                            "{channel}").format(model=name, block=block, source=in_channel + 1,
                                                channel=self.channel + 1)
        note = self.tr("Learned: {kernel}. Only the kernel is used: the layer's bias (or batch norm) is left out, so "
                       "the numbers differ from the network's by a shift and a scale.").format(kernel=where)
        self.kernel_chosen.emit(rows, note)
