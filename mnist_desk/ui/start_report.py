"""What the benchmarks and screenshot tools read from a running app: when it painted, and more.

``bench/startup_time.py``, ``bench/bundle_startup.py`` and ``tools/shots_draw.py``
start the real app (from the source or a bundle) with ``MNIST_DESK_REPORT_PAINT=1``;
:func:`~mnist_desk.ui.app.run_app` then attaches a :class:`StartReport` to the
window, which prints on stdout, one line each:

``MNIST_DESK_PAINTED <time> <cpu>``     the window's first paint is on screen (wall clock,
                                        and the CPU seconds the process has used so far)
``MNIST_DESK_GEOMETRY <json>``          where the parts a script drives are (:func:`screen_geometry`)
``MNIST_DESK_MODEL_READY <time>``       a model is active (the first answer)
``MNIST_DESK_LONGEST_STALL_MS <ms>``    the longest time the event loop did not run between the two

The window itself knows nothing of this.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QObject, QRect, QTimer, Slot
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from .main_window import MainWindow

REPORT_PAINT_ENV = "MNIST_DESK_REPORT_PAINT"


class StartReport(QObject):
    """Prints the start's moments for the benchmarks (see the module docstring); a child of the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        # How long the event loop is held up while the model loads: a 5 ms timer that notes its longest gap.
        self._stall_timer: QTimer | None = None
        self._clock = QElapsedTimer()
        self._longest_stall_ms = 0
        window.first_painted.connect(self._on_painted)
        window.active_model.changed.connect(self._on_model_ready)

    @Slot()
    def _on_painted(self) -> None:
        # Wall clock, and the CPU time the process has used so far (its own cost, whatever else the machine does).
        print(f"MNIST_DESK_PAINTED {time.time():.6f} {time.process_time():.3f}", flush=True)
        print(f"MNIST_DESK_GEOMETRY {json.dumps(screen_geometry(self.window))}", flush=True)
        self._stall_timer = QTimer(self)
        self._stall_timer.setInterval(5)
        self._stall_timer.timeout.connect(self._tick)
        self._clock.start()
        self._stall_timer.start()

    @Slot()
    def _tick(self) -> None:
        self._longest_stall_ms = max(self._longest_stall_ms, self._clock.restart())

    @Slot()
    def _on_model_ready(self) -> None:
        print(f"MNIST_DESK_MODEL_READY {time.time():.6f}", flush=True)
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
