"""Background jobs given up while still stuck (a read from a share that stopped answering), and leaving without them.

:meth:`.worker.WorkerRunner.stop_and_wait` gives up a job that does not stop in
time; the job must stay referenced until its thread ends, because a QThread
destroyed while it runs aborts the whole program.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QObject, QThread, Slot

log = logging.getLogger(__name__)


class _AbandonedJobs(QObject):
    """Jobs given up while still running, kept referenced until their thread ends (lives in the GUI thread)."""

    def __init__(self) -> None:
        super().__init__()
        self.jobs: list[tuple[QThread, QObject]] = []

    def keep(self, job: tuple[QThread, QObject]) -> None:
        self.jobs.append(job)
        job[0].finished.connect(self._on_finished)

    @Slot()
    def _on_finished(self) -> None:
        thread = self.sender()
        if isinstance(thread, QThread):
            thread.wait()
        self.jobs = [job for job in self.jobs if job[0] is not thread]

    def running(self) -> int:
        return sum(1 for thread, _worker in self.jobs if not thread.isFinished())


_abandoned: _AbandonedJobs | None = None


def keep_given_up(job: tuple[QThread, QObject]) -> None:
    """Keep a job (its thread and worker) that closing gave up on referenced until its thread ends."""
    global _abandoned
    if _abandoned is None:
        _abandoned = _AbandonedJobs()
    _abandoned.keep(job)


def stuck_jobs() -> int:
    """How many given-up jobs are still running (see :meth:`WorkerRunner.stop_and_wait`)."""
    return _abandoned.running() if _abandoned is not None else 0


def leave_if_jobs_are_stuck(status: int) -> None:
    """At the very end of the program: with a given-up job still stuck, end the process now.

    Python would otherwise destroy its QThread while it runs, which aborts
    ("QThread: Destroyed while thread is still running"). Everything of the
    user's is saved by then (the window has closed); stdout, stderr and the
    log are flushed first.
    """
    if not stuck_jobs():
        return
    log.warning("%d background job(s) still stuck (a file that does not answer); leaving without them", stuck_jobs())
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    os._exit(status)
