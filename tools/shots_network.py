"""Screenshot "build your own CNN" on a virtual screen: the Train tab's Network panel and a built network in use.

Runs the real main window (1180×800, fresh settings) on Xvfb and drives it
through Qt: a named architecture shown as its layers, the tutorial's section
1.3 network with a conv selected (its tooltip's arithmetic), the Add layer
menu, an impossible network (Start waits, the bad layer marked), two short
runs compared on the chart (4/6 kernels against 16/32; the question before
the second run is answered "Yes"), and the Draw tab with the built network
(its feature maps, one opened with its arithmetic, Grad-CAM). Each language
(English, Chinese) at 1× and at 2× (``QT_SCALE_FACTOR=2`` on a 2360×1600
screen), each in its own process and Xvfb display; screenshots are of the
whole virtual screen (ImageMagick's ``import``, so tooltips and menus show):
look at them.

Needs the MNIST files (``MNIST_DESK_DATA``), Xvfb and ImageMagick.

    MNIST_DESK_DATA=/path/to/data python tools/shots_network.py [--lang en_US|zh_CN|all] [--scale 1|2|all]
        [--display :120] [--out shots] [--steps 240]      # shots/network_<lang>_<scale>x_*.png
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
sys.path.insert(0, str(ROOT))
SECTION_1_3 = ("conv 4 5x5 pad 2, relu, maxpool 2, conv 6 5x5 pad 2, relu, maxpool 2, flatten, linear 50, relu, "
               "linear 10")
IMPOSSIBLE = "conv 4 5x5, relu, maxpool 2, conv 6 5x5, relu, maxpool 2, conv 8 5x5, relu, flatten, linear 10"


WIDTH, HEIGHT = 1180, 800  # MainWindow's own first size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--display", default=":120", help="the first Xvfb display (one more for each shot set)")
    parser.add_argument("--lang", default="all", choices=("en_US", "zh_CN", "all"))
    parser.add_argument("--scale", default="all", choices=("1", "2", "all"))
    parser.add_argument("--out", default=str(ROOT / "shots"))
    parser.add_argument("--steps", type=int, default=240, help="steps of each of the two runs")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # one set, in this process
    args = parser.parse_args()
    if not os.environ.get("MNIST_DESK_DATA"):
        print("Set MNIST_DESK_DATA to the folder holding MNIST/raw.", file=sys.stderr)
        return 2
    for tool in ("Xvfb", "import"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: apt-get install xvfb imagemagick", file=sys.stderr)
            return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.one:
        return one_set(out, args.display, args.steps, args.lang, args.scale)
    languages = ("en_US", "zh_CN") if args.lang == "all" else (args.lang,)
    scales = ("1", "2") if args.scale == "all" else (args.scale,)
    display = int(args.display.lstrip(":"))
    status = 0
    for language in languages:
        for scale in scales:
            command = [sys.executable, __file__, "--one", "--lang", language, "--scale", scale,
                       "--display", f":{display}", "--out", str(out), "--steps", str(args.steps)]
            status = status or subprocess.run(command, cwd=ROOT).returncode
            display += 1
    return status


def one_set(out: Path, display: str, steps: int, lang: str, scale: str) -> int:
    home = tempfile.mkdtemp(prefix="mnist-desk-shots-")
    factor = int(scale)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{WIDTH * factor}x{HEIGHT * factor}x24",
                             "-nolisten", "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    os.environ.update(DISPLAY=display, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home, MNIST_DESK_LANG=lang,
                      QT_SCALE_FACTOR=scale)
    os.environ.pop("QT_QPA_PLATFORM", None)
    try:
        return drive(out, display, steps, f"{lang[:2]}_{scale}x")
    finally:
        xvfb.terminate()
        xvfb.wait(10)
        shutil.rmtree(home, ignore_errors=True)


def drive(out: Path, display: str, steps: int, prefix: str) -> int:
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QToolTip

    from mnist_desk.core.layers import parse_spec
    from mnist_desk.ui.translation import install_translators

    app = QApplication([sys.argv[0]])
    app.setOrganizationName("MNIST Desk Shots")
    app.setApplicationName("MNIST Desk Shots")
    translators = install_translators(app)  # kept alive while the window runs
    from mnist_desk.ui.main_window import TAB_DRAW, TAB_TRAIN, MainWindow

    settings = QSettings(str(Path(os.environ["XDG_CONFIG_HOME"]) / "shots.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.resize(WIDTH, HEIGHT)
    window.move(0, 0)
    window.show()

    def answer_questions() -> None:
        # "Start a new run and discard the last one's weights?" Yes; "Save the run before closing?" Discard.
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            for role in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Discard):
                if box.button(role) is not None:
                    box.button(role).click()
                    return

    answerer = QTimer()
    answerer.timeout.connect(answer_questions)
    answerer.start(200)

    def pump(seconds: float, until=lambda: False) -> bool:
        deadline = time.time() + seconds
        while time.time() < deadline:
            app.processEvents()
            if until():
                return True
            time.sleep(0.01)
        return until()

    def shoot(name: str) -> None:
        pump(0.8)
        path = out / f"network_{prefix}_{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=dict(os.environ, DISPLAY=display), check=True)
        print("saved", path, flush=True)

    pump(2)
    window.tabs.setCurrentIndex(TAB_TRAIN)
    tab = window.train_tab
    form, editor = tab.form, tab.network
    pump(2, lambda: tab.data_folder.ready is not None)
    form.reset_defaults()
    form.arch.setCurrentIndex(form.arch.findData("desk"))
    tab.panels.setCurrentIndex(1)
    shoot("1_named_architecture_read_only")

    form.arch.setCurrentIndex(form.arch.findData("custom"))
    editor.set_layers(parse_spec(SECTION_1_3))
    editor._select(3)
    pump(0.3)
    rect = editor.view.visualRect(editor.model.index(3, 4))
    QToolTip.showText(editor.view.viewport().mapToGlobal(rect.center()),
                      str(editor.model.index(3, 4).data(Qt.ItemDataRole.ToolTipRole)), editor.view)
    shoot("2_section_1_3_conv_selected")
    QToolTip.hideText()

    editor.add_menu.popup(editor.add_button.mapToGlobal(editor.add_button.rect().bottomLeft()))
    shoot("3_add_layer_menu")
    editor.add_menu.hide()

    editor.set_layers(parse_spec(IMPOSSIBLE))
    editor._select(6)
    shoot("4_impossible_network")

    form.epochs.setValue(1)
    form.test_every.setValue(100)
    form.schedule.setCurrentIndex(form.schedule.findData("onecycle"))
    form.lr.setCurrentText("0.01")
    for text in (SECTION_1_3, SECTION_1_3.replace("conv 4 ", "conv 16 ").replace("conv 6 ", "conv 32 ")):
        editor.set_layers(parse_spec(text))
        tab.start_button.click()
        if not pump(10, lambda: tab.session.is_active()):
            print("the run did not start:", tab.progress.status.text(), file=sys.stderr)
            return 1
        pump(600, lambda: tab.store.current is not None and tab.store.current.last_step >= steps)
        tab.stop_button.click()
        pump(30, lambda: not tab.session.is_active())
    tab.panels.setCurrentIndex(0)
    shoot("5_two_built_networks_compared")

    tab.weights.use_button.click()
    pump(3)
    window.tabs.setCurrentIndex(TAB_DRAW)
    draw = window.draw_tab
    from mnist_desk.ui.draw.tab import PAGE_NETWORK, PAGE_WHY

    draw.details.setCurrentIndex(PAGE_NETWORK)
    sample = ROOT / "resources" / "samples" / "mnist_test_00000_digit7.png"
    draw.open_picture(sample)
    pump(5, lambda: draw.last_prediction is not None and not draw.last_prediction.preprocessed.empty)
    draw.update_prediction()
    shoot("6_draw_feature_maps")
    network = draw.network
    if "conv2 → pool" in network.stage_names:
        network.open_map("conv2 → pool", 2)
        pump(1)
        network.inspector._on_map_hover(3, 3)
        shoot("7_draw_map_arithmetic")
        network.close_map()
    draw.details.setCurrentIndex(PAGE_WHY)
    draw.explain.why.set_method("grad-cam")
    pump(10, lambda: draw.explain.why.shown is not None)
    shoot("8_draw_why_grad_cam")
    window.close()
    pump(2)
    del translators
    return 0


if __name__ == "__main__":
    sys.exit(main())
