"""Reading a user's file without ever hanging on it, and the operating system's reasons in our words.

A path a user gives may name something that is not a file at all: a named
pipe (FIFO) whose read never ends, a device, a socket, a folder. Opening one
of those the usual way blocks (a FIFO waits for a writer) or fails with a
programmer's message. :func:`open_regular` opens without blocking and refuses
anything but a regular file, checked on the open file itself (``fstat``), so
nothing can be swapped in between the check and the read.

:func:`os_reason` turns an :class:`OSError` into a short reason for a message:
the common ones ("the disk is full", "permission denied") as
:class:`~mnist_desk.core.errors.Word` values the window translates, the rest
as the operating system says them.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

from .errors import Word

# errno → the reason in our words (translated in the window). Others keep the system's own text.
_REASONS = {
    errno.ENOSPC: Word("the disk is full"),
    errno.EACCES: Word("permission denied"),
    errno.EPERM: Word("permission denied"),
    errno.EROFS: Word("the disk is read-only"),
    errno.EISDIR: Word("it is a folder"),
    errno.ENOTDIR: Word("a part of the path is not a folder"),
    errno.ENOENT: Word("no such file or folder"),
    errno.ENAMETOOLONG: Word("the name is too long"),
    errno.EIO: Word("the disk or network share could not be read or written (input/output error)"),
    errno.EFBIG: Word("the file is too large for this disk"),
}
for _name, _reason in (("EDQUOT", Word("the disk quota is exceeded")), ("ESTALE", Word("the network share is gone"))):
    if hasattr(errno, _name):
        _REASONS[getattr(errno, _name)] = _reason


def os_reason(error: OSError) -> str:
    """Why an operating-system call failed, as a short lower-case phrase for a message.

    Parameters
    ----------
    error
        The error the call raised.

    Returns
    -------
    str
        A :class:`~mnist_desk.core.errors.Word` (translated with the message)
        for the common causes, else the system's own ``strerror``.
    """
    if isinstance(error.strerror, Word):  # already ours (see atomic_files.write_atomically)
        return error.strerror
    reason = _REASONS.get(error.errno) if error.errno is not None else None
    if reason is not None:
        return reason
    return error.strerror or str(error) or type(error).__name__


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, as a phrase ("a named pipe", "a folder" ...)."""
    if stat.S_ISDIR(mode):
        return Word("a folder")
    if stat.S_ISFIFO(mode):
        return Word("a named pipe")
    if stat.S_ISSOCK(mode):
        return Word("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Word("a device")
    return Word("not a regular file")


class NotRegularFileError(OSError):
    """The path names a folder, a named pipe, a device or a socket, not a file.

    Attributes
    ----------
    kind
        What it is, as :func:`kind_of` says it.
    """

    def __init__(self, path: str | os.PathLike[str], kind: str) -> None:
        super().__init__(errno.EINVAL, kind, str(path))
        self.kind = kind


class DanglingLinkError(OSError):
    """The path is a symbolic link to something that does not exist."""

    def __init__(self, path: str | os.PathLike[str], target: str) -> None:
        super().__init__(errno.ENOENT, Word("no such file or folder"), str(path))
        self.target = target


def check_regular(path: str | os.PathLike[str]) -> os.stat_result:
    """``os.stat`` of a path that must be a regular file (never opens it).

    Raises
    ------
    FileNotFoundError
        Nothing is there.
    DanglingLinkError
        A symbolic link whose target is missing.
    NotRegularFileError
        A folder, named pipe, device or socket.
    OSError
        Any other failure (permission denied on the folder ...).
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise DanglingLinkError(path, os.readlink(path)) from None
        raise
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFileError(path, kind_of(info.st_mode))
    return info


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a file for reading in binary mode, refusing anything that is not a regular file.

    The file is opened non-blocking (so a named pipe does not wait for a
    writer) and checked with ``fstat`` on the open descriptor.

    Parameters
    ----------
    path
        The file.

    Returns
    -------
    BinaryIO
        The open file, positioned at its start; the caller closes it.

    Raises
    ------
    OSError
        As :func:`check_regular`, or whatever ``open`` raised (permission
        denied ...); :func:`os_reason` words it.
    """
    check_regular(path)  # the plain cases (missing, dangling link, folder) with their own errors
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):  # swapped for something else since the check
            raise NotRegularFileError(path, kind_of(info.st_mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise



