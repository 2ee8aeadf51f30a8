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
or "" for the shipped ones. (The times the benchmarks read are printed by
:mod:`.start_report`, installed when asked.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QWidget

MainWindow = Any  # the main window, which imports this module (so it is not imported here)

ACTIVE_WEIGHTS = "model/weights"  # the weights file active at the last close ("": the shipped weights)


class StartUp(QObject):
    """The window's start: weights at start, remembering them, and the tabs built once they are in."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
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
        """The window is on screen: preload torch's libraries, and build the tabs when the model is in."""
        from .torch_preload import start_preloading_torch

        start_preloading_torch()
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
