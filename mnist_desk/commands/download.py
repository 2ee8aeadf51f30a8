"""``mnist-desk download``: fetch MNIST with torchvision, only when the user asks."""

from __future__ import annotations

import argparse

from .common import EXIT_OK, add_data_dir_option


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("download", help="download MNIST (needs the internet)")
    add_data_dir_option(parser, help="where to put it (default: $MNIST_DESK_DATA or the user data folder)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.data import download, raw_folder
    from ..core.paths import resolve_data_dir
    from .progress_bar import ProgressBar

    bar = ProgressBar()
    for done, total, name in download(args.data_dir):
        bar.update(done / total, name)
    bar.finish(f"MNIST is ready in {raw_folder(resolve_data_dir(args.data_dir))}")
    return EXIT_OK
