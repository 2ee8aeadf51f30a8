"""The selected layer's fields: its kind, and the numbers that kind has (filters, kernel, stride, padding …)."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from ...core.layers.shapes import MAX_FILTERS, MAX_STRIDE, MAX_UNITS, MAX_WINDOW
from ...core.layers.spec import CONV, DROPOUT, FIELDS, KINDS, LINEAR, POOL_KINDS, Layer
from .texts import kind_name, kind_tip


def default_layer(kind: str, last: bool = False) -> Layer:
    """A new layer of ``kind`` with numbers that usually work: a 3×3 conv that keeps the size, a 2×2 pool …

    ``last``: it ends the network (a linear layer there gets the ten outputs).
    """
    if kind == CONV:
        return Layer(CONV, filters=8, kernel=3, stride=1, padding=1)
    if kind in POOL_KINDS:
        return Layer(kind, kernel=2, stride=2)
    if kind == DROPOUT:
        return Layer(DROPOUT, p=0.25)
    if kind == LINEAR:
        return Layer(LINEAR, units=10 if last else 64)
    return Layer(kind)


def changed_kind(layer: Layer, kind: str) -> Layer:
    """``layer`` as another kind, keeping the numbers the two kinds share (a conv's kernel for a pool …)."""
    fresh = default_layer(kind)
    shared = {name: getattr(layer, name) for name in FIELDS[kind] if name in FIELDS[layer.kind]}
    if kind in POOL_KINDS and layer.kind == CONV:
        shared.pop("stride", None)  # a conv's stride 1 would make an overlapping pool
    return Layer(kind, **{name: shared.get(name, getattr(fresh, name)) for name in FIELDS[kind]})


class LayerFields(QWidget):
    """Edits one layer; ``edited(layer)`` at every change a user makes (not when :meth:`show_layer` fills it)."""

    edited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox(self)
        for kind in KINDS:
            self.kind.addItem(kind_name(kind), kind)
        self.kind.setToolTip(self.tr("What the layer does; the numbers it shares with the new kind are kept."))
        self.filters = self._spin(1, MAX_FILTERS, self.tr("How many kernels the conv learns: one output map each."))
        self.kernel = self._spin(1, MAX_WINDOW, self.tr("The side of the kernel or of the pooling window."))
        self.kernel.setSuffix(self.tr(" px"))
        self.stride = self._spin(1, MAX_STRIDE, self.tr("How far the window moves at each step; 2 halves the maps."))
        self.padding = self._spin(0, MAX_WINDOW - 1, self.tr("Rows and columns of zeros around the input; (kernel − "
                                                             "1) / 2 keeps the maps' size."))
        self.units = self._spin(1, MAX_UNITS, self.tr("How many numbers the linear layer outputs (10 for the "
                                                      "last one: one score per digit)."))
        self.p = QDoubleSpinBox(self)
        self.p.setRange(0.0, 0.95)
        self.p.setSingleStep(0.05)
        self.p.setDecimals(2)
        self.p.setToolTip(self.tr("The fraction of numbers set to zero at each training step."))
        self.p.valueChanged.connect(self._on_changed)
        self.about = QLabel(self)
        self.about.setWordWrap(True)
        self.about.setStyleSheet("color: palette(mid);")
        self._fields = {"filters": self.filters, "kernel": self.kernel, "stride": self.stride,
                        "padding": self.padding, "units": self.units, "p": self.p}
        names = {"filters": self.tr("&Filters:"), "kernel": self.tr("K&ernel:"), "stride": self.tr("St&ride:"),
                 "padding": self.tr("&Padding:"), "units": self.tr("&Outputs:"), "p": self.tr("&Drop fraction:")}
        kind_row = QHBoxLayout()
        kind_label = QLabel(self.tr("&Kind:"), self)
        kind_label.setBuddy(self.kind)
        kind_row.addWidget(kind_label)
        kind_row.addWidget(self.kind, 1)
        numbers = QHBoxLayout()  # the kind's numbers side by side: a row of the editor, not a tall form
        self._labels: dict[str, QLabel] = {}
        for name, box in self._fields.items():
            label = QLabel(names[name], self)
            label.setBuddy(box)
            self._labels[name] = label
            numbers.addWidget(label)
            numbers.addWidget(box)
        numbers.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(kind_row)
        layout.addLayout(numbers)
        layout.addWidget(self.about)
        self.layer: Layer | None = None
        self._filling = False
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.show_layer(None)

    def _spin(self, low: int, high: int, tip: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        spin.setToolTip(tip)
        spin.setKeyboardTracking(True)  # every digit typed updates the shapes at once
        spin.valueChanged.connect(self._on_changed)
        return spin

    def show_layer(self, layer: Layer | None) -> None:
        """Fill the fields with ``layer`` (``None``: nothing selected, all disabled)."""
        self.layer = layer
        self._filling = True
        try:
            self.kind.setEnabled(layer is not None)
            if layer is not None:
                self.kind.setCurrentIndex(self.kind.findData(layer.kind))
            for name, box in self._fields.items():
                shown = layer is not None and name in FIELDS[layer.kind]
                if box.isVisibleTo(self) != shown:  # showing and hiding lays the row out again: only on a change
                    box.setVisible(shown)
                    self._labels[name].setVisible(shown)
                if shown:
                    box.setValue(getattr(layer, name))
            self.about.setText(kind_tip(layer.kind) if layer is not None else
                               self.tr("Select a layer to change it, or add one."))
        finally:
            self._filling = False

    def current(self) -> Layer | None:
        """The layer the fields show now."""
        if self.layer is None:
            return None
        kind = self.kind.currentData()
        values = {name: self._fields[name].value() for name in FIELDS[kind]}
        return Layer(kind, **values)

    @Slot()
    def _on_kind(self) -> None:
        if self._filling or self.layer is None:
            return
        layer = changed_kind(self.layer, self.kind.currentData())
        self.show_layer(layer)
        self.edited.emit(layer)

    @Slot()
    def _on_changed(self) -> None:
        if self._filling or self.layer is None:
            return
        layer = self.current()
        self.layer = layer
        self.edited.emit(layer)
