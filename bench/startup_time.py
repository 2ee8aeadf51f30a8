"""Time from launching ``mnist-desk`` to a painted window and to its first answer.

Launches the real app as a subprocess, several times, with
``MNIST_DESK_REPORT_PAINT=1``: the window then prints ``MNIST_DESK_PAINTED <time>``
once its first paint is on screen, ``MNIST_DESK_MODEL_READY <time>`` when the
shipped weights are active (the first answer: a digit drawn before is answered
at that moment, and the Draw tab answers each stroke from then on), and
``MNIST_DESK_LONGEST_STALL_MS`` (the longest time the event loop did not run
between the two: how long a stroke drawn meanwhile could stall). The launch time
is taken just before the process is started, so the figures include Python's
own start-up.

Usage::

    python bench/startup_time.py              # offscreen, 5 runs
    python bench/startup_time.py --xvfb       # on a virtual X screen (needs Xvfb)
    python bench/startup_time.py --tab train  # the Train tab restored from the last session
    python bench/startup_time.py --runs 10 --json

Settings go to a temporary folder, so the user's own are not touched. The
goals: 1.5 s or less to the painted window, 2.5 s or less to the first answer.
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
ANSWER_GOAL_S = 2.5
TABS = {"draw": 0, "filter": 1, "train": 2, "evaluate": 3}


SOURCE_COMMAND = [sys.executable, "-m", "mnist_desk"]


def one_run(env: dict[str, str], timeout_s: float, wait_model: bool,
            command: list[str] = SOURCE_COMMAND, stalls: list[float] | None = None,
            ) -> tuple[float | None, float | None, float | None]:
    """Seconds from launch to first paint, to a ready model, and CPU seconds used until the paint.

    The longest event-loop stall between the two (ms), when reported, is appended to ``stalls``.

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
                if stalls is None:
                    break
            elif len(parts) == 2 and parts[0] == "MNIST_DESK_LONGEST_STALL_MS":
                if stalls is not None:
                    stalls.append(float(parts[1]))
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
    parser.add_argument("--tab", choices=sorted(TABS), default="draw",
                        help="the tab the window was left on (restored at start; default draw)")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from mnist_desk.core.paths import default_weights_path

    wait_model = not args.no_model and default_weights_path().is_file()
    server = None
    stalls: list[float] = []
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, MNIST_DESK_REPORT_PAINT="1", XDG_CONFIG_HOME=home, XDG_DATA_HOME=home)
        if TABS[args.tab]:  # what QSettings reads at start: <XDG_CONFIG_HOME>/MNIST Desk/MNIST Desk.conf
            (Path(home) / "MNIST Desk").mkdir()
            (Path(home) / "MNIST Desk" / "MNIST Desk.conf").write_text(f"[window]\ntab={TABS[args.tab]}\n")
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
            results = [one_run(env, args.timeout, wait_model, stalls=stalls) for _ in range(args.runs)]
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
        "tab": args.tab,
        "paint_median_s": round(statistics.median(paints), 3),
        "paint_max_s": round(max(paints), 3),
        "model_ready_median_s": round(statistics.median(readies), 3) if readies else None,
        "model_ready_max_s": round(max(readies), 3) if readies else None,
        "longest_stall_median_ms": round(statistics.median(stalls)) if stalls else None,
        "longest_stall_max_ms": round(max(stalls)) if stalls else None,
        "cpu_until_paint_median_s": round(statistics.median(cpus), 3) if cpus else None,
        "load_average": load,
        "goal_s": GOAL_S,
        "answer_goal_s": ANSWER_GOAL_S,
        "ok": max(paints) <= GOAL_S and (not readies or max(readies) <= ANSWER_GOAL_S),
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"launch → painted window: median {summary['paint_median_s']:.3f} s, "
              f"max {summary['paint_max_s']:.3f} s over {len(paints)} runs ({summary['platform']}, "
              f"{args.tab} tab); goal ≤ {GOAL_S} s: {'met' if max(paints) <= GOAL_S else 'NOT met'}")
        if cpus:
            print(f"CPU time the app used until the paint: median {summary['cpu_until_paint_median_s']:.3f} s "
                  f"(its own cost; the wall time also waits for other programs: load average {load:.1f} "
                  f"on {os.cpu_count()} CPUs)")
        if readies:
            print(f"launch → first answer (model ready): median {summary['model_ready_median_s']:.3f} s, "
                  f"max {summary['model_ready_max_s']:.3f} s; goal ≤ {ANSWER_GOAL_S} s: "
                  f"{'met' if max(readies) <= ANSWER_GOAL_S else 'NOT met'}")
        if stalls:
            print(f"longest event-loop stall between paint and model: median {summary['longest_stall_median_ms']} ms, "
                  f"max {summary['longest_stall_max_ms']} ms")
        elif not wait_model and not args.no_model:
            print(f"model ready: not measured (no shipped weights at {default_weights_path()})")
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
