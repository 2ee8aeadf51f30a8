"""Closing the real window while several jobs are stuck on a network share that stopped answering.

The user opens the app on a picture and a weights file on the share, with the
MNIST folder there too, and looks at the Train and Evaluate tabs: the picture's
opening, the weights' load and the folder checks all hang in a read that
never returns. Closing must ask every job to stop, wait one short deadline
for all of them together (not a few seconds each, one after the other), leave
the stuck ones behind and quit cleanly: exit status 0, no "QThread: Destroyed
while thread is still running" abort.

Only the share is simulated: the app's own reads (the core's open_regular and
check_regular, which every file read goes through) block for paths under it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from mnist_desk.core.data import RAW_FILES
from mnist_desk.ui.worker import CLOSE_WAIT_FLOOR_MS, CLOSE_WAIT_MS

ROOT = Path(__file__).resolve().parents[2]

_APP = textwrap.dedent("""
    import sys, threading, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import mnist_desk.core.data as data
    import mnist_desk.core.picture_open as picture_open
    import mnist_desk.core.weights as weights

    share = sys.argv[1]  # a network share that stopped answering: a read there never returns
    stuck = []

    def hangs_on_the_share(read):
        def maybe_hang(path, *args, **kwargs):
            if str(path).startswith(share):
                stuck.append(str(path))
                print("STUCK", path, flush=True)
                threading.Event().wait()
            return read(path, *args, **kwargs)
        return maybe_hang

    for module in (data, picture_open, weights):
        module.open_regular = hangs_on_the_share(module.open_regular)
    data.check_regular = hangs_on_the_share(data.check_regular)

    app = QApplication(sys.argv)
    from mnist_desk.ui.app import run_app

    def window():
        return next(w for w in app.topLevelWidgets() if hasattr(w, "tabs"))

    def look_at_the_tabs():
        window().tabs.setCurrentIndex(2)  # Train: its data folder is checked
        window().tabs.setCurrentIndex(3)  # Evaluate: its own check
        QTimer.singleShot(300, close_when_all_are_stuck)

    def close_when_all_are_stuck():
        if len(stuck) < 3:
            QTimer.singleShot(100, close_when_all_are_stuck)
            return
        print("CLOSING", len(stuck), time.monotonic(), flush=True)
        window().close()

    QTimer.singleShot(500, look_at_the_tabs)
    status = run_app(sys.argv[:1], files=[share + "/digit.png", share + "/mine.pt"])
    print("NOT REACHED", status, flush=True)  # with a job stuck, run_app leaves at once, with the status
""")


@pytest.mark.timeout(180)
def test_closing_with_jobs_stuck_everywhere_waits_one_short_deadline_and_quits_cleanly(tmp_path):
    share = tmp_path / "share"
    raw = share / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in RAW_FILES:  # there, so the checks go on to read them
        (raw / name).write_bytes(b"")
    (share / "digit.png").write_bytes(b"")
    (share / "mine.pt").write_bytes(b"")
    home = tmp_path / "home"
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "MNIST_DESK_LANG": "en_US",
           "MNIST_DESK_DATA": str(share), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", _APP, str(share)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, cwd=ROOT, env=env)
    lines, closing_at = [], None
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        if line.startswith("CLOSING"):
            closing_at = time.monotonic()
    status = process.wait(timeout=150)
    ended_at = time.monotonic()
    output = "".join(lines)
    assert closing_at is not None, output
    stuck = {line.split()[1] for line in lines if line.startswith("STUCK")}
    assert {str(share / "digit.png"), str(share / "mine.pt")} <= stuck, output  # the Draw tab's and the model's
    assert any(path.startswith(str(raw)) for path in stuck), output  # and a folder check
    assert status == 0, output
    assert "QThread: Destroyed" not in output and "Traceback" not in output, output
    assert "NOT REACHED" not in output, output
    # One deadline for all: one after the other, each stuck job would have held the close CLOSE_WAIT_MS.
    took = ended_at - closing_at
    bound = (CLOSE_WAIT_MS + CLOSE_WAIT_FLOOR_MS * len(stuck)) / 1000 + 2.0  # + leaving the event loop, exiting
    assert took < bound, f"closing took {took:.1f} s with {len(stuck)} stuck jobs (at most {bound:.1f} s expected)"
