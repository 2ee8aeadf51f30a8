"""The matplotlib side of the training chart (imported only when the chart is first shown).

One ``FigureCanvasQTAgg(Figure())`` with its navigation toolbar, never pyplot.
Every run gets its lines once (raw loss, smoothed loss, test accuracy, epoch
marks); afterwards only ``set_data`` and ``draw_idle`` run. Earlier runs stay in
their colour, faded, so two settings can be compared.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg, NavigationToolbar2QT
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, PercentFormatter
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from .metrics import RunMetrics


def _tr(text: str) -> str:
    return QCoreApplication.translate("TrainChart", text)


def _plain(value: float, _position: object = None) -> str:
    return f"{value:g}"


def _plain_2_5(value: float, _position: object = None) -> str:
    # Minor ticks of a log axis: label 2× and 5× each decade (0.2, 0.5, 2, 5 …), not all eight.
    if value <= 0:
        return ""
    leading = round(value / 10 ** math.floor(math.log10(value) + 1e-9))
    return f"{value:g}" if leading in (2, 5) else ""


class ChartToolbar(NavigationToolbar2QT):
    """The standard toolbar (zoom, pan, save as PNG); Home also resumes following new data."""

    def __init__(self, canvas: FigureCanvasQTAgg, parent: QWidget, on_home: Callable[[], None]) -> None:
        super().__init__(canvas, parent, coordinates=True)
        self._on_home = on_home

    def home(self, *args: object) -> None:
        super().home(*args)
        self._on_home()


@dataclass
class RunLines:
    raw: Line2D
    smoothed: Line2D
    accuracy: Line2D
    epochs: Line2D
    points: int = -1  # records drawn so far, to skip unchanged runs


class ChartCanvas:
    """Figure, axes and per-run lines."""

    def __init__(self, parent: QWidget, on_home: Callable[[], None]) -> None:
        self.figure = Figure(figsize=(6.0, 4.0), layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(parent)
        self.toolbar = ChartToolbar(self.canvas, parent, on_home)
        self.ax_loss = self.figure.add_subplot()
        self.ax_acc = self.ax_loss.twinx()
        self.ax_loss.set_xlabel(_tr("step"))
        self.ax_loss.set_ylabel(_tr("training loss (log scale)"))
        self.ax_loss.set_yscale("log")
        self.ax_loss.yaxis.set_major_formatter(FuncFormatter(_plain))
        self.ax_loss.yaxis.set_minor_formatter(FuncFormatter(_plain_2_5))
        self.ax_loss.grid(True, which="major", alpha=0.3)
        self.ax_acc.set_ylabel(_tr("test accuracy"))
        self.ax_acc.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        self.ax_acc.set_ylim(0.0, 1.0)
        self.lines: dict[int, RunLines] = {}
        self.current: int | None = None
        self._legend_key: tuple = ()
        self._legend = None
        self._updating = False
        self.following = True  # autoscale to the data until the user zooms or pans
        for axes in (self.ax_loss, self.ax_acc):
            axes.callbacks.connect("xlim_changed", self._on_limits_changed)
            axes.callbacks.connect("ylim_changed", self._on_limits_changed)

    def _on_limits_changed(self, _axes: object) -> None:
        if not self._updating:
            self.following = False  # the user zoomed or panned: keep their view

    def _new_lines(self, run: RunMetrics) -> RunLines:
        colour = f"C{(run.number - 1) % 10}"
        raw, = self.ax_loss.plot([], [], color=colour, linewidth=0.8, alpha=0.35)
        smoothed, = self.ax_loss.plot([], [], color=colour, linewidth=2.0, label=f"#{run.number} {run.label}")
        accuracy, = self.ax_acc.plot([], [], color=colour, linewidth=1.4, linestyle="--", marker="o", markersize=3.5)
        epochs, = self.ax_loss.plot([], [], color=colour, linewidth=0.8, linestyle=":", alpha=0.6,
                                    transform=self.ax_loss.get_xaxis_transform())
        return RunLines(raw, smoothed, accuracy, epochs)

    def sync_runs(self, runs: list[RunMetrics]) -> None:
        """Create lines for new runs, remove those of dropped runs, fade all but the newest."""
        wanted = {run.number for run in runs}
        for number in [n for n in self.lines if n not in wanted]:
            for line in (self.lines[number].raw, self.lines[number].smoothed, self.lines[number].accuracy,
                         self.lines[number].epochs):
                line.remove()
            del self.lines[number]
        for run in runs:
            if run.number not in self.lines:
                self.lines[run.number] = self._new_lines(run)
        self.current = runs[-1].number if runs else None
        for run in runs:
            lines = self.lines[run.number]
            newest = run.number == self.current
            lines.smoothed.set_alpha(1.0 if newest else 0.4)
            lines.smoothed.set_linewidth(2.0 if newest else 1.3)
            lines.raw.set_visible(newest)  # earlier runs: the smoothed curve is enough
            lines.accuracy.set_alpha(1.0 if newest else 0.4)
            lines.epochs.set_visible(newest)
            lines.smoothed.set_label(f"#{run.number} {run.label}")
        self._update_legend(runs)

    def _update_legend(self, runs: list[RunMetrics]) -> None:
        key = tuple((run.number, run.label) for run in runs)
        if key == self._legend_key:
            return
        self._legend_key = key
        if self._legend is not None:
            self._legend.remove()
            self._legend = None
        if not runs:
            return
        grey = "0.35"
        handles = [self.lines[run.number].smoothed for run in runs] + [
            Line2D([], [], color=grey, linewidth=0.8, alpha=0.5, label=_tr("raw loss")),
            Line2D([], [], color=grey, linewidth=2.0, label=_tr("smoothed loss")),
            Line2D([], [], color=grey, linewidth=1.4, linestyle="--", marker="o", markersize=3.5,
                   label=_tr("test accuracy (right axis)")),
            Line2D([], [], color=grey, linewidth=0.8, linestyle=":", label=_tr("epoch end")),
        ]
        # Below the axes, never over the curves (the constrained layout makes room for it).
        self._legend = self.figure.legend(handles=handles, loc="outside lower center", ncols=2, fontsize="small",
                                          frameon=False)

    def update(self, runs: list[RunMetrics]) -> bool:
        """Push new data into the lines; returns True when something changed."""
        changed = False
        for run in runs:
            lines = self.lines.get(run.number)
            if lines is None or lines.points == len(run.records):
                continue
            lines.points = len(run.records)
            lines.raw.set_data(run.steps, run.loss)
            lines.smoothed.set_data(run.steps, run.smoothed)
            lines.accuracy.set_data(run.test_steps, run.test_accuracy)
            lines.epochs.set_data(*run.epoch_marks())
            changed = True
        if changed and self.following:
            self.autoscale(runs)
        return changed

    def autoscale(self, runs: list[RunMetrics]) -> None:
        self._updating = True
        try:
            self.ax_loss.relim()
            self.ax_loss.autoscale_view()
            accuracies = [a for run in runs for a in run.test_accuracy if math.isfinite(a)]
            low = max(0.0, min(accuracies) - 0.02) if accuracies else 0.0
            self.ax_acc.set_ylim(low, 1.0 + (1.0 - low) * 0.02)
        finally:
            self._updating = False

    def follow(self, runs: list[RunMetrics]) -> None:
        self.following = True
        self.autoscale(runs)

    def draw_idle(self) -> None:
        self.canvas.draw_idle()
