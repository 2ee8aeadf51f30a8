"""How fast the Filter Lab filters a 12-megapixel picture (run by hand, not a test).

Part 1 times :func:`mnist_desk.core.filters.convolve` against OpenCV's
``cv2.filter2D`` on the same 4000 × 3000 picture, float32 (the tutorial's
``np.array(image, dtype='float32')``) and 8-bit (as the Filter Lab loads it),
side by side in one run, interleaved so that both see the same machine load.
Goals: ≤ 2 × filter2D's time for every 3×3 kernel (the presets, the tutorial's,
a dense random one), ≤ 2.5 × for every 5×5. Part 2 times the tab: from an
edit of a kernel cell until the new result is painted (goal: p95 ≤ 100 ms),
and how long the window's own thread went without handling an event
meanwhile (it must stay responsive).

    pip install opencv-python-headless      # or: pip install -e '.[bench]'
    python bench/filter_speed.py            # both parts
    python bench/filter_speed.py --no-gui --torch
    python bench/filter_speed.py --no-gui --small-pages   # as on a system without huge pages

Minimum and median of the repetitions are printed, and the load average
before and after: the machines are shared, so the minimum is the fairest
figure and the ratio of the minima is the one to quote.

Both functions return a new 48 MB array, and the operating system zeroes
its pages on first touch. NumPy asks Linux for 2 MB pages for large arrays;
where it gets them (transparent huge pages on "madvise" or "always") that
costs about 2.5 ms. ``--small-pages`` turns NumPy's request off, as on a
system without huge pages: then it costs 15-20 ms more.
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

from mnist_desk.core.filters import convolve  # noqa: E402
from mnist_desk.core.filters.presets import PRESETS, TUTORIAL_KERNEL  # noqa: E402
from mnist_desk.core.filters.threads import thread_count  # noqa: E402

GOALS = {3: 2.0, 5: 2.5}  # kernel size → most convolve may take, as a multiple of filter2D's time


def picture(height: int, width: int) -> np.ndarray:
    """A photo-like test picture: the built-in sample scaled up, plus a little noise (float32 0..255)."""
    from PIL import Image

    from mnist_desk.core.filters.pictures import sample_picture

    gray = Image.fromarray(sample_picture().gray).resize((width, height), Image.Resampling.BILINEAR)
    noise = np.random.default_rng(0).normal(0, 4, (height, width))
    return np.clip(np.asarray(gray, dtype=np.float32) + noise, 0, 255).round().astype(np.float32)


def _huge_pages_asked() -> bool:
    from numpy._core.multiarray import _get_madvise_hugepage  # NumPy's switch (private)

    return bool(_get_madvise_hugepage())


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def load() -> str:
    return "load average %.2f %.2f %.2f" % os.getloadavg()


def kernels() -> list[tuple[str, np.ndarray, float | None]]:
    """(name, kernel, divisor): the tutorial's, every preset's (the blurs divide), two dense random ones."""
    found = [("tutorial", np.array(TUTORIAL_KERNEL, np.float32), None)]
    found += [(p.key, p.array(), p.divisor) for p in PRESETS if p.key not in ("tutorial", "identity")]
    found.append(("dense 3×3", np.random.default_rng(1).normal(size=(3, 3)).astype(np.float32), None))
    # Twenty-five different numbers, like the model's learned conv1 kernels.
    found.append(("dense 5×5", np.random.default_rng(2).normal(size=(5, 5)).astype(np.float32), None))
    return found


def compare_with_opencv(image: np.ndarray, repeat: int, with_torch: bool) -> bool:
    """Print one line per kernel and picture type; True when every ratio meets its goal."""
    import cv2

    pages = "huge pages asked for" if _huge_pages_asked() else "4 kB pages"
    print(f"picture {image.shape[0]} × {image.shape[1]} (new arrays: {pages}), {repeat} repetitions, "
          f"{os.cpu_count()} CPUs, convolve {thread_count()} threads, OpenCV {cv2.__version__} "
          f"({cv2.getNumThreads()} threads), NumPy {np.__version__}; {load()}")
    print(f"{'kernel':14} {'picture':8} | {'filter2D':>15} | {'convolve':>15} | ratio  goal   (min / median ms; "
          "ratio of the minima)")
    met = True
    for name, kernel, divisor in kernels():
        # filter2D has no divisor: it gets the kernel divided instead (the same sums, to rounding).
        theirs_kernel = kernel / np.float32(divisor) if divisor else kernel
        for kind in ("float32", "8-bit"):
            picture = image if kind == "float32" else image.astype(np.uint8)
            half = kernel.shape[0] // 2
            theirs: list[float] = []
            ours: list[float] = []
            for _ in range(repeat):  # interleaved: both see the same load
                theirs.append(timed(lambda: cv2.filter2D(picture, cv2.CV_32F, theirs_kernel,
                                                         borderType=cv2.BORDER_CONSTANT)))
                ours.append(timed(lambda: convolve(picture, kernel, divisor=divisor)))
            reference = cv2.filter2D(picture, cv2.CV_32F, theirs_kernel,
                                     borderType=cv2.BORDER_CONSTANT)[half:-half, half:-half]
            same = np.allclose(convolve(picture, kernel, divisor=divisor), reference, rtol=1e-5, atol=1e-2)
            ratio, goal = min(ours) / min(theirs), GOALS[kernel.shape[0]]
            met &= ratio <= goal and same
            print(f"{name:14} {kind:8} | {min(theirs):6.1f} / {statistics.median(theirs):6.1f} | "
                  f"{min(ours):6.1f} / {statistics.median(ours):6.1f} | {ratio:4.2f}× ≤ {goal}×"
                  + ("" if ratio <= goal else "  MISSED") + ("" if same else "  RESULTS DIFFER"), flush=True)
    print(load())
    if with_torch:
        import torch
        import torch.nn.functional as F

        tensor = torch.from_numpy(image)[None, None]
        weight = torch.from_numpy(np.array(TUTORIAL_KERNEL, np.float32))[None, None]
        with torch.no_grad():
            times = [timed(lambda: F.conv2d(tensor, weight)) for _ in range(max(3, repeat // 3))]
        print(f"{'torch conv2d':14} {min(times):9.1f} / {statistics.median(times):6.1f} ms (tutorial kernel)")
    return met


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def gui_latency(image: np.ndarray, edits: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from mnist_desk.core.filters.pictures import picture_from_array
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
    # The window's responsiveness: a timer every 5 ms; the longest gap between its ticks is the longest
    # the window's thread went without handling an event (a click, a repaint).
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))

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
    dense3 = np.random.default_rng(4).normal(size=(3, 3)).round(3)
    dense5 = np.random.default_rng(3).normal(size=(5, 5)).round(3)
    for name, rows in (("tutorial kernel", TUTORIAL_KERNEL), ("dense 3×3 kernel", dense3.tolist()),
                       ("dense 5×5 kernel", dense5.tolist())):
        tab.kernel_editor.set_kernel(rows)
        wait_for_result()
        latencies = []
        cell = tab.kernel_editor.cells[1][1]
        ticks.clear()
        heartbeat.start()
        for i in range(edits):
            start = time.perf_counter()
            cell.setText(str(-8 - (i % 2)))
            cell.textEdited.emit(cell.text())  # as a keystroke would
            wait_for_result()
            tab.result_view.repaint()  # the paint itself, synchronously: the result is now on screen
            latencies.append((time.perf_counter() - start) * 1000)
        heartbeat.stop()
        gaps = [(b - a) * 1000 for a, b in zip(ticks, ticks[1:])]
        print(f"tab, {image.shape[0]} × {image.shape[1]}, {name}: edit → result painted over {edits} edits: "
              f"min {min(latencies):.0f} ms, median {statistics.median(latencies):.0f} ms, "
              f"p95 {percentile(latencies, 0.95):.0f} ms, max {max(latencies):.0f} ms (goal: p95 ≤ 100 ms); "
              f"longest the window's thread was busy: {max(gaps, default=0):.0f} ms", flush=True)
    tab.shutdown()
    print(load())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="4000x3000", help="WIDTHxHEIGHT (default 4000x3000, 12 MP)")
    parser.add_argument("--repeat", type=int, default=25, help="repetitions per kernel and picture (default 25)")
    parser.add_argument("--edits", type=int, default=20, help="edits timed in the tab per kernel (default 20)")
    parser.add_argument("--no-gui", action="store_true", help="skip the tab latency part")
    parser.add_argument("--no-opencv", action="store_true", help="skip the OpenCV comparison")
    parser.add_argument("--torch", action="store_true", help="also time torch's conv2d once")
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
            met = compare_with_opencv(image, args.repeat, args.torch)
            print("every ratio meets its goal" if met else "SOME RATIOS MISS THEIR GOAL")
        except ImportError:
            print("OpenCV is not installed: pip install opencv-python-headless (the 'bench' extra)")
    if not args.no_gui:
        gui_latency(image, args.edits)


if __name__ == "__main__":
    main()
