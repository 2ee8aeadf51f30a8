"""Where a run stands: epoch and overall progress bars, images/s, elapsed time and ETA.

images/s is measured over the last :data:`SPEED_WINDOW_S` seconds of training
(the records' ``samples_seen`` and ``elapsed_s``, which leave pauses out), not
per record: a record covers a handful of batches, whose own rate swings with
every test pass and every hiccup of a shared machine. While the run is paused
the rate shows nothing and the estimate of the time left stays as it was. The
time shown is training time: the core leaves out pauses and what is done with
a checkpoint (saving it, calibrating its "no digit" answer), so a run paused
for a minute does not look slower after it resumes.
"""

from __future__ import annotations

import math
from collections import deque
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QWidget

from ..names import device_name

SPEED_WINDOW_S = 5.0  # images/s averaged over this much training time


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
        for bar in (self.epoch_bar, self.total_bar):
            bar.setValue(0)  # a bar with no value shows no text: before a run it looked like an empty text field
        self.speed = QLabel("–", self)
        self.times = QLabel("–", self)
        self.times.setToolTip(self.tr("Time spent training: pauses, and the calibrations a checkpoint waits for, are "
                                      "left out"))
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
        self._recent: deque[tuple[float, int]] = deque()  # (elapsed_s, samples_seen) of the last records
        self._rate: float | None = None
        self._times = "–"
        self.paused = False
        self.status_is_error = False

    def reset(self, info: dict[str, Any]) -> None:
        """A run (re)started: ``info`` is the worker's "started" item."""
        total = max(int(info["steps_total"]), 1)
        per_epoch = max(int(info["steps_per_epoch"]), 1)
        self.total_bar.setRange(0, total)
        self.total_bar.setValue(int(info["start_step"]))
        self.total_bar.setFormat(self.tr("step %v of %m (%p%)"))
        self.epoch_bar.setRange(0, per_epoch)
        in_epoch = info.get("start_step_in_epoch", int(info["start_step"]) - int(info["start_epoch"]) * per_epoch)
        self.epoch_bar.setValue(int(in_epoch))
        self.epoch_bar.setFormat(self.tr("epoch {0} of {1}: step %v of %m").format(
            min(int(info["start_epoch"]) + 1, int(info["epochs"])), info["epochs"]))
        self._device = device_name(info["device"])
        self._recent.clear()
        self._rate = None
        self._times = "–"
        self.paused = False
        self._show_speed()
        self._best = None
        self.accuracy.setText(self.tr("Test accuracy: –"))

    def show_position(self, progress: dict[str, Any], epochs: int) -> None:
        """Put the bars where a checkpoint stands (a stop or pause lands between two records)."""
        if not progress:
            return
        self.total_bar.setValue(int(progress.get("step", self.total_bar.value())))
        self.epoch_bar.setValue(int(progress.get("step_in_epoch", 0)))
        epoch = int(progress.get("epoch", 0))
        if int(progress.get("step_in_epoch", 0)) == 0 and epoch > 0:  # right at an epoch's end
            self.epoch_bar.setValue(self.epoch_bar.maximum())
            epoch -= 1
        self.epoch_bar.setFormat(self.tr("epoch {0} of {1}: step %v of %m").format(min(epoch + 1, epochs), epochs))

    def set_paused(self, paused: bool) -> None:
        """While paused nothing trains: no images/s, and the time left stays as it was."""
        self.paused = paused
        self._show_speed()

    def _show_speed(self) -> None:
        if self._device == "?":  # no run has started yet
            self.speed.setText("–")
        elif self.paused or self._rate is None:
            self.speed.setText(self.tr("– images/s on {0}").format(self._device))
        else:
            self.speed.setText(self.tr("{0:,.0f} images/s on {1}").format(self._rate, self._device))
        self.times.setText(self._times)

    def _measure_rate(self, record: dict[str, Any]) -> float:
        """images/s over the last SPEED_WINDOW_S seconds of training (the record's own rate until there are two)."""
        elapsed, seen = float(record["elapsed_s"]), int(record.get("samples_seen", 0))
        recent = self._recent
        if recent and elapsed < recent[-1][0]:
            recent.clear()  # a new session of a resumed run counts its time again
        recent.append((elapsed, seen))
        while len(recent) > 2 and elapsed - recent[1][0] >= SPEED_WINDOW_S:
            recent.popleft()
        span = elapsed - recent[0][0]
        if len(recent) < 2 or span <= 0 or "samples_seen" not in record:
            return float(record["images_per_s"])
        return (seen - recent[0][1]) / span

    def show_record(self, record: dict[str, Any]) -> None:
        epoch, epochs = int(record["epoch"]), int(record["epochs"])
        self.total_bar.setMaximum(max(int(record["steps_total"]), 1))
        self.total_bar.setValue(int(record["step"]))
        self.epoch_bar.setMaximum(max(int(record["steps_per_epoch"]), 1))
        self.epoch_bar.setValue(int(record["step_in_epoch"]))
        self.epoch_bar.setFormat(self.tr("epoch {0} of {1}: step %v of %m").format(epoch + 1, epochs))
        self._rate = self._measure_rate(record)
        if not self.paused:  # a record queued before the pause must not move the estimate while paused
            self._times = self.tr("trained for {0}, about {1} left").format(
                format_duration(record["elapsed_s"]), format_duration(record["eta_s"]))
        self._show_speed()
        accuracy = record.get("test_accuracy")
        held = record.get("holdout_accuracy")  # a fine-tuning run's held-out handwriting digits
        if record.get("kind") == "start":  # the weights a fine-tuning run starts from, before any step
            self.accuracy.setText(self.tr("Before fine-tuning: test accuracy {test}, your held-out digits "
                                          "{held}").format(test=format_percent(accuracy), held=format_percent(held)))
        elif accuracy is not None:
            if record.get("kind") == "epoch":  # on all test digits; a "test" record is on a subset
                self._best = accuracy if self._best is None else max(self._best, accuracy)
                text = self.tr("Test accuracy {0} on all test digits after epoch {1}").format(
                    format_percent(accuracy), epoch + 1)
            else:
                text = self.tr("Test accuracy {0} on a test subset at step {1:,}").format(
                    format_percent(accuracy), int(record["step"]))
            if self._best is not None:
                text += self.tr("; best epoch so far: {0}").format(format_percent(self._best))
            if held is not None:
                text += self.tr("; your held-out digits: {held}").format(held=format_percent(held))
            self.accuracy.setText(text)

    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status_is_error = error
