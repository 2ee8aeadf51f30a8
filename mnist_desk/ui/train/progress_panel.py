"""Where a run stands: epoch and overall progress bars, images/s, elapsed time and ETA."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QWidget


def format_duration(seconds: float | None) -> str:
    """1:02:03 / 4:05; "–" when unknown."""
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return "–"
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_percent(value: float | None) -> str:
    return "–" if value is None else QCoreApplication.translate("ProgressPanel", "{0:.2f} %").format(value * 100)


class ProgressPanel(QWidget):
    """Shows a run's progress from its records (plain dicts)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.epoch_bar = QProgressBar(self)
        self.epoch_bar.setFormat(self.tr("epoch –"))
        self.total_bar = QProgressBar(self)
        self.total_bar.setFormat(self.tr("step –"))
        self.speed = QLabel("–", self)
        self.times = QLabel("–", self)
        self.accuracy = QLabel(self.tr("Test accuracy: –"), self)
        self.status = QLabel(self.tr("Not started."), self)
        self.status.setWordWrap(True)
        self.accuracy.setWordWrap(True)
        # Compact, above the chart: bars side by side, then the numbers, then what is happening.
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Epoch:"), self), 0, 0)
        layout.addWidget(self.epoch_bar, 0, 1)
        layout.addWidget(QLabel(self.tr("Run:"), self), 0, 2)
        layout.addWidget(self.total_bar, 0, 3)
        layout.addWidget(self.speed, 1, 0, 1, 2)
        layout.addWidget(self.times, 1, 2, 1, 2)
        layout.addWidget(self.accuracy, 2, 0, 1, 4)
        layout.addWidget(self.status, 3, 0, 1, 4)
        layout.setColumnStretch(1, 1)
        layout.setColumnStretch(3, 1)
        self._best: float | None = None
        self._device = "?"
        self.status_is_error = False

    def reset(self, info: dict[str, Any]) -> None:
        """A run (re)started: ``info`` is the worker's "started" item."""
        total = max(int(info["steps_total"]), 1)
        per_epoch = max(int(info["steps_per_epoch"]), 1)
        self.total_bar.setRange(0, total)
        self.total_bar.setValue(int(info["start_step"]))
        self.total_bar.setFormat(self.tr("step %v of %m (%p%)"))
        self.epoch_bar.setRange(0, per_epoch)
        self.epoch_bar.setValue(int(info["start_step"]) - int(info["start_epoch"]) * per_epoch)
        self.epoch_bar.setFormat(self.tr("epoch {0} of {1}: step %v of %m").format(
            min(int(info["start_epoch"]) + 1, int(info["epochs"])), info["epochs"]))
        self.speed.setText(self.tr("– images/s on {0}").format(info["device"]))
        self._device = info["device"]
        self.times.setText("–")
        self._best = None
        self.accuracy.setText(self.tr("Test accuracy: –"))

    def show_record(self, record: dict[str, Any]) -> None:
        epoch, epochs = int(record["epoch"]), int(record["epochs"])
        self.total_bar.setMaximum(max(int(record["steps_total"]), 1))
        self.total_bar.setValue(int(record["step"]))
        self.epoch_bar.setMaximum(max(int(record["steps_per_epoch"]), 1))
        self.epoch_bar.setValue(int(record["step_in_epoch"]))
        self.epoch_bar.setFormat(self.tr("epoch {0} of {1}: step %v of %m").format(epoch + 1, epochs))
        self.speed.setText(self.tr("{0:,.0f} images/s on {1}").format(record["images_per_s"],
                                                                         self._device))
        self.times.setText(self.tr("{0} elapsed, about {1} left").format(
            format_duration(record["elapsed_s"]), format_duration(record["eta_s"])))
        accuracy = record.get("test_accuracy")
        if accuracy is not None:
            if record.get("kind") == "epoch":  # on all test digits; a "test" record is on a subset
                self._best = accuracy if self._best is None else max(self._best, accuracy)
                text = self.tr("Test accuracy {0} on all test digits after epoch {1}").format(
                    format_percent(accuracy), epoch + 1)
            else:
                text = self.tr("Test accuracy {0} on a test subset at step {1:,}").format(
                    format_percent(accuracy), int(record["step"]))
            if self._best is not None:
                text += self.tr("; best epoch so far: {0}").format(format_percent(self._best))
            self.accuracy.setText(text)

    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status_is_error = error
