"""Inside the network: every conv block's feature maps for the current input, and conv1's kernels.

The tutorial's section 1.3 walks through these layers: convolution, ReLU,
max-pooling, again, then the linear layer. The view shows the stages the
active architecture really has (from
:func:`mnist_desk.core.models.forward_with_features`), each with its shape,
so the tutorial's 1×28×28 → 16×28×28 → 16×14×14 → 32×14×14 → 32×7×7 → 10
can be followed on the user's own digit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from .image_view import LabelledImage
from .mosaic import activations_gray, kernels_rgb, tile

COLUMNS = 3


def shape_text(shape: Sequence[int]) -> str:
    return "×".join(str(n) for n in shape)


def stage_caption(name: str, shape: Sequence[int]) -> str:
    """e.g. "conv1 → relu: 16×28×28"; the input is named as such."""
    if name == "input":
        name = QCoreApplication.translate("NetworkView", "input")
    return f"{name}: {shape_text(shape)}"


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
    """Feature-map mosaics per stage, the shape chain, and conv1's learned kernels."""

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

        body = QWidget()
        self._grid = QGridLayout(body)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.addWidget(self.kernels, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chain_label)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        self.set_kernels(None)

    @property
    def stage_names(self) -> list[str]:
        return list(self._stage_names)

    def stage_view(self, name: str) -> LabelledImage:
        return self._stage_views[self._stage_names.index(name)]

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
        self.kernels.set_caption(self.tr("conv1's {n} learned {k}×{k} kernels ({arch}); red positive, blue negative")
                                 .format(n=count, k=k, arch=arch))

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
        self.chain_label.setText(text)
        names = [name for name, _array in maps]
        if names != self._stage_names:
            self._rebuild(names)
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
            view = LabelledImage(name, 130, self)
            view.view.placeholder = self.tr("no input")
            position = index + (1 if index >= kernel_cell else 0)
            self._grid.addWidget(view, position // COLUMNS, position % COLUMNS)
            self._stage_views.append(view)
        self._stage_names = names
