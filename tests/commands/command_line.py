"""Running ``mnist-desk`` as a user does, and reading what it answers (no tests here).

Shared by the command-line tests: :func:`run_real` starts the real program in
a new process (``python -m mnist_desk``, as the installed command does);
:func:`run_main` calls its entry point in this one, where a test can
monkeypatch; :func:`one_line_error` and :func:`usage_error` check that a
failure said one line and nothing else.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from mnist_desk.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_real(*args, timeout: float = 180, env: dict | None = None) -> subprocess.CompletedProcess:
    """``mnist-desk ARGS...`` in a new process, from the project's folder (so that this checkout runs)."""
    return subprocess.run([sys.executable, "-m", "mnist_desk", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env=env)


def run_main(capsys, *args) -> tuple[int, str, str]:
    """``mnist-desk ARGS...`` through :func:`mnist_desk.cli.main` in this process: (status, stdout, stderr)."""
    capsys.readouterr()
    try:
        status = main([str(arg) for arg in args])
    except SystemExit as usage:  # argparse's own errors end the program there, as on a terminal
        status = usage.code
    out, err = capsys.readouterr()
    return status, out, err


def one_line_error(status: int, err: str) -> str:
    """The single ``mnist-desk: error: ...`` line of a failed command (asserting there is exactly that)."""
    assert status != 0, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("mnist-desk: error: "), err
    assert "internal error" not in lines[0], lines[0]
    return lines[0]


def cli_form(expect: str) -> str:
    """A pattern for a core sentence ("Picture not found: …\\.$") as the command line says it after
    ``error:``: its first letter in either case, no full stop at the end ("picture not found: …$")."""
    if expect.endswith(r"\.$"):
        expect = expect[:-3] + "$"
    elif expect.endswith(r"\."):
        expect = expect[:-2]
    if re.match(r"[A-Z][a-z]", expect):
        expect = f"[{expect[0]}{expect[0].lower()}]{expect[1:]}"
    return expect


def usage_error(status: int, err: str) -> str:
    """The single line of a malformed command line: ``mnist-desk: error: ... (see mnist-desk train --help)``."""
    assert status == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("mnist-desk: error: "), err  # the prefix of every error
    assert lines[0].endswith(" --help)"), lines[0]
    return lines[0]
