"""What the commands share: exit statuses, the one-line error, the parser class, option types and options.

Light on purpose: :mod:`mnist_desk.cli` imports it (and every command module)
to build its parsers, and ``mnist-desk --help`` must answer without importing
torch; whatever needs torch is imported inside the functions that need it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ..core.errors import ImageError, MnistDeskError

EXIT_OK = 0
EXIT_ERROR = 1  # the user's input or the machine: said on one line
EXIT_USAGE = 2  # a malformed command line (argparse's own status)
EXIT_SOFTWARE = 70  # sysexits' EX_SOFTWARE: a bug of ours, not the user's input
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for Ctrl+C

DATA_DIR_HELP = "folder holding MNIST/raw (default: $MNIST_DESK_DATA or the user data folder)"


def uniform_message(text: str) -> str:
    """``text`` on one line in the style of argparse's own messages, which share the ``error:`` prefix.

    The core's messages are sentences for the window ("The folder … does not
    exist."); after ``mnist-desk: error:`` they start lower-case and end
    without a full stop, like "unrecognized arguments: …". A first word that
    is a name (MNIST, a file name such as ``Photo.png``) keeps its capitals.
    """
    text = " ".join(text.split())
    if re.match(r"[A-Z][a-z]*(?=[ ,:;'])", text) and not re.match(r"I\b", text):
        text = text[0].lower() + text[1:]
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return text


def report_error(error: BaseException | str) -> None:
    """Print one error as the one line ``mnist-desk: error: ...`` on stderr."""
    if isinstance(error, OSError) and not isinstance(error, MnistDeskError):
        from ..core.file_access import os_reason

        text = f"{error.filename}: {os_reason(error)}" if error.filename else os_reason(error)
    else:
        text = str(error)
    line = f"mnist-desk: error: {uniform_message(text)}\n"
    stream = sys.stderr
    try:
        stream.write(line)
    except UnicodeEncodeError:  # a file name the terminal's encoding cannot show
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(line.encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


def answer_each_file(files: Sequence[str], answer: Callable[[str], str]) -> int:
    """Print ``answer(file)`` for each picture file, in order; the status for all of them.

    A picture that cannot be used must not cost the answers for the others:
    its :class:`~mnist_desk.core.errors.ImageError` is its one line here, in
    order, and the status is :data:`EXIT_ERROR` at the end. Any other error
    ends the command, through :func:`mnist_desk.cli.main`.
    """
    failures = 0
    for name in files:
        try:
            text = answer(name)
        except ImageError as error:
            failures += 1
            report_error(error)
            continue
        print(text, flush=True)
    return EXIT_ERROR if failures else EXIT_OK


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports a bad argument on one line (no usage block).

    The line starts ``mnist-desk: error:`` like every other error and points at
    the help of the command that was given (``mnist-desk predict --help``).
    """

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"mnist-desk: error: {message} (see {self.prog} --help)\n")


def _whole_number(text: str, minimum: int, too_small: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"{text} {too_small}")
    return value


def non_negative_int(text: str) -> int:
    """An option's value as a whole number of at least 0 (argparse ``type``)."""
    return _whole_number(text, 0, "must be 0 or more")


def positive_int(text: str) -> int:
    """An option's value as a whole number of at least 1 (argparse ``type``)."""
    return _whole_number(text, 1, "must be at least 1")


def positive_float(text: str) -> float:
    """An option's value as a finite number above 0 (argparse ``type``)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text} must be a positive number")
    return value


def add_weights_option(parser: argparse.ArgumentParser) -> None:
    """``--weights W``, read with :func:`weights_argument`."""
    parser.add_argument("--weights", metavar="W", help="weights file (default: the shipped weights)")


def add_data_dir_option(parser: argparse.ArgumentParser, help: str = DATA_DIR_HELP) -> None:
    """``--data-dir D``: the data folder; ``None`` is the default (:func:`mnist_desk.core.paths.resolve_data_dir`)."""
    parser.add_argument("--data-dir", metavar="D", help=help)


def weights_argument(value: str | None) -> Path:
    """The weights file named on the command line, or the shipped one."""
    from ..core.paths import default_weights_path

    return Path(value).expanduser() if value else default_weights_path()
