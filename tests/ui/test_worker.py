"""The one worker pattern: items, stop, pause, failure, restart, and waiting from the GUI thread.

Signals are received by a QObject living in the GUI thread, as the tabs do
(a plain callable would run in the worker's thread).
"""

import threading
import time

import pytest
from PySide6.QtCore import QObject, Slot

from mnist_desk.ui.stuck_jobs import stuck_jobs
from mnist_desk.ui.worker import IteratorWorker, WorkerRunner, closing


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


class Handlers(Receiver):
    """The same slots, connected by WorkerRunner.start_job rather than by hand."""

    def __init__(self):
        QObject.__init__(self)
        self.items, self.events, self.threads = [], [], []

    def handlers(self):
        return {"on_item": self.on_item, "on_failed": self.on_failed, "on_completed": self.on_completed,
                "on_stopped": self.on_stopped, "on_finished": self.on_finished}


def test_start_job_connects_the_handlers_given_and_refuses_a_plain_function(qtbot):
    runner = WorkerRunner()
    receiver = Handlers()
    runner.start_job(_counting(3), **receiver.handlers())
    qtbot.waitUntil(lambda: "finished" in receiver.events, timeout=5000)
    assert receiver.items == [0, 1, 2] and receiver.events == ["completed", "finished"]
    assert set(receiver.threads) == {threading.main_thread()}
    qtbot.waitUntil(lambda: not runner.is_running(), timeout=5000)
    with pytest.raises(TypeError):
        runner.start_job(_counting(1), on_item=lambda item: None)  # it would run in the worker's thread
    assert not runner.is_running()


def test_a_job_given_up_on_close_reaches_its_handlers_no_more(qtbot):
    release = threading.Event()

    def stuck(_worker):
        yield "before"
        release.wait()  # a read that does not answer: no stop flag is looked at
        yield "after"

    parent = QObject()
    runner = WorkerRunner(parent)
    receiver = Handlers()
    runner.start_job(stuck, **receiver.handlers())
    qtbot.waitUntil(lambda: receiver.items == ["before"], timeout=5000)
    start = time.perf_counter()
    with closing(parent, wait_ms=200):
        assert not runner.shutdown()
    assert time.perf_counter() - start < 2 and stuck_jobs() == 1
    release.set()
    qtbot.waitUntil(lambda: stuck_jobs() == 0, timeout=5000)
    qtbot.wait(50)
    assert receiver.items == ["before"] and receiver.events == []  # its results went nowhere
