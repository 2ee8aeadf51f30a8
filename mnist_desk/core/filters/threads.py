"""A small pool of threads that share a filter's pieces of work.

The arithmetic runs in torch and NumPy calls, which let go of Python's GIL
while they compute, so a few threads keep a few cores busy (and the
window's own thread stays free to paint). The calling thread works too, so a
call never waits for the pool: when another filter holds the pool's threads,
the caller simply does more of the pieces itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from threading import Lock
from typing import TypeVar

Task = TypeVar("Task")
# Below this much work (output pixels × kernel taps) threads cost more than they save.
PARALLEL_MIN_WORK = 1 << 20

_pool: ThreadPoolExecutor | None = None
_pool_lock = Lock()


def thread_count() -> int:
    """Threads a filter uses: the CPUs this process may run on, at most 4."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(4, cpus))


def _shared_pool() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=max(1, thread_count() - 1),
                                       thread_name_prefix="mnist-desk-filter")
        return _pool


def share(worker: Callable[[Callable[[], Task | None]], None], tasks: Sequence[Task], work: int) -> None:
    """Run ``worker(take)`` in this thread and, for ``work`` worth it, in the pool's threads too.

    Each worker calls ``take()`` for its next task until it returns ``None``;
    every task is handed out once. A worker keeps what it sets up (buffers)
    across its tasks. An exception in any worker stops the others after their
    current task and is raised here.
    """
    pending = iter(tasks)
    lock = Lock()
    failed = False

    def take() -> Task | None:
        with lock:
            return None if failed else next(pending, None)

    def guarded() -> None:
        nonlocal failed
        try:
            worker(take)
        except BaseException:
            failed = True
            raise

    helpers = min(thread_count(), len(tasks)) - 1 if work >= PARALLEL_MIN_WORK else 0
    futures = [_shared_pool().submit(guarded) for _ in range(helpers)]
    try:
        guarded()
    finally:
        for future in futures:
            future.result()  # waits for it; re-raises its exception
