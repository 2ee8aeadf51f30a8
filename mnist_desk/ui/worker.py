"""The one way MNIST Desk runs long work off the GUI thread.

The core exposes long work as plain iterators that yield progress. An
:class:`IteratorWorker` (a QObject moved to a QThread) drives such an
iterator and emits each item as plain data; the GUI thread never blocks and
the worker never touches a widget. The wiring follows Qt's documented pattern:
``started → run``, ``finished → quit / deleteLater`` (the quit connected
directly, so a GUI thread blocked waiting for the worker cannot hold it up).

A failure is handed over as the exception itself and turned into the
user's message in the GUI thread (:func:`~mnist_desk.ui.error_text.error_text`
translates, and Qt does not document ``translate()`` as thread-safe): the
``failed`` signal belongs to a small object that stays in the GUI thread.

Stopping is cooperative: :meth:`IteratorWorker.request_stop` sets a flag the
worker checks between items (and, through :meth:`IteratorWorker.interrupt`,
between training batches); pausing blocks the worker on a wait condition.

Every owner starts its jobs with :meth:`WorkerRunner.start_job` (the steps and
the handlers of the signals it wants) and, when the window closes, calls
:meth:`WorkerRunner.shutdown`; the window does so inside :func:`closing`, which
first asks every job under it to stop, so they all stop together and the
waits share one deadline.

A job can also be stuck where no flag is looked at: a read from a stalled
network share never returns, a save to a disk that does not answer. Closing
waits :data:`CLOSE_WAIT_MS` for all jobs together (each still gets
:data:`CLOSE_WAIT_FLOOR_MS` to end after a stuck one used the time up), then gives it up instead of
keeping the window open: the job is kept alive (a QThread destroyed while it
runs aborts the whole program), its handlers are disconnected, so its results
go nowhere; when the program ends with such a job still stuck,
:func:`.stuck_jobs.leave_if_jobs_are_stuck` ends the process without waiting for it.
"""

from __future__ import annotations

import logging
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from inspect import ismethod
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QMutex,
    QMutexLocker,
    QObject,
    Qt,
    QThread,
    QWaitCondition,
    Signal,
    SignalInstance,
    Slot,
)

from ..core.errors import MnistDeskError
from .error_text import error_text
from .stuck_jobs import keep_given_up

log = logging.getLogger(__name__)

# How long closing waits for a job to stop (each job; a stop is noticed between items, within
# milliseconds) before it gives the job up as stuck: the window must close promptly whatever runs.
CLOSE_WAIT_MS = 3000
# What a job asked to stop still gets once the shared wait is used up (by one stuck job): the
# few milliseconds a stopping thread needs to end, so only a stuck job is left behind.
CLOSE_WAIT_FLOOR_MS = 250
_close_deadline: float | None = None  # time.monotonic() by which closing's waits end (see closing)


@contextmanager
def closing(window: QObject, wait_ms: int = CLOSE_WAIT_MS) -> Iterator[None]:
    """A window closes: ask every job under ``window`` to stop now; :meth:`WorkerRunner.shutdown` calls inside wait
    until one deadline, ``wait_ms`` from now, instead of :data:`CLOSE_WAIT_MS` each.

    The owners' shutdowns then run one after the other, each job having
    been stopping since the start.
    """
    global _close_deadline
    for runner in window.findChildren(WorkerRunner):
        runner.request_stop()
    outer, _close_deadline = _close_deadline, time.monotonic() + wait_ms / 1000
    try:
        yield
    finally:
        _close_deadline = outer


class _FailureRelay(QObject):
    """Lives in the thread that made the worker (the GUI thread): makes the message there."""

    failed = Signal(str)

    @Slot(object)
    def report(self, error: BaseException) -> None:
        self.failed.emit(error_text(error) or type(error).__name__)


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
    raised = Signal(object)  # the exception that ended the iterator (see failed)
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
        self.ended = False  # set in the worker thread once run() is done; its thread is then ending
        # No parent: it stays in this thread when the worker moves to its own.
        self._relay = _FailureRelay()
        self.raised.connect(self._relay.report)

    @property
    def failed(self) -> SignalInstance:
        """Signal(str): the message for the user, in their language; emitted in the thread that made the worker."""
        return self._relay.failed

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
            if isinstance(error, MnistDeskError):  # a bad file or setting, said plainly: no traceback
                log.info("worker stopped: %s", error)  # the window says it; stderr is for our bugs
            else:
                log.error("worker failed:\n%s", traceback.format_exc())
            self.raised.emit(error)
        else:
            (self.stopped if stopped else self.completed).emit()
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()
            self.ended = True
            # Hand the worker back to the GUI thread before finished → deleteLater, so it is
            # destroyed there. Destroying a Python-made QObject takes the GIL; in the worker
            # thread that could deadlock against a GUI thread holding the GIL while it waits
            # for a Qt lock the dying object holds (seen: connecting signals while a job ended).
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())
            self.finished.emit()


class WorkerRunner(QObject):
    """Owns at most one running :class:`IteratorWorker` and its QThread.

    :meth:`start_job` makes the worker, connects the owner's handlers and
    starts it, wired as Qt documents; :meth:`shutdown` is what a window's
    ``closeEvent`` calls (through the tabs) so no thread outlives its window.
    A runner can start job after job: each job's thread and worker stay
    referenced from Python until that thread has ended, and a late
    ``finished`` of an old job never touches the current one.
    """

    thread_ended = Signal()  # a job's thread has ended (in the GUI thread): the next job may start

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current: tuple[QThread, IteratorWorker] | None = None
        # Jobs whose thread is ending or has ended but whose finished signal has
        # not reached this (GUI-thread) object yet. Dropping their last Python
        # reference earlier would delete a QThread that may still run, or race
        # the worker's deleteLater in its own thread.
        self._ending: list[tuple[QThread, IteratorWorker]] = []
        self._handlers: list[tuple[SignalInstance, Callable[..., Any]]] = []  # the current job's, see start_job

    @property
    def worker(self) -> IteratorWorker | None:
        return self._current[1] if self.is_running() else None

    def is_running(self) -> bool:
        return self._current is not None and not self._current[0].isFinished()

    def start_job(self, steps: Callable[[IteratorWorker], Iterator[Any]], *,
                  on_item: Callable[[Any], None] | None = None, on_failed: Callable[[str], None] | None = None,
                  on_stopped: Callable[[], None] | None = None, on_completed: Callable[[], None] | None = None,
                  on_finished: Callable[[], None] | None = None) -> IteratorWorker:
        """Run ``steps(worker)`` in a new worker thread, its signals connected to the handlers given.

        Parameters
        ----------
        steps
            Called in the worker thread with the worker; returns the iterator
            whose items are emitted (see :class:`IteratorWorker`).
        on_item, on_failed, on_stopped, on_completed, on_finished
            Handlers of the worker's ``item(object)``, ``failed(str)`` (the
            user's message), ``stopped``, ``completed`` and ``finished``
            (always last). Each must be a ``@Slot`` method of a QObject living
            in the GUI thread, so it is called there (a plain function would
            run in the worker's thread).

        Returns
        -------
        IteratorWorker
            The worker, started. One job at a time: see :meth:`start`.
        """
        worker = IteratorWorker(steps)
        handlers = [(signal, handler) for signal, handler in (
            (worker.item, on_item), (worker.failed, on_failed), (worker.stopped, on_stopped),
            (worker.completed, on_completed), (worker.finished, on_finished)) if handler is not None]
        for signal, handler in handlers:
            if not (ismethod(handler) and isinstance(handler.__self__, QObject)):
                raise TypeError(f"a worker's handler must be a method of a QObject, not {handler!r}")
            signal.connect(handler)
        self.start(worker)
        self._handlers = handlers
        return worker

    def start(self, worker: IteratorWorker) -> None:
        """Move ``worker`` to a new thread and start it. One at a time.

        A previous job whose work is done but whose thread is still ending is
        waited for (briefly); one still working is an error.
        """
        if self.is_running():
            thread, previous = self._current  # type: ignore[misc]
            if not (previous.ended and thread.wait(5000)):
                raise RuntimeError("a worker is already running")
        self._retire_current()
        thread = QThread()
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        # Direct, i.e. called in the worker's thread: QThread.quit() is thread-safe, and a
        # queued quit would wait for the GUI thread, which may be blocked in stop_and_wait().
        worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        worker.finished.connect(worker.deleteLater)
        thread.finished.connect(self._on_thread_finished)
        self._current = (thread, worker)
        thread.start()

    def _retire_current(self) -> None:
        if self._current is not None:
            self._ending.append(self._current)
            self._current = None
        self._handlers = []

    @Slot()
    def _on_thread_finished(self) -> None:
        thread = self.sender()
        # ``finished`` is emitted just before the thread really ends: wait for that
        # (immediate) before the last reference, and with it the QThread, goes.
        if isinstance(thread, QThread):
            thread.wait()
        if self._current is not None and self._current[0] is thread:
            self._current = None
            self._handlers = []
        self._ending = [job for job in self._ending if job[0] is not thread]
        self.thread_ended.emit()

    def request_stop(self) -> None:
        if self._current is not None:
            self._current[1].request_stop()

    def set_paused(self, paused: bool) -> None:
        if self._current is not None:
            self._current[1].set_paused(paused)

    def shutdown(self) -> bool:
        """The window is closing: stop the job and wait for it, at most :data:`CLOSE_WAIT_MS`; True if it ended.

        Inside :func:`closing`, until its deadline (and :data:`CLOSE_WAIT_FLOOR_MS`
        at least). A job that has not stopped by then is given up (see
        :meth:`stop_and_wait`).
        """
        wait_ms = CLOSE_WAIT_MS
        if _close_deadline is not None:
            wait_ms = max(CLOSE_WAIT_FLOOR_MS, int((_close_deadline - time.monotonic()) * 1000))
        return self.stop_and_wait(wait_ms)

    def stop_and_wait(self, timeout_ms: int = 30_000) -> bool:
        """Request a stop and block until the thread has ended, at most ``timeout_ms``; True if it did.

        A job still running after that is given up: disconnected from the
        handlers :meth:`start_job` connected, so its results go nowhere, and
        kept alive elsewhere until its thread ends (so this runner, and its
        owner, may go). The runner can start the next job at once.
        """
        if self._current is None:
            return True
        thread, worker = self._current
        worker.request_stop()  # touches only the worker's own mutex: safe even after its deleteLater
        ended = thread.wait(timeout_ms)
        if ended:
            self._retire_current()
        else:
            log.warning("a background job did not stop within %d ms; it is left to finish on its own", timeout_ms)
            thread.finished.disconnect(self._on_thread_finished)
            for signal, handler in self._handlers:
                with warnings.catch_warnings():  # a handler whose object is gone is disconnected already
                    warnings.simplefilter("ignore", RuntimeWarning)
                    try:
                        signal.disconnect(handler)
                    except (RuntimeError, TypeError):
                        pass
            self._handlers = []
            keep_given_up(self._current)
            self._current = None
        return ended
