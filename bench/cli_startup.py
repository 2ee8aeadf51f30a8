"""Time of ``mnist-desk --help``, ``--version`` and ``mnist-desk train --help``: what a user waits for.

Runs the real command (``python -m mnist_desk``, from this checkout) several
times each and reports the median and the slowest run, next to a bare
``python -c pass`` measured the same way (Python's own start-up). The goal is
0.3 s or less: the parsers are built without importing torch, which alone
takes 1.5–2 s.

Usage::

    python bench/cli_startup.py              # 10 runs of each
    python bench/cli_startup.py --runs 20 --json
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_S = 0.3
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "mnist-desk --help": [sys.executable, "-m", "mnist_desk", "--help"],
    "mnist-desk --version": [sys.executable, "-m", "mnist_desk", "--version"],
    "mnist-desk train --help": [sys.executable, "-m", "mnist_desk", "train", "--help"],
}


def wall_time(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each command (default 10)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    for command in COMMANDS.values():  # once first: the files into the page cache, the .pyc written
        wall_time(command)
    times = {name: [wall_time(command) for _ in range(args.runs)] for name, command in COMMANDS.items()}
    summary = {name: {"median_s": round(statistics.median(t), 3), "max_s": round(max(t), 3)}
               for name, t in times.items()}
    ok = all(summary[name]["median_s"] <= GOAL_S for name in COMMANDS if name.startswith("mnist-desk"))
    if args.json:
        print(json.dumps({"runs": args.runs, "goal_s": GOAL_S, "ok": ok, "commands": summary}))
    else:
        for name, figures in summary.items():
            print(f"{name:<26} median {figures['median_s']:.3f} s, max {figures['max_s']:.3f} s ({args.runs} runs)")
        print(f"goal: median ≤ {GOAL_S} s for the mnist-desk commands: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
