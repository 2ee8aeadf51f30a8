"""Time of adding the drawing to the handwriting set in the window: a click on "Add as N", until the window is idle.

The real main window (offscreen, fresh settings, the user data folder in a
temporary folder, the shipped weights loaded), every tab built so that every
view of the set follows the addition (the My handwriting tab's gallery, the
Train tab's fine-tuning box, the Evaluate tab's choice), the active set
already holding ``--start`` digits (a set well on its way). Each trial draws
a digit on the canvas through the document (as the pointer does), lets the
prediction land, then clicks one of the ten buttons with a real mouse event
and times it until the event loop has nothing left to do on the GUI thread:
the PNG made and written durably (fsync), the counts read again, the status
line, the canvas cleared, every view told, and the repaint. The thumbnail the
gallery makes in its worker is not waited for (the window is not blocked by
it). The goal is 50 ms or less per addition.

Usage::

    nice -n 10 python bench/handwriting_add.py [--trials 40] [--start 900]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GOAL_MS = 50.0


def fill(folder: Path, count: int) -> None:
    """``count`` digits (a drawn stroke each, 448×448 as the app stores them), spread over the ten labels."""
    import io

    from PIL import Image, ImageDraw

    from mnist_desk.core.handwriting.store import HandwritingSet

    target = HandwritingSet.create(folder)
    for index in range(count):
        picture = Image.new("L", (448, 448), 255)
        ImageDraw.Draw(picture).line([(150 + index % 40, 80), (260, 370 - index % 30)], fill=0, width=34)
        data = io.BytesIO()
        picture.save(data, format="PNG")
        target.add(data.getvalue(), index % 10, durable=False)


def draw(tab, index: int) -> None:
    """A stroke on the canvas, a little different each time, and the prediction it triggers."""
    from PySide6.QtCore import QPointF

    from mnist_desk.ui.draw.document import SIZE

    shift = (index % 7) * 0.01
    points = [(0.3 + shift, 0.2), (0.7, 0.22 + shift), (0.45 - shift, 0.82)]
    document = tab.document
    document.begin_stroke(QPointF(points[0][0] * SIZE, points[0][1] * SIZE), 30.0)
    for x, y in points[1:]:
        document.extend_stroke(QPointF(x * SIZE, y * SIZE))
    document.end_stroke()
    tab.update_prediction()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--start", type=int, default=900, help="digits in the set before the first addition")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="handwriting_add_"))
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from mnist_desk.core.paths import default_weights_path
    from mnist_desk.ui.handwriting.sets import default_set_folder
    from mnist_desk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(home / "bench.ini"), QSettings.Format.IniFormat)
    folder = default_set_folder()
    start = time.perf_counter()
    fill(folder, args.start)
    print(f"set “{folder.name}” filled with {args.start} digits in {time.perf_counter() - start:.1f} s")

    window = MainWindow(settings)
    window.resize(1280, 860)
    window.show()
    window.active_model.load_file(default_weights_path())
    for index in range(window.tabs.count()):  # every view of the set exists and follows it
        window.tabs.setCurrentIndex(index)
        app.processEvents()
    window.tabs.setCurrentIndex(0)
    deadline = time.time() + 10
    while time.time() < deadline:  # the thumbnails of the gallery, the tabs' first paints
        app.processEvents()
        time.sleep(0.01)
    tab = window.draw_tab
    row = tab.collect
    times, inside = [], []
    for trial in range(args.trials + 3):  # the first three warm up
        draw(tab, trial)
        app.processEvents()
        digit = trial % 10
        button = row.buttons[digit]
        begin = time.perf_counter()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        app.processEvents()  # what the click left queued on the GUI thread: the views told, the repaint
        elapsed = (time.perf_counter() - begin) * 1000.0
        if not tab.document.is_empty and row.clear_after.isChecked():
            raise SystemExit("the click added nothing: " + row.status.text())
        if trial >= 3:
            times.append(elapsed)
            inside.append(row.last_add_ms)
    count = sum(1 for _ in folder.glob("*/*.png"))
    expected = args.start + args.trials + 3
    if count != expected:
        raise SystemExit(f"the set holds {count} digits, not {expected}")
    median, worst = statistics.median(times), max(times)
    p90 = sorted(times)[int(0.9 * (len(times) - 1))]
    print(f"{args.trials} additions to a set of {args.start}+: click → idle median {median:.1f} ms, 90th percentile "
          f"{p90:.1f} ms, worst {worst:.1f} ms (of which the add itself, median {statistics.median(inside):.1f} ms); "
          f"goal ≤ {GOAL_MS:.0f} ms → {'met' if p90 <= GOAL_MS else 'MISSED'}")
    window.close()
    app.processEvents()
    return 0 if p90 <= GOAL_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
