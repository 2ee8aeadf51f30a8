"""The names the window gives the core's keys (architectures, activations, devices), in the user's language.

The core names things with short keys ("desk", "relu", "cpu", "cuda:0"); a user reads
"Desk CNN", "ReLU", "CPU" (桌面 CNN, ReLU, CPU in Chinese). Every place that shows one
of these keys goes through here, so no raw key is left in a translated window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def arch_name(key: str) -> str:
    """The name the window gives an architecture ("desk" → "Desk CNN")."""
    names = {"tutorial": QCoreApplication.translate("TrainForm", "Tutorial CNN"),
             "fast": QCoreApplication.translate("TrainForm", "Fast CNN"),
             "desk": QCoreApplication.translate("TrainForm", "Desk CNN"),
             "custom": QCoreApplication.translate("TrainForm", "Built layer by layer")}
    return names.get(key, key)


def activation_name(key: str) -> str:
    """"relu" → "ReLU", "sigmoid" → "Sigmoid"."""
    names = {"relu": QCoreApplication.translate("TrainForm", "ReLU"),
             "sigmoid": QCoreApplication.translate("TrainForm", "Sigmoid")}
    return names.get(key, key)


def optimizer_name(key: str) -> str:
    """"adam" → "Adam", "sgd" → "SGD"."""
    names = {"adam": QCoreApplication.translate("Names", "Adam"), "sgd": QCoreApplication.translate("Names", "SGD")}
    return names.get(key, key)


def device_name(key: str) -> str:
    """"cpu" → "CPU", "cuda:0" → "CUDA GPU 0", "mps" → "Apple MPS"."""
    kind, _, number = str(key).partition(":")
    if kind == "cpu":
        return QCoreApplication.translate("TrainForm", "CPU")
    if kind == "cuda":
        return QCoreApplication.translate("Names", "CUDA GPU {0}").format(number or "0")
    if kind == "mps":
        return QCoreApplication.translate("TrainForm", "Apple MPS")
    return str(key)
