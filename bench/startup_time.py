"""Time from launching ``mnist-desk`` to a painted window (and to a ready model).

Launches the real app as a subprocess, several times, with
``MNIST_DESK_REPORT_PAINT=1``: the window then prints ``MNIST_DESK_PAINTED <time>``
once its first paint is on screen and ``MNIST_DESK_MODEL_READY <time>`` when
the shipped weights are active. The launch time is taken just before the
process is started, so the figure includes Python's own start-up.

Usage::

    python bench/startup_time.py              # offscreen, 5 runs
    python bench/startup_time.py --xvfb       # on a virtual X screen (needs Xvfb)
    python bench/startup_time.py --runs 10 --json

Settings go to a temporary folder, so the user's own are not touched. The
goal is 1.5 s or less to the painted window.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_S = 1.5


SOURCE_COMMAND = [sys.executable, "-m", "mnist_desk"]


def one_run(env: dict[str, str], timeout_s: float, wait_model: bool,
            command: list[str] = SOURCE_COMMAND) -> tuple[float | None, float | None, float | None]:
    """Seconds from launch to first paint, to a ready model, and CPU seconds used until the paint.

    ``command`` starts the app (the source checkout by default, or a bundle's executable);
    it must honour ``MNIST_DESK_REPORT_PAINT``. Each value is None when not seen in time.
    """
    launched = time.time()
    process = subprocess.Popen(command, cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    painted = ready = cpu = None
    deadline = launched + timeout_s
    try:
        assert process.stdout is not None
        while True:
            remaining = deadline - time.time()
            if remaining <= 0 or not select.select([process.stdout], [], [], remaining)[0]:
                break
            line = process.stdout.readline()
            if not line:
                break  # the app exited
            parts = line.split()
            if len(parts) >= 2 and parts[0] == "MNIST_DESK_PAINTED":
                painted = float(parts[1]) - launched
                cpu = float(parts[2]) if len(parts) > 2 else None
                if not wait_model:
                    break
            elif len(parts) == 2 and parts[0] == "MNIST_DESK_MODEL_READY":
                ready = float(parts[1]) - launched
                break
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return painted, ready, cpu


def start_xvfb(display: str) -> subprocess.Popen:
    if shutil.which("Xvfb") is None:
        sys.exit("Xvfb is not installed (apt-get install xvfb), or run without --xvfb")
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1400x950x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    if server.poll() is not None:
        sys.exit(f"Xvfb could not start on {display} (in use?); pick another with --display")
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--xvfb", action="store_true", help="run on a virtual X screen instead of offscreen")
    parser.add_argument("--display", default=":75", help="X display for --xvfb (default :75)")
    parser.add_argument("--no-model", action="store_true", help="do not wait for the model to load")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from mnist_desk.core.paths import default_weights_path

    wait_model = not args.no_model and default_weights_path().is_file()
    server = None
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, MNIST_DESK_REPORT_PAINT="1", XDG_CONFIG_HOME=home, XDG_DATA_HOME=home)
        # An installed app has compiled bytecode: let the warm-up run write it, as pip would have.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if args.xvfb:
            server = start_xvfb(args.display)
            env["DISPLAY"] = args.display
            env.pop("QT_QPA_PLATFORM", None)
        else:
            env["QT_QPA_PLATFORM"] = "offscreen"
        try:
            one_run(env, args.timeout, False)  # warm the file cache: the first run after a build is slower
            results = [one_run(env, args.timeout, wait_model) for _ in range(args.runs)]
        finally:
            if server is not None:
                server.terminate()
                server.wait()
    paints = [p for p, _, _ in results if p is not None]
    readies = [r for _, r, _ in results if r is not None]
    cpus = [c for _, _, c in results if c is not None]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    if not paints:
        print("the window never reported a paint", file=sys.stderr)
        return 1
    summary = {
        "runs": args.runs,
        "platform": "xvfb" if args.xvfb else "offscreen",
        "paint_median_s": round(statistics.median(paints), 3),
        "paint_max_s": round(max(paints), 3),
        "model_ready_median_s": round(statistics.median(readies), 3) if readies else None,
        "cpu_until_paint_median_s": round(statistics.median(cpus), 3) if cpus else None,
        "load_average": load,
        "goal_s": GOAL_S,
        "ok": max(paints) <= GOAL_S,
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"launch → painted window: median {summary['paint_median_s']:.3f} s, "
              f"max {summary['paint_max_s']:.3f} s over {len(paints)} runs ({summary['platform']}); "
              f"goal ≤ {GOAL_S} s: {'met' if summary['ok'] else 'NOT met'}")
        if cpus:
            print(f"CPU time the app used until the paint: median {summary['cpu_until_paint_median_s']:.3f} s "
                  f"(its own cost; the wall time also waits for other programs: load average {load:.1f} "
                  f"on {os.cpu_count()} CPUs)")
        if readies:
            print(f"launch → model ready: median {summary['model_ready_median_s']:.3f} s")
        elif not wait_model and not args.no_model:
            print(f"model ready: not measured (no shipped weights at {default_weights_path()})")
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
