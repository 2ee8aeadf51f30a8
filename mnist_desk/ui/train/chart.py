"""The live training chart: a throttled view of the :class:`MetricsStore`.

Records only mark the chart dirty; a QTimer redraws it at most every
``REDRAW_MS`` (so at least twice a second while data comes in, and never once
per record). matplotlib is imported when the chart is first shown, so the tab
constructs fast: in a worker thread once the tab is on screen (an import on the
GUI thread held the window up to a second), then the figure is made here.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..after_paint import after_paint
from ..worker import WorkerRunner
from .metrics import MetricsStore

if TYPE_CHECKING:
    from .chart_canvas import ChartCanvas

REDRAW_MS = 400  # 2.5 redraws a second


def _import_canvas(_worker: object) -> Iterator[str]:
    """In the worker: import matplotlib with the chart's module (the GUI thread then finds it imported)."""
    yield importlib.import_module(".chart_canvas", __package__).__name__


class TrainChart(QWidget):
    """Loss (raw and smoothed) and test accuracy against steps, with zoom/pan/save-as-PNG.

    Signals
    -------
    export_requested
        The user asked to export the metrics as CSV (the tab asks where).
    """

    export_requested = Signal()

    def __init__(self, store: MetricsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.canvas: ChartCanvas | None = None
        self.redraws = 0  # how many times new data was drawn (tests and the benchmark read it)
        self._dirty = False
        self._synced_version = -1
        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._tick)
        self._importer = WorkerRunner(self)

        self.placeholder = QLabel(self.tr("The chart of training loss and test accuracy appears here."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setToolTip(self.tr("Save every record of the runs on the chart as a CSV file"))
        self.export_button.clicked.connect(self.export_requested)
        self.clear_button = QPushButton(self.tr("Clear earlier runs"), self)
        self.clear_button.setToolTip(self.tr("Remove the faded curves of earlier runs"))
        self.clear_button.clicked.connect(self.clear_previous)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(self.tr("Earlier runs stay on the chart, faded, for comparison."), self)
        self.hint.setStyleSheet("color: palette(mid);")
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.export_button)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.placeholder, 1)
        self._layout.addLayout(buttons)
        self._update_buttons()

    # -- building lazily ----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self.canvas is None:
            after_paint(self, self._import_matplotlib)  # the tab on screen first, then matplotlib
        elif self._dirty:
            self._tick()

    @Slot()
    def _import_matplotlib(self) -> None:
        if self.canvas is not None or self._importer.is_running():
            return
        # ensure_built after a failure too: retried there, it says why.
        self._importer.start_job(_import_canvas, on_finished=self.ensure_built)

    @Slot()
    def ensure_built(self) -> None:
        """Create the figure (imports matplotlib); idempotent."""
        if self.canvas is not None:
            return
        from .chart_canvas import ChartCanvas

        self.canvas = ChartCanvas(self, self._on_home)
        self._layout.removeWidget(self.placeholder)
        self.placeholder.deleteLater()
        self._layout.insertWidget(0, self.canvas.toolbar)
        self._layout.insertWidget(1, self.canvas.canvas, 1)
        self._synced_version = -1
        self._dirty = True
        self._tick()

    # -- data in ------------------------------------------------------------------------------
    def mark_dirty(self) -> None:
        """New data is in the store; it is drawn on the next tick (not now)."""
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    @Slot()
    def _tick(self) -> None:
        if not self._dirty:
            self._timer.stop()  # nothing came in for a whole interval: idle until the next record
            return
        self._update_buttons()
        if self.canvas is None or not self.isVisible():
            return  # drawn when shown
        self._dirty = False
        runs = self.store.runs
        if self._synced_version != self.store.version:
            self.canvas.sync_runs(runs)
            self._synced_version = self.store.version
            for lines in self.canvas.lines.values():
                lines.points = -1
        self.canvas.update(runs)
        self.canvas.refresh()
        self.redraws += 1

    def shutdown(self) -> None:
        """Wait a moment for a matplotlib import still running in its worker (closing the window)."""
        self._importer.shutdown()

    def redraw_now(self) -> None:
        """Draw pending data at once (end of a run, tests)."""
        self._dirty = True
        self._tick()

    @Slot()
    def clear_previous(self) -> None:
        self.store.clear_previous()
        self.redraw_now()

    def _on_home(self) -> None:
        if self.canvas is not None:
            self.canvas.follow(self.store.runs)
            self.canvas.draw_idle()

    def _update_buttons(self) -> None:
        self.export_button.setEnabled(any(run.records for run in self.store.runs))
        self.clear_button.setEnabled(len(self.store.runs) > 1)

    def current_line_data(self) -> tuple[list[float], list[float]]:
        """x, y of the newest run's smoothed-loss line as drawn (empty before the chart exists)."""
        if self.canvas is None or self.canvas.current is None:
            return [], []
        line = self.canvas.lines[self.canvas.current].smoothed
        return list(line.get_xdata()), list(line.get_ydata())
