"""The one active model, shared by every tab.

Loading weights (menu, drop, a finished training run) replaces it everywhere
through the ``changed`` signal. A bad file raises (or, loaded in the
background, emits ``load_failed``) and leaves the previous model active.

The window must paint before torch is imported, so the shipped weights are
loaded in the background with :meth:`ActiveModel.load_file_async`; while that
runs ``loading`` is True and ``status_changed`` tells the window to say so.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from .worker import WorkerRunner

if TYPE_CHECKING:  # torch is imported lazily: the window must show before it loads
    from torch import nn

    from ..core.predict import Predictor
    from ..core.weights import Checkpoint


def _load_in_background(path: str) -> Iterator[tuple[Any, Any]]:
    # Runs in the worker thread: importing torch, reading the file and building the
    # model all happen here, so the window stays responsive.
    from ..core.weights import load_checkpoint

    checkpoint = load_checkpoint(path)
    yield checkpoint, checkpoint.build()


class ActiveModel(QObject):
    """Holds the active model, its checkpoint, a ready predictor and where it came from."""

    changed = Signal()  # a new model is active
    status_changed = Signal()  # loading started or ended (``loading``, ``load_error``)
    load_failed = Signal(str, str)  # (path, message) of a background load that failed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model: nn.Module | None = None
        self.checkpoint: Checkpoint | None = None
        self.predictor: Predictor | None = None
        self.source: str = ""
        self.loading: bool = False
        self.loading_path: str = ""
        self.load_error: str = ""
        # Bumped by every explicit load, so a slower background load that ends
        # later never replaces what the user chose meanwhile.
        self._generation = 0
        self._runner = WorkerRunner(self)
        self._pending: tuple[str, int] = ("", 0)

    @property
    def ready(self) -> bool:
        return self.predictor is not None

    @property
    def test_accuracy(self) -> float | None:
        return self.checkpoint.test_accuracy if self.checkpoint is not None else None

    def display_name(self) -> str:
        return Path(self.source).name if self.source else ""

    def load_file(self, path: str | Path) -> None:
        """Load a weights file and make it active.

        Raises
        ------
        mnist_desk.core.errors.WeightsError
            When the file is bad; the previous model stays active.
        """
        from ..core.weights import load_checkpoint

        checkpoint = load_checkpoint(path)
        self.set_checkpoint(checkpoint, str(path))

    def set_checkpoint(self, checkpoint: Checkpoint, source: str) -> None:
        """Make ``checkpoint`` the active model (e.g. a training run's result)."""
        self._activate(checkpoint, checkpoint.build(), source)

    def _activate(self, checkpoint: Checkpoint, model: nn.Module, source: str) -> None:
        from ..core.predict import Predictor

        # First: should it fail (a bad calibration), the previous model stays active, whole.
        predictor = Predictor.from_checkpoint(checkpoint, model)
        self._generation += 1
        self.model, self.checkpoint, self.source = model, checkpoint, source
        self.predictor = predictor
        self.load_error = ""
        if self.loading:
            self.loading = False
            self.status_changed.emit()
        self.changed.emit()

    # -- background loading -------------------------------------------------------------------
    def expect(self, path: str | Path) -> None:
        """Say that ``path`` is about to load (the window before its first paint), so nothing reads "no model"."""
        if not self.ready and not self.loading:
            self.loading, self.loading_path, self.load_error = True, str(path), ""
            self.status_changed.emit()

    def load_file_async(self, path: str | Path) -> bool:
        """Start loading ``path`` in a worker thread; returns False if a load already runs.

        On success the model becomes active (``changed``); on failure
        ``load_failed(path, message)`` is emitted and the previous model stays.
        """
        if self._runner.is_running():
            return False
        text = str(path)
        self._pending = (text, self._generation)
        self.loading, self.loading_path, self.load_error = True, text, ""
        self.status_changed.emit()
        self._runner.start_job(lambda _worker: _load_in_background(text), on_item=self._on_loaded,
                               on_failed=self._on_load_failed, on_finished=self._on_load_finished)
        return True

    @Slot(object)
    def _on_loaded(self, item: tuple[Any, Any]) -> None:
        path, generation = self._pending
        if generation != self._generation:
            return  # the user loaded other weights meanwhile: theirs win
        checkpoint, model = item
        self._activate(checkpoint, model, path)

    @Slot(str)
    def _on_load_failed(self, message: str) -> None:
        path, generation = self._pending
        if generation != self._generation:
            return
        self.load_error = message
        self.loading = False
        self.status_changed.emit()
        self.load_failed.emit(path, message)

    @Slot()
    def _on_load_finished(self) -> None:
        if self.loading:
            self.loading = False
            self.status_changed.emit()

    def shutdown(self) -> bool:
        """The window is closing: stop waiting for a background load (see :meth:`WorkerRunner.shutdown`)."""
        return self._runner.shutdown()

    def is_loading(self) -> bool:
        return self._runner.is_running()
