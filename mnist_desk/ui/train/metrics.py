"""The metrics of the training runs shown on the chart, as plain Python lists.

Kept apart from the chart so records are stored even before the chart exists
(matplotlib is only loaded when the tab is first shown) and so the CSV export
needs no plotting at all. No Qt, no torch here.
"""

from __future__ import annotations

import csv
import io
import math
import os
from dataclasses import dataclass, field
from typing import Any

from ...core.atomic_files import save_file

SMOOTHING = 0.8  # weight of the past in the smoothed loss (an exponential moving average)

CSV_COLUMNS = (
    "run", "label", "kind", "epoch", "step", "steps_total", "samples_seen", "loss", "smoothed_loss",
    "train_accuracy", "test_accuracy", "holdout_accuracy", "lr", "images_per_s", "elapsed_s",
)


@dataclass
class RunMetrics:
    """One run's curves: loss per record (raw and smoothed), test accuracy, epoch ends."""

    number: int
    label: str
    steps: list[int] = field(default_factory=list)
    loss: list[float] = field(default_factory=list)
    smoothed: list[float] = field(default_factory=list)
    test_steps: list[int] = field(default_factory=list)
    test_accuracy: list[float] = field(default_factory=list)
    holdout_steps: list[int] = field(default_factory=list)  # a fine-tuning run's held-out handwriting digits
    holdout_accuracy: list[float] = field(default_factory=list)
    epoch_steps: list[int] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    _ema: float = 0.0
    _ema_weight: float = 0.0

    def add(self, record: dict[str, Any]) -> None:
        """Take one ``TrainRecord.to_dict()``."""
        step = int(record["step"])
        kind = record.get("kind", "progress")
        loss = float(record.get("loss", math.nan))
        smoothed = math.nan
        if kind != "epoch" and math.isfinite(loss):
            # Epoch records repeat the epoch's mean loss; only interval losses make the curve.
            # Debiased like TensorBoard's smoothing, so the curve starts at the first value.
            self._ema = SMOOTHING * self._ema + (1.0 - SMOOTHING) * loss
            self._ema_weight = SMOOTHING * self._ema_weight + (1.0 - SMOOTHING)
            smoothed = self._ema / self._ema_weight
            self.steps.append(step)
            self.loss.append(loss)
            self.smoothed.append(smoothed)
        accuracy = record.get("test_accuracy")
        if accuracy is not None:
            self.test_steps.append(step)
            self.test_accuracy.append(float(accuracy))
        held = record.get("holdout_accuracy")
        if held is not None:
            self.holdout_steps.append(step)
            self.holdout_accuracy.append(float(held))
        if kind == "epoch":
            self.epoch_steps.append(step)
        self.records.append({**record, "smoothed_loss": smoothed})

    @property
    def last_step(self) -> int:
        return int(self.records[-1]["step"]) if self.records else 0

    def epoch_marks(self) -> tuple[list[float], list[float]]:
        """x, y of vertical marks at the epoch ends, for one line in axes-fraction y (NaN-separated)."""
        xs: list[float] = []
        ys: list[float] = []
        for step in self.epoch_steps:
            xs += [step, step, math.nan]
            ys += [0.0, 1.0, math.nan]
        return xs, ys


class MetricsStore:
    """The current run and a few earlier ones (kept for comparison, oldest dropped first)."""

    def __init__(self, keep_previous: int = 4) -> None:
        self.keep_previous = keep_previous
        self.runs: list[RunMetrics] = []
        self._next_number = 1
        self.version = 0  # bumped when runs are added or removed (the chart rebuilds its lines)

    @property
    def current(self) -> RunMetrics | None:
        return self.runs[-1] if self.runs else None

    def new_run(self, label: str, history: list[dict[str, Any]] | None = None) -> RunMetrics:
        """Start a run (``history``: records of a loaded checkpoint, drawn first)."""
        run = RunMetrics(self._next_number, label)
        self._next_number += 1
        for record in history or []:
            if isinstance(record, dict) and "step" in record:
                run.add(record)
        self.runs.append(run)
        del self.runs[:-(self.keep_previous + 1)]
        self.version += 1
        return run

    def add(self, record: dict[str, Any]) -> None:
        if self.current is None:
            self.new_run("Run")
        assert self.current is not None
        self.current.add(record)

    def clear_previous(self) -> None:
        """Forget every run but the current one."""
        del self.runs[:-1]
        self.version += 1

    def write_csv(self, path: str | os.PathLike[str]) -> int:
        """Write every record of every run kept; returns the number of rows.

        The file is written atomically: whatever goes wrong, a file that was
        there before is left as it was.

        Raises
        ------
        FileSaveError
            When the file cannot be written (its message says why: "the disk is full" ...).
        """
        rows = 0
        text = io.StringIO(newline="")
        writer = csv.DictWriter(text, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for run in self.runs:
            for record in run.records:
                row = {key: record.get(key, "") for key in CSV_COLUMNS}
                row["run"], row["label"] = run.number, run.label
                for key in ("test_accuracy", "holdout_accuracy", "smoothed_loss"):
                    value = row[key]
                    if value is None or (isinstance(value, float) and math.isnan(value)):
                        row[key] = ""
                writer.writerow(row)
                rows += 1
        data = text.getvalue().encode("utf-8")
        save_file(path, lambda handle: handle.write(data))
        return rows
