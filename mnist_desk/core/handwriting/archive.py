"""Importing a handwriting set from a folder or a ``.zip``, and exporting one to either.

An archive is checked whole before anything is written: a member whose path
would leave the set (an absolute path, ``..``, a drive letter or a backslash:
"zip slip"), a link, a member larger than :data:`MAX_MEMBER_BYTES` or an
archive that would unpack to more than :data:`MAX_TOTAL_BYTES` or hold more
than :data:`MAX_MEMBERS` files, a file that is not in a digit's folder, and a
member that is not a picture Pillow can decode are each refused with a message
naming it. The members may sit in one top folder (``alice/3/a.png``, as zipping
a folder makes). Hidden files and macOS's ``__MACOSX`` folder are skipped.
A folder is checked the same way (:func:`~mnist_desk.core.handwriting.store.scan_folder`,
then every picture decoded).

Importing adds the digits to a set (each written atomically; a name already
taken gets a new one); exporting writes a zip (atomically, members under a top
folder named after the set) or copies the set into a new or empty folder.
"""

from __future__ import annotations

import io
import os
import stat
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from PIL import Image, UnidentifiedImageError

from ..atomic_files import save_file
from ..errors import FileSaveError, HandwritingSetError, ImageError
from ..file_access import open_regular, os_reason
from ..picture_errors import bomb_error, read_error
from ..picture_open import open_image
from .store import LABELS, PICTURE_SUFFIXES, HandwritingSet, is_picture_name, is_skipped, scan_folder

MAX_MEMBER_BYTES = 32 * 1024 * 1024  # one picture of a digit; a phone's photo is a few MB
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_MEMBERS = 100_000
MAX_PICTURE_PIXELS = 50_000_000  # a digit needs far fewer; Pillow's own limit is 179 million

Progress = Callable[[int, int], object]  # (done, total), called as pictures are checked and written
Step = tuple[int, int, "int | None"]  # (done, total, digits added: at the last step only)


@dataclass(frozen=True)
class Member:
    """One picture to import: its label, its file name, and where it comes from (a zip member or a file)."""

    label: int
    name: str
    source: str


def _check_picture_bytes(data: bytes, where: str) -> None:
    """Raise :class:`ImageError` naming ``where`` unless ``data`` decodes as a picture of sensible size."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PICTURE_PIXELS:
                    raise ImageError("{path} is too large to open safely: {pixels:,} pixels, more than the limit of "
                                     "{limit:,}. Use a smaller picture.", path=where,
                                     pixels=image.width * image.height, limit=MAX_PICTURE_PIXELS)
                image.load()
    except Image.DecompressionBombError as error:
        raise bomb_error(where, error) from error
    except UnidentifiedImageError:
        raise ImageError("{path} is not a picture this app can read (PNG, JPEG, BMP, GIF, TIFF, WebP ...).",
                         path=where) from None
    except MemoryError:
        raise ImageError("{path} is too large to open with the memory this computer has left.", path=where) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise read_error(where, error) from error


def _member_path(info: zipfile.ZipInfo, archive: Path) -> PurePosixPath | None:
    """The member's path inside the archive, None for what is skipped; raises for one that would leave the set."""
    name = info.filename
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":") or "\0" in name:
        raise HandwritingSetError("{archive} holds {member}, a path that would leave the set's folder: the archive "
                                  "is refused, nothing was imported.", archive=archive, member=name)
    path = PurePosixPath(name)
    if ".." in path.parts:
        raise HandwritingSetError("{archive} holds {member}, a path that would leave the set's folder: the archive "
                                  "is refused, nothing was imported.", archive=archive, member=name)
    if any(is_skipped(part) for part in path.parts) or path.parts[0] == "__MACOSX" or info.is_dir():
        return None
    if stat.S_ISLNK(info.external_attr >> 16):
        raise HandwritingSetError("{archive} holds {member}, a link: the archive is refused, nothing was imported.",
                                  archive=archive, member=name)
    return path


def _open_zip(path: Path) -> tuple[BinaryIO, zipfile.ZipFile]:
    try:
        handle = open_regular(path)
    except OSError as error:
        raise HandwritingSetError("Could not open {path}: {reason}.", path=path, reason=os_reason(error)) from error
    try:
        return handle, zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        handle.close()
        raise HandwritingSetError("{path} is not a zip archive (or it is damaged).", path=path) from None


def _zip_members(archive: Path, zip_file: zipfile.ZipFile) -> list[tuple[Member, zipfile.ZipInfo]]:
    infos = zip_file.infolist()
    if len(infos) > MAX_MEMBERS:
        raise HandwritingSetError("{archive} holds {count:,} files, more than the {limit:,} a set may import.",
                                  archive=archive, count=len(infos), limit=MAX_MEMBERS)
    kept = [(path, info) for info in infos if (path := _member_path(info, archive)) is not None]
    total = 0
    for _path, info in kept:
        if info.file_size > MAX_MEMBER_BYTES:
            raise HandwritingSetError("{archive}: {member} would unpack to {size:,} bytes, more than the {limit:,} a "
                                      "picture may have: the archive is refused.", archive=archive,
                                      member=info.filename, size=info.file_size, limit=MAX_MEMBER_BYTES)
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise HandwritingSetError("{archive} would unpack to {size:,} bytes, more than the {limit:,} a set may "
                                  "import: the archive is refused.", archive=archive, size=total,
                                  limit=MAX_TOTAL_BYTES)
    # One top folder around the digit folders (zipping a folder makes one) is allowed.
    digit_names = {str(label) for label in LABELS}
    tops = {path.parts[0] for path, _info in kept}
    strip = 1 if len(tops) == 1 and not tops & digit_names and all(len(p.parts) > 1 for p, _i in kept) else 0
    members = []
    for path, info in kept:
        parts = path.parts[strip:]
        if len(parts) == 1 and not is_picture_name(parts[0]):
            continue  # a README beside the digit folders: not read, as in a set's folder
        if len(parts) != 2 or parts[0] not in digit_names:
            raise HandwritingSetError("{archive}: {member} is not in a digit's folder: a set's archive holds the "
                                      "folders 0 to 9 (perhaps inside one top folder), with pictures in them.",
                                      archive=archive, member=info.filename)
        if not is_picture_name(parts[1]):
            raise HandwritingSetError("{archive}: {member} is not a picture: the folder of a digit holds only "
                                      "pictures ({suffixes}).", archive=archive, member=info.filename,
                                      suffixes=", ".join(PICTURE_SUFFIXES))
        members.append((Member(int(parts[0]), parts[1], info.filename), info))
    if not members:
        raise HandwritingSetError("{archive} holds no pictures of digits: a set's archive holds the folders 0 to 9 "
                                  "with pictures in them.", archive=archive)
    return members


def import_zip_steps(archive: str | os.PathLike[str], target: HandwritingSet) -> Iterator[Step]:
    """Add every digit of a zip archive to ``target``, after checking all of them.

    Yields ``(done, total, None)`` as members are checked and then written, and
    last ``(total, total, count)``, ``count`` the digits added.

    Raises
    ------
    HandwritingSetError, ImageError
        For an archive or member that is refused (see the module docstring): nothing is written.
    FileSaveError
        When writing into the set fails midway: the digits written so far stay.
    """
    path = Path(archive).expanduser()
    handle, zip_file = _open_zip(path)
    with handle, zip_file:
        members = _zip_members(path, zip_file)
        contents: list[tuple[Member, bytes]] = []
        for done, (member, info) in enumerate(members, start=1):
            try:
                data = zip_file.read(info)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):  # CRC, encrypted, truncated
                raise HandwritingSetError("{archive}: {member} cannot be unpacked (the archive is damaged or "
                                          "encrypted): nothing was imported.", archive=path,
                                          member=info.filename) from None
            _check_picture_bytes(data, f"{path}: {info.filename}")
            contents.append((member, data))
            yield done, 2 * len(members), None
    yield from _write_all(target, contents)


def _write_all(target: HandwritingSet, contents: list[tuple[Member, bytes]]) -> Iterator[Step]:
    total = len(contents)
    for done, (member, data) in enumerate(contents, start=1):
        target.add(data, member.label, suffix=Path(member.name).suffix.lower(), name=member.name)
        yield total + done, 2 * total, total if done == total else None


def import_folder_steps(folder: str | os.PathLike[str], target: HandwritingSet) -> Iterator[Step]:
    """Add every digit of another set's folder to ``target``, after checking all of them.

    Yields as :func:`import_zip_steps` does.

    Raises
    ------
    HandwritingSetError, ImageError
        Naming the first bad file: nothing is written.
    FileSaveError
        When writing into the set fails midway.
    """
    source = Path(folder).expanduser()
    if source.resolve() == target.folder.resolve():
        raise HandwritingSetError("{folder} is the set itself: choose another folder to import.", folder=source)
    scan = scan_folder(source)
    scan.require_usable()
    contents = []
    for done, digit in enumerate(scan.digits, start=1):
        open_image(digit.path).close()  # the first picture that cannot be decoded is said before anything is written
        try:
            contents.append((Member(digit.label, digit.name, str(digit.path)), digit.path.read_bytes()))
        except OSError as error:
            raise HandwritingSetError("Could not read {path}: {reason}.", path=digit.path,
                                      reason=os_reason(error)) from error
        yield done, 2 * len(scan.digits), None
    yield from _write_all(target, contents)


def _drain(steps: Iterator[Step], progress: Progress | None) -> int:
    count = 0
    for done, total, result in steps:
        if progress is not None:
            progress(done, total)
        count = result if result is not None else count
    return count


def import_zip(archive: str | os.PathLike[str], target: HandwritingSet, progress: Progress | None = None) -> int:
    """:func:`import_zip_steps` to the end; returns how many digits were added (raises as it does)."""
    return _drain(import_zip_steps(archive, target), progress)


def import_folder(folder: str | os.PathLike[str], target: HandwritingSet, progress: Progress | None = None) -> int:
    """:func:`import_folder_steps` to the end; returns how many digits were added (raises as it does)."""
    return _drain(import_folder_steps(folder, target), progress)


def _set_members(source: HandwritingSet) -> Iterator[tuple[str, Path]]:
    scan = source.scan()
    scan.require_usable()
    for digit in scan.digits:
        yield f"{digit.label}/{digit.name}", digit.path


def export_zip(source: HandwritingSet, archive: str | os.PathLike[str]) -> int:
    """Write the set as a zip (atomically), members ``NAME/0/….png`` …; returns how many digits.

    Raises
    ------
    HandwritingSetError
        When the set is empty or has a bad file (nothing is written).
    FileSaveError
        When the archive cannot be written (any file that was there is unchanged).
    """
    members = list(_set_members(source))
    top = source.name or "handwriting"

    def write(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as zip_file:  # PNGs are compressed already
            for name, path in members:
                zip_file.write(path, f"{top}/{name}")

    save_file(archive, write)
    return len(members)


def export_folder(source: HandwritingSet, folder: str | os.PathLike[str]) -> int:
    """Copy the set into ``folder`` (new, or empty) in the same layout; returns how many digits.

    Raises
    ------
    HandwritingSetError
        When the set is empty or bad, or ``folder`` is not empty.
    FileSaveError
        When a file cannot be written.
    """
    target_folder = Path(folder).expanduser()
    if target_folder.exists() and (not target_folder.is_dir() or any(target_folder.iterdir())):
        raise HandwritingSetError("{folder} is not an empty folder: export into a new or empty one.",
                                  folder=target_folder)
    members = list(_set_members(source))
    target = HandwritingSet.create(target_folder)
    for name, path in members:
        label, file_name = name.split("/")
        try:
            target.add(path.read_bytes(), int(label), suffix=path.suffix.lower(), name=file_name)
        except OSError as error:
            raise FileSaveError("Could not read {path}: {reason}.", path=path, reason=os_reason(error)) from error
    return len(members)
