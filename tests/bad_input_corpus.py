"""A corpus of bad inputs, shared by the command-line and window tests (no tests here).

Each builder makes its files in a folder and returns :class:`Case` rows: a
name (the test id), the path a user would give, and a regular expression
that the one sentence the app answers with must match. Cases cover classes,
not single examples: things that are not files (folders, named pipes,
broken links), files that cannot be read, damaged bytes, and crafted files
whose every field has the wrong type or declares absurd sizes.

Permission denied cannot be set up with chmod when the tests run as root
(root reads everything), so :func:`deny` fakes the operating system's answer
for those paths instead, at the ``os.open`` call the app makes.
"""

from __future__ import annotations

import copy
import errno
import os
import pickle
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import torch

from mnist_desk.core.data import RAW_FILES
from mnist_desk.core.models import build_model
from mnist_desk.core.weights import Checkpoint


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    expect: str  # a regular expression the message must match
    denied: Path | None = None  # a file that must not be readable, "permission denied" (see deny)

    def __str__(self) -> str:  # pytest ids
        return self.name


def deny(monkeypatch, cases: list[Case]) -> None:
    """Make reading the cases' ``denied`` files fail with EACCES, as another user's unreadable file does."""
    paths = [case.denied for case in cases if case.denied is not None]
    if os.name == "posix" and os.geteuid() != 0:
        for path in paths:
            path.chmod(0)
        return
    from mnist_desk.core import file_access

    real_open = os.open
    refused = {str(path) for path in paths}

    def fake_open(path, flags, *args, **kwargs):
        if str(path) in refused and not flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(file_access.os, "open", fake_open)


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _dangling(path: Path) -> Path:
    path.symlink_to(path.parent / "gone-away")
    return path


# -- pictures ---------------------------------------------------------------------------------
def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG that declares ``width``×``height`` pixels and holds none: what a decompression bomb looks like."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IEND", b""))
    return path


def bad_pictures(folder: Path) -> list[Case]:
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    good = Image.new("L", (64, 64), 255)
    good.save(folder / "good.png")
    good.save(folder / "good.jpg")
    data = (folder / "good.png").read_bytes()
    (folder / "truncated.png").write_bytes(data[: len(data) // 2])
    jpeg = (folder / "good.jpg").read_bytes()
    (folder / "truncated.jpg").write_bytes(jpeg[: len(jpeg) // 3])
    damaged = bytearray(data)
    start = damaged.index(b"IDAT") + 8
    damaged[start:start + 8] = b"\xff" * 8
    (folder / "damaged.png").write_bytes(bytes(damaged))
    (folder / "empty.png").write_bytes(b"")
    (folder / "notes.png").write_text("this is not a picture\n")
    (folder / "a folder.png").mkdir()
    (folder / "denied.png").write_bytes(data)
    return [
        Case("missing", folder / "missing.png", r"Picture not found"),
        Case("folder", folder / "a folder.png", r"is a folder, not a picture"),
        Case("named pipe", _fifo(folder / "pipe.png"), r"is a named pipe, not a picture file"),
        Case("dangling link", _dangling(folder / "link.png"), r"is a link to .*gone-away, which does not exist"),
        Case("permission denied", folder / "denied.png", r"Could not open .*denied\.png: permission denied",
             folder / "denied.png"),
        Case("empty", folder / "empty.png", r"is empty \(0 bytes\)"),
        Case("text", folder / "notes.png", r"is not a picture this app can read"),
        Case("truncated PNG", folder / "truncated.png", r"truncated or corrupted"),
        Case("truncated JPEG", folder / "truncated.jpg", r"truncated or corrupted"),
        Case("damaged PNG data", folder / "damaged.png", r"truncated or corrupted"),
        Case("decompression bomb", png_header_only(folder / "bomb.png", 100_000, 100_000),
             r"too large to open safely: 10,000,000,000 pixels"),
    ]


# -- weights ----------------------------------------------------------------------------------
def good_weights_data() -> dict:
    """What a weights file of ours holds (a tutorial CNN), as plain data to spoil."""
    torch.manual_seed(0)
    checkpoint = Checkpoint(build_model("tutorial").state_dict(), arch="tutorial", hparams={"epochs": 2, "lr": 0.001},
                            history=[{"kind": "progress", "step": 10, "loss": 0.5}], metrics={"test_accuracy": 0.9})
    return checkpoint.to_dict()


def _spoiled(folder: Path, name: str, change) -> Path:
    data = copy.deepcopy(good_weights_data())
    change(data)
    path = folder / f"{name}.pt"
    torch.save(data, path)
    return path


def _set(*keys_and_value):
    *keys, value = keys_and_value

    def change(data):
        target = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    return change


def _fill(value: float):
    def change(data):
        data["state_dict"]["conv2.0.weight"].fill_(value)
    return change


class _RunsCode:
    def __reduce__(self):
        return (os.system, ("echo pwned > /dev/null",))


def _fast_channels(first: int) -> dict:
    """A ``fast`` CNN's state_dict whose first layer declares ``first`` filters, for a few bytes (stride 0)."""
    state = build_model("fast").state_dict()
    state["conv1.0.weight"] = torch.zeros(1, 1, 1, 1).expand(first, 1, 5, 5)
    state["conv2.0.weight"] = torch.zeros(1, 1, 1, 1).expand(32, first, 3, 3)
    return state


def bad_weights(folder: Path) -> list[Case]:
    folder.mkdir(parents=True, exist_ok=True)
    good = _spoiled(folder, "good", lambda data: None)
    raw = good.read_bytes()
    (folder / "truncated.pt").write_bytes(raw[: len(raw) // 2])
    (folder / "zip-junk.pt").write_bytes(b"PK\x03\x04" + os.urandom(2000))
    (folder / "empty.pt").write_bytes(b"")
    (folder / "notes.pt").write_text("not weights\n" * 20)
    (folder / "a folder.pt").mkdir()
    (folder / "denied.pt").write_bytes(raw)
    torch.save({"state_dict": _RunsCode()}, folder / "runs-code.pt")
    torch.save({"hello": [1, 2, 3]}, folder / "not-ours.pt")
    torch.save(build_model("tutorial").state_dict(), folder / "old-protocol.pt", pickle_protocol=4,
               _use_new_zipfile_serialization=False)
    (folder / "raw-pickle.pkl").write_bytes(pickle.dumps({"a": 1}))
    header = {"format": "mnist-desk-weights", "format_version": 1, "arch": "fast"}
    torch.save({**header, "state_dict": _fast_channels(1_000_000)}, folder / "million-channels.pt")
    torch.save({**header, "state_dict": _fast_channels(3000)}, folder / "thousands-of-channels.pt")
    torch.save(_fast_channels(3000), folder / "thousands-bare.pt")
    huge_total = {f"x{i}": torch.zeros(1).expand(15_000_000) for i in range(5)}
    torch.save({"format": "mnist-desk-weights", "format_version": 1, "arch": "tutorial", "state_dict": huge_total},
               folder / "huge-total.pt")
    nan_bare = build_model("tutorial").state_dict()
    nan_bare["out.bias"] = torch.full((10,), float("nan"))
    torch.save(nan_bare, folder / "nan-bare.pt")
    cases = [
        Case("missing", folder / "missing.pt", r"Weights file not found"),
        Case("folder", folder / "a folder.pt", r"is a folder, not a weights file"),
        Case("named pipe", _fifo(folder / "pipe.pt"), r"is a named pipe, not a weights file"),
        Case("dangling link", _dangling(folder / "link.pt"), r"is a link to .*gone-away"),
        Case("permission denied", folder / "denied.pt", r"Could not read .*denied\.pt: permission denied",
             folder / "denied.pt"),
        Case("empty", folder / "empty.pt", r"is empty \(0 bytes\)"),
        Case("text", folder / "notes.pt", r"is not a PyTorch weights file\.$"),
        Case("raw pickle", folder / "raw-pickle.pkl", r"is not a PyTorch weights file\.$"),
        Case("truncated", folder / "truncated.pt", r"truncated or corrupted: it is not a whole weights file"),
        Case("zip junk", folder / "zip-junk.pt", r"truncated or corrupted: it is not a whole weights file"),
        Case("runs code", folder / "runs-code.pt", r"Nothing in it was executed"),
        Case("old pickle protocol", folder / "old-protocol.pt", r"old PyTorch format"),
        Case("not ours", folder / "not-ours.pt", r"not a weights file for MNIST Desk"),
        Case("newer format", _spoiled(folder, "newer", _set("format_version", 99)), r"written by a newer MNIST Desk"),
        Case("format_version text", _spoiled(folder, "fv-text", _set("format_version", "two")),
             r"field format_version holds text where a whole number belongs"),
        Case("format_version fraction", _spoiled(folder, "fv-float", _set("format_version", 1.5)),
             r"field format_version holds a number where a whole number belongs"),
        Case("no state_dict", _spoiled(folder, "no-sd", _set("state_dict", None)), r"has no usable state_dict"),
        Case("state_dict of text", _spoiled(folder, "sd-text", _set("state_dict", {"conv1.0.weight": "x"})),
             r"has no usable state_dict"),
        Case("arch a number", _spoiled(folder, "arch-int", _set("arch", 3)),
             r"field arch holds a whole number where text belongs"),
        Case("arch unknown", _spoiled(folder, "arch-vgg", _set("arch", "vgg")), r"architecture 'vgg', which this"),
        Case("activation unknown", _spoiled(folder, "act-tanh", _set("activation", "tanh")),
             r"activation 'tanh', which this"),
        Case("hparams a list", _spoiled(folder, "hp-list", _set("hparams", [1, 2])),
             r"field hparams holds a list where a table belongs"),
        Case("hparams.epochs text", _spoiled(folder, "hp-epochs", _set("hparams", "epochs", "ten")),
             r"field hparams\.epochs holds text where a whole number belongs"),
        Case("hparams.lr true", _spoiled(folder, "hp-lr", _set("hparams", "lr", True)),
             r"field hparams\.lr holds true or false where a number belongs"),
        Case("metrics text", _spoiled(folder, "m-text", _set("metrics", "good")), r"field metrics holds text"),
        Case("metrics.test_accuracy text", _spoiled(folder, "acc-text", _set("metrics", "test_accuracy", "high")),
             r"field metrics\.test_accuracy holds text where a fraction from 0 to 1 belongs"),
        Case("metrics.test_accuracy 7", _spoiled(folder, "acc-7", _set("metrics", "test_accuracy", 7)),
             r"metrics\.test_accuracy holds a whole number where a fraction from 0 to 1 belongs"),
        Case("metrics.test_accuracy NaN", _spoiled(folder, "acc-nan", _set("metrics", "test_accuracy", float("nan"))),
             r"metrics\.test_accuracy holds a number where a fraction"),
        Case("history a table", _spoiled(folder, "h-dict", _set("history", {"a": 1})), r"field history holds a table"),
        Case("history step text", _spoiled(folder, "h-step", _set("history", [{"step": "ten"}])),
             r"field history\[0\]\.step holds text"),
        Case("history loss a list", _spoiled(folder, "h-loss", _set("history", [{"step": 1, "loss": [1]}])),
             r"field history\[0\]\.loss holds a list where a number belongs"),
        Case("progress a list", _spoiled(folder, "p-list", _set("progress", [1])), r"field progress holds a list"),
        Case("progress.step negative", _spoiled(folder, "p-neg", _set("progress", {"step": -5})),
             r"field progress\.step holds a whole number where a whole number belongs"),
        Case("optimizer_state text", _spoiled(folder, "o-text", _set("optimizer_state", "adam")),
             r"field optimizer_state holds text"),
        Case("created a list", _spoiled(folder, "created", _set("created", [2024])), r"field created holds a list"),
        Case("a million channels", folder / "million-channels.pt",
             r"declares conv1\.0\.weight with the shape \(1000000, 1, 5, 5\) \(25,000,000 numbers\), far beyond"),
        Case("thousands of channels", folder / "thousands-of-channels.pt",
             r"declares 3,000 filters in a layer of the 'fast' architecture, more than the 512"),
        Case("thousands of channels, bare", folder / "thousands-bare.pt", r"declares 3,000 filters in a layer"),
        Case("huge in all", folder / "huge-total.pt", r"declares 75,000,000 numbers in all"),
        Case("5-d tensor", _spoiled(folder, "five-d", _set("state_dict", "out.bias", torch.zeros(1, 1, 1, 1, 10))),
             r"declares out\.bias with the shape \(1, 1, 1, 1, 10\)"),
        Case("complex numbers",
             _spoiled(folder, "complex", _set("state_dict", "out.bias", torch.zeros(10, dtype=torch.complex64))),
             r"holds out\.bias as complex numbers"),
        Case("sparse tensor", _spoiled(folder, "sparse", _set("state_dict", "out.bias", torch.zeros(10).to_sparse())),
             r"holds out\.bias in a form a network cannot use"),
        Case("data-less tensor",
             _spoiled(folder, "meta", _set("state_dict", "out.bias", torch.empty(10, device="meta"))),
             r"holds out\.bias in a form a network cannot use"),
        Case("NaN weights", _spoiled(folder, "nan", _fill(float("nan"))),
             r"not finite numbers \(NaN or infinity, in conv2\.0\.weight\)"),
        Case("infinite weights", _spoiled(folder, "inf", _fill(float("inf"))), r"not finite numbers"),
        Case("NaN weights, bare", folder / "nan-bare.pt", r"not finite numbers .*in out\.bias"),
        Case("wrong shapes", _spoiled(folder, "shapes", _set("state_dict", "out.bias", torch.zeros(9))),
             r"does not fit the 'tutorial' architecture: out\.bias has shape \(9,\), expected \(10,\)"),
    ]
    return cases


# -- MNIST data folders -----------------------------------------------------------------------
def fake_mnist(root: Path, labels_value: int = 0) -> Path:
    """The four IDX files with the right headers and sizes, all zeros (sparse files: nothing real to write)."""
    folder = root / "MNIST" / "raw"
    folder.mkdir(parents=True, exist_ok=True)
    for name, (magic, count, size) in RAW_FILES.items():
        with open(folder / name, "wb") as handle:
            handle.write(magic.to_bytes(4, "big") + count.to_bytes(4, "big"))
            if "images" in name:
                handle.write((28).to_bytes(4, "big") * 2)
            handle.truncate(size)
            if labels_value and "labels" in name:
                handle.seek(size - 1)
                handle.write(bytes([labels_value]))
    return root


def bad_data_folders(folder: Path) -> list[Case]:
    """Data roots (the folder holding MNIST/raw), each broken one way; the message names the bad file."""
    def root(name: str, spoil) -> Path:
        base = fake_mnist(folder / name)
        spoil(base / "MNIST" / "raw" / "train-labels-idx1-ubyte")
        return base

    def make_fifo(path):
        path.unlink()
        os.mkfifo(path)

    def make_folder(path):
        path.unlink()
        path.mkdir()

    def make_dangling(path):
        path.unlink()
        path.symlink_to(path.parent / "gone-away")

    def truncate(path):
        with open(path, "r+b") as handle:
            handle.truncate(1000)

    def bad_header(path):
        with open(path, "r+b") as handle:
            handle.write(b"\x00\x00\x09\x99")

    (folder / "nothing").mkdir(parents=True)
    return [
        Case("no files", folder / "nothing", r"MNIST not found in"),
        Case("named pipe", root("fifo", make_fifo), r"train-labels-idx1-ubyte is a named pipe, not an MNIST file"),
        Case("folder", root("folder", make_folder), r"train-labels-idx1-ubyte is a folder, not an MNIST file"),
        Case("dangling link", root("link", make_dangling), r"train-labels-idx1-ubyte is a link to .*gone-away"),
        Case("truncated", root("short", truncate), r"train-labels-idx1-ubyte is truncated or corrupted"),
        Case("wrong header", root("header", bad_header), r"train-labels-idx1-ubyte is not a valid MNIST file"),
        Case("permission denied", root("denied", lambda path: None),
             r"Could not read .*train-labels-idx1-ubyte: permission denied",
             folder / "denied" / "MNIST" / "raw" / "train-labels-idx1-ubyte"),
        Case("labels above 9", fake_mnist(folder / "labels", labels_value=42), r"holds labels above 9"),
    ]
