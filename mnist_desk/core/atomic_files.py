"""Saving a file atomically, with the permissions a plain ``open()`` would give it.

Weights and pictures are saved by :func:`write_atomically`: written to a
temporary file beside the target, then renamed over it, so a failure (a full
disk, a crash) leaves the old file or none, never half a file.
``tempfile.mkstemp`` creates that file private to the user (0600) for safety
while it is being written, and the rename keeps that mode, so a saved picture
or weights file would be unreadable to everyone else, unlike any file a plain
``open()`` writes. :func:`new_file_mode` gives the mode set just before the
rename.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

# os.umask can only be read by setting it; two threads doing that at once could leave 0 set for good.
_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask (reading it means setting it and putting it back)."""
    with _UMASK_LOCK:
        umask = os.umask(0)
        os.umask(umask)
    return umask


def new_file_mode(target: str | os.PathLike[str]) -> int:
    """The permission bits for a file about to be written to ``target``.

    Parameters
    ----------
    target
        Where the file goes.

    Returns
    -------
    int
        The mode of the file already at ``target`` (replacing a file keeps
        its permissions), else 0o666 less the umask: what ``open(target, "w")``
        would give a new file.
    """
    try:
        return Path(target).stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~current_umask()


def write_atomically(target: Path, write: Callable[[BinaryIO], object], *, durable: bool = False) -> None:
    """Write ``target`` through a temporary file in its folder, then rename it over ``target``.

    Parameters
    ----------
    target
        The file to write; its folder must exist.
    write
        Called with the open temporary file (binary).
    durable
        Also flush the file and the folder to the disk (fsync) before returning:
        for files whose loss would cost work (weights).

    Raises
    ------
    Exception
        Whatever ``write`` or the file system raised; the temporary file is
        removed and ``target`` is as it was.
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            write(file)
            if durable:
                file.flush()
                os.fsync(file.fileno())
        os.chmod(temporary, new_file_mode(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if durable:
        _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; not possible (nor needed) on Windows.
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
