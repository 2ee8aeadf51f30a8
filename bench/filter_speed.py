"""How fast the Filter Lab filters a 12-megapixel picture (run by hand, not a test).

Part 1 times :func:`mnist_desk.core.filters.convolve` against OpenCV's
``cv2.filter2D`` on the same 4000 × 3000 float32 picture (the tutorial's
``np.array(image, dtype='float32')``), side by side in one run, interleaved so
all see the same machine load; the goal is convolve ≤ 1.5 × filter2D for a
3×3 kernel. ``convolve`` is timed twice: as the app runs it (with the compiled
kernels when ``mnist-desk build-filter-kernels`` has built them) and with its
NumPy engine alone (``--numpy-only`` leaves out the first). Part 2 times the tab: from an edit of a kernel cell until the new
result is painted (goal ≤ 150 ms).

    pip install opencv-python-headless      # or: pip install -e '.[bench]'
    python bench/filter_speed.py            # both parts
    python bench/filter_speed.py --no-gui --torch
    python bench/filter_speed.py --no-gui --small-pages   # as on a system without huge pages

Minimum and median of the repetitions are printed; the minimum is the
fairest figure on a shared machine, the median shows the spread.

Both functions return a new 48 MB array, and the operating system zeroes
its pages on first touch. NumPy asks Linux for 2 MB pages for large arrays;
where it gets them (transparent huge pages on "madvise" or "always") that
costs about 2.5 ms, and filter2D takes about 9 ms. ``--small-pages`` turns
NumPy's request off, as on a system without huge pages: then both pay
15-20 ms more for 4 kB pages (filter2D about 25-30 ms, as the issue measured).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mnist_desk.core.filter_presets import PRESETS, TUTORIAL_KERNEL  # noqa: E402
from mnist_desk.core import filter_compiled  # noqa: E402
from mnist_desk.core.filters import convolve  # noqa: E402


def picture(height: int, width: int) -> np.ndarray:
    """A photo-like test picture: the built-in sample scaled up, plus a little noise (float32 0..255)."""
    from PIL import Image

    from mnist_desk.core.filter_pictures import sample_picture

    gray = Image.fromarray(sample_picture().gray).resize((width, height), Image.Resampling.BILINEAR)
    noise = np.random.default_rng(0).normal(0, 4, (height, width))
    return np.clip(np.asarray(gray, dtype=np.float32) + noise, 0, 255).round().astype(np.float32)


def _huge_pages_asked() -> bool:
    from numpy._core.multiarray import _get_madvise_hugepage  # NumPy's switch (private)

    return bool(_get_madvise_hugepage())


PAUSE_S = 0.03  # between timed calls (see compare_with_opencv)


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def numpy_engine(function):
    """``function`` run with the NumPy engine alone."""
    def run(*args):
        filter_compiled.set_enabled(False)
        try:
            return function(*args)
        finally:
            filter_compiled.set_enabled(True)
    return run


def compare_with_opencv(image: np.ndarray, repeat: int, with_torch: bool, compiled: bool) -> None:
    import cv2

    kernels = [("tutorial", np.array(TUTORIAL_KERNEL, np.float32))]
    kernels += [(p.key, p.array()) for p in PRESETS if p.size == 3 and p.key != "tutorial"]
    kernels.append(("dense random", np.random.default_rng(1).normal(size=(3, 3)).astype(np.float32)))
    # Not part of the 3×3 goal: a 5×5 of twenty-five different numbers, like conv1's learned kernels.
    kernels.append(("dense 5×5", np.random.default_rng(2).normal(size=(5, 5)).astype(np.float32)))
    # The tab's own case: an 8-bit picture as loaded (converted to float32 in threads first).
    kernels.append(("tutorial 8-bit", np.array(TUTORIAL_KERNEL, np.float32)))
    if compiled:
        print(filter_compiled.engine_status())
    pages = "huge pages asked for" if _huge_pages_asked() else "4 kB pages"
    print(f"picture {image.shape[0]} × {image.shape[1]} float32 (new arrays: {pages}), {repeat} repetitions, "
          f"{os.cpu_count()} CPUs, OpenCV {cv2.__version__} ({cv2.getNumThreads()} threads), NumPy {np.__version__}")
    ways = [("convolve", convolve, PAUSE_S)] if compiled else []
    ways.append(("NumPy engine", numpy_engine(lambda picture, kernel: convolve(picture, kernel)), 0.0))
    # One pair at a time, each interleaved with its own filter2D runs. In the compiled pair a
    # pause follows every call: after a compiled kernel its OpenMP threads spin-wait for a few
    # ms (libgomp's default), which slowed the next filter2D by 10-30 %. The NumPy pair runs
    # back to back as it always did (pauses slow both sides' thread wake-ups there).
    heads = "".join(f" {'filter2D':>15} {label:>15} {'ratio':>6} |" for label, _, _ in ways)
    print(f"{'kernel':14} |{heads}   (min / median ms; ratio of the minimum times)")
    for name, kernel in kernels:
        picture = image.astype(np.uint8) if name.endswith("8-bit") else image
        half = kernel.shape[0] // 2
        reference = cv2.filter2D(picture, cv2.CV_32F, kernel, borderType=cv2.BORDER_CONSTANT)[half:-half, half:-half]
        line, differ = f"{name:14} |", False
        for _label, function, pause in ways:
            theirs: list[float] = []
            ours: list[float] = []
            for _ in range(repeat):  # interleaved: both see the same load
                theirs += timed(lambda: cv2.filter2D(picture, cv2.CV_32F, kernel, borderType=cv2.BORDER_CONSTANT), 1)
                time.sleep(pause)
                ours += timed(lambda: function(picture, kernel), 1)
                time.sleep(pause)
            differ |= not np.allclose(function(picture, kernel), reference, rtol=1e-5, atol=1e-2)
            line += (f" {min(theirs):6.1f} / {statistics.median(theirs):5.1f} {min(ours):6.1f} / "
                     f"{statistics.median(ours):5.1f} {min(ours) / min(theirs):5.2f}× |")
        print(line + ("   RESULTS DIFFER" if differ else ""))
    if with_torch:
        import torch
        import torch.nn.functional as F

        tensor = torch.from_numpy(image)[None, None]
        weight = torch.from_numpy(np.array(TUTORIAL_KERNEL, np.float32))[None, None]
        with torch.no_grad():
            times = timed(lambda: F.conv2d(tensor, weight), max(3, repeat // 3))
        print(f"{'torch conv2d':14} {min(times):9.1f} / {statistics.median(times):6.1f} ms (tutorial kernel)")


def gui_latency(image: np.ndarray, edits: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from mnist_desk.core.filter_pictures import picture_from_array
    from mnist_desk.ui.active_model import ActiveModel
    from mnist_desk.ui.filter_lab.tab import FilterLabTab

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(Path(os.environ.get("TMPDIR", "/tmp")) / "filter_speed.ini"), QSettings.Format.IniFormat)
    settings.clear()
    tab = FilterLabTab(ActiveModel(), settings)
    tab.resize(1400, 900)
    shown: list[float] = []
    loop = QEventLoop()
    tab.result_shown.connect(lambda _version: (shown.append(time.perf_counter()), loop.quit()))

    def wait_for_result(timeout_ms: int = 20_000) -> None:
        count = len(shown)
        QTimer.singleShot(timeout_ms, loop.quit)
        while len(shown) == count:
            loop.exec()  # returns on the result (or the timeout)
            if len(shown) == count:
                raise SystemExit("no result within the timeout")

    tab.set_picture(picture_from_array(image.astype(np.uint8), "bench"))
    tab.show()
    wait_for_result()
    app.processEvents()
    dense = np.random.default_rng(3).normal(size=(5, 5)).round(3)
    for name, rows in (("tutorial kernel", TUTORIAL_KERNEL), ("dense 5×5 kernel", dense.tolist())):
        tab.kernel_editor.set_kernel(rows)
        wait_for_result()
        latencies = []
        cell = tab.kernel_editor.cells[1][1]
        for i in range(edits):
            start = time.perf_counter()
            cell.setText(str(-8 - (i % 2)))
            cell.textEdited.emit(cell.text())  # as a keystroke would
            wait_for_result()
            tab.result_view.repaint()  # the paint itself, synchronously: the result is now on screen
            latencies.append((time.perf_counter() - start) * 1000)
        print(f"tab, {image.shape[0]} × {image.shape[1]}, {name}: edit → result painted over {edits} edits: "
              f"min {min(latencies):.0f} ms, median {statistics.median(latencies):.0f} ms, "
              f"max {max(latencies):.0f} ms")
    tab.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="4000x3000", help="WIDTHxHEIGHT (default 4000x3000, 12 MP)")
    # 40: the minimum of fewer repetitions still moves by ±0.1× between runs on a shared VM.
    parser.add_argument("--repeat", type=int, default=40, help="repetitions per kernel (default 40)")
    parser.add_argument("--edits", type=int, default=15, help="edits timed in the tab (default 15)")
    parser.add_argument("--no-gui", action="store_true", help="skip the tab latency part")
    parser.add_argument("--no-opencv", action="store_true", help="skip the OpenCV comparison")
    parser.add_argument("--torch", action="store_true", help="also time torch's conv2d once")
    parser.add_argument("--numpy-only", action="store_true",
                        help="time convolve with its NumPy engine only, also in the tab")
    parser.add_argument("--small-pages", action="store_true",
                        help="new arrays in 4 kB pages, as without transparent huge pages (see above)")
    args = parser.parse_args()
    if args.small_pages:
        from numpy._core.multiarray import _set_madvise_hugepage  # NumPy's switch (private)

        _set_madvise_hugepage(False)
    width, height = (int(v) for v in args.size.lower().split("x"))
    image = picture(height, width)
    if not args.no_opencv:
        try:
            compare_with_opencv(image, args.repeat, args.torch, compiled=not args.numpy_only)
        except ImportError:
            print("OpenCV is not installed: pip install opencv-python-headless (the 'bench' extra)")
    if not args.no_gui:
        filter_compiled.set_enabled(not args.numpy_only)
        print(f"tab: {filter_compiled.engine_status() if not args.numpy_only else 'NumPy engine'}")
        gui_latency(image, args.edits)


if __name__ == "__main__":
    main()
