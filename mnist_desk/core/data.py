"""Reading MNIST into memory.

torchvision's ``datasets.MNIST`` reads the IDX files; each split is then kept
as one uint8 tensor (N, 28, 28) plus an int64 label tensor, and training
slices batches from it. That replaces the tutorial's per-sample
PIL → ``ToTensor`` pipeline, which dominates its training time on a CPU.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import torch

from .errors import DataError, Word
from .paths import resolve_data_dir

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
        return int(self.labels.shape[0])

    def subset(self, count: int) -> MnistSplit:
        """The first ``count`` digits (a fixed, reproducible subset)."""
        return MnistSplit(self.images[:count], self.labels[:count])

    def batches(self, batch_size: int, device: torch.device | str = "cpu") -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        """Yield ``(x, y)`` in order; ``x`` is float (B, 1, 28, 28) in 0..1."""
        for start in range(0, len(self), batch_size):
            x = self.images[start:start + batch_size]
            y = self.labels[start:start + batch_size]
            yield to_input(x, device), y.to(device)


def to_input(images: torch.Tensor, device: torch.device | str = "cpu") -> torch.Tensor:
    """uint8 (B, 28, 28) → float (B, 1, 28, 28) in 0..1 on ``device``.

    Dividing by 255 is exactly what the tutorial's ``ToTensor`` does, so
    weights trained either way see the same numbers.
    """
    return images.to(device, non_blocking=True).unsqueeze(1).float().div_(255.0)


def raw_folder(root: Path) -> Path:
    """The folder that holds the four IDX files under a data ``root``."""
    return Path(root) / "MNIST" / "raw"


def _check_raw_file(path: Path, magic: int, count: int, size: int) -> None:
    if not path.exists():
        raise FileNotFoundError(path)
    actual = path.stat().st_size
    with path.open("rb") as handle:
        header = handle.read(8)
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
        Naming the folder and the files expected when some are missing, or the
        file when one is truncated or has the wrong header.
    """
    resolved = resolve_data_dir(root)
    folder = raw_folder(resolved)
    wanted = [name for split in splits for name in SPLIT_FILES[split]]
    missing = [name for name in wanted if not (folder / name).exists()]
    if missing:
        raise DataError(
            "MNIST not found in {folder}: it should hold the four files {files} (missing: {missing}). "
            "Get them with `mnist-desk download` or the Download button of the Train tab (needs the internet), "
            "or copy the four uncompressed files there; or point MNIST Desk at another folder "
            "(--data-dir, the app's data folder setting, or the MNIST_DESK_DATA environment variable).",
            folder=folder, files=", ".join(RAW_FILES), missing=", ".join(missing),
        )
    for name in wanted:
        _check_raw_file(folder / name, *RAW_FILES[name])
    return resolved


def data_status(root: str | os.PathLike[str] | None = None) -> tuple[bool, str]:
    """Whether MNIST is usable in ``root``, and a one-line description either way."""
    try:
        resolved = check_data_dir(root)
    except DataError as error:
        return False, str(error)
    return True, f"MNIST found in {raw_folder(resolved)}: 60,000 training + 10,000 test digits"


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
    # Imported here: torchvision is heavy and only this function needs it.
    from torchvision.datasets import MNIST

    try:
        dataset = MNIST(root=str(resolved), train=train, download=False)
    except Exception as error:  # torchvision raises bare RuntimeErrors for bad files
        raise DataError("Could not read MNIST from {folder}: {error}", folder=raw_folder(resolved),
                        error=str(error)) from error
    images = dataset.data.to(torch.uint8).contiguous()
    labels = dataset.targets.to(torch.int64).contiguous()
    if images.shape[1:] != (28, 28) or len(images) != len(labels) or int(labels.max()) > 9:
        raise DataError("MNIST in {folder} has unexpected contents; download it again.", folder=raw_folder(resolved))
    return MnistSplit(images, labels)


def _unreachable(error: BaseException) -> bool:
    """Whether a failed download never reached a server (no network, name not resolved, timed out)."""
    from urllib.error import HTTPError, URLError

    if isinstance(error, HTTPError):  # a server answered
        return False
    if isinstance(error, URLError):
        return isinstance(error.reason, (OSError, str))
    return isinstance(error, (OSError, TimeoutError))


def download(root: str | os.PathLike[str] | None = None) -> Iterator[tuple[int, int, str]]:
    """Download MNIST with torchvision, yielding progress.

    Yields ``(files_done, files_total, name)`` after each of the four files, so a
    progress bar can follow and the consumer can stop between files. Raises
    :class:`DataError` with a plain message when the network cannot be reached
    or the mirrors fail (what each mirror said goes to the log, not the message).
    """
    import logging

    from torchvision.datasets import MNIST

    resolved = resolve_data_dir(root)
    folder = raw_folder(resolved)
    folder.mkdir(parents=True, exist_ok=True)
    resources = list(MNIST.resources)
    for done, (filename, md5) in enumerate(resources, start=1):
        name = filename.rsplit(".", 1)[0]
        if not (folder / name).exists():
            from torchvision.datasets.utils import download_and_extract_archive

            errors: list[BaseException] = []
            for mirror in MNIST.mirrors:
                try:
                    download_and_extract_archive(f"{mirror}{filename}", download_root=str(folder), filename=filename, md5=md5)
                    break
                except Exception as error:  # URLError, HTTPError, socket timeouts, a bad checksum ...
                    logging.getLogger(__name__).info("downloading %s from %s failed: %s", filename, mirror, error)
                    errors.append(error)
            else:
                if all(_unreachable(error) for error in errors):
                    raise DataError(
                        "Could not download {filename}: the network cannot be reached (no internet connection, or "
                        "the download servers are blocked). Connect to the internet and try again, or "
                        "copy the four MNIST files into {folder}.",
                        filename=filename, folder=folder,
                    )
                raise DataError(
                    "Could not download {filename}: the download servers failed ({reasons}).",
                    filename=filename, reasons="; ".join(str(error) for error in errors)[:300],
                )
        yield done, len(resources), name
    check_data_dir(resolved)
