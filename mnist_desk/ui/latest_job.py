"""Latest edit wins: one job at a time off the GUI thread, the newest request waiting, older results dropped.

Built on :mod:`mnist_desk.ui.worker` (one :class:`IteratorWorker` per job in
a :class:`WorkerRunner`). A new request while a job runs asks that job to
stop at its next step and replaces whatever request was waiting, so however
fast the user edits there is at most one job running and one waiting, and
only the newest request's items reach the window. The Filter Lab computes and
opens pictures this way, the Draw tab's "why this answer" makes its maps so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from ..core.errors import MnistDeskError
from .error_text import error_text
from .worker import WorkerRunner


class _Refused:
    """A problem the user can fix (bad file, picture too small ...), passed back as an item, not a traceback.

    It carries the error itself: its message is made (translated) in the GUI thread.
    """

    def __init__(self, error: MnistDeskError) -> None:
        self.error = error


class LatestJob(QObject):
    """Runs ``make()`` iterators one at a time; only the latest submitted one's items are emitted."""

    item = Signal(object)  # an item of the latest request
    failed = Signal(str)  # the latest request failed: a message for the user
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = WorkerRunner(self)
        self._runner.thread_ended.connect(self._on_idle)
        self._version = 0
        self._running_version = 0
        self._pending: tuple[int, Callable[[], Iterator[Any]]] | None = None
        self._closing = False
        self._busy = False

    @property
    def version(self) -> int:
        """The number of the latest request."""
        return self._version

    def busy(self) -> bool:
        return self._busy

    def submit(self, make: Callable[[], Iterator[Any]]) -> int:
        """Run ``make()`` in a worker as soon as possible; returns the request's number."""
        if self._closing:
            return self._version
        self._version += 1
        self._pending = (self._version, make)
        if self._runner.is_running():
            self._runner.request_stop()  # the running job is stale: stop it at its next step
        else:
            self._start_pending()
        return self._version

    def cancel(self) -> None:
        """Forget the waiting request and stop the running one (its items are dropped)."""
        self._version += 1
        self._pending = None
        self._runner.request_stop()

    def shutdown(self) -> bool:
        """Stop for good and wait for the thread to end (the window is closing; see :meth:`WorkerRunner.shutdown`)."""
        self._closing = True
        self._pending = None
        return self._runner.shutdown()

    def _start_pending(self) -> None:
        assert self._pending is not None
        version, make = self._pending
        self._pending = None
        self._running_version = version
        self._runner.start_job(lambda _worker: self._tagged(version, make), on_item=self._on_item,
                               on_failed=self._on_failed)
        self._set_busy(True)

    @staticmethod
    def _tagged(version: int, make: Callable[[], Iterator[Any]]) -> Iterator[tuple[int, Any]]:
        try:
            for value in make():
                yield version, value
        except MnistDeskError as error:
            yield version, _Refused(error)

    @Slot(object)
    def _on_item(self, tagged: tuple[int, Any]) -> None:
        version, value = tagged
        if version != self._version or self._closing:
            return
        if isinstance(value, _Refused):
            self.failed.emit(error_text(value.error))
        else:
            self.item.emit(value)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if self._running_version == self._version and not self._closing:
            self.failed.emit(message)

    @Slot()
    def _on_idle(self) -> None:
        if self._runner.is_running():
            return  # a late word from an older thread: the running job will say when it ends
        if self._pending is not None and not self._closing:
            self._start_pending()
        else:
            self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
