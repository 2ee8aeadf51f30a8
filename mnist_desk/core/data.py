"""Reading MNIST into memory.

The four IDX files are checked (regular files, right header, right size)
and read here; each split is then kept as one uint8 tensor (N, 28, 28) plus
an int64 label tensor, and training slices batches from it. That replaces the tutorial's per-sample
PIL → ``ToTensor`` pipeline, which dominates its training time on a CPU.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import torch

from .errors import DataError, Word
from .file_access import DanglingLinkError, NotRegularFileError, check_regular, open_regular, os_reason
from .paths import resolve_data_dir

log = logging.getLogger(__name__)

# name → (magic number, item count, expected size in bytes) of the raw IDX files.
RAW_FILES: dict[str, tuple[int, int, int]] = {
    "train-images-idx3-ubyte": (2051, 60_000, 16 + 60_000 * 28 * 28),
    "train-labels-idx1-ubyte": (2049, 60_000, 8 + 60_000),
    "t10k-images-idx3-ubyte": (2051, 10_000, 16 + 10_000 * 28 * 28),
    "t10k-labels-idx1-ubyte": (2049, 10_000, 8 + 10_000),
}
SPLIT_FILES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}


@dataclass
class MnistSplit:
    """One split of MNIST in memory.

    Attributes
    ----------
    images
        uint8 tensor of shape (N, 28, 28), ink bright on black as in the files.
    labels
        int64 tensor of shape (N,).
    """

    images: torch.Tensor
    labels: torch.Tensor

    def __len__(self) -> int:
        """The number of digits."""
        return int(self.labels.shape[0])

    def subset(self, count: int) -> MnistSplit:
        """The first ``count`` digits (a fixed, reproducible subset)."""
        return MnistSplit(self.images[:count], self.labels[:count])

    def batches(self, batch_size: int,
                device: torch.device | str = "cpu") -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        """Yield ``(x, y)`` in order; ``x`` is float (B, 1, 28, 28) in 0..1."""
        for start in range(0, len(self), batch_size):
            x = self.images[start:start + batch_size]
            y = self.labels[start:start + batch_size]
            yield to_input(x, device), y.to(device)


def mixed_split(base: MnistSplit, extra: MnistSplit, share: float) -> MnistSplit:
    """``base`` with ``extra`` mixed in, repeated so that it makes up about ``share`` of the digits.

    Fine-tuning on a few hundred digits of one's own mixes them into MNIST's
    training digits, so that what the network knew is kept: one epoch is then
    one pass over ``base`` with ``extra``'s digits seen many times each. The
    trainer shuffles the whole, so every batch holds about that share.

    Parameters
    ----------
    base
        MNIST's training digits (or any split).
    extra
        The digits to mix in (uint8 images of the same shape).
    share
        The fraction of the mixed split that is ``extra``'s, 0 < share < 1.

    Returns
    -------
    MnistSplit
        Whole copies of ``extra`` (at least one) followed by ``base``: a run that holds
        the last training digits out (``hold_out``, to calibrate "no digit") holds out
        ``base``'s, as it would without the mix.
    """
    if not 0.0 < share < 1.0:
        raise ValueError(f"share must be between 0 and 1, not {share}")
    if len(extra) == 0:
        return base
    repeats = max(1, round(share / (1.0 - share) * len(base) / len(extra)))
    return MnistSplit(torch.cat([extra.images.repeat(repeats, 1, 1), base.images]),
                      torch.cat([extra.labels.repeat(repeats), base.labels]))


def to_input(images: torch.Tensor, device: torch.device | str = "cpu") -> torch.Tensor:
    """uint8 (B, 28, 28) → float (B, 1, 28, 28) in 0..1 on ``device``.

    Dividing by 255 is exactly what the tutorial's ``ToTensor`` does, so
    weights trained either way see the same numbers.
    """
    return images.to(device, non_blocking=True).unsqueeze(1).float().div_(255.0)


def raw_folder(root: Path) -> Path:
    """The folder that holds the four IDX files under a data ``root``."""
    return Path(root) / "MNIST" / "raw"


def _open_raw(path: Path) -> BinaryIO:
    """Open one IDX file, refusing what is not a regular file (a named pipe would never end reading)."""
    try:
        return open_regular(path)
    except DanglingLinkError as error:
        raise DataError("{path} is a link to {target}, which does not exist. Point it at the real file, or delete "
                        "it and download MNIST again.", path=path, target=error.target) from None
    except NotRegularFileError as error:
        raise DataError("{path} is {kind}, not an MNIST file: MNIST Desk reads only ordinary files there. Replace "
                        "it with the downloaded file.", path=path, kind=error.kind) from None
    except OSError as error:
        raise DataError("Could not read {path}: {reason}.", path=path, reason=os_reason(error)) from error


def _check_raw_file(path: Path, magic: int, count: int, size: int) -> None:
    with _open_raw(path) as handle:
        try:
            actual = os.fstat(handle.fileno()).st_size
            header = handle.read(8)
        except OSError as error:
            raise DataError("Could not read {path}: {reason}.", path=path, reason=os_reason(error)) from error
    found_magic = int.from_bytes(header[:4], "big") if len(header) >= 4 else None
    found_count = int.from_bytes(header[4:8], "big") if len(header) >= 8 else None
    if found_magic != magic or found_count != count:
        raise DataError(
            "{path} is not a valid MNIST file (expected an IDX file of {count} items, "
            "found header {header}). Delete it and download MNIST again.",
            path=path, count=count, header=header.hex() or Word("empty"),
        )
    if actual != size:
        raise DataError(
            "{path} is truncated or corrupted ({actual:,} bytes, expected {size:,}). "
            "Delete it and download MNIST again.",
            path=path, actual=actual, size=size,
        )


def _read_idx(path: Path, name: str) -> np.ndarray:
    """The items of one checked IDX file: uint8 (N, 28, 28) images or (N,) labels."""
    _magic, count, size = RAW_FILES[name]
    with _open_raw(path) as handle:
        try:
            data = handle.read(size + 1)
        except OSError as error:
            raise DataError("Could not read {path}: {reason}.", path=path, reason=os_reason(error)) from error
    if len(data) != size:  # changed since it was checked
        raise DataError("{path} is truncated or corrupted ({actual:,} bytes, expected {size:,}). "
                        "Delete it and download MNIST again.", path=path, actual=len(data), size=size)
    shape = (count, 28, 28) if "images" in name else (count,)
    items = int(np.prod(shape))
    return np.frombuffer(data, dtype=np.uint8, offset=size - items).reshape(shape)


def check_data_dir(root: str | os.PathLike[str] | None = None, splits: tuple[str, ...] = ("train", "test")) -> Path:
    """Make sure the raw MNIST files for ``splits`` are present and whole.

    Parameters
    ----------
    root
        The data folder (see :func:`mnist_desk.core.paths.resolve_data_dir`).
    splits
        Which splits must be present.

    Returns
    -------
    Path
        The resolved data folder.

    Raises
    ------
    DataError
        Naming the folder and the files missing from it, the data folder when
        it is a file, or the file when one is truncated or has the wrong header.
    """
    resolved = resolve_data_dir(root)
    folder = raw_folder(resolved)
    if resolved.is_file():  # --data-dir photo.png: "not found in photo.png/MNIST/raw" would mislead
        raise DataError("{path} is a file, not a folder: name the folder that holds MNIST/raw "
                        "(--data-dir, the data folder setting, or MNIST_DESK_DATA).", path=resolved)
    wanted = [name for split in splits for name in SPLIT_FILES[split]]
    missing = [name for name in wanted if not os.path.lexists(folder / name)]  # a broken link is there, but bad
    if missing:
        raise DataError(
            "MNIST not found in {folder} (missing: {missing}). Get it with `mnist-desk download` or the "
            "Download button (needs the internet), or choose another folder (--data-dir, the data folder "
            "setting, or MNIST_DESK_DATA).",
            folder=folder, missing=", ".join(missing),
        )
    for name in wanted:
        _check_raw_file(folder / name, *RAW_FILES[name])
    return resolved


def load_split(root: str | os.PathLike[str] | None = None, train: bool = True) -> MnistSplit:
    """Load one split of MNIST into memory.

    Parameters
    ----------
    root
        Data folder, or ``None`` for the default (option, environment, user folder).
    train
        The 60,000 training digits if true, else the 10,000 test digits.

    Returns
    -------
    MnistSplit

    Raises
    ------
    DataError
        When files are missing, truncated or corrupted.
    """
    split = "train" if train else "test"
    resolved = check_data_dir(root, (split,))
    # Read here rather than by torchvision's MNIST class, which wants all four files even for one split
    # and says "Dataset not found. You can use download=True" for any problem.
    images_name, labels_name = SPLIT_FILES[split]
    folder = raw_folder(resolved)
    images = torch.from_numpy(_read_idx(folder / images_name, images_name).copy())
    labels = torch.from_numpy(_read_idx(folder / labels_name, labels_name).astype(np.int64))
    if int(labels.max()) > 9:
        raise DataError("{path} holds labels above 9: it is not MNIST's. Delete it and download MNIST again.",
                        path=folder / labels_name)
    return MnistSplit(images, labels)


def download(root: str | os.PathLike[str] | None = None) -> Iterator[tuple[int, int, str]]:
    """Download MNIST with torchvision, yielding progress.

    Yields ``(files_done, files_total, name)`` after each of the four files, so a
    progress bar can follow and the consumer can stop between files. A file
    already there and whole is kept; a truncated or corrupted one is fetched
    again. Raises :class:`DataError` with a plain message when the network is
    unreachable, the disk is full, or something that is not a file is in the way.
    """
    from torchvision.datasets import MNIST

    resolved = resolve_data_dir(root)
    folder = raw_folder(resolved)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DataError("Could not create the folder {folder}: {reason}.", folder=folder,
                        reason=os_reason(error)) from error
    resources = list(MNIST.resources)
    for done, (filename, md5) in enumerate(resources, start=1):
        name = filename.rsplit(".", 1)[0]
        if not _is_whole(folder / name, name):
            _fetch(MNIST.mirrors, filename, md5, folder)
        yield done, len(resources), name
    check_data_dir(resolved)


def _is_whole(path: Path, name: str) -> bool:
    """Whether an IDX file is there and whole; a broken regular file is removed (to be fetched again)."""
    if not os.path.lexists(path):
        return False
    try:
        check_regular(path)
    except DanglingLinkError:
        path.unlink()
        return False
    except OSError:
        _open_raw(path)  # raises the DataError that says what is in the way
    try:
        _check_raw_file(path, *RAW_FILES[name])
    except DataError:
        path.unlink()
        return False
    return True


def _fetch(mirrors: list[str], filename: str, md5: str, folder: Path) -> None:
    from urllib.error import HTTPError, URLError

    from torchvision.datasets.utils import download_and_extract_archive

    failures = []
    unreachable = True  # no mirror answered at all: the network (or the way to the servers) is down
    for mirror in mirrors:
        try:
            download_and_extract_archive(f"{mirror}{filename}", download_root=str(folder), filename=filename, md5=md5)
            return
        except URLError as error:  # no network, DNS, HTTP errors (HTTPError is a URLError)
            failures.append(f"{mirror}: {error}")
            unreachable = unreachable and not isinstance(error, HTTPError)  # an HTTP error: a server answered
        except OSError as error:
            if error.errno is None:  # socket timeouts and the like
                failures.append(f"{mirror}: {error}")
                continue
            raise DataError("Could not save {filename} in {folder}: {reason}.", filename=filename, folder=folder,
                            reason=os_reason(error)) from error
        except Exception as error:  # torchvision's RuntimeError for a damaged download (wrong checksum) ...
            failures.append(f"{mirror}: {type(error).__name__}: {error}")
            unreachable = False
    log.warning("downloading %s failed: %s", filename, "; ".join(failures))
    if unreachable:
        raise DataError("Could not download {filename}: the network cannot be reached (no internet connection, or "
                        "the download servers are blocked). Connect to the internet and try again, or copy the four "
                        "MNIST files into {folder}.", filename=filename, folder=folder)
    raise DataError("Could not download {filename}: the download servers answered with an error or sent damaged "
                    "files ({reasons}). Try again later, or copy the four files into {folder}.",
                    filename=filename, folder=folder, reasons="; ".join(failures)[:300])
