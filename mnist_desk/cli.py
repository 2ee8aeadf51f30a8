"""The ``mnist-desk`` command: the window with no arguments, or train / evaluate / predict / explain / layers.

Errors a user can fix (missing data, bad files, bad arguments) end with one
line on stderr and a non-zero exit status, never a traceback. Commands raise
:class:`~mnist_desk.core.errors.MnistDeskError` subclasses; :func:`main` is the
one place that turns them (and an operating-system error, or running out of
memory) into that line (:func:`report_error`). Libraries' warnings (Pillow's
decompression-bomb and EXIF notes, torch's pickle notes) are for programmers
and are not printed, unless Python's own ``-W`` or ``PYTHONWARNINGS`` asks.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.errors import MnistDeskError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_SOFTWARE = 70  # sysexits' EX_SOFTWARE: a bug of ours, not the user's input
EXIT_INTERRUPTED = 130
DEBUG_ENV_VAR = "MNIST_DESK_DEBUG"  # set: unexpected errors show their traceback


def report_error(error: BaseException | str) -> None:
    """Print one error as the one line ``mnist-desk: error: ...`` on stderr."""
    if isinstance(error, OSError) and not isinstance(error, MnistDeskError):
        from .core.file_access import os_reason

        text = f"{error.filename}: {os_reason(error)}" if error.filename else os_reason(error)
    else:
        text = str(error)
    line = f"mnist-desk: error: {' '.join(text.split())}\n"
    stream = sys.stderr
    try:
        stream.write(line)
    except UnicodeEncodeError:  # a file name the terminal's encoding cannot show
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(line.encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


class _OneLineParser(argparse.ArgumentParser):
    """argparse that reports a bad argument on one line (no usage block)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} must be at least 1")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text} must be a positive number")
    return value


def _digit(text: str) -> int:
    if text.strip() not in tuple("0123456789"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a digit 0 to 9")
    return int(text)


COMMANDS = ("train", "evaluate", "predict", "explain", "download", "layers")


def build_parser() -> argparse.ArgumentParser:
    from .core.models import ACTIVATIONS, ARCHITECTURES
    from .core.training import OPTIMIZERS, SCHEDULES

    parser = _OneLineParser(prog="mnist-desk", description="A desktop lab for CNNs on handwritten digits. "
                            "With no command, opens the window; 'mnist-desk FILE...' opens it with "
                            "pictures or a weights file.")
    parser.add_argument("--version", action="version", version=f"MNIST Desk {__version__}")
    parser.add_argument("--self-test", action="store_true", help="check that this installation works, then exit")
    commands = parser.add_subparsers(dest="command", parser_class=_OneLineParser)

    train = commands.add_parser("train", help="train a CNN on MNIST and save its weights")
    train.add_argument("--data-dir", help="folder holding MNIST/raw (default: $MNIST_DESK_DATA or the user data folder)")
    # None means "not given": with --resume the saved run's own settings apply.
    train.add_argument("--epochs", type=_positive_int, help="number of epochs (default 10)")
    train.add_argument("--batch-size", type=_positive_int, help="digits per step (default 50)")
    train.add_argument("--max-steps", type=_positive_int, help="end after this many steps, even inside an epoch")
    train.add_argument("--lr", type=_positive_float, help="learning rate (default 0.001)")
    train.add_argument("--arch", choices=sorted(ARCHITECTURES), help="architecture (default tutorial)")
    train.add_argument("--layers", metavar="SPEC", help="train a network built from this layer list (see "
                       "'mnist-desk layers --help'), or a preset's name, instead of --arch")
    train.add_argument("--activation", choices=sorted(ACTIVATIONS), help="activation (default relu)")
    train.add_argument("--optimizer", choices=OPTIMIZERS, help="optimizer (default adam)")
    train.add_argument("--schedule", choices=SCHEDULES, help="learning-rate schedule (default constant)")
    train.add_argument("--augment", action="store_true", default=None, help="random rotation, scale, shift, shear and stroke width")
    train.add_argument("--label-smoothing", type=float, help="cross-entropy label smoothing (default 0)")
    train.add_argument("--seed", type=int, help="random seed, 0 to 4294967295 (default 0)")
    train.add_argument("--device", help="auto (default), cpu, cuda, cuda:1, mps")
    train.add_argument("--test-every", type=_positive_int, help="also test on 1,000 test digits every N steps")
    train.add_argument("--resume", metavar="W", help="continue the run saved in W")
    train.add_argument("--out", metavar="W", required=True, help="where to save the weights")
    train.add_argument("--quiet", action="store_true", help="no progress bar")

    evaluate = commands.add_parser("evaluate", help="accuracy of weights on the 10,000 MNIST test digits")
    evaluate.add_argument("--weights", metavar="W", help="weights file (default: the shipped weights)")
    evaluate.add_argument("--data-dir", help="folder holding MNIST/raw")
    evaluate.add_argument("--json", action="store_true", help="end with one JSON object on the last line")

    predict = commands.add_parser("predict", help="classify pictures of digits")
    predict.add_argument("--weights", metavar="W", help="weights file (default: the shipped weights)")
    predict.add_argument("--json", action="store_true", help="one JSON object per line")
    predict.add_argument("files", nargs="+", metavar="FILE", help="picture files (PNG, JPEG, ...)")
    from .core.explain.saliency import DEFAULT_METHOD, METHODS

    explain = commands.add_parser("explain", help="which pixels made the network answer: a saliency map per picture")
    explain.add_argument("--weights", metavar="W", help="weights file (default: the shipped weights)")
    explain.add_argument("--method", choices=METHODS, default=DEFAULT_METHOD,
                         help=f"saliency method (default {DEFAULT_METHOD})")
    explain.add_argument("--target", type=_digit, metavar="D", help="the digit to explain (default: the answer)")
    explain.add_argument("--json", action="store_true", help="one JSON object per file: input, saliency, deletion")
    explain.add_argument("files", nargs="+", metavar="FILE", help="picture files (PNG, JPEG, ...)")
    fetch = commands.add_parser("download", help="download MNIST (needs the internet)")
    fetch.add_argument("--data-dir", help="where to put it (default: $MNIST_DESK_DATA or the user data folder)")
    from .commands import layers

    layers.register(commands)  # a command that registers its own sub-parser and sets run=
    layers.add_spec_help(train)
    return parser


def _names_files(args: list[str]) -> bool:
    """``mnist-desk photo.png``: the first argument is a file, not a command (a typo such as
    ``trian`` still gets argparse's "invalid choice")."""
    first = args[0]
    if first.startswith("-") or first in COMMANDS:
        return False
    path = Path(first).expanduser()
    return path.exists() or bool(path.suffix) or len(path.parts) > 1


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``mnist-desk``; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0].startswith("-platform") or args_list[0].startswith("--style"):
        from .ui.app import run_app

        return run_app([sys.argv[0], *args_list])
    if _names_files(args_list):
        # mnist-desk photo.png / weights.pt (the desktop's "Open with"): the window, with them open.
        from .ui.app import run_app

        return run_app([sys.argv[0]], files=args_list)
    args = build_parser().parse_args(args_list)
    if not sys.warnoptions:  # the documented way for an application to keep library warnings quiet
        warnings.simplefilter("ignore")
    try:
        return _run_command(args)
    except MnistDeskError as error:
        report_error(error)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("mnist-desk: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except MemoryError:
        report_error("not enough memory for this; close other programs or use smaller settings")
        return EXIT_ERROR
    except OSError as error:  # the disk or a file failed outside the core's own checks
        report_error(error)
        return EXIT_ERROR
    except Exception as error:  # a bug of ours: one line all the same, the traceback on request
        if os.environ.get(DEBUG_ENV_VAR):
            raise
        logging.getLogger("mnist_desk").debug("unexpected error", exc_info=True)
        first = (str(error).splitlines() or [""])[0][:200]
        report_error(f"internal error ({type(error).__name__}: {first}); please report it, "
                     f"with the traceback that {DEBUG_ENV_VAR}=1 shows")
        return EXIT_SOFTWARE


def _run_command(args: argparse.Namespace) -> int:
    if args.self_test:
        from .selftest import run_self_test

        return run_self_test()
    if getattr(args, "run", None) is not None:
        return int(args.run(args))
    if args.command == "train":
        from .commands.train import run_train

        return run_train(args)
    if args.command == "evaluate":
        from .commands.evaluate import run_evaluate

        return run_evaluate(args)
    if args.command == "predict":
        from .commands.predict import run_predict

        return run_predict(args)
    if args.command == "explain":
        from .commands.explain import run_explain

        return run_explain(args)
    if args.command == "download":
        from .commands.download import run_download

        return run_download(args)
    build_parser().print_help()
    return EXIT_USAGE


def weights_argument(value: str | None) -> Path:
    """The weights file named on the command line, or the shipped one."""
    from .core.paths import default_weights_path

    return Path(value).expanduser() if value else default_weights_path()
