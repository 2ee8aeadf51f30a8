"""Shared helpers of the benchmark scripts (run by hand, never by the test suite)."""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def data_dir_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", default=os.environ.get("MNIST_DESK_DATA"),
                        help="folder holding MNIST/raw (default: $MNIST_DESK_DATA)")


def machine_line() -> str:
    import torch

    cpu = platform.processor() or platform.machine()
    return (f"{platform.system()} {cpu}, {os.cpu_count()} CPUs, torch {torch.__version__} "
            f"({torch.get_num_threads()} threads)")
