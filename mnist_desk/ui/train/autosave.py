"""The running run's automatic checkpoint, so that a crash or a kill loses at most one epoch.

The run's worker writes its checkpoint at every epoch end, when it pauses and
when it stops (:func:`mnist_desk.ui.train.session.training_steps`) to this
window's slot: ``run-N.pt`` in the user data folder's ``autosave/``. The slot
is held with a lock file (``run-N.lock``, a :class:`QLockFile`) for as long as
the window lives, so a second MNIST Desk window takes another slot and never
offers a run that is still going. Saving the weights, discarding the run or
closing the window without an unsaved run removes the file.

A file whose lock nobody holds any more belongs to a window that ended without
either (a crash, a kill, a power cut): :func:`find_left_behind` finds it at the
next start and the window offers it back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

SLOTS = 8  # windows training at the same time, at most, each with its own file


def _lock_for(run_file: Path) -> QLockFile:
    lock = QLockFile(str(run_file.with_suffix(".lock")))
    # A lock is stale only when its process is gone, however long a run has held it.
    lock.setStaleLockTime(0)
    return lock


def default_folder() -> Path:
    from ...core.paths import autosave_dir

    return autosave_dir()


class AutosaveSlot:
    """This window's autosave file, claimed on first use and held until :meth:`release`."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else default_folder()
        self.path: Path | None = None
        self._lock: QLockFile | None = None

    def claim(self) -> Path | None:
        """The file a new run autosaves to (this window's slot); None when the folder cannot be used."""
        if self.path is not None:
            return self.path
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        for number in range(SLOTS):
            run_file = self.folder / f"run-{number}.pt"
            lock = _lock_for(run_file)
            if not lock.tryLock(0):
                continue  # another window's run
            if run_file.exists():  # left behind by a crash: kept until it is offered back, never overwritten
                lock.unlock()
                continue
            self.path, self._lock = run_file, lock
            return run_file
        return None

    def adopt(self, run_file: Path, lock: QLockFile) -> None:
        """A run left behind and restored here: its file becomes this window's slot."""
        self.release(delete=False)
        self.path, self._lock = run_file, lock

    def discard(self) -> None:
        """The run was saved or discarded: its automatic checkpoint is not needed any more (the slot stays)."""
        if self.path is not None:
            self.path.unlink(missing_ok=True)

    def release(self, delete: bool = True) -> None:
        """Give the slot up (closing the window); ``delete`` also removes the file."""
        if delete:
            self.discard()
        if self._lock is not None:
            self._lock.unlock()
        self.path, self._lock = None, None


def find_left_behind(folder: Path | None = None) -> tuple[Path, QLockFile] | None:
    """The newest autosaved run whose window is gone, with its lock (now held by the caller), or None."""
    folder = folder if folder is not None else default_folder()
    try:
        files = sorted(folder.glob("run-*.pt"), key=lambda path: path.stat().st_mtime, reverse=True)
    except OSError:
        return None
    for run_file in files:
        lock = _lock_for(run_file)
        if lock.tryLock(0):
            return run_file, lock
    return None
