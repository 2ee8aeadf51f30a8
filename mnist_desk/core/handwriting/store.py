"""A handwriting set on disk: a folder in torchvision's ``ImageFolder`` layout.

``DIR/0/*.png … DIR/9/*.png``: one folder per digit, named by it, holding
pictures of that digit, so that ``torchvision.datasets.ImageFolder(DIR)`` (or
any tool that reads that layout) reads the set as it is, class index = digit.
A set made here starts with all ten folders: ImageFolder numbers the folders
it finds in order, so a missing ``5`` would silently shift the labels of 6 to
9, while an empty one makes it stop with a message.

Every digit is one file, written atomically (:func:`~mnist_desk.core.atomic_files.save_file`):
a crash or a kill while adding leaves the set as it was, at worst with a
hidden temporary file (``.NAME.PID-XXXXXXXX.tmp``) that readers skip and the
next save removes. A relabelled digit is moved (one rename) to its new
folder; a deleted one is read first, so that it can be put back (undo).

Reading follows ImageFolder's rules and is stricter where those would let a
mistake pass: a file whose name ImageFolder reads as a picture but that is not
a regular file (a named pipe would never end reading), is empty or cannot be
read; a picture outside the digit folders; a folder other than 0 to 9. Each is
a :class:`~mnist_desk.core.errors.HandwritingSetError` naming the file.
Hidden files (``.DS_Store``, our temporaries) and the thumbnails databases
of Windows are skipped, as ImageFolder skips whatever is not a picture.
"""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic_files import save_file
from ..errors import FileSaveError, HandwritingSetError, Word
from ..file_access import DanglingLinkError, NotRegularFileError, check_regular, os_reason

# torchvision.datasets.folder.IMG_EXTENSIONS: what ImageFolder reads as a picture (a test holds them equal).
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp")
LABELS = tuple(range(10))
_SKIPPED_NAMES = {"thumbs.db", "desktop.ini"}  # and every name starting with "."


def is_skipped(name: str) -> bool:
    """Whether a file or folder name is none of a set's business (hidden, a system's thumbnails)."""
    return name.startswith(".") or name.lower() in _SKIPPED_NAMES


def is_picture_name(name: str) -> bool:
    """Whether ImageFolder reads a file of this name as a picture."""
    return name.lower().endswith(PICTURE_SUFFIXES)


@dataclass(frozen=True)
class Digit:
    """One picture of a set: its label (the folder it is in) and its file."""

    label: int
    path: Path

    @property
    def name(self) -> str:
        """The file's name (kept when the digit is relabelled)."""
        return self.path.name


@dataclass(frozen=True)
class Removed:
    """A deleted digit and its file's bytes, to put it back with :meth:`HandwritingSet.restore`."""

    digit: Digit
    data: bytes


@dataclass
class Scan:
    """What a set's folder holds: its digits in order, and the files that are not usable.

    Attributes
    ----------
    digits
        By label, then by file path (names made here sort by the time of adding).
    problems
        One error per unusable file or folder, in path order; each names it.
    """

    folder: Path
    digits: list[Digit] = field(default_factory=list)
    problems: list[HandwritingSetError] = field(default_factory=list)

    def counts(self) -> list[int]:
        """How many digits of each label 0 to 9."""
        counts = [0] * 10
        for digit in self.digits:
            counts[digit.label] += 1
        return counts

    def require_usable(self) -> None:
        """Raise the first problem, or an error when the set holds no pictures at all.

        Raises
        ------
        HandwritingSetError
            Naming the first bad file, or saying the folder is empty and how a set is laid out.
        """
        if self.problems:
            raise self.problems[0]
        if not self.digits:
            raise HandwritingSetError(
                "{folder} holds no pictures of digits. A set is a folder with one folder per digit, named 0 to 9, "
                "holding pictures of that digit ({example}, …), the layout of torchvision's ImageFolder.",
                folder=self.folder, example=Path(self.folder.name) / "3" / "a.png")


def _check_picture_file(path: Path) -> HandwritingSetError | None:
    """The problem with a file ImageFolder would read as a picture, or None (checked without reading it)."""
    try:
        info = check_regular(path)
    except DanglingLinkError as error:
        return HandwritingSetError("{path} is a link to {target}, which does not exist.", path=path,
                                   target=error.target)
    except NotRegularFileError as error:
        return HandwritingSetError("{path} is {kind}, not a picture file.", path=path, kind=error.kind)
    except OSError as error:
        return HandwritingSetError("Could not read {path}: {reason}.", path=path, reason=os_reason(error))
    if info.st_size == 0:
        return HandwritingSetError("{path} is empty (0 bytes).", path=path)
    if not os.access(path, os.R_OK):
        return HandwritingSetError("Could not read {path}: {reason}.", path=path, reason=Word("permission denied"))
    return None


def _scan_label_folder(folder: Path, label: int, scan: Scan) -> None:
    # As ImageFolder (os.walk), sub-folders included; links to folders are not followed (no loops).
    for root, folders, files in os.walk(folder, onerror=lambda error: scan.problems.append(HandwritingSetError(
            "Could not read the folder {folder}: {reason}.", folder=error.filename, reason=os_reason(error)))):
        folders[:] = sorted(name for name in folders if not is_skipped(name))
        for name in sorted(files):
            if is_skipped(name):
                continue
            path = Path(root) / name
            if not is_picture_name(name):
                scan.problems.append(HandwritingSetError(
                    "{path} is not a picture: the folder of a digit holds only pictures ({suffixes}).",
                    path=path, suffixes=", ".join(PICTURE_SUFFIXES)))
                continue
            problem = _check_picture_file(path)
            if problem is not None:
                scan.problems.append(problem)
            else:
                scan.digits.append(Digit(label, path))


def scan_folder(folder: str | os.PathLike[str]) -> Scan:
    """List a set's digits and problems, without decoding any picture (a few ms for a thousand files).

    Parameters
    ----------
    folder
        The set's folder (``DIR`` of ``DIR/0/*.png …``).

    Returns
    -------
    Scan

    Raises
    ------
    HandwritingSetError
        When the folder itself is missing, not a folder or cannot be read.
    """
    root = Path(folder).expanduser()
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except FileNotFoundError:
        raise HandwritingSetError("The folder {folder} does not exist.", folder=root) from None
    except NotADirectoryError:
        raise HandwritingSetError("{folder} is not a folder: a set is a folder with the folders 0 to 9 in it.",
                                  folder=root) from None
    except OSError as error:
        raise HandwritingSetError("Could not read the folder {folder}: {reason}.", folder=root,
                                  reason=os_reason(error)) from error
    scan = Scan(root)
    for entry in entries:
        if is_skipped(entry.name):
            continue
        path = root / entry.name
        if entry.is_dir():
            if entry.name in {str(label) for label in LABELS}:
                _scan_label_folder(path, int(entry.name), scan)
            else:
                scan.problems.append(HandwritingSetError(
                    "{path} is a folder that is not a digit's: a set holds only the folders 0 to 9, one per digit.",
                    path=path))
        elif is_picture_name(entry.name):
            scan.problems.append(HandwritingSetError(
                "{path} is not in a digit's folder: put each picture in the folder of its digit (0 to 9).",
                path=path))
        # Any other file beside the digit folders (a README) is not read, as ImageFolder does not read it.
    scan.digits.sort(key=lambda digit: (digit.label, str(digit.path)))
    scan.problems.sort(key=lambda problem: str(problem.values.get("path", problem.values.get("folder", ""))))
    return scan


def quick_counts(folder: str | os.PathLike[str]) -> list[int]:
    """How many pictures each digit folder holds, by their names only (no checks: for a status line, in a ms).

    A folder that is missing or cannot be read counts 0.
    """
    counts = []
    for label in LABELS:
        try:
            with os.scandir(Path(folder) / str(label)) as entries:
                counts.append(sum(1 for entry in entries if not is_skipped(entry.name)
                                  and is_picture_name(entry.name)))
        except OSError:
            counts.append(0)
    return counts


def _check_label(label: int) -> int:
    if isinstance(label, bool) or not isinstance(label, int) or label not in LABELS:
        raise HandwritingSetError("A digit's label is 0 to 9, not {label!r}.", label=label)
    return label


def new_name(folder: Path, suffix: str = ".png") -> str:
    """A file name not used in ``folder``: the time of adding, so that names sort in that order."""
    now = time.time()
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now)) + f"-{int(now * 1000) % 1000:03d}"
    while True:
        name = f"{stamp}-{secrets.token_hex(2)}{suffix}"
        if not os.path.lexists(folder / name):
            return name


class HandwritingSet:
    """A set's folder, and the changes a user makes to it (add, relabel, delete, put back).

    Parameters
    ----------
    folder
        The set's folder; :meth:`create` makes a new one.
    """

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder).expanduser()

    @property
    def name(self) -> str:
        """The set's name: its folder's."""
        return self.folder.name

    @classmethod
    def create(cls, folder: str | os.PathLike[str]) -> HandwritingSet:
        """Make a set's folder with the ten digit folders (those already there are kept).

        Raises
        ------
        FileSaveError
            When the folders cannot be made (no permission, a file in the way ...).
        """
        handwriting_set = cls(folder)
        try:
            for label in LABELS:
                (handwriting_set.folder / str(label)).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise FileSaveError("Could not make the folder {folder}: {reason}.", folder=handwriting_set.folder,
                                reason=os_reason(error)) from error
        return handwriting_set

    def scan(self) -> Scan:
        """:func:`scan_folder` of this set."""
        return scan_folder(self.folder)

    def _label_folder(self, label: int) -> Path:
        folder = self.folder / str(_check_label(label))
        if not self.folder.is_dir():
            raise FileSaveError("Could not save into the set {folder}: the folder does not exist (any more).",
                                folder=self.folder)
        try:
            folder.mkdir(exist_ok=True)
        except OSError as error:
            raise FileSaveError("Could not make the folder {folder}: {reason}.", folder=folder,
                                reason=os_reason(error)) from error
        return folder

    def add(self, data: bytes, label: int, *, suffix: str = ".png", name: str | None = None,
            durable: bool = False) -> Digit:
        """Store a picture file's bytes as a digit of ``label``, atomically.

        Parameters
        ----------
        data
            The picture file's contents (a PNG, or any picture of :data:`PICTURE_SUFFIXES`).
        label
            The digit it is, as the user says (0 to 9).
        suffix
            Its file name's suffix.
        name
            The file name to use when it is free (putting a digit back), else a new one.
        durable
            Flush it to the disk before returning (see :func:`~mnist_desk.core.atomic_files.write_atomically`).

        Returns
        -------
        Digit
            The digit as stored.

        Raises
        ------
        FileSaveError
            When the file cannot be written (the disk is full ...): the set is as it was.
        HandwritingSetError
            For a label that is not a digit.
        """
        folder = self._label_folder(label)
        if name is None or os.path.lexists(folder / name) or is_skipped(name) or not is_picture_name(name):
            name = new_name(folder, suffix)
        path = save_file(folder / name, lambda handle: handle.write(data), durable=durable)
        return Digit(label, path)

    def relabel(self, digit: Digit, label: int) -> Digit:
        """Move a digit to the folder of ``label`` (one rename: never in both folders, never in none).

        Raises
        ------
        FileSaveError
            When the file is gone or cannot be moved.
        """
        folder = self._label_folder(label)
        if label == digit.label:
            return digit
        target = folder / (digit.name if not os.path.lexists(folder / digit.name) else new_name(folder,
                                                                                             digit.path.suffix))
        try:
            os.replace(digit.path, target)
        except OSError as error:
            raise FileSaveError("Could not move {path} to {folder}: {reason}.", path=digit.path, folder=folder,
                                reason=os_reason(error)) from error
        return Digit(label, target)

    def delete(self, digit: Digit) -> Removed:
        """Delete a digit's file, keeping its bytes for :meth:`restore`.

        Raises
        ------
        FileSaveError
            When it cannot be read or deleted (it is then still there, if it was).
        """
        try:
            data = digit.path.read_bytes()
            digit.path.unlink()
        except OSError as error:
            raise FileSaveError("Could not delete {path}: {reason}.", path=digit.path,
                                reason=os_reason(error)) from error
        return Removed(digit, data)

    def restore(self, removed: Removed) -> Digit:
        """Put a deleted digit back, under its own name when that is free.

        Raises
        ------
        FileSaveError
            When the file cannot be written.
        """
        return self.add(removed.data, removed.digit.label, suffix=removed.digit.path.suffix or ".png",
                        name=removed.digit.name)
