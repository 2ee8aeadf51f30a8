"""``mnist-desk train``'s fine-tuning options: start from weights, mix in a handwriting set, hold a part of it out.

``--init-weights W`` starts from W's weights with a fresh optimizer (unlike
``--resume``, which continues W's own run); ``--extra-set DIR`` mixes DIR's
digits into MNIST's training digits (``--extra-share`` of them) after holding
``--holdout`` of each digit out, never trained on; both accuracies, MNIST
test and held-out, are printed before the first step and after every epoch.
The set is read and checked before MNIST is, so a bad folder ends the command
before anything is written.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.choices import DEFAULT_EXTRA_SHARE, DEFAULT_HOLDOUT
from ..core.errors import ConfigError

if TYPE_CHECKING:
    from ..core.data import MnistSplit
    from ..core.handwriting.reading import SetDigits
    from ..core.train_config import TrainRecord


def add_fine_tune_options(parser: argparse.ArgumentParser) -> None:
    """``--init-weights``, ``--extra-set``, ``--extra-share`` and ``--holdout``."""
    parser.add_argument("--init-weights", metavar="W",
                        help="start from these weights (fine-tune them) instead of from random ones, keeping "
                             "their recipe (augmentation, non-digits, digits held out)")
    parser.add_argument("--extra-set", metavar="DIR",
                        help="mix the digits of this handwriting set (DIR/0/*.png … DIR/9/*.png) into MNIST's "
                             "training digits, holding a part out to measure")
    parser.add_argument("--extra-share", type=float, metavar="F",
                        help=f"fraction of the training digits that are the set's (default {DEFAULT_EXTRA_SHARE})")
    parser.add_argument("--holdout", type=float, metavar="H",
                        help=f"fraction of each digit of the set held out, never trained on (default "
                             f"{DEFAULT_HOLDOUT})")


def check_fine_tune_options(args: argparse.Namespace) -> None:
    """Options that contradict each other or are out of range, said before any file is read."""
    from ..core.handwriting.fine_tune import check_extra_share
    from ..core.handwriting.split import check_holdout

    if args.init_weights and args.resume:
        raise ConfigError("--init-weights starts a new run from some weights and --resume continues a saved run: "
                          "give one of them.")
    if not args.extra_set:
        for option, value in (("--extra-share", args.extra_share), ("--holdout", args.holdout)):
            if value is not None:
                raise ConfigError("{option} needs --extra-set DIR, the handwriting set to mix in.", option=option)
        return
    check_extra_share(args.extra_share if args.extra_share is not None else DEFAULT_EXTRA_SHARE)
    check_holdout(args.holdout if args.holdout is not None else DEFAULT_HOLDOUT)


@dataclass
class SetForTraining:
    """A handwriting set read and checked for a run, to be mixed with MNIST once that is loaded."""

    folder: Path
    digits: SetDigits
    share: float
    holdout: float
    line: str = ""

    def mix(self, mnist_train: MnistSplit, seed: int) -> tuple[MnistSplit, MnistSplit]:
        """(MNIST with the set's training part mixed in, the set's held-out part)."""
        from ..core.handwriting.fine_tune import fine_tune_data

        data = fine_tune_data(self.digits, mnist_train, share=self.share, holdout=self.holdout, seed=seed)
        self.line = (f"Mixing in {self.folder}: {len(data.trained_paths)} of its digits trained on "
                     f"(each {data.repeats}x an epoch, {self.share:.0%} of the digits), {len(data.held_out_paths)} "
                     f"held out ({self.holdout:.0%} of each digit, never trained on)")
        return data.train, data.holdout

    def describe(self) -> str:
        """What :meth:`mix` did, as one line."""
        return self.line


def prepare_fine_tune(args: argparse.Namespace) -> SetForTraining | None:
    """Read ``--extra-set`` and check it can be split (None without one); raises naming the first bad file."""
    if not args.extra_set:
        return None
    from ..core.handwriting.reading import read_set
    from ..core.handwriting.split import check_splittable

    folder = Path(args.extra_set).expanduser()
    holdout = args.holdout if args.holdout is not None else DEFAULT_HOLDOUT
    digits = read_set(folder)
    check_splittable(digits.counts(), holdout)
    share = args.extra_share if args.extra_share is not None else DEFAULT_EXTRA_SHARE
    return SetForTraining(folder, digits, share, holdout)


def report_start(record: TrainRecord) -> None:
    """The accuracies of the starting weights (a fine-tuning run's ``"start"`` record)."""
    parts = []
    if record.test_accuracy is not None:
        parts.append(f"test accuracy {record.test_accuracy:.2%}")
    if record.holdout_accuracy is not None:
        parts.append(f"held-out accuracy {record.holdout_accuracy:.2%}")
    if parts:
        print("before training: " + ", ".join(parts), file=sys.stderr)


def resume_options(args: argparse.Namespace) -> str:
    """The options that continue a stopped fine-tuning run on the same mix (the split is the same for the same set)."""
    if not args.extra_set:
        return ""
    return (f" --extra-set {args.extra_set}" + (f" --extra-share {args.extra_share}" if args.extra_share is not None
                                                 else "")
            + (f" --holdout {args.holdout}" if args.holdout is not None else ""))
