"""The training settings form; its defaults are the tutorial's (Adam, 0.001, batch 50, 10 epochs).

Choices are stored as plain values (no torch here: the tab must construct
fast) and remembered in QSettings under ``train/``.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ..names import activation_name, arch_name

# The tutorial's hyper-parameters (section 2.5) and MNIST Desk's extras.
DEFAULTS: dict[str, Any] = {
    "arch": "tutorial", "activation": "relu", "optimizer": "adam", "lr": 0.001, "schedule": "constant",
    "batch_size": 50, "epochs": 10, "test_every": 200, "augment": False, "seed": 0, "device": "auto",
}
# The quickest way to 99 % test accuracy on a CPU (bench/time_to_99.py: 11-12 s on two cores;
# 15 s with a test at every epoch end).
FASTEST_TO_99: dict[str, Any] = {
    "arch": "fast", "activation": "relu", "optimizer": "adam", "lr": 0.015, "schedule": "onecycle",
    "batch_size": 128, "epochs": 3, "augment": False,
}
LEARNING_RATES = ("0.1", "0.03", "0.01", "0.003", "0.001", "0.0003", "0.0001")
LOG_EVERY = 5  # steps per record: several a second even for the tutorial CNN on a slow CPU
TEST_SUBSET = 1000  # test digits measured every "test every" steps (the full 10,000 at each epoch end)


class InvalidSetting(ValueError):
    """A form value that cannot be used; the message is for the user."""


class TrainForm(QWidget):
    """Architecture, activation, optimizer, learning rate and its schedule, batch size, epochs,
    test interval, augmentation, seed and device."""

    changed = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.arch = QComboBox(self)
        for key, text, tip in (
            ("tutorial", arch_name("tutorial"), self.tr("The tutorial's CNN: two 5×5 conv blocks (16, 32 filters) "
                                                          "and a linear layer.")),
            ("fast", arch_name("fast"), self.tr("Two strided conv layers (16, 32 filters) with batch norm, no "
                                                  "pooling: the quickest to train. 99 % in three epochs with Adam, "
                                                  "batch 128 and a one-cycle learning rate of 0.015.")),
            ("desk", arch_name("desk"), self.tr("Three conv blocks with batch norm and dropout (about 90k "
                                                  "parameters), as the shipped weights.")),
            ("custom", arch_name("custom"), self.tr("Your own network, built layer by layer in the Network panel "
                                                      "(the tutorial's section 1.3 network to start with).")),
        ):
            self.arch.addItem(text, key)
            self.arch.setItemData(self.arch.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.activation = QComboBox(self)
        self.activation.addItem(activation_name("relu"), "relu")
        self.activation.addItem(activation_name("sigmoid"), "sigmoid")
        self.activation.setToolTip(self.tr("The tutorial (2.1) says ReLU converges far faster than Sigmoid: "
                                           "train both and compare them on the chart."))
        self.optimizer = QComboBox(self)
        self.optimizer.addItem(self.tr("Adam"), "adam")
        self.optimizer.addItem(self.tr("SGD with momentum 0.9"), "sgd")
        self.lr = QComboBox(self)
        self.lr.setEditable(True)
        self.lr.addItems(LEARNING_RATES)
        # No validator: one silently drops what it rejects (a typed "-1" became 1). Whatever is
        # typed stays as typed; a wrong value is marked at once and Start says why it cannot start.
        self.lr.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._lr_tip = self.tr("Step size of the optimizer; the tutorial uses 0.001 with Adam.")
        self.lr.setToolTip(self._lr_tip)
        self.lr.currentTextChanged.connect(self._mark_learning_rate)
        self.schedule = QComboBox(self)
        self.schedule.addItem(self.tr("Constant"), "constant")
        self.schedule.addItem(self.tr("One-cycle"), "onecycle")
        self.schedule.setToolTip(self.tr("One-cycle warms the learning rate up to the value above, then anneals "
                                         "it to almost zero by the last step: a short run ends well trained."))
        self.batch_size = QSpinBox(self)
        self.batch_size.setRange(1, 4096)
        self.epochs = QSpinBox(self)
        self.epochs.setRange(1, 500)
        self.test_every = QSpinBox(self)
        self.test_every.setRange(0, 1_000_000)
        self.test_every.setSingleStep(50)
        self.test_every.setSuffix(self.tr(" steps"))
        self.test_every.setSpecialValueText(self.tr("epoch ends only"))
        self.test_every.setToolTip(self.tr("Also measure the accuracy on the first {0:,} test digits this often "
                                           "(the full 10,000 are measured at every epoch end).").format(TEST_SUBSET))
        self.augment = QCheckBox(self.tr("Rotate, scale, shift and re-thicken digits"), self)
        self.augment.setToolTip(self.tr("Random changes to each batch make the network robust to digits drawn "
                                        "with a mouse (training takes a little longer)."))
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 2_147_483_647)
        self.seed.setToolTip(self.tr("Same seed and settings: the same run again."))
        self.device = QComboBox(self)
        self.device.addItem(self.tr("Automatic"), "auto")
        self.device.addItem(self.tr("CPU"), "cpu")
        self.defaults_button = QPushButton(self.tr("Tutorial defaults"), self)
        self.defaults_button.setToolTip(self.tr("Adam, learning rate 0.001, batch size 50, 10 epochs"))
        self.defaults_button.clicked.connect(self.reset_defaults)
        self.fastest_button = QPushButton(self.tr("Fastest to 99 %"), self)
        self.fastest_button.setToolTip(self.tr("Fast CNN, Adam with a one-cycle learning rate up to 0.015, batch "
                                               "128, 3 epochs: 99 % test accuracy in about 15 s on a 2-core CPU"))
        self.fastest_button.clicked.connect(self.use_fastest_recipe)

        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(self.tr("&Architecture:"), self.arch)
        layout.addRow(self.tr("A&ctivation:"), self.activation)
        layout.addRow(self.tr("&Optimizer:"), self.optimizer)
        layout.addRow(self.tr("&Learning rate:"), self.lr)
        layout.addRow(self.tr("Sc&hedule:"), self.schedule)
        layout.addRow(self.tr("&Batch size:"), self.batch_size)
        layout.addRow(self.tr("&Epochs:"), self.epochs)
        layout.addRow(self.tr("&Test every:"), self.test_every)
        layout.addRow(self.tr("A&ugmentation:"), self.augment)
        layout.addRow(self.tr("&Seed:"), self.seed)
        layout.addRow(self.tr("&Device:"), self.device)
        buttons = QHBoxLayout()
        buttons.addWidget(self.defaults_button)
        buttons.addWidget(self.fastest_button)
        buttons.addStretch(1)
        layout.addRow("", buttons)

        self.set_values({**DEFAULTS, **self._stored()})
        for combo in (self.arch, self.activation, self.optimizer, self.schedule, self.device):
            combo.currentIndexChanged.connect(self._on_changed)
        self.lr.currentTextChanged.connect(self._on_changed)
        for spin in (self.batch_size, self.epochs, self.test_every, self.seed):
            spin.valueChanged.connect(self._on_changed)
        self.augment.toggled.connect(self._on_changed)

    # -- values -------------------------------------------------------------------------------
    def _stored(self) -> dict[str, Any]:
        stored: dict[str, Any] = {}
        for key, default in DEFAULTS.items():
            value = self.settings.value(f"train/{key}", None)
            if value is None:
                continue
            try:
                if isinstance(default, bool):
                    stored[key] = value in (True, "true", "1", 1)
                else:
                    stored[key] = type(default)(value)
            except (TypeError, ValueError):
                continue  # a hand-edited settings file: keep the default
        return stored

    def set_values(self, values: dict[str, Any]) -> None:
        """Show ``values`` (e.g. a loaded checkpoint's hparams); unknown keys are ignored."""
        for combo, key in ((self.arch, "arch"), (self.activation, "activation"), (self.optimizer, "optimizer"),
                           (self.schedule, "schedule"), (self.device, "device")):
            if key in values:
                index = combo.findData(values[key])
                if index < 0 and key == "device":
                    combo.addItem(str(values[key]), values[key])
                    index = combo.count() - 1
                if index >= 0:
                    combo.setCurrentIndex(index)
        if "lr" in values:
            self.lr.setCurrentText(f"{float(values['lr']):g}")
        for spin, key in ((self.batch_size, "batch_size"), (self.epochs, "epochs"), (self.test_every, "test_every"),
                          (self.seed, "seed")):
            if key in values:
                spin.setValue(int(values[key]))
        if "augment" in values:
            self.augment.setChecked(bool(values["augment"]))

    def learning_rate(self) -> float:
        """The learning rate typed or chosen.

        Raises
        ------
        InvalidSetting
            When it is not a positive number.
        """
        text = self.lr.currentText().strip().replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise InvalidSetting(self.tr("The learning rate “{0}” is not a number; type one such as 0.001.")
                                 .format(text)) from None
        if not (math.isfinite(value) and 0 < value <= 10):
            raise InvalidSetting(self.tr("The learning rate must be a positive number up to 10, such as 0.001 "
                                         "(not {0}).").format(text))
        return value

    @Slot()
    def _mark_learning_rate(self) -> None:
        """A red frame and the reason in the tooltip while the typed learning rate cannot be used."""
        try:
            self.learning_rate()
        except InvalidSetting as error:
            self.lr.lineEdit().setStyleSheet("color: #b00020; font-weight: bold;")
            self.lr.setToolTip(str(error))
            self.lr.setProperty("invalid", True)
            return
        self.lr.lineEdit().setStyleSheet("")
        self.lr.setToolTip(self._lr_tip)
        self.lr.setProperty("invalid", False)

    def values(self) -> dict[str, Any]:
        """The TrainConfig fields chosen here, as plain values.

        Raises
        ------
        InvalidSetting
            For a value that cannot be used (the message says which and why).
        """
        return {
            "arch": self.arch.currentData(),
            "activation": self.activation.currentData(),
            "optimizer": self.optimizer.currentData(),
            "lr": self.learning_rate(),
            "schedule": self.schedule.currentData(),
            "batch_size": self.batch_size.value(),
            "epochs": self.epochs.value(),
            "test_every": self.test_every.value(),
            "test_subset": TEST_SUBSET,
            "augment": self.augment.isChecked(),
            "seed": self.seed.value(),
            "device": self.device.currentData(),
            "log_every": LOG_EVERY,
            "hold_out": None,  # the default share of the training digits calibrates the 'no digit' answer
        }

    def describe(self, network: str | None = None) -> str:
        """A short label for the chart legend, e.g. "Tutorial CNN · ReLU · Adam 0.001 · batch 50".

        ``network``: a built network's name, in place of the architecture and activation (its layers have theirs).
        """
        try:
            lr = f"{self.learning_rate():g}"
        except InvalidSetting:
            lr = self.lr.currentText()
        optimizer = self.tr("Adam") if self.optimizer.currentData() == "adam" else self.tr("SGD")
        parts = [self.arch.currentText(), self.activation.currentText(), f"{optimizer} {lr}",
                 self.tr("batch {0}").format(self.batch_size.value())]
        if network is not None:
            parts[:2] = [network]
        if self.schedule.currentData() == "onecycle":
            parts.insert(len(parts) - 1, self.tr("one-cycle"))
        if self.augment.isChecked():
            parts.append(self.tr("augmented"))
        return " · ".join(parts)

    @Slot()
    def reset_defaults(self) -> None:
        self.set_values(DEFAULTS)

    @Slot()
    def use_fastest_recipe(self) -> None:
        """The Fast CNN's recipe to 99 % (device, seed and test interval stay as chosen)."""
        self.set_values(FASTEST_TO_99)

    @Slot()
    def _on_changed(self) -> None:
        for key, value in (("arch", self.arch.currentData()), ("activation", self.activation.currentData()),
                           ("optimizer", self.optimizer.currentData()), ("lr", self.lr.currentText()),
                           ("schedule", self.schedule.currentData()),
                           ("batch_size", self.batch_size.value()), ("epochs", self.epochs.value()),
                           ("test_every", self.test_every.value()), ("augment", self.augment.isChecked()),
                           ("seed", self.seed.value()), ("device", self.device.currentData())):
            self.settings.setValue(f"train/{key}", value)
        self.changed.emit()

    def add_available_devices(self) -> None:
        """Offer CUDA / Apple MPS when present (needs torch: called once it is loaded)."""
        import torch

        found = []
        if torch.cuda.is_available():
            found.append(("cuda", self.tr("CUDA ({0})").format(torch.cuda.get_device_name(0))))
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            found.append(("mps", self.tr("Apple MPS")))
        for key, text in found:
            index = self.device.findData(key)
            if index < 0:
                self.device.addItem(text, key)
            else:  # remembered from an earlier session: give it its proper name
                self.device.setItemText(index, text)
