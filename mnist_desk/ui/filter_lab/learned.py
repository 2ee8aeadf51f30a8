"""“Use a learned kernel”: one of the active model's conv1 kernels into the grid."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ..active_model import ActiveModel

GRID_SIZES = (3, 5)  # the kernel sizes of the Filter Lab's grid


class LearnedKernelBox(QWidget):
    """A button and a kernel number; disabled, with the reason, while no model is active."""

    chosen = Signal(object, str)  # rows of floats, a note for the grid

    def __init__(self, active_model: ActiveModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.active_model = active_model
        self.button = QPushButton(self.tr("Use a learned kernel"), self)
        self.button.setToolTip(self.tr("Put one of the active model's first-layer (conv1) kernels into the grid"))
        self.index = QSpinBox(self)
        self.index.setPrefix(self.tr("kernel "))
        self.index.setRange(1, 16)
        self.index.setToolTip(self.tr("Which of the active model's conv1 kernels to use, counted from 1"))
        self.index.setAccessibleName(self.tr("Learned kernel number"))
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: palette(mid);")
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addWidget(self.index)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.reason)
        self.button.clicked.connect(self.use_kernel)
        active_model.changed.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        model = self.active_model.model
        if model is None:
            self.button.setEnabled(False)
            self.index.setEnabled(False)
            self.reason.setText(self.tr("No model is active yet: load weights or train a model, then its "
                                        "learned 5 × 5 kernels can be tried here."))
            return
        count, size = self._kernel_count()
        usable = count > 0 and size in GRID_SIZES
        self.button.setEnabled(usable)
        self.index.setEnabled(usable)
        self.index.setRange(1, max(1, count))
        name = self.active_model.display_name() or self.tr("the active model")
        if count == 0:
            self.reason.setText(self.tr("{model} has no conv layer, so it has no learned kernels to try here.")
                                .format(model=name))
            return
        if not usable:  # a built network's conv1 may have kernels of any size; the grid has 3 × 3 and 5 × 5
            self.reason.setText(self.tr("{model}'s conv1 kernels are {size} × {size}; the grid here takes 3 × 3 and "
                                        "5 × 5 kernels.").format(model=name, size=size))
            return
        self.reason.setText(self.tr("{count} kernels learned by {model} in conv1.").format(count=count, model=name))

    def _kernel_count(self) -> tuple[int, int]:
        """How many conv1 kernels the active model has, and their side (0, 0 without a conv layer)."""
        from ...core.models import has_conv

        if not has_conv(self.active_model.model):
            return 0, 0
        kernels = self.kernels()
        return int(kernels.shape[0]), int(kernels.shape[-1])

    def kernels(self):
        """The active model's conv1 kernels, (n, k, k) (imports torch: called only once a model exists)."""
        from ...core.models import first_conv_kernels

        return first_conv_kernels(self.active_model.model)

    @Slot()
    def use_kernel(self) -> None:
        if self.active_model.model is None or self._kernel_count()[1] not in GRID_SIZES:
            return
        kernels = self.kernels()
        number = min(self.index.value(), kernels.shape[0])
        rows = tuple(tuple(float(v) for v in row) for row in kernels[number - 1].numpy())
        name = self.active_model.display_name() or self.tr("the active model")
        note = self.tr("Learned kernel {number} of {count} from {model}'s conv1. Only the kernel is used: the "
                       "layer's bias (or batch norm) is left out, so the numbers differ from the model's by a shift "
                       "and a scale; 'rescale' shows the pattern it responds to.").format(
                           number=number, count=kernels.shape[0], model=name)
        self.chosen.emit(rows, note)
