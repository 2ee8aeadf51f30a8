"""Screenshots of the Filter Lab tab on a virtual X screen, to look at (not a test).

    python tools/shots_filter_lab.py                     # starts Xvfb :71 itself when there is no $DISPLAY
    python tools/shots_filter_lab.py --display :115      # another display number (one of your own)
    MNIST_DESK_LANG=zh_CN python tools/shots_filter_lab.py   # the Chinese window: shots/filter_lab_zh_CN_*.png
    ls shots/filter_lab_*.png

Runs the real main window with throw-away settings, drives it (the mouse
and keyboard through xdotool, so hover and typing are the real thing) and
saves the whole screen with ImageMagick's ``import -window root`` after each
step. The window has its default size (the one a new user sees) unless
``--size`` says otherwise. Needs: apt-get install -y xvfb xdotool imagemagick.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "shots"
DEFAULT_SIZE = (1180, 800)  # MainWindow's own first size
sys.path.insert(0, str(ROOT))


def start_display(display: str, size: tuple[int, int]) -> subprocess.Popen | None:
    if os.environ.get("DISPLAY"):
        return None
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.environ["DISPLAY"] = display
    time.sleep(1.5)
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--display", default=":71", help="the Xvfb display to start (default :71)")
    parser.add_argument("--size", default="x".join(map(str, DEFAULT_SIZE)),
                        help="window (and screen) size, WIDTHxHEIGHT (default: the window's own, %(default)s)")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.lower().split("x"))
    for tool in ("Xvfb", "xdotool", "import"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: apt-get install -y xvfb xdotool imagemagick")
    server = start_display(args.display, size)
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    SHOTS.mkdir(exist_ok=True)
    try:
        run(size)
    finally:
        if server is not None:
            server.terminate()
            server.wait(5)


def run(size: tuple[int, int]) -> None:
    import numpy as np
    from PIL import Image
    from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from mnist_desk.core.filters.pictures import picture_from_array
    from mnist_desk.ui.main_window import MainWindow
    from mnist_desk.ui.translation import active_language, install_translators

    work = Path(tempfile.mkdtemp(prefix="shots-filter-lab-"))
    QCoreApplication.setOrganizationName("MNIST Desk Shots")
    QCoreApplication.setApplicationName("MNIST Desk Shots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work))
    app = QApplication.instance() or QApplication([])
    install_translators(app)  # as the app does: MNIST_DESK_LANG=zh_CN gives the Chinese window
    language = active_language()
    prefix = "filter_lab_" if language == "en" else f"filter_lab_{language}_"
    window = MainWindow(QSettings())
    window.move(0, 0)
    window.resize(*size)
    window.show()
    window.first_painted.connect(window.start_loading)  # as the app does: the shipped weights, in the background
    tab = window.filter_lab_tab
    window.tabs.setCurrentWidget(tab)

    def settle(seconds: float = 0.4) -> None:
        """Run the event loop for ``seconds``, and on while the tab still computes or loads (20 s at most)."""
        end = time.time() + seconds
        while time.time() < end or tab.compute.busy() or tab.io.busy():
            loop = QEventLoop()
            QTimer.singleShot(50, loop.quit)  # slices of the real event loop, not a busy processEvents() spin
            loop.exec()
            if time.time() > end + 20:
                break

    def shot(name: str) -> None:
        settle()
        path = SHOTS / f"{prefix}{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], check=True)
        print("wrote", path)

    def xdo(*args: str) -> None:
        subprocess.run(["xdotool", *args], check=True)
        settle(0.3)

    def hover(view, x: float, y: float) -> None:
        """Move the real mouse over picture point (x, y) of ``view``."""
        point = view.mapToGlobal(view.to_screen(x, y).toPoint())
        xdo("mousemove", str(point.x()), str(point.y()))

    def pick(box, data) -> None:
        box.setCurrentIndex(box.findData(data))

    def choose(key: str) -> None:
        """Pick a preset from the Presets menu, as the user does (it brings its own display)."""
        next(a for a in tab.kernel_editor.presets_menu.actions() if a.data() == key).trigger()
        settle()

    settle(2.0)  # the sample picture, and the shipped weights loading in the background
    shot("01_tutorial_kernel")

    choose("sharpen")
    shot("01b_sharpen")
    choose("gaussian")
    shot("01c_gaussian_3x3")
    choose("gaussian5")
    shot("01d_gaussian_5x5")  # the panel, the pictures and the Presets button where they were at 3 × 3

    choose("sobel_x")
    pick(tab.chain_controls.padding, "same")
    settle()
    tab.state.set(56.0, 101.0, 385.0)  # the house's left wall, a few pixels across
    settle()
    hover(tab.result_view, 100.5, 385.5)
    shot("02_sobel_zoomed_values_hover")

    choose("outline")
    pick(tab.chain_controls.padding, 0)
    tab.chain_controls.relu.setChecked(True)
    pick(tab.chain_controls.pool, "max")
    settle()
    tab.state.set(9.0, 372.0, 260.0)  # the first black stripe (x 360 to 369)
    settle()
    hover(tab.result_view, 359.0, 250.0)  # its left edge
    shot("03_conv_relu_pool_hover")

    deadline = time.time() + 60
    while tab.active_model.model is None and time.time() < deadline:
        settle(0.5)
    tab.fit()
    pick(tab.chain_controls.pool, None)
    tab.chain_controls.relu.setChecked(False)
    if tab.learned.button.isEnabled():
        tab.learned.index.setValue(5)
        tab.learned.button.click()
    pick(tab.chain_controls.padding, "same")
    settle()
    hover(tab.result_view, 300.0, 300.0)
    shot("04_learned_kernel")

    cell = tab.kernel_editor.cells[0][1]
    centre = cell.mapToGlobal(cell.rect().center())
    xdo("mousemove", str(centre.x()), str(centre.y()), "click", "--repeat", "3", "1")
    xdo("type", "abc")
    shot("05_refused_cell")
    choose("sharpen")

    tab.per_channel.setChecked(True)
    settle()
    shot("06_colour_channels")
    tab.per_channel.setChecked(False)

    tab.set_picture(picture_from_array(np.full((1, 1), 200, np.uint8), "one pixel"))
    pick(tab.chain_controls.padding, 0)
    shot("07_one_pixel_too_small")

    broken = work / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 this is not really a JPEG")
    tab.open_picture(str(broken))
    shot("08_bad_file")

    big = Image.fromarray(np.asarray(Image.open(SHOTS / f"{prefix}01_tutorial_kernel.png").convert("RGB")))
    big = big.resize((4000, 3000), Image.Resampling.BILINEAR)
    tab.set_picture(picture_from_array(np.asarray(big), "12 megapixels"))
    choose("gaussian")
    shot("09_twelve_megapixels")
    app.closeAllWindows()  # the window's close stops and waits for every tab's worker


if __name__ == "__main__":
    main()
