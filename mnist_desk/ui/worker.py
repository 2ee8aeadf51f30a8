"""The one way MNIST Desk runs long work off the GUI thread.

The core exposes long work as plain iterators that yield progress. An
:class:`IteratorWorker` (a QObject moved to a QThread) drives such an
iterator and emits each item as plain data; the GUI thread never blocks and
the worker never touches a widget. The wiring follows Qt's documented pattern:
``started → run``, ``finished → quit / deleteLater``.

Stopping is cooperative: :meth:`IteratorWorker.request_stop` sets a flag the
worker checks between items (and, through :meth:`IteratorWorker.interrupt`,
between training batches); pausing blocks the worker on a wait condition.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QMutex, QMutexLocker, QObject, QThread, QWaitCondition, Signal, Slot

log = logging.getLogger(__name__)


class IteratorWorker(QObject):
    """Runs ``make_iterator(worker)`` in a worker thread and emits every item.

    Parameters
    ----------
    make_iterator
        Called in the worker thread with this worker; returns the iterator to
        drive. Passing the worker lets the iterator call :meth:`interrupt`
        between finer steps than its items (e.g. every training batch).
    """

    item = Signal(object)  # one yielded item, plain data
    failed = Signal(str)  # a message for the user
    stopped = Signal()  # ended early on request
    completed = Signal()  # the iterator ran to its end
    finished = Signal()  # always last, whatever happened

    def __init__(self, make_iterator: Callable[["IteratorWorker"], Iterator[Any]]) -> None:
        super().__init__()
        self._make_iterator = make_iterator
        self._mutex = QMutex()
        self._resume = QWaitCondition()
        self._stop = False
        self._paused = False

    # -- control, called from the GUI thread ------------------------------------------------
    def request_stop(self) -> None:
        """Ask the worker to stop at its next check (wakes it if paused)."""
        with QMutexLocker(self._mutex):
            self._stop = True
            self._paused = False
            self._resume.wakeAll()

    def set_paused(self, paused: bool) -> None:
        with QMutexLocker(self._mutex):
            self._paused = paused
            if not paused:
                self._resume.wakeAll()

    # -- checks, called from the worker thread ----------------------------------------------
    def interrupt(self) -> bool:
        """Block while paused; return True when a stop was requested."""
        with QMutexLocker(self._mutex):
            while self._paused and not self._stop:
                self._resume.wait(self._mutex)
            return self._stop

    @Slot()
    def run(self) -> None:
        stopped = False
        iterator = None
        try:
            iterator = self._make_iterator(self)
            for value in iterator:
                self.item.emit(value)
                if self.interrupt():
                    stopped = True
                    break
            else:
                stopped = self.interrupt()
        except Exception as error:  # report, never let an exception kill the thread silently
            log.error("worker failed:\n%s", traceback.format_exc())
            self.failed.emit(str(error) or type(error).__name__)
        else:
            (self.stopped if stopped else self.completed).emit()
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()
            self.finished.emit()


class WorkerRunner(QObject):
    """Owns at most one running :class:`IteratorWorker` and its QThread.

    ``start`` wires the worker as Qt documents; ``stop_and_wait`` is what a
    ``closeEvent`` calls so no thread outlives its window.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: IteratorWorker | None = None

    @property
    def worker(self) -> IteratorWorker | None:
        return self._worker

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, worker: IteratorWorker) -> None:
        """Move ``worker`` to a new thread and start it. One at a time."""
        if self._thread is not None:
            raise RuntimeError("a worker is already running")
        thread = QThread()
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(thread.quit)
        worker.finished.connect(worker.deleteLater)
        # The QThread has no Qt parent: this runner's Python reference owns it and
        # drops it once the thread has finished (no deleteLater, or it would be freed twice).
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        thread.start()

    @Slot()
    def _on_thread_finished(self) -> None:
        self._thread = None
        self._worker = None

    def request_stop(self) -> None:
        if self._worker is not None:
            self._worker.request_stop()

    def set_paused(self, paused: bool) -> None:
        if self._worker is not None:
            self._worker.set_paused(paused)

    def stop_and_wait(self, timeout_ms: int = 30_000) -> bool:
        """Request a stop and block until the thread has ended; True if it did."""
        thread = self._thread
        if thread is None:
            return True
        self.request_stop()
        ended = thread.wait(timeout_ms)
        if ended:
            self._on_thread_finished()
        return ended
