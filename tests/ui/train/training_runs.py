"""Waiting on a Train tab's run (no tests here): its next records, and Stop."""

from __future__ import annotations

import time

from mnist_desk.ui.train.tab import TrainTab


def records_of(qtbot, tab: TrainTab, count: int, timeout: int = 30_000) -> list[dict]:
    seen: list[dict] = []

    def collect(record: dict) -> None:
        seen.append(record)

    tab.session.record.connect(collect)
    try:
        qtbot.waitUntil(lambda: len(seen) >= count, timeout=timeout)
    finally:
        tab.session.record.disconnect(collect)
    return seen


def stop_and_wait(qtbot, tab: TrainTab) -> float:
    start = time.perf_counter()
    with qtbot.waitSignal(tab.session.ended, timeout=5000) as ended:
        tab.stop_button.click()
    assert ended.args[0] == "stopped"
    return time.perf_counter() - start
