"""The matplotlib side of the training chart (imported only when the chart is first shown).

One ``FigureCanvasQTAgg(Figure())`` with its navigation toolbar, never pyplot.
Every run gets its lines once (raw loss, smoothed loss, test accuracy, epoch
marks); afterwards only ``set_data`` runs. Earlier runs stay in their colour,
faded, so two settings can be compared.

Drawing cost matters: a full draw of the figure (ticks, labels, legend) takes
~100–400 ms of Python holding the GIL, which the training thread needs
between its torch calls. So the current run's lines are *animated* and
blitted over a cached background; a full ``draw_idle`` happens only when the
limits or the set of runs change. The x axis spans the whole run from its
first record (its length is known), and the y limits grow in coarse steps,
so that is rare.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg, NavigationToolbar2QT
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, PercentFormatter
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from .chart_fonts import use_chart_fonts
from .metrics import RunMetrics

LEGEND_WIDTH = 44  # characters a line of a run's legend label (the legend has two columns)

# Called as translate("Context", "text") with both spelt out: that is what pyside6-lupdate collects.
translate = QCoreApplication.translate


def _plain(value: float, _position: object = None) -> str:
    return f"{value:g}"


def _plain_2_5(value: float, _position: object = None) -> str:
    # Minor ticks of a log axis: label 2× and 5× each decade (0.2, 0.5, 2, 5 …), not all eight.
    if value <= 0:
        return ""
    leading = round(value / 10 ** math.floor(math.log10(value) + 1e-9))
    return f"{value:g}" if leading in (2, 5) else ""


def _tooltips() -> dict[str, str]:
    """The toolbar's tooltips in the user's language (matplotlib's own are English)."""
    translate = QCoreApplication.translate
    return {"Home": translate("ChartToolbar", "Back to the whole run (and follow new data again)"),
            "Back": translate("ChartToolbar", "Back to the previous view"),
            "Forward": translate("ChartToolbar", "Forward to the next view"),
            "Pan": translate("ChartToolbar", "Drag to move the view; drag with the right button to zoom"),
            "Zoom": translate("ChartToolbar", "Drag a rectangle to zoom into it"),
            "Subplots": translate("ChartToolbar", "Margins and spacing of the chart"),
            "Customize": translate("ChartToolbar", "Edit the axes and the lines"),
            "Save": translate("ChartToolbar", "Save the chart as a picture")}


class ChartToolbar(NavigationToolbar2QT):
    """The standard toolbar (zoom, pan, save as PNG); Home also resumes following new data."""

    def __init__(self, canvas: FigureCanvasQTAgg, parent: QWidget, chart: ChartCanvas) -> None:
        tips = _tooltips()
        # Read by the base class's __init__ to make its buttons: our tooltips, its names and icons.
        self.toolitems = [(name, tips.get(name, tip) if name else tip, image, method)
                          for name, tip, image, method in NavigationToolbar2QT.toolitems]
        super().__init__(canvas, parent, coordinates=True)
        self._chart = chart

    def home(self, *args: object) -> None:
        super().home(*args)
        self._chart.on_home()

    def save_figure(self, *args: object) -> object:
        # matplotlib before 3.8 leaves animated artists out of savefig: make the lines ordinary while
        # saving; and savefig's draw must not become the background that later blits restore.
        with self._chart.static_lines():
            return super().save_figure(*args)


@dataclass
class RunLines:
    raw: Line2D
    smoothed: Line2D
    accuracy: Line2D
    epochs: Line2D
    holdout: Line2D  # a fine-tuning run's held-out handwriting digits, beside the test accuracy
    points: int = -1  # records drawn so far, to skip unchanged runs

    def all(self) -> tuple[Line2D, Line2D, Line2D, Line2D, Line2D]:
        return self.raw, self.smoothed, self.accuracy, self.epochs, self.holdout


def _display_width(text: str) -> int:
    """Characters of ``text``, a wide (CJK) one counted twice."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def legend_label(text: str, width: int = LEGEND_WIDTH) -> str:
    """``text`` broken into lines at its " · " (the run's settings) so that no line is much wider than ``width``.

    The legend sits centred below the axes in two columns: a run's one-line label
    (a fine-tuning run's names the weights and the set too) would push both
    columns past the figure's edges, where they are cut off.
    """
    lines: list[str] = []
    for part in text.split(" · "):
        if lines and _display_width(lines[-1]) + 3 + _display_width(part) <= width:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    return "\n".join(lines)


def _grow_log(limits: tuple[float, float] | None, low: float, high: float) -> tuple[float, float] | None:
    """New log-axis limits when ``low..high`` no longer fits ``limits``, else None.

    The loss falls by orders of magnitude: going down, leave room for a
    factor 4 more, so a whole run needs only a few full redraws.
    """
    if limits is not None and limits[0] <= low and high <= limits[1]:
        return None
    old_low, old_high = limits if limits is not None else (math.inf, 0.0)
    return min(old_low, low / 4.0), max(old_high, high * 1.3)


def _grow_steps(limit: float | None, last_step: int, steps_total: int) -> float | None:
    """A new right end of the step axis when the data reaches it: double it, never past the run's end."""
    if limit is not None and last_step <= limit:
        return None
    wanted = max(2.0 * last_step, 100.0)
    return min(wanted, steps_total * 1.02) if steps_total >= last_step else wanted


class ChartCanvas:
    """Figure, axes and per-run lines."""

    def __init__(self, parent: QWidget, on_home: Callable[[], None]) -> None:
        use_chart_fonts()  # translated labels: a CJK fallback for DejaVu Sans
        self.figure = Figure(figsize=(6.0, 4.0), layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(parent)
        self._on_home = on_home
        self.toolbar = ChartToolbar(self.canvas, parent, self)
        self._background = None  # the figure without the animated lines, after the last full draw
        self._saving = False
        self._full_draw_needed = True
        self.full_draws = 0
        self.blits = 0
        self.canvas.mpl_connect("draw_event", self._on_draw)
        self.ax_loss = self.figure.add_subplot()
        self.ax_acc = self.ax_loss.twinx()
        self.ax_loss.set_xlabel(translate("TrainChart", "step"))
        self.ax_loss.set_ylabel(translate("TrainChart", "training loss (log scale)"))
        self.ax_loss.set_yscale("log")
        self.ax_loss.yaxis.set_major_formatter(FuncFormatter(_plain))
        self.ax_loss.yaxis.set_minor_formatter(FuncFormatter(_plain_2_5))
        self.ax_loss.grid(True, which="major", alpha=0.3)
        self.ax_acc.set_ylabel(translate("TrainChart", "test accuracy"))
        self.ax_acc.yaxis.set_major_formatter(PercentFormatter(1.0))
        self.ax_acc.set_ylim(0.0, 1.0)
        self.lines: dict[int, RunLines] = {}
        self.current: int | None = None
        self._legend_key: tuple = ()
        self._legend = None
        self._updating = False
        self.following = True  # autoscale to the data until the user zooms or pans
        self._limits: dict[str, tuple[float, float]] = {}
        for axes in (self.ax_loss, self.ax_acc):
            axes.callbacks.connect("xlim_changed", self._on_limits_changed)
            axes.callbacks.connect("ylim_changed", self._on_limits_changed)

    def _on_limits_changed(self, _axes: object) -> None:
        if not self._updating:
            self.following = False  # the user zoomed or panned: keep their view

    # -- blitting -----------------------------------------------------------------------------
    def _animated(self) -> list[Line2D]:
        lines = self.lines.get(self.current) if self.current is not None else None
        return [line for line in lines.all() if line.get_visible()] if lines else []

    def _on_draw(self, event: object) -> None:
        # After every full draw (ours, a resize, zoom/pan): keep the background, add the live lines.
        if self._saving or getattr(event, "canvas", self.canvas) is not self.canvas:
            return  # savefig draws on its own canvas, the lines included
        self.full_draws += 1
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        for line in self._animated():
            line.axes.draw_artist(line)

    @contextmanager
    def static_lines(self) -> Iterator[None]:
        animated = self._animated()
        for line in animated:
            line.set_animated(False)
        self._saving = True
        try:
            yield
        finally:
            self._saving = False
            for line in animated:
                line.set_animated(True)
            self.draw_idle()

    def on_home(self) -> None:
        self._on_home()

    def _new_lines(self, run: RunMetrics) -> RunLines:
        colour = f"C{(run.number - 1) % 10}"
        raw, = self.ax_loss.plot([], [], color=colour, linewidth=0.8, alpha=0.35)
        smoothed, = self.ax_loss.plot([], [], color=colour, linewidth=2.0, label=f"#{run.number} {run.label}")
        accuracy, = self.ax_acc.plot([], [], color=colour, linewidth=1.4, linestyle="--", marker="o", markersize=3.5)
        epochs, = self.ax_loss.plot([], [], color=colour, linewidth=0.8, linestyle=":", alpha=0.6,
                                    transform=self.ax_loss.get_xaxis_transform())
        holdout, = self.ax_acc.plot([], [], color=colour, linewidth=1.4, linestyle="-.", marker="s", markersize=4)
        return RunLines(raw, smoothed, accuracy, epochs, holdout)

    def sync_runs(self, runs: list[RunMetrics]) -> None:
        """Create lines for new runs, remove those of dropped runs, fade all but the newest."""
        wanted = {run.number for run in runs}
        for number in [n for n in self.lines if n not in wanted]:
            for line in self.lines[number].all():
                line.remove()
            del self.lines[number]
        for run in runs:
            if run.number not in self.lines:
                self.lines[run.number] = self._new_lines(run)
        self.current = runs[-1].number if runs else None
        self._full_draw_needed = True
        self._limits = {}  # recomputed for the runs now shown
        for run in runs:
            lines = self.lines[run.number]
            newest = run.number == self.current
            for line in lines.all():
                line.set_animated(newest)
            lines.smoothed.set_alpha(1.0 if newest else 0.4)
            lines.smoothed.set_linewidth(2.0 if newest else 1.3)
            lines.raw.set_visible(newest)  # earlier runs: the smoothed curve is enough
            lines.accuracy.set_alpha(1.0 if newest else 0.4)
            lines.holdout.set_alpha(1.0 if newest else 0.4)
            lines.epochs.set_visible(newest)
            lines.smoothed.set_label(legend_label(f"#{run.number} {run.label}"))
        self._update_legend(runs)

    def _update_legend(self, runs: list[RunMetrics]) -> bool:
        """Make the legend for these runs (and the held-out line, once one has data); True when it changed."""
        tuned = any(run.holdout_steps for run in runs)
        key = (*((run.number, run.label) for run in runs), tuned)
        if key == self._legend_key:
            return False
        self._legend_key = key
        if self._legend is not None:
            self._legend.remove()
            self._legend = None
        if not runs:
            return True
        grey = "0.35"
        handles = [self.lines[run.number].smoothed for run in runs] + [
            Line2D([], [], color=grey, linewidth=0.8, alpha=0.5, label=translate("TrainChart", "raw loss")),
            Line2D([], [], color=grey, linewidth=2.0, label=translate("TrainChart", "smoothed loss")),
            Line2D([], [], color=grey, linewidth=1.4, linestyle="--", marker="o", markersize=3.5,
                   label=translate("TrainChart", "test accuracy (right axis)")),
            Line2D([], [], color=grey, linewidth=0.8, linestyle=":", label=translate("TrainChart", "epoch end")),
        ]
        if tuned:
            handles.insert(-1, Line2D([], [], color=grey, linewidth=1.4, linestyle="-.", marker="s", markersize=4,
                                      label=translate("TrainChart", "your held-out digits (right axis)")))
        # Below the axes, never over the curves (the constrained layout makes room for it).
        self._legend = self.figure.legend(handles=handles, loc="outside lower center", ncols=2, fontsize="small",
                                          frameon=False)
        return True

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
            lines.holdout.set_data(run.holdout_steps, run.holdout_accuracy)
            lines.epochs.set_data(*run.epoch_marks())
            changed = True
        if changed and self._update_legend(runs):  # a fine-tuning run's held-out line: its legend entry
            self._full_draw_needed = True
        if changed and self.following:
            self.autoscale(runs)
        return changed

    def autoscale(self, runs: list[RunMetrics]) -> None:
        """Grow the limits when the data no longer fits (a full draw follows); else leave them."""
        wanted: dict[str, tuple[float, float]] = {}
        last_step = max([run.last_step for run in runs] + [1])
        steps_total = max([int(run.records[-1].get("steps_total", 0) or 0) for run in runs if run.records] + [0])
        x_limit = self._limits.get("x")
        x_high = _grow_steps(x_limit[1] if x_limit else None, last_step, steps_total)
        if x_high is not None:
            wanted["x"] = (0.0, x_high)
        losses = [v for run in runs for v in run.loss if math.isfinite(v) and v > 0]
        if losses:
            limits = _grow_log(self._limits.get("loss"), min(losses), max(losses))
            if limits is not None:
                wanted["loss"] = limits
        accuracies = [a for run in runs for a in run.test_accuracy + run.holdout_accuracy if math.isfinite(a)]
        low = min(accuracies) if accuracies else 0.9
        if "acc" not in self._limits or low < self._limits["acc"][0]:
            floor = max(0.0, math.floor((low - 0.02) * 10) / 10)  # whole tenths: changes rarely
            wanted["acc"] = (floor, 1.0 + (1.0 - floor) * 0.02)
        if not wanted:
            return
        self._limits.update(wanted)
        self._updating = True
        try:
            if "x" in wanted:
                self.ax_loss.set_xlim(*wanted["x"])
            if "loss" in wanted:
                self.ax_loss.set_ylim(*wanted["loss"])
            if "acc" in wanted:
                self.ax_acc.set_ylim(*wanted["acc"])
        finally:
            self._updating = False
        self._full_draw_needed = True

    def follow(self, runs: list[RunMetrics]) -> None:
        self.following = True
        self._limits = {}
        self.autoscale(runs)

    def refresh(self) -> None:
        """Show the new data: blit the live lines, or a full draw when the background is out of date."""
        if self._full_draw_needed or self._background is None:
            self._full_draw_needed = False
            self.canvas.draw_idle()
            return
        self.canvas.restore_region(self._background)
        for line in self._animated():
            line.axes.draw_artist(line)
        self.canvas.blit(self.figure.bbox)
        self.blits += 1

    def draw_idle(self) -> None:
        self._full_draw_needed = True
        self.refresh()
