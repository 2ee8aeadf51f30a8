"""Run the real app on a virtual screen, draw with xdotool, and screenshot each state of the Draw tab.

Needs Xvfb, xdotool and ImageMagick's ``import`` (``apt-get install xvfb xdotool
imagemagick``). The app runs with fresh settings in a temporary folder and
reports where its canvas and controls are (``MNIST_DESK_REPORT_PAINT=1``), so
the script draws exactly on the canvas. Screenshots go to ``shots/`` (ignored
by git); look at them.

Usage::

    python tools/shots_draw.py                 # display :72, shots/draw_*.png
    python tools/shots_draw.py --display :80 --out /tmp/shots
    python tools/shots_draw.py --themes        # also: dark palette and 2× HiDPI, rendered offscreen
    python tools/shots_draw.py --refusal [--lang zh_CN]   # only the "no digit" answers: a star, a photo, a 1
    python tools/shots_draw.py --explain       # "why this answer": saliency, opened maps, the loss,
                                               # in English and Chinese, 1× and 2× (tools/shots_explain.py)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class App:
    """The app under Xvfb, with the lines it prints on stdout."""

    def __init__(self, display: str, home: str, extra_env: dict[str, str] | None = None) -> None:
        env = dict(os.environ, DISPLAY=display, MNIST_DESK_REPORT_PAINT="1", XDG_CONFIG_HOME=home,
                   XDG_DATA_HOME=home, **(extra_env or {}))
        env.pop("QT_QPA_PLATFORM", None)
        self.process = subprocess.Popen([sys.executable, "-m", "mnist_desk"], cwd=ROOT, env=env, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines: list[str] = []

    def wait_for(self, prefix: str, timeout: float = 60.0) -> str | None:
        deadline = time.time() + timeout
        assert self.process.stdout is not None
        for line in self.lines:
            if line.startswith(prefix):
                return line
        while time.time() < deadline:
            if not select.select([self.process.stdout], [], [], 0.2)[0]:
                continue
            line = self.process.stdout.readline()
            if not line:
                return None
            self.lines.append(line)
            if line.startswith(prefix):
                return line
        return None

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def xdo(display: str, *args: str) -> None:
    subprocess.run(["xdotool", *args], env=dict(os.environ, DISPLAY=display), check=True)


def shot(display: str, out: Path, name: str) -> Path:
    time.sleep(0.6)  # let the throttled prediction and the repaint land
    path = out / f"draw_{name}.png"
    subprocess.run(["import", "-window", "root", str(path)], env=dict(os.environ, DISPLAY=display), check=True)
    print("saved", path)
    return path


def stroke(display: str, canvas: list[int], points: list[tuple[float, float]], steps: int = 8) -> None:
    """Drag the mouse through ``points`` (fractions of the canvas), as a hand would, in small steps."""
    x0, y0, w, h = canvas

    def at(fx: float, fy: float) -> tuple[str, str]:
        return str(int(x0 + fx * w)), str(int(y0 + fy * h))

    xdo(display, "mousemove", *at(*points[0]))
    xdo(display, "mousedown", "1")
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        for i in range(1, steps + 1):
            t = i / steps
            xdo(display, "mousemove", *at(ax + (bx - ax) * t, ay + (by - ay) * t))
            time.sleep(0.005)
    xdo(display, "mouseup", "1")


def click(display: str, rect: list[int]) -> None:
    x, y, w, h = rect
    xdo(display, "mousemove", str(x + w // 2), str(y + h // 2))
    xdo(display, "click", "1")


def focus_window(display: str, window: list[int]) -> None:
    """Click the status bar: with no window manager, a closed dialog leaves no window with the focus."""
    x, y, w, h = window
    xdo(display, "mousemove", str(x + 10), str(y + h - 6))
    xdo(display, "click", "1")
    time.sleep(0.2)


def type_path_in_dialog(display: str, path: Path) -> None:
    """Qt's own file dialog (no desktop portal on Xvfb): the file name field has focus."""
    time.sleep(1.0)
    xdo(display, "type", "--delay", "5", str(path))
    xdo(display, "key", "Return")
    time.sleep(1.0)


def make_pictures(folder: Path) -> tuple[Path, Path]:
    """A photo-like picture of a 4 (dark ink on grey, uneven light) and a file that is not a picture."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    image = Image.new("L", (360, 260), 185)
    pen = ImageDraw.Draw(image)
    pen.line([(170, 40), (120, 150), (215, 150)], fill=45, width=13, joint="curve")
    pen.line([(190, 95), (185, 220)], fill=45, width=13)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    shade = np.linspace(0.85, 1.1, 360, dtype=np.float32)[None, :]
    array = np.clip(np.asarray(image, dtype=np.float32) * shade, 0, 255).astype(np.uint8)
    picture = folder / "photo_of_a_4.jpg"
    Image.fromarray(array).save(picture, quality=85)
    bad = folder / "broken_weights.pt"
    bad.write_bytes(b"this is not a weights file")
    return picture, bad


THEME_SCRIPT = r"""
import sys
from PySide6.QtCore import QPointF, QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
if sys.argv[2] == "dark":
    app.setStyle("Fusion")
    palette = QPalette()
    for role, color in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                        (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Text, "#f0f0f0"),
                        (QPalette.ColorRole.Button, "#3a3a3a"), (QPalette.ColorRole.ButtonText, "#e6e6e6"),
                        (QPalette.ColorRole.Highlight, "#3d8ee6"), (QPalette.ColorRole.Mid, "#5a5a5a"),
                        (QPalette.ColorRole.PlaceholderText, "#8a8a8a")):
        palette.setColor(role, QColor(color))
    app.setPalette(palette)
from mnist_desk.core.paths import default_weights_path
from mnist_desk.ui.main_window import MainWindow
window = MainWindow(QSettings(sys.argv[3], QSettings.Format.IniFormat))
window.resize(1180, 800)
window.show()
if default_weights_path().is_file():
    window.load_weights(default_weights_path())
document = window.draw_tab.document
for points in ([(130, 90), (320, 90), (210, 360)],):
    document.begin_stroke(QPointF(*points[0]), 30)
    for x, y in points[1:]:
        for i in range(1, 21):
            a, b = document._points[-1], QPointF(x, y)
            document.extend_stroke(QPointF(a.x() + (b.x() - a.x()) * i / 20, a.y() + (b.y() - a.y()) * i / 20))
    document.end_stroke()
window.draw_tab.details.setCurrentIndex(int(sys.argv[4]))
for _ in range(5):
    app.processEvents()
window.draw_tab.update_prediction()
app.processEvents()
window.grab().save(sys.argv[1])
print("saved", sys.argv[1], "device pixel ratio", window.devicePixelRatioF())
"""


def theme_shots(out: Path) -> None:
    """The window with a dark palette, and at a 2× scale factor, rendered offscreen."""
    for name, theme, scale, page in (("14_dark_network", "dark", "1", "1"), ("15_dark_inspector", "dark", "1", "0"),
                                      ("16_hidpi_2x", "light", "2", "0")):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale)
        with tempfile.TemporaryDirectory() as home:
            subprocess.run([sys.executable, "-c", THEME_SCRIPT, str(out / f"draw_{name}.png"), theme,
                            str(Path(home) / "s.ini"), page], cwd=ROOT, env=env, check=True)


def refusal_shots(app: App, display: str, out: Path, lang: str) -> int:
    """The "no digit" answer: a star while drawn and after, a photograph opened, then a short 1."""
    if app.wait_for("MNIST_DESK_PAINTED", 30) is None or app.wait_for("MNIST_DESK_MODEL_READY", 60) is None:
        print("".join(app.lines))
        sys.exit("the window never painted or loaded no model")
    geometry = json.loads(app.wait_for("MNIST_DESK_GEOMETRY", 5).split(" ", 1)[1])
    canvas = geometry["canvas"]
    angles = (-math.pi / 2 + 4 * math.pi * i / 5 for i in range(6))
    star = [(0.5 + 0.32 * math.cos(a), 0.52 + 0.32 * math.sin(a)) for a in angles]
    x0, y0, w, h = canvas
    xdo(display, "mousemove", str(int(x0 + star[0][0] * w)), str(int(y0 + star[0][1] * h)))
    xdo(display, "mousedown", "1")
    for (ax, ay), (bx, by) in zip(star[:4], star[1:4]):
        for i in range(1, 9):
            t = i / 8
            xdo(display, "mousemove", str(int(x0 + (ax + (bx - ax) * t) * w)), str(int(y0 + (ay + (by - ay) * t) * h)))
            time.sleep(0.005)
    shot(display, out, f"20_star_while_drawing_{lang}")  # the pen is still down
    for (ax, ay), (bx, by) in zip(star[3:], star[4:]):
        for i in range(1, 9):
            t = i / 8
            xdo(display, "mousemove", str(int(x0 + (ax + (bx - ax) * t) * w)), str(int(y0 + (ay + (by - ay) * t) * h)))
            time.sleep(0.005)
    xdo(display, "mouseup", "1")
    shot(display, out, f"21_star_no_digit_{lang}")
    focus_window(display, geometry["window"])
    xdo(display, "key", "ctrl+o")
    type_path_in_dialog(display, ROOT / "tests" / "fixtures" / "refusal" / "not_a_digit_photo_astronaut.png")
    shot(display, out, f"22_photo_no_digit_{lang}")
    focus_window(display, geometry["window"])
    xdo(display, "key", "Delete")
    stroke(display, canvas, [(0.5, 0.35), (0.49, 0.6)], steps=6)
    shot(display, out, f"23_short_one_{lang}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--display", default=":72")
    parser.add_argument("--out", default=str(ROOT / "shots"))
    parser.add_argument("--themes", action="store_true", help="only the dark-palette and HiDPI shots (offscreen)")
    parser.add_argument("--refusal", action="store_true", help="only the 'no digit' shots: a star, a photo, a short 1")
    parser.add_argument("--lang", help="the app's language (MNIST_DESK_LANG), e.g. zh_CN")
    parser.add_argument("--explain", action="store_true",
                        help="only the 'why this answer' shots, English and Chinese, 1× and 2× (offscreen)")
    args = parser.parse_args()
    if args.explain:
        sys.path.insert(0, str(ROOT / "tools"))
        from shots_explain import take

        Path(args.out).mkdir(parents=True, exist_ok=True)
        take(Path(args.out))
        return 0
    if args.themes:
        Path(args.out).mkdir(parents=True, exist_ok=True)
        theme_shots(Path(args.out))
        return 0
    for tool in ("Xvfb", "xdotool", "import"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: apt-get install xvfb xdotool imagemagick")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    display = args.display
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1400x950x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    home = tempfile.mkdtemp(prefix="mnist_desk_shots_")
    picture, bad_weights = make_pictures(Path(home))
    app = App(display, home, {"MNIST_DESK_LANG": args.lang} if args.lang else None)
    try:
        if args.refusal:
            return refusal_shots(app, display, out, args.lang or "en")
        if app.wait_for("MNIST_DESK_PAINTED", 30) is None:
            print("".join(app.lines))
            sys.exit("the window never painted")
        geometry = json.loads(app.wait_for("MNIST_DESK_GEOMETRY", 5).split(" ", 1)[1])
        shot(display, out, "01_start")
        if app.wait_for("MNIST_DESK_MODEL_READY", 60) is None:
            print("no model became ready (no shipped weights?): shots go on without one")
        canvas = geometry["canvas"]
        shot(display, out, "02_empty_with_model")
        stroke(display, canvas, [(0.3, 0.22), (0.72, 0.22), (0.47, 0.8)])
        shot(display, out, "03_seven_inspector")
        click(display, geometry["detail_tabs"][1])
        shot(display, out, "04_seven_network")
        click(display, geometry["detail_tabs"][0])
        click(display, geometry["recipe_switch"])  # MNIST's preprocessing off: plain resize
        xdo(display, "key", "Escape")
        stroke(display, canvas, [(0.12, 0.08), (0.12, 0.32)], steps=6)  # a small 1 in a corner
        shot(display, out, "05_small_one_plain_resize")
        click(display, geometry["recipe_switch"])  # back on
        shot(display, out, "06_small_one_mnist_recipe")
        xdo(display, "key", "Delete")
        stroke(display, canvas, [(0.2, 0.25), (0.2, 0.75)])
        stroke(display, canvas, [(0.75, 0.3), (0.85, 0.7)])
        shot(display, out, "07_two_blobs_unsure")
        xdo(display, "key", "Escape")
        points = [(0.5 + 0.2 * math.sin(a), 0.5 - 0.3 * math.cos(a)) for a in
                  (2 * math.pi * i / 32 for i in range(34))]
        stroke(display, canvas, points, steps=2)
        xdo(display, "key", "ctrl+z")
        shot(display, out, "08_after_undo_empty")
        xdo(display, "key", "ctrl+shift+z")
        click(display, geometry["detail_tabs"][1])
        shot(display, out, "09_zero_redo_network")
        click(display, geometry["detail_tabs"][0])
        focus_window(display, geometry["window"])
        xdo(display, "key", "ctrl+o")
        type_path_in_dialog(display, picture)
        shot(display, out, "10_opened_photo")
        focus_window(display, geometry["window"])
        xdo(display, "key", "ctrl+l")
        type_path_in_dialog(display, bad_weights)
        shot(display, out, "11_bad_weights_message")
        xdo(display, "key", "Return")  # close the message
        focus_window(display, geometry["window"])
        xdo(display, "key", "alt+h")
        time.sleep(0.4)
        xdo(display, "key", "Return")
        shot(display, out, "12_about")
        xdo(display, "key", "Return")
        focus_window(display, geometry["window"])
        for index in (1, 2, 3):
            click(display, geometry["main_tabs"][index])
            shot(display, out, f"13_tab_{index}")
    finally:
        app.close()
        server.terminate()
        server.wait()
        shutil.rmtree(home, ignore_errors=True)
    problems = [line for line in app.lines if "Traceback" in line or "Error" in line]
    if problems:
        print("the app printed errors:\n" + "".join(app.lines))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
