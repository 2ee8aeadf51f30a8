"""Inside the network: every conv block's feature maps for the current input, and conv1's kernels.

The tutorial's section 1.3 walks through these layers: convolution, ReLU,
max-pooling, again, then the linear layer. The view shows the stages the
active architecture really has (from
:func:`mnist_desk.core.models.forward_with_features`), each with its shape,
so the tutorial's 1×28×28 → 16×28×28 → 16×14×14 → 32×14×14 → 32×7×7 → 10
can be followed on the user's own digit.

Hovering a map says which layer and channel it is and its range of values;
clicking one opens it (:class:`~mnist_desk.ui.explain.map_inspector.MapInspector`):
large, beside what its conv read, with its kernels and each pixel's arithmetic.
Esc closes it again wherever the focus is in the view's parent (the Draw tab);
the window's Clear, on Esc too, has the key back once no map is open (Delete
clears either way).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from ..explain.map_inspector import MapInspector
from ..explain.pickable import PickableImageView
from ..explain.scroll import FitScrollArea
from ..filter_lab.arithmetic import number
from ..fixed_text import fix_text_height
from ..image_view import LabelledImage
from ..mosaic import activations_gray, kernels_rgb, tile, tile_at
from ..names import arch_name

COLUMNS = 3


def shape_text(shape: Sequence[int]) -> str:
    return "×".join(str(n) for n in shape)


def stage_title(name: str) -> str:
    """A stage's name as shown: "conv1 → relu"; the input is named as such."""
    return QCoreApplication.translate("NetworkView", "input") if name == "input" else name


def stage_caption(name: str, shape: Sequence[int]) -> str:
    """e.g. "conv1 → relu: 16×28×28"."""
    return f"{stage_title(name)}: {shape_text(shape)}"


def shape_chain(shapes: Sequence[Sequence[int]]) -> str:
    """The shapes in order, repeats merged: 1×28×28 → 16×28×28 → … → 10."""
    texts: list[str] = []
    for shape in shapes:
        text = shape_text(shape)
        if not texts or texts[-1] != text:
            texts.append(text)
    return " → ".join(texts)


def pools_first(names) -> bool:
    """True when some block pools before its activation (the stages come in the order they run)."""
    seen_pool: set[str] = set()
    for name in names:
        block, _, step = name.partition(" → ")
        if step == "pool":
            seen_pool.add(block)
        elif step and block in seen_pool:
            return True
    return False


class NetworkView(QWidget):
    """Feature-map mosaics per stage, the shape chain, and conv1's learned kernels; a map opened on a click.

    ``kernel_chosen(rows, note)``: the opened map's kernel, for the Filter Lab.
    """

    kernel_chosen = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkView")
        self.chain_label = QLabel(self)
        self.chain_label.setObjectName("shapeChain")
        self.chain_label.setWordWrap(True)
        self.chain_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.kernels = LabelledImage("", 130, self)
        self.kernels.setObjectName("conv1Kernels")
        self._stage_views: list[LabelledImage] = []
        self._stage_names: list[str] = []
        self._arrays: dict[str, np.ndarray] = {}
        self.hover_label = QLabel(self)
        self.hover_label.setObjectName("mapHover")
        self.hover_label.setWordWrap(True)
        fix_text_height(self.hover_label, 2)
        self.hover_label.setText(self.tr("Hover over a feature map to see what it is; click it to open it."))
        self.model = None  # the active model, as trained (the opened map's arithmetic reads it)
        self.model_name = ""
        self.field28: np.ndarray | None = None
        self.inspector = MapInspector(self)
        self.inspector.closed.connect(self.close_map)
        self.inspector.kernel_chosen.connect(self.kernel_chosen)
        self._escape = _EscapeClosesMap(self)
        for area in (self, parent):  # the parent: the canvas beside has the focus as often
            if area is not None:
                area.installEventFilter(self._escape)

        body = QWidget()
        self._grid = QGridLayout(body)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.addWidget(self.kernels, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(scroll)
        self.stack.addWidget(FitScrollArea(self.inspector, self))  # a small window scrolls the opened map
        layout = QVBoxLayout(self)
        layout.addWidget(self.chain_label)
        layout.addWidget(self.message)
        layout.addWidget(self.hover_label)
        layout.addWidget(self.stack, 1)
        self.set_kernels(None)

    @property
    def stage_names(self) -> list[str]:
        return list(self._stage_names)

    def stage_view(self, name: str) -> LabelledImage:
        return self._stage_views[self._stage_names.index(name)]

    def set_model(self, model, arch: str = "", name: str = "") -> None:
        """The active model (None: none yet): conv1's kernels shown, an opened map closed when it is another."""
        if model is self.model:
            return
        self.model, self.model_name = model, name
        self.close_map()
        if model is None:
            self.set_kernels(None)
            return
        from ...core.models import first_conv_kernels, has_conv

        if not has_conv(model):  # a built network of linear layers only: no kernels to show
            self.set_kernels(None)
            return
        if getattr(model, "layers", None):  # built here: its name (its sizes) is too long for the caption
            arch = ""
        self.set_kernels(first_conv_kernels(model).numpy(), arch)

    def show_prediction(self, prediction, no_model_text: str) -> None:
        """A core Prediction's stages (asked for with its features); ``no_model_text`` when there is none."""
        if prediction is None:
            self.clear_stages(no_model_text)
            return
        if not prediction.stages:
            self.clear_stages(self.tr("Draw a digit to see the feature maps it produces."))
            return
        self.field28 = prediction.preprocessed.field28
        self.show_stages([(stage.name, stage.tensor.numpy()) for stage in prediction.stages])
        if self.map_open:
            self.inspector.set_trace(self._trace())

    # -- an opened map --------------------------------------------------------------------------
    @property
    def map_open(self) -> bool:
        return self.stack.currentIndex() == 1

    def _trace(self):
        from ...core.explain.activation_arithmetic import ActivationTrace

        return ActivationTrace(self.model, self.field28)

    def open_map(self, name: str, channel: int) -> bool:
        """Open channel ``channel`` (from 0) of the stage ``name``; False when it has no arithmetic (the input)."""
        if name == "input" or self.model is None or self.field28 is None or name not in self._arrays:
            return False
        self.inspector.open(self._trace(), name, channel, self.model_name)
        self.stack.setCurrentIndex(1)
        self.hover_label.hide()  # it is about the mosaics: the opened map needs the room
        self.inspector.map.view.setFocus()
        return True

    def close_map(self) -> None:
        self.stack.setCurrentIndex(0)
        self.hover_label.show()

    def _hit(self, name: str, x: int, y: int) -> tuple[int, int, int] | None:
        array = self._arrays.get(name)
        return None if array is None else tile_at(array.shape[0], array.shape[1], array.shape[2], x, y)

    def _on_hover(self, name: str, view: LabelledImage, x: int, y: int) -> None:
        hit = self._hit(name, x, y)
        if hit is None:
            self._on_leave(view)
            return
        channel, row, col = hit
        array = self._arrays[name]
        plane = array[channel]
        text = self.tr("{stage}, channel {channel} of {channels} ({height}×{width}): values {low} to {high}; here "
                       "(row {row}, column {column}) {value}.").format(
            stage=stage_title(name), channel=channel + 1, channels=array.shape[0], height=plane.shape[0],
            width=plane.shape[1], low=number(float(plane.min())), high=number(float(plane.max())), row=row,
            column=col, value=number(float(plane[row, col])))
        if name != "input":
            text += " " + self.tr("Click to open it.")
        self.hover_label.setText(text)
        view.view.setToolTip(text)

    def _on_leave(self, view: LabelledImage) -> None:
        view.view.setToolTip("")

    def _on_pick(self, name: str, x: int, y: int) -> None:
        hit = self._hit(name, x, y)
        if hit is not None:
            self.open_map(name, hit[0])

    def set_kernels(self, kernels: np.ndarray | None, arch: str = "") -> None:
        """conv1's kernels (C, k, k), shown red for positive weights and blue for negative."""
        if kernels is None:
            self.kernels.set_array(None)
            self.kernels.set_caption(self.tr("conv1's learned kernels appear when a model is loaded."))
            self.kernels.hide()
            return
        count, k = kernels.shape[0], kernels.shape[-1]
        self.kernels.show()
        self.kernels.set_array(tile(kernels_rgb(kernels)))
        if arch:
            caption = self.tr("conv1's {n} learned {k}×{k} kernels ({arch}); red positive, blue negative").format(
                n=count, k=k, arch=arch_name(arch))
        else:
            caption = self.tr("conv1's {n} learned {k}×{k} kernels; red positive, blue negative").format(n=count, k=k)
        self.kernels.set_caption(caption)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def clear_stages(self, text: str) -> None:
        """No input (or no model): the views stay in place, emptied, and ``text`` says why."""
        for view in self._stage_views:
            view.set_array(None)
        self.show_message(text)

    def show_stages(self, stages: Sequence[tuple[str, np.ndarray]]) -> None:
        """``stages``: (name, activations) in order; (C, H, W) maps, and (10,) logits last."""
        self.show_message("")
        maps = [(name, array) for name, array in stages if array.ndim == 3]
        shapes = [array.shape for _name, array in stages]
        chain = shape_chain(tuple(s) for s in shapes)
        text = self.tr("<b>Shapes through the network:</b> {chain}").format(chain=chain)
        if pools_first(name for name, _array in stages):
            text += "<br>" + self.tr("This architecture pools before the activation: the same numbers as the "
                                     "tutorial's conv → ReLU → pool, for a quarter of the work.")
        if not any(array.ndim == 3 for name, array in stages if name != "input"):
            text += "<br>" + self.tr("This network has no conv layer: it makes no feature maps, only the lists of "
                                     "numbers its linear layers compute from the 784 pixels.")
        self.chain_label.setText(text)
        names = [name for name, _array in maps]
        if names != self._stage_names:
            self._rebuild(names)
        self._arrays = dict(maps)
        for (name, array), view in zip(maps, self._stage_views):
            view.set_array(tile(activations_gray(array)))
            view.set_caption(stage_caption(name, array.shape))

    def _rebuild(self, names: list[str]) -> None:
        # Another architecture has other stages: lay the grid out again (rare: only on a model change).
        for view in self._stage_views:
            self._grid.removeWidget(view)
            view.deleteLater()
        self._stage_views = []
        self._grid.removeWidget(self.kernels)
        # The kernels sit between the input and conv1's maps: they are what turns one into the other.
        kernel_cell = 1 if names and names[0] == "input" else 0
        self._grid.addWidget(self.kernels, kernel_cell // COLUMNS, kernel_cell % COLUMNS)
        for index, name in enumerate(names):
            view = LabelledImage(name, 130, self, view=PickableImageView(130))
            view.view.placeholder = self.tr("no input")
            view.view.hovered.connect(lambda x, y, n=name, v=view: self._on_hover(n, v, x, y))
            view.view.left.connect(lambda v=view: self._on_leave(v))
            view.view.picked.connect(lambda x, y, n=name: self._on_pick(n, x, y))
            position = index + (1 if index >= kernel_cell else 0)
            self._grid.addWidget(view, position // COLUMNS, position % COLUMNS)
            self._stage_views.append(view)
        self._stage_names = names


class _EscapeClosesMap(QObject):
    """Takes Esc while an opened map is on screen: closes it, and the window's Clear (on Esc too) is not triggered.

    A shortcut Qt is about to fire is first offered to the focus widget and its
    parents as a ShortcutOverride; accepted, the key comes as a key press
    instead, which reaches this filter unless a child uses Esc itself.
    """

    def __init__(self, network: NetworkView) -> None:
        super().__init__(network)
        self.network = network

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not (isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            return False
        if not (self.network.map_open and self.network.isVisible()):
            return False
        if event.type() == QEvent.Type.KeyPress:
            self.network.close_map()
        event.accept()
        return True
