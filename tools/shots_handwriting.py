"""Screenshots of "My handwriting", rendered offscreen, to look at (not a test).

The real main window with fresh settings and a fresh user data folder, in
English and in Chinese: the Draw tab's collecting row (a 7 drawn, then added
with a click on "7"), the My handwriting tab (a set of font digits, a digit
selected), the Train tab's fine-tuning box with a set too small to split (what
it lacks) and with the set, and, when ``MNIST_DESK_DATA`` names MNIST, the
chart of a short fine-tuning run (the held-out digits' accuracy beside MNIST's
test accuracy, stopped after ``--steps`` steps) and the Evaluate tab on the set.

    python tools/shots_handwriting.py [--out shots] [--steps 40] [--size 1180x800]
    # shots/handwriting_en_*.png, shots/handwriting_zh_*.png

The chart's Chinese needs a CJK font in matplotlib's font cache: a cache made
before the font was installed draws boxes (run with ``MPLCONFIGDIR`` set to an
empty folder for a fresh one).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import os, sys, time
from pathlib import Path
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
out, prefix, settings_file, tiny, steps = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
width, height = (int(v) for v in sys.argv[6].split("x"))
from mnist_desk.ui.translation import install_translators
install_translators(app)
from mnist_desk.core.paths import default_weights_path
from mnist_desk.ui.draw.document import SIZE
from mnist_desk.ui.handwriting import sets
from mnist_desk.ui.main_window import TAB_EVALUATE, TAB_HANDWRITING, TAB_TRAIN, MainWindow
settings = QSettings(settings_file, QSettings.Format.IniFormat)
window = MainWindow(settings)
window.resize(width, height)
window.show()
window.load_weights(default_weights_path())


def settle(seconds=0.3, until=None, limit=60):
    end = time.time() + seconds
    while time.time() < end or (until is not None and not until() and time.time() < end + limit):
        app.processEvents()
        time.sleep(0.01)


def shot(name):
    settle()
    path = out / f"handwriting_{prefix}_{name}.png"
    window.grab().save(str(path))
    print("saved", path, flush=True)


def draw(points):
    canvas = window.draw_tab.canvas
    at = lambda fx, fy: canvas.to_widget(QPointF(fx * SIZE, fy * SIZE)).toPoint()
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(*points[0]))
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        for i in range(1, 9):
            QTest.mouseMove(canvas, at(x0 + (x1 - x0) * i / 8, y0 + (y1 - y0) * i / 8))
            app.processEvents()
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(*points[-1]))


settle(1.0)
draw([(0.3, 0.22), (0.72, 0.22), (0.47, 0.8)])
settle(0.5)
shot("1_draw_collecting_row")
QTest.mouseClick(window.draw_tab.collect.buttons[7], Qt.MouseButton.LeftButton)
draw([(0.5, 0.2), (0.5, 0.8)])  # a 1, added as a 4: the network's reading is said beside
settle(0.5)
QTest.mouseClick(window.draw_tab.collect.buttons[4], Qt.MouseButton.LeftButton)
shot("2_draw_added_as_4_read_as_1")

window.tabs.setCurrentIndex(TAB_HANDWRITING)
tab = window.tab(TAB_HANDWRITING)
settle(1.0, lambda: all(flow.count() for flow in tab.gallery.flows))
settle(2.0)
flow = tab.gallery.flows[3]
QTest.mouseClick(flow.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                 flow.visualItemRect(flow.item(1)).center())
shot("3_my_handwriting_tab")

window.tabs.setCurrentIndex(TAB_EVALUATE)
evaluate = window.tab(TAB_EVALUATE)
settle(0.5)
evaluate.source.choose(sets.active_folder(settings))
settle(0.5, lambda: evaluate.evaluate_button.isEnabled())
QTest.mouseClick(evaluate.evaluate_button, Qt.MouseButton.LeftButton)
settle(0.5, lambda: evaluate.result is not None and not evaluate._evaluating, limit=120)
shot("4_evaluate_on_the_set")

window.tabs.setCurrentIndex(TAB_TRAIN)
train = window.tab(TAB_TRAIN)
settle(1.0)
mine = sets.active_folder(settings)
sets.set_active(settings, tiny)
train.fine_tune.setChecked(True)
settle(0.5)
shot("5_fine_tune_set_too_small")
sets.set_active(settings, mine)
settle(0.5)
shot("6_fine_tune_box")
if os.environ.get("MNIST_DESK_DATA") and steps > 0:
    train.form.test_every.setValue(max(5, steps // 4))
    QTest.mouseClick(train.start_button, Qt.MouseButton.LeftButton)
    settle(1.0, lambda: train.store.current is not None and train.store.current.last_step >= steps, limit=900)
    shot("7_fine_tune_running")
    train.stop()
    settle(1.0, lambda: not train.session.is_active(), limit=120)
    shot("8_fine_tune_stopped")
window.tabs.setCurrentIndex(TAB_HANDWRITING)
settle(0.3)


def discard():  # the stopped fine-tuning run is unsaved: the window asks before it closes
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible() and w.objectName() == "unsavedQuestion"]
    if boxes:
        boxes[0].button(QMessageBox.StandardButton.Discard).click()
    else:
        QTimer.singleShot(50, discard)


discard()
window.close()
"""


def make_sets(home: Path) -> tuple[Path, Path]:
    """A set of font digits (8 of each) where the app keeps its first set, and a tiny one beside it."""
    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(ROOT))
    from font_digits import font_files, make_set, usable_fonts

    fonts = usable_fonts(font_files())[:24]
    mine = home / "mnist-desk" / "handwriting" / "mine"
    make_set(mine, per_digit=8, fonts=fonts)
    (mine / "fonts.txt").unlink()
    tiny = home / "mnist-desk" / "handwriting" / "Grandpa"
    make_set(tiny, per_digit=3, fonts=fonts)
    (tiny / "fonts.txt").unlink()
    for digit in (8, 9):
        shutil.rmtree(tiny / str(digit))
        (tiny / str(digit)).mkdir()
    return mine, tiny


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "shots"))
    parser.add_argument("--steps", type=int, default=40, help="fine-tuning steps before the chart's shot (0: none)")
    parser.add_argument("--size", default="1180x800")
    parser.add_argument("--lang", choices=("en_US", "zh_CN"), action="append")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        made = Path(scratch) / "made"
        _mine, tiny = make_sets(made)
        for language in args.lang or ("en_US", "zh_CN"):
            home = Path(scratch) / language
            shutil.copytree(made, home)
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MNIST_DESK_LANG=language, PYTHONPATH=str(ROOT),
                       XDG_DATA_HOME=str(home), XDG_CONFIG_HOME=str(home))
            subprocess.run([sys.executable, "-c", SCRIPT, str(out), language[:2], str(home / "s.ini"),
                            str(home / tiny.relative_to(made)), str(args.steps), args.size], cwd=ROOT, env=env,
                           check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
