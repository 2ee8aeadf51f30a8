"""Screenshot the Train and Evaluate tabs mid-training, on a virtual screen.

Starts Xvfb (display :73 unless told otherwise), runs the real main window in
this process with fresh settings, and drives it through Qt: a short Sigmoid
run (stopped, so it stays on the chart, faded), then a ReLU run; mid-run it
shoots the Train tab, pauses, makes the paused weights active, resumes, and
shoots the Evaluate tab (results, a confusion cell's gallery, the dataset
browser) while training goes on. Finally it closes the window during training.
Screenshots are of the whole virtual screen (ImageMagick's ``import``);
look at them.

Needs the MNIST files (``MNIST_DESK_DATA``), Xvfb and ImageMagick.

Usage::

    MNIST_DESK_DATA=/path/to/data python tools/shots_train.py [--display :73] [--out shots]
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--display", default=":73")
    parser.add_argument("--out", default=str(ROOT / "shots"))
    parser.add_argument("--steps", type=int, default=300, help="steps of each run before its screenshots")
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
    home = tempfile.mkdtemp(prefix="mnist-desk-shots-")
    xvfb = subprocess.Popen(["Xvfb", args.display, "-screen", "0", "1400x950x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    os.environ.update(DISPLAY=args.display, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home)
    os.environ.pop("QT_QPA_PLATFORM", None)
    try:
        return drive(out, args.display, args.steps)
    finally:
        xvfb.terminate()
        xvfb.wait(10)
        shutil.rmtree(home, ignore_errors=True)


def drive(out: Path, display: str, steps: int) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    app.setOrganizationName("MNIST Desk Shots")
    app.setApplicationName("MNIST Desk Shots")
    from mnist_desk.ui.main_window import TAB_EVALUATE, TAB_TRAIN, MainWindow

    settings = QSettings(str(Path(os.environ["XDG_CONFIG_HOME"]) / "shots.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.first_painted.connect(window.start_loading)  # as the app does: the shipped weights, in the background
    window.show()

    def pump(seconds: float, until=lambda: False) -> bool:
        deadline = time.time() + seconds
        while time.time() < deadline:
            app.processEvents()
            if until():
                return True
            time.sleep(0.01)
        return until()

    def shoot(name: str) -> None:
        pump(0.8)  # the chart's next tick and the repaint
        path = out / f"train_{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=dict(os.environ, DISPLAY=display), check=True)
        print("saved", path, flush=True)

    pump(3)
    window.tabs.setCurrentIndex(TAB_TRAIN)
    tab = window.train_tab
    form = tab.form
    pump(2, lambda: tab.data_folder.ready is not None)
    form.reset_defaults()
    form.test_every.setValue(100)

    def run(activation: str) -> None:
        form.activation.setCurrentIndex(form.activation.findData(activation))
        assert tab.start(), tab.progress.status.text()
        ok = pump(600, lambda: tab.store.current is not None and tab.store.current.last_step >= steps)
        assert ok, f"the {activation} run did not reach step {steps}: {tab.progress.status.text()}"

    def answer_question(button: str, name: str) -> None:
        """The next Save / Discard / Cancel question: shot, then answered by clicking ``button``."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QMessageBox

        def look() -> None:
            boxes = [w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QMessageBox) and w.isVisible() and w.objectName() == "unsavedQuestion"]
            if not boxes:
                QTimer.singleShot(50, look)
                return
            pump(0.5)
            shoot(name)
            boxes[0].button(getattr(QMessageBox.StandardButton, button)).click()

        QTimer.singleShot(50, look)

    run("sigmoid")
    tab.stop()
    pump(30, lambda: not tab.session.is_active())
    answer_question("Discard", "0_new_run_question")  # the stopped Sigmoid run is unsaved: kept on the chart only
    run("relu")
    shoot("1_train_mid_run")

    tab.toggle_pause()
    pump(30, lambda: tab.session.state == "paused")
    tab.weights.use_weights()
    shoot("2_train_paused_weights_used")
    tab.toggle_pause()

    window.tabs.setCurrentIndex(TAB_EVALUATE)
    evaluate = window.evaluate_tab
    pump(5, lambda: evaluate.evaluate_button.isEnabled())
    evaluate.evaluate()
    pump(120, lambda: evaluate.result is not None and not evaluate._evaluating)
    shoot("3_evaluate_mid_training")
    evaluate.matrix.select(4, 9)
    shoot("4_evaluate_cell_4_as_9")
    evaluate.pages.setCurrentWidget(evaluate.browser)
    pump(60, lambda: len(evaluate.browser.splits) == 2)
    shoot("5_dataset_browser")

    window.tabs.setCurrentIndex(TAB_TRAIN)
    pump(1)
    answer_question("Discard", "6_quit_question")
    started = time.perf_counter()
    window.close()  # during training: asks, then must stop the worker and wait for it
    print(f"closed during training in {time.perf_counter() - started:.2f} s; "
          f"run active afterwards: {tab.session.is_active()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
