"""``mnist-desk download``: fetch MNIST with torchvision, only when the user asks."""

from __future__ import annotations

import argparse

from ..core.data import download, raw_folder
from ..core.paths import resolve_data_dir
from .progress_bar import ProgressBar


def run_download(args: argparse.Namespace) -> int:
    bar = ProgressBar()
    for done, total, name in download(args.data_dir):
        bar.update(done / total, name)
    bar.finish(f"MNIST is ready in {raw_folder(resolve_data_dir(args.data_dir))}")
    return 0
