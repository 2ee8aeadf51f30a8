"""``mnist-desk build-filter-kernels``: compile the Filter Lab's fast convolution kernels."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core import filter_compiled
from ..core.errors import MnistDeskError
from ..core.filter_kernel_build import build_kernels, why_cannot_build
from ..core.paths import FILTER_KERNELS_ENV_VAR, filter_kernel_dirs, user_filter_kernels_dir
from .progress_bar import ProgressBar


def run_build_filter_kernels(args: argparse.Namespace) -> int:
    directory = Path(args.dir).expanduser() if args.dir else user_filter_kernels_dir()
    reason = why_cannot_build()
    if reason is not None and args.if_possible:
        print(f"mnist-desk: {reason} The Filter Lab uses its NumPy engine (slower on large pictures).")
        return 0
    if not args.force and filter_compiled.folder_problem(directory) is None:
        print(f"mnist-desk: the filter kernels in {directory} are built and fit this machine "
              "(--force builds them again).")
        return 0
    bar = ProgressBar()
    bar.update(0.0, "compiling (15-30 s per kernel)")
    try:
        for step in build_kernels(directory):
            bar.update(step.done / step.total, step.name)
    except MnistDeskError:
        raise
    except Exception as error:  # the compiler failed (a broken toolchain, no OpenMP ...)
        lines = str(error).strip().splitlines()
        print(f"\nmnist-desk: building the filter kernels failed: {type(error).__name__}: "
              f"{lines[0] if lines else ''}", file=sys.stderr)
        if args.if_possible:
            print("mnist-desk: the Filter Lab uses its NumPy engine (slower on large pictures).")
            return 0
        return 1
    bar.finish(f"{len(list(directory.glob('*.pt2')))} filter kernels built in {directory}")
    filter_compiled.reset()
    if directory.resolve() in [path.resolve() for path in filter_kernel_dirs()]:
        print(filter_compiled.engine_status())
    else:
        print(f"The app uses them when {FILTER_KERNELS_ENV_VAR}={directory} is set.")
    return 0
