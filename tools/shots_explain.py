"""Screenshots of the Draw tab's "why this answer" views, rendered offscreen, to look at (not a test).

Each state is reached the way a user reaches it: a digit drawn on the canvas with
mouse events, the page's tab clicked, a digit key pressed on the canvas, a
feature map clicked and one of its pixels hovered, the training-step button
clicked. Every shot is taken in English and in Chinese, at 1180×800, at 1× and
at 2× (QT_SCALE_FACTOR=2). Called by ``tools/shots_draw.py --explain`` or alone:

    python tools/shots_explain.py [--out shots]      # shots/explain_*.png
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
out, prefix, settings_file = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
from mnist_desk.ui.translation import install_translators
install_translators(app)
from mnist_desk.core.paths import default_weights_path
from mnist_desk.ui.draw.document import SIZE
from mnist_desk.ui.draw.tab import PAGE_LOSS, PAGE_NETWORK, PAGE_WHY
from mnist_desk.ui.main_window import MainWindow
window = MainWindow(QSettings(settings_file, QSettings.Format.IniFormat))
window.resize(1180, 800)
window.show()
window.load_weights(default_weights_path())
tab = window.draw_tab


def settle(seconds=0.3, until=None):
    end = time.time() + seconds
    while time.time() < end or (until is not None and not until() and time.time() < end + 10):
        app.processEvents()
        time.sleep(0.01)


def shot(name):
    settle()
    path = out / f"explain_{prefix}_{name}.png"
    window.grab().save(str(path))
    print("saved", path)


def draw(points):
    canvas = tab.canvas
    at = lambda fx, fy: canvas.to_widget(QPointF(fx * SIZE, fy * SIZE)).toPoint()
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(*points[0]))
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        for i in range(1, 9):
            QTest.mouseMove(canvas, at(x0 + (x1 - x0) * i / 8, y0 + (y1 - y0) * i / 8))
            app.processEvents()
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(*points[-1]))


def hover(widget, point):
    # A real mouse-move event through the widget's handler (QTest.mouseMove is lost offscreen at 2×).
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QMouseEvent
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(point), widget.mapToGlobal(QPointF(point)),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def click_tab(index):
    bar = tab.details.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bar.tabRect(index).center())


def map_shown():
    return tab.explain.why.shown is not None and tab.explain.why.status.text() == ""


draw([(0.3, 0.22), (0.72, 0.22), (0.47, 0.8)])  # a 7
click_tab(PAGE_WHY)
settle(0.5, map_shown)
shot("1_why_integrated_gradients")
QTest.mouseClick(tab.explain.why.targets.button(9), Qt.MouseButton.LeftButton)
tab.explain.why.set_method("occlusion")
settle(0.5, map_shown)
shot("2_why_not_9_occlusion")
tab.explain.why.targets.button(10).click()
tab.explain.why.set_method("grad-cam")
settle(0.5, map_shown)
shot("3_grad_cam")
tab.explain.why.set_method("integrated-gradients")
tab.canvas.setFocus()
QTest.keyClick(tab.canvas, Qt.Key.Key_1)  # "I meant a 1"
settle(0.3)
shot("4_loss_meant_1")
QTest.mouseClick(tab.explain.loss.step_button, Qt.MouseButton.LeftButton)
settle(0.5, lambda: tab.explain.loss.step is not None)
shot("5_loss_after_one_step")
click_tab(PAGE_NETWORK)
settle(0.3)
network = tab.network
view = network.stage_view("conv1 → relu" if "conv1 → relu" in network.stage_names else network.stage_names[1]).view
QTest.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, view.widget_point(20, 10).toPoint())
settle(0.3)
big = network.inspector.map.view
hover(big, big.widget_point(6, 5))
shot("6_opened_conv1_map")
network.close_map()
settle(0.2)
deep = [name for name in network.stage_names if name.startswith("conv2")][-1]
view = network.stage_view(deep).view
QTest.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, view.widget_point(3, 3).toPoint())
settle(0.3)
network.inspector.in_channel_box.setValue(3)
hover(big, big.widget_point(3, 3))
shot("7_opened_conv2_map")
QTest.mouseClick(network.inspector.send_button, Qt.MouseButton.LeftButton)  # that kernel into the Filter Lab
settle(1.0, lambda: window.filter_lab_tab.result is not None)
shot("8_kernel_in_the_filter_lab")
window.close()
"""


def take(out: Path) -> None:
    for language in ("en_US", "zh_CN"):
        for scale in ("1", "2"):
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale, MNIST_DESK_LANG=language,
                       PYTHONPATH=str(ROOT))
            with tempfile.TemporaryDirectory() as home:
                subprocess.run([sys.executable, "-c", SCRIPT, str(out), f"{language[:2]}_{scale}x",
                                str(Path(home) / "s.ini")], cwd=ROOT, env=env, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "shots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    take(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
