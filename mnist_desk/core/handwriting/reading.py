"""Reading a handwriting set into network inputs, as the Draw tab reads a picture on its canvas.

Each picture is opened as the Draw tab opens one (:func:`~mnist_desk.core.picture_open.open_image`,
so a named pipe, a damaged or unreadable file is refused with a message
naming it) and goes through the Draw tab's own preprocessing
(:func:`~mnist_desk.core.canvas_ink.drawing_input`): what a set's digit is
to the network is what the same picture opened on the canvas is. The 28×28
inputs are kept as uint8, as MNIST's, so a set is evaluated and trained on
by the very code that does MNIST.

Reading costs a few milliseconds a picture; the inputs are kept in memory by
file (path, size, time of change), so reading the set again after adding a
digit decodes only the new one.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..canvas_ink import drawing_input
from ..errors import HandwritingSetError, ImageError
from ..picture_open import WORKING_SIDE, open_image
from .store import Digit, Scan, scan_folder

if TYPE_CHECKING:
    from ..data import MnistSplit

_CACHE_LIMIT = 50_000  # inputs kept (784 bytes each: 40 MB at most)
_cache: dict[tuple[str, int, int], np.ndarray] = {}
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class SetDigits:
    """A set read into network inputs.

    Attributes
    ----------
    folder
        The set's folder.
    images
        uint8 (N, 28, 28), ink bright: the network's inputs, as MNIST's images.
    labels
        int64 (N,): the digits the user said.
    paths
        The N picture files, in the same order (by label, then name).
    """

    folder: Path
    images: np.ndarray
    labels: np.ndarray
    paths: tuple[Path, ...]

    def __len__(self) -> int:
        """The number of digits."""
        return int(self.labels.shape[0])

    def counts(self) -> list[int]:
        """How many digits of each label 0 to 9."""
        return np.bincount(self.labels, minlength=10).tolist() if len(self) else [0] * 10

    def split(self, indices: list[int] | None = None) -> MnistSplit:
        """These digits (or those at ``indices``) as an :class:`~mnist_desk.core.data.MnistSplit` (copies)."""
        import torch

        from ..data import MnistSplit

        chosen = np.arange(len(self)) if indices is None else np.asarray(indices, dtype=np.int64)
        return MnistSplit(torch.from_numpy(np.ascontiguousarray(self.images[chosen])),
                          torch.from_numpy(np.ascontiguousarray(self.labels[chosen])))


def picture_input(path: str | os.PathLike[str]) -> np.ndarray:
    """One picture's 28×28 network input as uint8 (ink bright), read as the Draw tab reads it.

    Parameters
    ----------
    path
        A picture file.

    Returns
    -------
    numpy.ndarray
        uint8 (28, 28).

    Raises
    ------
    ImageError
        When the file cannot be opened as a picture (it names the file).
    HandwritingSetError
        When the picture holds no digit (blank, or a flat colour).
    """
    file = Path(path)
    try:
        info = os.stat(file)
    except OSError:
        info = None
    key = (str(file), info.st_mtime_ns, info.st_size) if info is not None else None
    if key is not None:
        with _cache_lock:
            cached = _cache.get(key)
        if cached is not None:
            return cached
    image = open_image(file, max_side=WORKING_SIDE)
    try:
        prepared = drawing_input(image)
    except ImageError:
        prepared = None
    if prepared is None or prepared.empty:
        raise HandwritingSetError("{path} holds no digit: the picture is blank or too faint.", path=file)
    field28 = np.clip(np.round(prepared.field28 * 255.0), 0, 255).astype(np.uint8)
    field28.setflags(write=False)
    if key is not None:
        with _cache_lock:
            if len(_cache) >= _CACHE_LIMIT:
                _cache.clear()
            _cache[key] = field28
    return field28


def read_steps(source: str | os.PathLike[str] | Scan) -> Iterator[tuple[int, int, SetDigits | None]]:
    """Read a set picture by picture, yielding progress: ``(done, total, None)`` …, then ``(total, total, digits)``.

    The whole set is checked first (its layout, every file's kind) and the
    first problem raised before any picture is decoded; then the first
    picture that cannot be used stops the reading. A file deleted meanwhile
    (the user deleting a digit while it is read) is left out.

    Parameters
    ----------
    source
        The set's folder, or a :class:`~mnist_desk.core.handwriting.store.Scan` of it.

    Raises
    ------
    HandwritingSetError, ImageError
        Naming the folder or the first bad file.
    """
    scan = source if isinstance(source, Scan) else scan_folder(source)
    scan.require_usable()
    total = len(scan.digits)
    images: list[np.ndarray] = []
    kept: list[Digit] = []
    for done, digit in enumerate(scan.digits, start=1):
        try:
            images.append(picture_input(digit.path))
        except ImageError:
            if not os.path.lexists(digit.path):  # deleted since the scan
                continue
            raise
        kept.append(digit)
        if done < total and done % 25 == 0:
            yield done, total, None
    if not kept:  # every one deleted meanwhile
        Scan(scan.folder).require_usable()
    stacked = np.stack(images).astype(np.uint8) if images else np.zeros((0, 28, 28), dtype=np.uint8)
    labels = np.array([digit.label for digit in kept], dtype=np.int64)
    yield total, total, SetDigits(scan.folder, stacked, labels, tuple(digit.path for digit in kept))


def read_set(source: str | os.PathLike[str] | Scan) -> SetDigits:
    """:func:`read_steps` to the end: the set's network inputs (raises as it does)."""
    result = None
    for _done, _total, result in read_steps(source):
        pass
    assert result is not None
    return result


def thumbnail(path: str | os.PathLike[str], side: int = 64) -> np.ndarray:
    """A picture as drawn, small: uint8 (side, side) grey, fitted and centred on white (for a gallery).

    Raises
    ------
    ImageError
        When the file cannot be opened as a picture.
    """
    from PIL import Image

    image = open_image(path, max_side=WORKING_SIDE).convert("L")
    image.thumbnail((side, side), Image.Resampling.BOX if max(image.size) > side else Image.Resampling.BICUBIC)
    square = Image.new("L", (side, side), 255)
    square.paste(image, ((side - image.width) // 2, (side - image.height) // 2))
    return np.asarray(square, dtype=np.uint8).copy()


def thumbnail_steps(paths: list[str], side: int = 64) -> Iterator[list[tuple[str, np.ndarray | None]]]:
    """Thumbnails of many pictures, a few at a time: lists of ``(path, thumbnail or None if it cannot be read)``."""
    batch: list[tuple[str, np.ndarray | None]] = []
    for path in paths:
        try:
            batch.append((path, thumbnail(path, side)))
        except ImageError:
            batch.append((path, None))
        if len(batch) >= 24:
            yield batch
            batch = []
    if batch:
        yield batch
