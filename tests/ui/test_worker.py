"""The one worker pattern: items, stop, pause, failure, restart, and waiting from the GUI thread.

Signals are received by a QObject living in the GUI thread, as the tabs do
(a plain callable would run in the worker's thread).
"""

import threading
import time

from PySide6.QtCore import QObject, Slot

from mnist_desk.ui.worker import IteratorWorker, WorkerRunner


class Receiver(QObject):
    """Collects what a worker emits, in the GUI thread."""

    def __init__(self, worker: IteratorWorker):
        super().__init__()
        self.items, self.events, self.threads = [], [], []
        worker.item.connect(self.on_item)
        worker.failed.connect(self.on_failed)
        worker.completed.connect(self.on_completed)
        worker.stopped.connect(self.on_stopped)
        worker.finished.connect(self.on_finished)

    @Slot(object)
    def on_item(self, value):
        self.threads.append(threading.current_thread())
        self.items.append(value)

    @Slot(str)
    def on_failed(self, message):
        self.events.append(("failed", message))

    @Slot()
    def on_completed(self):
        self.events.append("completed")

    @Slot()
    def on_stopped(self):
        self.events.append("stopped")

    @Slot()
    def on_finished(self):
        self.events.append("finished")


def _counting(limit=None, delay=0.0, threads=None):
    def make(worker):
        if threads is not None:
            threads.append(threading.current_thread())
        index = 0
        while limit is None or index < limit:
            time.sleep(delay)
            yield index
            index += 1
    return make


def test_items_arrive_in_order_in_the_gui_thread_then_completed_and_finished(qtbot):
    runner = WorkerRunner()
    iterator_threads = []
    worker = IteratorWorker(_counting(5, threads=iterator_threads))
    receiver = Receiver(worker)
    runner.start(worker)
    qtbot.waitUntil(lambda: "finished" in receiver.events, timeout=5000)
    assert receiver.items == [0, 1, 2, 3, 4]
    assert receiver.events == ["completed", "finished"]
    assert set(receiver.threads) == {threading.main_thread()}
    assert iterator_threads[0] is not threading.main_thread()
    qtbot.waitUntil(lambda: not runner.is_running(), timeout=5000)


def test_stop_and_wait_from_the_gui_thread_returns_promptly_and_a_new_job_can_start(qtbot):
    runner = WorkerRunner()
    for _ in range(3):  # stop, restart, stop again: old finished signals never hit the new job
        worker = IteratorWorker(_counting(delay=0.005))
        receiver = Receiver(worker)
        runner.start(worker)
        qtbot.waitUntil(lambda: len(receiver.items) > 2, timeout=2000)
        started = time.perf_counter()
        assert runner.stop_and_wait(5000)
        assert time.perf_counter() - started < 1.0
        assert not runner.is_running()
        qtbot.waitUntil(lambda: "finished" in receiver.events, timeout=2000)
        assert receiver.events == ["stopped", "finished"]
    qtbot.wait(50)
    assert runner.stop_and_wait(100)


def test_pause_blocks_between_items_and_resume_continues(qtbot):
    runner = WorkerRunner()
    worker = IteratorWorker(_counting(100, delay=0.002))
    receiver = Receiver(worker)
    runner.start(worker)
    try:
        qtbot.waitUntil(lambda: len(receiver.items) >= 3, timeout=3000)
        runner.set_paused(True)
        qtbot.wait(60)
        paused_at = len(receiver.items)
        qtbot.wait(120)
        assert len(receiver.items) == paused_at < 100
        runner.set_paused(False)
        qtbot.waitUntil(lambda: "finished" in receiver.events, timeout=5000)
        assert receiver.items == list(range(100))
    finally:
        runner.stop_and_wait()


def test_a_failing_iterator_reports_a_message_and_the_thread_ends(qtbot):
    def make(worker):
        yield 1
        raise ValueError("bad kernel")

    runner = WorkerRunner()
    worker = IteratorWorker(make)
    receiver = Receiver(worker)
    runner.start(worker)
    qtbot.waitUntil(lambda: "finished" in receiver.events, timeout=5000)
    assert receiver.events == [("failed", "bad kernel"), "finished"]
    qtbot.waitUntil(lambda: not runner.is_running(), timeout=5000)


def test_stop_while_paused_wakes_the_worker(qtbot):
    runner = WorkerRunner()
    worker = IteratorWorker(_counting(delay=0.001))
    receiver = Receiver(worker)
    runner.start(worker)
    qtbot.waitUntil(lambda: bool(receiver.items), timeout=2000)
    runner.set_paused(True)
    qtbot.wait(30)
    assert runner.stop_and_wait(2000)


def test_a_new_job_may_start_as_soon_as_the_previous_one_has_finished_its_work(qtbot):
    runner = WorkerRunner()
    for _ in range(5):
        worker = IteratorWorker(_counting(2))
        receiver = Receiver(worker)
        runner.start(worker)  # no stop_and_wait in between
        qtbot.waitUntil(lambda: "finished" in receiver.events, timeout=2000)
    busy = IteratorWorker(_counting(delay=0.01))
    runner.start(busy)
    try:
        import pytest

        with pytest.raises(RuntimeError):
            runner.start(IteratorWorker(_counting(1)))
    finally:
        assert runner.stop_and_wait()
