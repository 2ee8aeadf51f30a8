"""The status bar's words for the active model: which weights, their accuracy, or what is loading."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from .active_model import ActiveModel
from .architecture.names import network_name

translate = QCoreApplication.translate


def model_status_text(model: ActiveModel) -> str:
    """e.g. "Weights: mnist_desk.pt — test accuracy 99.63 % (Desk CNN)", or "Loading the shipped weights…"."""
    if model.ready:
        accuracy = model.test_accuracy
        text = translate("MainWindow", "Weights: {name}").format(name=model.display_name())
        if accuracy is not None:
            text += " — " + translate("MainWindow", "test accuracy {acc:.2f} %").format(acc=accuracy * 100)
        else:
            text += " — " + translate("MainWindow", "test accuracy unknown")
        if model.checkpoint is not None:  # "（桌面 CNN）" in Chinese; a built network by its sizes
            text = translate("MainWindow", "{weights} ({network})").format(weights=text,
                                                                             network=network_name(model.checkpoint))
        return text
    if model.loading:
        from ..core.paths import default_weights_path

        path = Path(model.loading_path) if model.loading_path else None
        if path is None or path == default_weights_path():
            return translate("MainWindow", "Loading the shipped weights…")
        return translate("MainWindow", "Loading {name}…").format(name=path.name)
    if model.load_error:
        return translate("MainWindow", "No model loaded ({why}) — load weights or train one").format(
            why=model.load_error)
    return translate("MainWindow", "No model loaded — load weights or train one")
