"""The permissions a file written through a temporary file should get.

Files are saved atomically: written to a temporary file beside the target,
then renamed over it. ``tempfile.mkstemp`` (and ``NamedTemporaryFile``)
create that file private to the user (0600) for safety while it is being
written, and the rename keeps that mode, so a saved picture or weights file
would be unreadable to everyone else, unlike any file a plain ``open()``
writes. :func:`new_file_mode` gives the mode to set just before the rename.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

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
