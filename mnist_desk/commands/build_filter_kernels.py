"""``mnist-desk build-filter-kernels``: compile the Filter Lab's fast convolution kernels."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core import filter_compiled
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
    for step in build_kernels(directory):
        bar.update(step.done / step.total, step.name)
    bar.finish(f"{len(list(directory.glob('*.pt2')))} filter kernels built in {directory}")
    filter_compiled.reset()
    if directory.resolve() in [path.resolve() for path in filter_kernel_dirs()]:
        print(filter_compiled.engine_status())
    else:
        print(f"The app uses them when {FILTER_KERNELS_ENV_VAR}={directory} is set.")
    return 0
