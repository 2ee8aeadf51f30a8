"""What the window does once it is on screen, in the order that gets the first answer soonest.

The window paints before torch is imported. Then, on 2 cores:

1. torch's big libraries load without the GIL (:mod:`.torch_preload`), and the
   weights load in a worker: the ones named on the command line, else the ones
   active when MNIST Desk last closed, else the shipped ones;
2. nothing else competes for the GIL meanwhile: the tabs not shown are built
   only once the model has loaded (or failed to), one per turn of the event loop
   (a tab the user opens is built at once, whatever the state);
3. a training run left unsaved by a crash is offered back.

Which weights were active is remembered (:data:`ACTIVE_WEIGHTS`): a weights file,
or "" for the shipped ones. With ``MNIST_DESK_REPORT_PAINT=1`` the window prints
when it painted, where its parts are, when the model was ready, and the longest
time the event loop did not run in between (``bench/startup_time.py``).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QElapsedTimer, QObject, QRect, QTimer, Slot
from PySide6.QtWidgets import QWidget

MainWindow = Any  # the main window, which imports this module (so it is not imported here)

REPORT_PAINT_ENV = "MNIST_DESK_REPORT_PAINT"  # print timestamps for bench/startup_time.py and tools/shots_*.py
ACTIVE_WEIGHTS = "model/weights"  # the weights file active at the last close ("": the shipped weights)


class StartUp(QObject):
    """The window's start: weights at start, remembering them, and the tabs built once they are in."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.named_weights = ""  # a weights file named at start (or remembered), while it loads
        self._reporting = bool(os.environ.get(REPORT_PAINT_ENV))
        self._stall_timer: QTimer | None = None
        self._clock = QElapsedTimer()
        self._longest_stall_ms = 0
        window.active_model.status_changed.connect(self._maybe_build_tabs)
        window.active_model.changed.connect(self._on_model_changed)

    # -- weights --------------------------------------------------------------------------------
    def remembered_weights(self) -> str:
        """The weights file active when MNIST Desk last closed; "" for the shipped weights."""
        return str(self.window.settings.value(ACTIVE_WEIGHTS, "", type=str) or "")

    def weights_to_load(self) -> tuple[Path, str]:
        """The weights to load at start, and the remembered file if it is gone ("" when all is as expected)."""
        from ..core.paths import default_weights_path

        remembered = self.remembered_weights()
        if remembered and Path(remembered).is_file():
            return Path(remembered), ""
        return default_weights_path(), remembered

    def announce(self, weights: str = "") -> None:
        """Before the first paint: the status bar says which weights are about to load (not "no model")."""
        path = Path(weights) if weights else self.weights_to_load()[0]
        if path.is_file():
            self.window.active_model.expect(path)

    @Slot()
    def _on_model_changed(self) -> None:
        """Remember a weights file that became active (a training run's unsaved weights are not a file)."""
        from ..core.paths import default_weights_path

        if self._reporting:
            print(f"MNIST_DESK_MODEL_READY {time.time():.6f}", flush=True)
            self._report_stall()
        source = self.window.active_model.source
        if not source or not Path(source).is_file():
            return
        shipped = Path(source).resolve() == default_weights_path().resolve()
        self.window.settings.setValue(ACTIVE_WEIGHTS, "" if shipped else str(Path(source).resolve()))

    # -- the tabs, once the model is in -----------------------------------------------------------
    @Slot()
    def _maybe_build_tabs(self) -> None:
        window = self.window
        if window.painted and not window.active_model.loading:
            window.start_building_tabs()

    def after_first_paint(self) -> None:
        """The window is on screen: preload torch's libraries, report, and build the tabs when the model is in."""
        from .torch_preload import start_preloading_torch

        start_preloading_torch()
        if self._reporting:
            self._report_paint()
        QTimer.singleShot(0, self._maybe_build_tabs)  # at once if nothing loads
        QTimer.singleShot(0, self._offer_left_behind_run)

    @Slot()
    def _offer_left_behind_run(self) -> None:
        window = self.window
        if not window.offer_left_behind_runs:
            return
        from .train.run_guard import offer_left_behind_run

        def train_tab() -> QWidget:
            tab = window.train_tab  # built now if it was not yet
            window.tabs.setCurrentWidget(tab)
            return tab

        offer_left_behind_run(window, train_tab)

    # -- reports for the benchmarks and screenshot tools --------------------------------------------
    def _report_paint(self) -> None:
        # Wall clock, and the CPU time the process has used so far (its own cost, whatever else the machine does).
        print(f"MNIST_DESK_PAINTED {time.time():.6f} {time.process_time():.3f}", flush=True)
        print(f"MNIST_DESK_GEOMETRY {json.dumps(screen_geometry(self.window))}", flush=True)
        # How long the event loop is held up while the model loads: a 5 ms timer that notes its longest gap.
        self._stall_timer = QTimer(self)
        self._stall_timer.setInterval(5)
        self._stall_timer.timeout.connect(self._tick)
        self._clock.start()
        self._stall_timer.start()

    @Slot()
    def _tick(self) -> None:
        self._longest_stall_ms = max(self._longest_stall_ms, self._clock.restart())

    def _report_stall(self) -> None:
        if self._stall_timer is not None:
            self._stall_timer.stop()
            self._stall_timer = None
            print(f"MNIST_DESK_LONGEST_STALL_MS {self._longest_stall_ms}", flush=True)


def screen_geometry(window: MainWindow) -> dict[str, list]:
    """Where the parts a script drives are on screen (x, y, w, h in screen pixels), for tools/shots_draw.py."""
    def rect(widget: QWidget, local: QRect | None = None) -> list[int]:
        area = local if local is not None else widget.rect()
        top_left = widget.mapToGlobal(area.topLeft())
        return [top_left.x(), top_left.y(), area.width(), area.height()]

    draw = window.draw_tab
    return {
        "window": rect(window),
        "canvas": rect(draw.canvas, draw.canvas.paper_rect().toAlignedRect()),
        "recipe_switch": rect(draw.inspector.recipe_switch),
        "main_tabs": [rect(window.tabs.tabBar(), window.tabs.tabBar().tabRect(i)) for i in range(window.tabs.count())],
        "detail_tabs": [rect(draw.details.tabBar(), draw.details.tabBar().tabRect(i))
                        for i in range(draw.details.count())],
    }
