"""Saving a file atomically, with the permissions a plain ``open()`` would give it.

Every file the app writes (weights, pictures, drawings, the chart's CSV) is
saved by :func:`write_atomically`: written to a temporary file beside the
target, then renamed over it, so a failure (a full disk, a crash) leaves the
old file or none, never half a file. :func:`save_file` does the same and
says what went wrong in a :class:`~mnist_desk.core.errors.FileSaveError`.

The temporary file is named ``.NAME.PID-XXXXXXXX.tmp``. A process killed
while writing (kill -9, a power cut) leaves it behind; the next save into that
folder removes such leftovers: those of processes that no longer run, and
any of ours older than a day (see :func:`remove_stale_temporaries`).
``tempfile.mkstemp`` creates that file private to the user (0600) for safety
while it is being written, and the rename keeps that mode, so a saved picture
or weights file would be unreadable to everyone else, unlike any file a plain
``open()`` writes. :func:`new_file_mode` gives the mode set just before the
rename.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import FileSaveError
from .file_access import os_reason

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


# .NAME.PID-XXXXXXXX.tmp (mkstemp's eight random characters); .NAME.XXXXXXXX.tmp before the PID was in the name.
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?:(?P<pid>\d+)-)?[a-z0-9_]{8}\.tmp$")
STALE_AFTER_S = 24 * 3600  # no save takes this long: a temporary file this old is a leftover, whoever made it
LEGACY_STALE_AFTER_S = 600  # the same for one without a PID, whose writer cannot be asked


def _process_runs(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) is not a harmless probe on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it runs, as another user
        return True
    return True


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files that interrupted saves left in ``folder``; returns them.

    A file is removed when its name is one :func:`write_atomically` makes, it
    is a regular file of this user, and its writer is gone: the process
    named in it no longer runs (this process's own are never touched), or it
    is older than :data:`STALE_AFTER_S`. Names without a process id (written
    by earlier versions) go after :data:`LEGACY_STALE_AFTER_S`. Errors are
    ignored: tidying up must never stop a save.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not entry.is_file(follow_symlinks=False) or (hasattr(os, "geteuid") and info.st_uid != os.geteuid()):
                continue
            age = now - info.st_mtime
            pid = match.group("pid")
            if pid is None:
                stale = age > LEGACY_STALE_AFTER_S
            elif int(pid) == os.getpid():
                stale = False
            else:
                stale = age > STALE_AFTER_S or not _process_runs(int(pid))
            if stale:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except (OSError, ValueError):
            continue
    return removed


def _worded(error: OSError, target: Path) -> OSError:
    """The same error (same type and errno) with our words for its reason (see file_access.os_reason)."""
    return OSError(error.errno, os_reason(error), str(target)) if error.errno is not None else error


def _discard(temporary: str) -> None:
    try:
        os.unlink(temporary)
    except OSError:  # already gone, or the disk fails: the next save tidies it up
        pass


def save_file(path: str | os.PathLike[str], write: Callable[[BinaryIO], object], *, durable: bool = False) -> Path:
    """:func:`write_atomically`, with a message for whatever stops it.

    Parameters
    ----------
    path
        The file to write.
    write, durable
        As for :func:`write_atomically`.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    FileSaveError
        When ``path`` is a folder, its folder does not exist, or writing
        fails ("the disk is full", "permission denied" ...); any file that
        was there is unchanged.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise FileSaveError("{path} is a folder; choose a file name.", path=target)
    if not target.parent.is_dir():
        raise FileSaveError("Could not save {path}: the folder {folder} does not exist.",
                            path=target, folder=target.parent)
    try:
        write_atomically(target, write, durable=durable)
    except OSError as error:
        raise FileSaveError("Could not save {path}: {reason}. Any file that was there before is unchanged.",
                            path=target, reason=os_reason(error)) from error
    return target


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
    OSError
        When the file system fails (a full disk, no permission ...): the same
        type and ``errno``, with :func:`~mnist_desk.core.file_access.os_reason`'s
        words as its ``strerror``. The temporary file is removed and
        ``target`` is as it was.
    Exception
        Whatever else ``write`` raised, with the same clean-up.
    """
    target = Path(target)
    remove_stale_temporaries(target.parent)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp",
                                             dir=target.parent)
    except OSError as error:
        raise _worded(error, target) from error
    try:
        with os.fdopen(handle, "wb") as file:
            write(file)
            if durable:
                file.flush()
                os.fsync(file.fileno())
        os.chmod(temporary, new_file_mode(target))
        os.replace(temporary, target)
    except OSError as error:
        _discard(temporary)
        raise _worded(error, target) from error
    except BaseException:
        _discard(temporary)
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
