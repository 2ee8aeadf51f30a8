"""The ``mnist-desk`` command: the window with no arguments (or with files), or one of the commands.

Each command is a module of :mod:`mnist_desk.commands` with ``register()`` (its
sub-parser) and ``run()``, listed in :data:`COMMAND_MODULES`. Building the
parsers imports no torch, so ``--help`` and ``--version`` answer at once.

Errors a user can fix (missing data, bad files, bad arguments) end with one
line on stderr and a non-zero exit status, never a traceback. Commands raise
:class:`~mnist_desk.core.errors.MnistDeskError` subclasses; :func:`main` is the
one place that turns them (and an operating-system error, running out of
memory, or Ctrl+C) into that line (:func:`~mnist_desk.commands.common.report_error`)
and an exit status (``EXIT_*`` in :mod:`mnist_desk.commands.common`). Libraries' warnings (Pillow's
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
from .commands import download, evaluate, explain, layers, predict, train
from .commands.common import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_SOFTWARE,
    EXIT_USAGE,
    OneLineParser,
    report_error,
)
from .core.errors import MnistDeskError

# One module per command: register() adds its sub-parser, run() does the work (see mnist_desk/commands/).
COMMAND_MODULES = (train, evaluate, predict, explain, layers, download)
DEBUG_ENV_VAR = "MNIST_DESK_DEBUG"  # set: unexpected errors show their traceback


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``mnist-desk`` and of every command (built without importing torch)."""
    parser = OneLineParser(prog="mnist-desk", description="A desktop lab for CNNs on handwritten digits. "
                           "With no command, opens the window; 'mnist-desk FILE...' opens it with "
                           "pictures or a weights file.")
    parser.add_argument("--version", action="version", version=f"MNIST Desk {__version__}")
    parser.add_argument("--self-test", action="store_true", help="check that this installation works, then exit")
    parser.set_defaults(run=None)
    commands = parser.add_subparsers(dest="command", parser_class=OneLineParser)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def command_names(parser: argparse.ArgumentParser) -> list[str]:
    """The commands ``parser`` knows, in the order of its help."""
    actions = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    return [name for action in actions for name in action.choices]


def _names_files(args: list[str], commands: list[str]) -> bool:
    """``mnist-desk photo.png``: the first argument is a file, not a command (a typo such as
    ``trian`` still gets argparse's "invalid choice")."""
    first = args[0]
    if first.startswith("-") or first in commands:
        return False
    path = Path(first).expanduser()
    return path.exists() or bool(path.suffix) or len(path.parts) > 1


def display_problem(qt_args: Sequence[str] = ()) -> str | None:
    """Why the window cannot open here (``None`` when it can, as far as can be told without Qt).

    On Linux and the BSDs Qt needs an X11 or Wayland display; with neither it
    aborts the process with a multi-line message (status 134). Asked before a
    QApplication exists, so the user gets one line instead. A platform chosen
    with ``QT_QPA_PLATFORM`` or ``-platform`` (offscreen, vnc ...) is Qt's to judge.
    """
    if sys.platform.startswith(("win", "darwin", "cygwin")):
        return None
    if os.environ.get("QT_QPA_PLATFORM") or any(arg.startswith("-platform") for arg in qt_args):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return ("no display found (neither DISPLAY nor WAYLAND_DISPLAY is set): set DISPLAY to open the window, "
            "or use the command line (mnist-desk --help)")


def _missing_files(files: Sequence[str]) -> list[str]:
    """The named files that are not there (the one line for each that the window would have shown)."""
    from .core.file_access import check_regular, os_reason

    problems = []
    for name in files:
        try:
            check_regular(Path(name).expanduser())
        except OSError as error:
            problems.append(f"{name}: {os_reason(error)}")
    return problems


def _open_window(qt_args: Sequence[str], files: Sequence[str] = ()) -> int:
    """The window, unless there is no display for it: then one line and :data:`EXIT_ERROR`."""
    problem = display_problem(qt_args)
    if problem is not None:
        for line in _missing_files(files):  # cheap, and what the user would have been told first
            report_error(line)
        report_error(problem)
        return EXIT_ERROR
    from .ui.app import run_app

    return run_app(list(qt_args), files=files)


def _command_parser(parser: argparse.ArgumentParser, name: str | None) -> argparse.ArgumentParser:
    """The sub-parser of command ``name`` (``parser`` itself when there is none)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:
            return action.choices[name]  # type: ignore[no-any-return]
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``mnist-desk``; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0].startswith("-platform") or args_list[0].startswith("--style"):
        return _open_window([sys.argv[0], *args_list])
    parser = build_parser()
    if _names_files(args_list, command_names(parser)):
        # mnist-desk photo.png / weights.pt (the desktop's "Open with"): the window, with them open.
        return _open_window([sys.argv[0]], files=args_list)
    args, extras = parser.parse_known_args(args_list)
    if extras:  # a command's unknown option: its own parser says so, pointing at its own --help
        subparser = _command_parser(parser, args.command)
        subparser.error(f"unrecognized arguments: {' '.join(extras)}")
    if not sys.warnoptions:  # the documented way for an application to keep library warnings quiet
        warnings.simplefilter("ignore")
    # The core's log lines (a mirror's raw error text) are for the window's log file: here the one line
    # of main() says it all, so they must not reach Python's last-resort handler, which prints them.
    logging.getLogger("mnist_desk").addHandler(logging.NullHandler())
    try:
        return _run(parser, args)
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


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.self_test:
        from .selftest import run_self_test

        return run_self_test()
    if args.run is None:  # options without a command
        parser.print_help()
        return EXIT_USAGE
    return args.run(args)
