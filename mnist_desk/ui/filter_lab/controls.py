"""Stride, padding, pooling and display controls, with the texts that describe them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QSpinBox, QVBoxLayout, QWidget

from ...core.filters.pipeline import FilterSettings, Stage


def _combo(parent: QWidget, items: list[tuple[str, object, str]]) -> QComboBox:
    box = QComboBox(parent)
    for text, data, tip in items:
        box.addItem(text, data)
        box.setItemData(box.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
    return box


class ChainControls(QWidget):
    """Sliding (stride, padding), pooling (with ReLU) and display choices; ``changed`` on every edit.

    The display choice (:attr:`display`) is made here but shown under the
    result (:meth:`.views_panel.LabViews.add_display_choice`), beside the line
    that says what it does.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        slide = QGroupBox(self.tr("Sliding the kernel"), self)
        self.stride = QSpinBox(slide)
        self.stride.setRange(1, 4)
        self.stride.setToolTip(self.tr("How many pixels the kernel moves at each step (the tutorial: 1, 2, 3 or 4)"))
        self.padding = _combo(slide, [
            (self.tr("none (valid)"), 0, self.tr("The kernel stays inside the picture: the result shrinks by k − 1")),
            (self.tr("same"), "same", self.tr("(k − 1) / 2 pixels on each side: with stride 1 the size is kept "
                                              "(PyTorch allows 'same' at stride 1 only; here a larger stride "
                                              "gets the same (k − 1) / 2 pixels)")),
            (self.tr("1 pixel"), 1, ""), (self.tr("2 pixels"), 2, ""), (self.tr("3 pixels"), 3, ""),
            (self.tr("4 pixels"), 4, ""),
        ])
        self.padding_mode = _combo(slide, [
            (self.tr("zeros"), "zeros", self.tr("Pad with 0 (black): the tutorial's padding_mode='zeros'")),
            (self.tr("reflect"), "reflect", self.tr("Mirror the picture at its edge, not repeating the edge pixel")),
            (self.tr("replicate"), "replicate", self.tr("Repeat the edge pixel outwards")),
            (self.tr("circular"), "circular", self.tr("Wrap around: the right edge continues on the left")),
        ])
        self.padding.setToolTip(self.tr("Pixels added around the picture before the kernel slides "
                                        "(nn.Conv2d's padding)"))
        self.padding_mode.setToolTip(self.tr("What the added pixels hold (nn.Conv2d's padding_mode)"))
        form = QFormLayout(slide)
        form.addRow(self.tr("Stride:"), self.stride)
        form.addRow(self.tr("Padding:"), self.padding)
        form.addRow(self.tr("Padding mode:"), self.padding_mode)

        pooling = QGroupBox(self.tr("Pooling"), self)
        self.pool = _combo(pooling, [
            (self.tr("none"), None, ""),
            (self.tr("max"), "max", self.tr("Keep the largest value of each window (nn.MaxPool2d)")),
            (self.tr("average"), "avg", self.tr("Keep the mean of each window (nn.AvgPool2d)")),
        ])
        self.pool.setToolTip(self.tr("Shrink a picture by keeping one value per window (the tutorial's section 1.2)"))
        self.pool_size = QSpinBox(pooling)
        self.pool_size.setRange(1, 8)
        self.pool_size.setValue(2)
        self.pool_size.setToolTip(self.tr("Side of the square pooling window (nn.MaxPool2d's kernel_size)"))
        self.pool_stride = QSpinBox(pooling)
        self.pool_stride.setRange(0, 8)
        self.pool_stride.setSpecialValueText(self.tr("= size"))
        self.pool_stride.setToolTip(self.tr("The window's step; '= size' is PyTorch's default (windows do not "
                                            "overlap)"))
        self.pool_on = _combo(pooling, [
            (self.tr("the convolution's result"), "conv", ""),
            (self.tr("the original picture"), "original",
             self.tr("Pool the picture itself, as the tutorial's section 1.2")),
        ])
        self.pool_on.setToolTip(self.tr("Pool the convolution's result (one CNN layer) or the original picture"))
        self.relu = QCheckBox(self.tr("ReLU after the convolution"), pooling)
        self.relu.setToolTip(self.tr("max(0, x): negative results become 0, as nn.ReLU"))
        layer_note = QLabel(self.tr("Convolution → ReLU → max pool is one layer of a CNN: the tutorial's conv1 block "
                               "(16 kernels 5 × 5, padding 2, ReLU, max pool 2)."), pooling)
        layer_note.setWordWrap(True)
        layer_note.setStyleSheet("color: palette(mid);")
        pool_form = QFormLayout(pooling)
        pool_form.addRow(self.tr("Pool:"), self.pool)
        pool_form.addRow(self.tr("Window:"), self.pool_size)
        pool_form.addRow(self.tr("Stride:"), self.pool_stride)
        pool_form.addRow(self.tr("Applied to:"), self.pool_on)
        pool_layout = QVBoxLayout()
        pool_layout.addWidget(self.relu)
        pool_layout.addWidget(layer_note)
        pool_form.addRow(pool_layout)

        self.display = _combo(self, [
            (self.tr("rescale min … max"), "rescale",
             self.tr("The smallest value becomes black, the largest white: how the tutorial's plt.imshow shows it")),
            (self.tr("clip to 0 … 255"), "clip", self.tr("Negative values black, values above 255 white")),
            (self.tr("absolute value"), "abs", self.tr("|x| clipped at 255: edges of both signs show bright")),
        ])
        self.display.setToolTip(self.tr("How values below 0 or above 255 are shown; a saved .npy keeps the raw "
                                        "numbers"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for group in (slide, pooling):
            layout.addWidget(group)
        for box in (self.padding, self.padding_mode, self.pool, self.pool_on, self.display):
            box.currentIndexChanged.connect(self._on_change)
        for spin in (self.stride, self.pool_size, self.pool_stride):
            spin.valueChanged.connect(self._on_change)
        self.relu.toggled.connect(self._on_change)
        self._enable()

    def _on_change(self, *_args) -> None:
        self._enable()
        self.changed.emit()

    def _enable(self) -> None:
        pooling = self.pool.currentData() is not None
        convolving = not (pooling and self.pool_on.currentData() == "original")
        self.padding_mode.setEnabled(convolving and self.padding.currentData() != 0)
        for widget in (self.pool_size, self.pool_stride, self.pool_on):
            widget.setEnabled(pooling)
        for widget in (self.stride, self.padding, self.relu):
            widget.setEnabled(convolving)

    def set_display(self, mode: str) -> None:
        """Show results as ``mode`` ("clip", "abs" or "rescale") without a ``changed`` of its own."""
        blocked = self.display.blockSignals(True)
        self.display.setCurrentIndex(max(0, self.display.findData(mode)))
        self.display.blockSignals(blocked)

    def settings(self, kernel, divisor: float | None, offset: float) -> FilterSettings:
        return FilterSettings(
            kernel=kernel, stride=self.stride.value(), padding=self.padding.currentData(),
            padding_mode=self.padding_mode.currentData(), divisor=divisor, offset=offset,
            relu=self.relu.isChecked(), pool=self.pool.currentData(), pool_size=self.pool_size.value(),
            pool_stride=self.pool_stride.value() or None, pool_on=self.pool_on.currentData(),
            display=self.display.currentData())

    # -- remembering ------------------------------------------------------------------------
    def save(self, settings: QSettings, prefix: str) -> None:
        for name in ("padding", "padding_mode", "pool", "pool_on", "display"):
            settings.setValue(prefix + name, getattr(self, name).currentIndex())
        for name in ("stride", "pool_size", "pool_stride"):
            settings.setValue(prefix + name, getattr(self, name).value())
        settings.setValue(prefix + "relu", self.relu.isChecked())

    def restore(self, settings: QSettings, prefix: str) -> None:
        def number(name: str, default: int) -> int:
            try:
                return int(settings.value(prefix + name, default))
            except (TypeError, ValueError):
                return default

        widgets = (self.padding, self.padding_mode, self.pool, self.pool_on, self.display,
                   self.stride, self.pool_size, self.pool_stride, self.relu)
        for widget in widgets:
            widget.blockSignals(True)
        for name in ("padding", "padding_mode", "pool", "pool_on", "display"):
            box = getattr(self, name)
            index = number(name, box.currentIndex())
            box.setCurrentIndex(index if 0 <= index < box.count() else 0)
        for name in ("stride", "pool_size", "pool_stride"):
            spin = getattr(self, name)
            spin.setValue(number(name, spin.value()))  # QSpinBox clamps to its range
        self.relu.setChecked(str(settings.value(prefix + "relu", False)).lower() in ("true", "1"))
        for widget in widgets:
            widget.blockSignals(False)
        self._enable()


def format_chain(stages: list[Stage], settings: FilterSettings) -> str:
    """E.g. "886 × 878 → conv 3×3, stride 1, no padding → 884 × 876 → max pool 2 → 442 × 438"."""
    translate = QCoreApplication.translate  # spelt out with its context: pyside6-lupdate reads it so

    def shape(stage: Stage) -> str:
        return f"{stage.shape[0]} × {stage.shape[1]}"

    parts = [shape(stages[0])]
    for stage in stages[1:]:
        if stage.kind == "conv":
            k = settings.kernel_size
            pad = settings.padding_pixels
            if pad == 0:
                padding = translate("FilterChain", "no padding")
            else:
                padding = translate("FilterChain", "padding {pixels}").format(pixels=pad)
                if settings.padding == "same" and settings.stride == 1:  # only then is the size kept
                    padding += translate("FilterChain", " ('same')")
                if settings.padding_mode != "zeros":
                    modes = {"reflect": translate("FilterChain", "reflect"),
                             "replicate": translate("FilterChain", "replicate"),
                             "circular": translate("FilterChain", "circular")}
                    padding += " (" + modes.get(settings.padding_mode, settings.padding_mode) + ")"
            parts.append(translate("FilterChain", "conv {size}×{size}, stride {stride}, {padding}")
                         .format(size=k, stride=settings.stride, padding=padding))
            parts.append(shape(stage))
        elif stage.kind == "relu":
            parts.append(translate("FilterChain", "ReLU"))
        elif stage.kind == "pool":
            if settings.pool == "max":
                kind = translate("FilterChain", "max pool")
            else:
                kind = translate("FilterChain", "average pool")
            text = f"{kind} {settings.pool_size}"
            if settings.pool_stride is not None and settings.pool_stride != settings.pool_size:
                text += translate("FilterChain", ", stride {stride}").format(stride=settings.pool_stride)
            parts.append(text)
            parts.append(shape(stage))
    return " → ".join(parts)
