"""Opening picture files for the Draw tab in a worker thread.

Decoding a large photo takes seconds (a 144-megapixel PNG about ten), and a
file on a slow network share may take longer still: the GUI thread must not
wait for it. The picture is opened already made smaller
(:data:`~mnist_desk.core.preprocess.WORKING_SIDE`) and turned into canvas
ink in the worker; the tab receives the ink array, or the error.

One picture at a time: a picture asked for while another is still opening
waits for it, and the earlier one's result is dropped (the user has moved on).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from ..worker import WorkerRunner


def _open_steps(path: str) -> Iterator[np.ndarray]:
    from .picture import ink_from_file

    yield ink_from_file(path)


class PictureOpener(QObject):
    """Turns picture files into canvas ink off the GUI thread.

    Signals
    -------
    opened(str, object)
        The path and its ink (float32 array, SIZE×SIZE).
    failed(str, str)
        The path and the message for the user (in their language).
    """

    opened = Signal(str, object)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = WorkerRunner(self)
        self._runner.thread_ended.connect(self._start_pending)
        self._current = ""  # the path being opened ("" when none)
        self._pending: str | None = None
        self._closed = False

    def open(self, path: str) -> None:
        """Open ``path``; ``opened`` or ``failed`` tells how it went."""
        if self._closed:
            return
        if self._current or self._runner.is_running():
            self._pending = path  # after the one under way (whose result is then dropped), when its thread ends
            return
        self._start(path)

    def _start(self, path: str) -> None:
        self._current = path
        self._runner.start_job(lambda _worker: _open_steps(path), on_item=self._on_item, on_failed=self._on_failed,
                               on_finished=self._on_finished)

    @Slot(object)
    def _on_item(self, ink: Any) -> None:
        if self._pending is None and not self._closed:
            self.opened.emit(self._current, ink)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if self._pending is None and not self._closed:
            self.failed.emit(self._current, message)

    @Slot()
    def _on_finished(self) -> None:
        self._current = ""

    @Slot()
    def _start_pending(self) -> None:
        if self._pending is not None and not self._current and not self._closed:
            path, self._pending = self._pending, None
            self._start(path)

    def shutdown(self) -> None:
        """Stop opening (closing the window): nothing more is emitted."""
        self._closed = True
        self._pending = None
        self._runner.shutdown()
