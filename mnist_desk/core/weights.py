"""Saving and loading weights files, safely.

A weights file is a ``torch.save``d dict (see :class:`Checkpoint`). Loading uses
``torch.load(..., weights_only=True)`` only: a file that tries to run code
is refused with a clear message and nothing in it is executed. A bare
state_dict, as the tutorial's ``torch.save(cnn.state_dict(), 'cnn2.pkl')``
writes it, is accepted too and its architecture recognised from its keys.
"""

from __future__ import annotations

import datetime as _dt
import errno
import io
import logging
import os
import pickle
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TypeGuard

import torch
from torch import nn

from .. import __version__
from . import weights_checks as checks
from .atomic_files import write_atomically
from .errors import WeightsError
from .file_access import DanglingLinkError, NotRegularFileError, open_regular, os_reason
from .models import ACTIVATIONS, ARCHITECTURES, CUSTOM
from .novelty import checked_calibration
from .weights_fit import (
    build_for,
    describe_mismatch,
    guess_architecture,
    load_state_dict_checked,
)

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "Checkpoint", "describe_mismatch", "guess_architecture", "load_checkpoint",
           "load_model", "load_state_dict_checked", "save_checkpoint"]

log = logging.getLogger(__name__)
# A read that fails with one of these is the disk's (or share's) fault; torch's EINVAL and the like are bad bytes.
# torch.save's legacy (non-zip) format starts by pickling this number; a raw pickle does not.
_LEGACY_MAGIC = (0x1950A86A20F9469CFC6C).to_bytes(10, "little")
_DISK_ERRNOS = {errno.EIO, errno.EACCES, errno.EPERM, errno.ENXIO, errno.ENODEV, getattr(errno, "ESTALE", errno.EIO)}

FORMAT_NAME = "mnist-desk-weights"
FORMAT_VERSION = 1


@dataclass
class Checkpoint:
    """Everything a weights file holds.

    Attributes
    ----------
    state_dict
        The model's parameters and buffers.
    arch, activation
        What :func:`mnist_desk.core.models.build_model` needs to rebuild it.
    hparams
        The training settings (learning rate, batch size ...), plain values.
    history
        Metrics records of the run that made it, as plain dicts.
    metrics
        Summary numbers, e.g. ``{"test_accuracy": 0.9921}``.
    app_version
        MNIST Desk version that wrote it ("" for a bare state_dict).
    optimizer_state, scheduler_state, progress
        Present when the run can be resumed: where it stopped and the
        optimizer's moments.
    layers
        A custom network's layer list, as plain data (see
        :func:`mnist_desk.core.layers.layers_to_data`); ``None`` for the named architectures.
    novelty
        The calibrated "no digit" threshold (see :mod:`mnist_desk.core.novelty`), if any.
    """

    state_dict: dict[str, torch.Tensor]
    arch: str = "tutorial"
    activation: str = "relu"
    hparams: dict[str, Any] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    app_version: str = __version__
    created: str = ""
    optimizer_state: dict[str, Any] | None = None
    scheduler_state: dict[str, Any] | None = None
    progress: dict[str, Any] | None = None
    layers: list[dict[str, Any]] | None = None
    novelty: dict[str, Any] | None = None
    bare: bool = False  # loaded from a bare state_dict

    @property
    def test_accuracy(self) -> float | None:
        """The test accuracy recorded with these weights, if any."""
        value = self.metrics.get("test_accuracy")
        return float(value) if checks.is_number(value) else None

    @property
    def resumable(self) -> bool:
        """Whether the file holds what continuing the run needs (optimizer state and progress)."""
        return self.optimizer_state is not None and self.progress is not None

    def to_dict(self, include_resume_state: bool = True) -> dict[str, Any]:
        """What :func:`save_checkpoint` writes; without the resume state, the weights and their record only."""
        data: dict[str, Any] = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "state_dict": {k: v.detach().cpu() for k, v in self.state_dict.items()},
            "arch": self.arch,
            "activation": self.activation,
            "hparams": dict(self.hparams),
            "history": list(self.history),
            "metrics": dict(self.metrics),
            "app_version": self.app_version,
            "created": self.created or _dt.datetime.now().isoformat(timespec="seconds"),
        }
        if self.layers is not None:
            data["layers"] = [dict(layer) for layer in self.layers]
        if self.novelty is not None:
            data["novelty"] = dict(self.novelty)
        if include_resume_state:
            data["optimizer_state"] = self.optimizer_state
            data["scheduler_state"] = self.scheduler_state
            data["progress"] = self.progress
        return data

    def build(self) -> nn.Module:
        """A model with these weights, in eval mode, on the CPU."""
        model = build_for(self.arch, self.activation, self.state_dict, None, self.layers)
        load_state_dict_checked(model, self.state_dict, self.arch)
        model.eval()
        return model


def save_checkpoint(checkpoint: Checkpoint, path: str | os.PathLike[str], include_resume_state: bool = True) -> Path:
    """Write a weights file atomically.

    The file is serialised in memory first (so a write error reaches us as
    the operating system's error, not as torch's "unexpected pos"), written
    to a temporary file in the same folder, flushed to disk (fsync) and
    renamed over ``path`` in one step, so a failure (full disk, read-only
    folder, crash) leaves any previous file intact.

    Parameters
    ----------
    checkpoint
        What to save.
    path
        Destination file.
    include_resume_state
        Also save optimizer state and progress so training can resume.

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    WeightsError
        When the file cannot be written ("the disk is full" ...); the previous
        file is unchanged.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise WeightsError("Could not save weights to {path}: it is a folder; choose a file name.", path=target)
    if not target.parent.is_dir():
        raise WeightsError("Could not save weights to {path}: the folder {folder} does not exist.",
                           path=target, folder=target.parent)
    data = checkpoint.to_dict(include_resume_state)
    buffer = io.BytesIO()
    try:
        torch.save(data, buffer)
        payload = buffer.getbuffer()
        write_atomically(target, lambda handle: handle.write(payload), durable=True)
    except OSError as error:
        raise WeightsError(
            "Could not save weights to {path}: {reason}. Any previous file there is unchanged.",
            path=target, reason=os_reason(error),
        ) from error
    except (RuntimeError, pickle.PicklingError, TypeError) as error:  # torch could not serialise something
        raise WeightsError("Could not save weights to {path}: they hold something that cannot be saved ({kind}). "
                           "Any previous file there is unchanged.", path=target, kind=type(error).__name__) from error
    return target


def _open_weights(path: Path) -> BinaryIO:
    try:
        return open_regular(path)
    except DanglingLinkError as error:
        raise WeightsError("{path} is a link to {target}, which does not exist.", path=path,
                           target=error.target) from None
    except FileNotFoundError:
        raise WeightsError("Weights file not found: {path}", path=path) from None
    except NotRegularFileError as error:
        if error.kind == "a folder":
            raise WeightsError("{path} is a folder, not a weights file.", path=path) from None
        raise WeightsError("{path} is {kind}, not a weights file.", path=path, kind=error.kind) from None
    except OSError as error:
        raise WeightsError("Could not read {path}: {reason}.", path=path, reason=os_reason(error)) from error


def _read_file(path: Path, map_location: str | torch.device) -> Any:
    with _open_weights(path) as handle:
        try:
            head = handle.read(32)
            magic = head[:4]
            handle.seek(0)
        except OSError as error:
            raise WeightsError("Could not read {path}: {reason}.", path=path, reason=os_reason(error)) from error
        if not magic:
            raise WeightsError("{path} is empty (0 bytes); it is not a weights file.", path=path)
        # torch.save writes a zip archive; old torch files and raw pickles start with
        # the pickle protocol byte 0x80. Anything else is not ours: say so before torch
        # misreads it as an unsupported pickle opcode.
        if not (magic.startswith(b"PK\x03\x04") or magic.startswith(b"\x80")):
            raise WeightsError("{path} is not a PyTorch weights file.", path=path)
        try:
            with warnings.catch_warnings():  # torch's notes on pickle protocols are for programmers
                warnings.simplefilter("ignore")
                return torch.load(handle, map_location=map_location, weights_only=True)
        except pickle.UnpicklingError as error:
            text = str(error)
            if "Unsupported operand" in text:  # a pickle opcode the safe loader does not read (protocol 3+)
                if _LEGACY_MAGIC in head:
                    raise WeightsError("{path} was saved in an old PyTorch format that cannot be read safely; save "
                                       "it again with a recent PyTorch (torch.save).", path=path) from error
                raise WeightsError("{path} is not a PyTorch weights file.", path=path) from error
            if "Weights only load failed" in text or "Unsupported global" in text:
                raise WeightsError(
                    "{path} was refused: it contains Python objects or code that a weights file must not hold "
                    "(only tensors and plain values are allowed). Nothing in it was executed.", path=path
                ) from error
            raise _unreadable(path, magic, error) from error
        except MemoryError as error:
            raise WeightsError("{path} asks for more memory than this computer has; it is not a weights file "
                               "MNIST Desk can load.", path=path) from error
        except Exception as error:  # torch raises many types (RuntimeError, OSError, IndexError ...) for bad bytes
            raise _unreadable(path, magic, error) from error


def _unreadable(path: Path, magic: bytes, error: Exception) -> WeightsError:
    # torch's own text ("PytorchStreamReader failed ... internal miniz error ...") is for programmers: only logged.
    log.info("torch.load(%s) failed: %s: %s", path, type(error).__name__, error)
    if isinstance(error, OSError) and error.errno in _DISK_ERRNOS:  # the disk failed, not the bytes
        return WeightsError("Could not read {path}: {reason}.", path=path, reason=os_reason(error))
    if magic == b"PK\x03\x04":  # torch.save writes a zip archive: this one is damaged
        return WeightsError("{path} is truncated or corrupted: it is not a whole weights file (perhaps an "
                            "unfinished download or copy).", path=path)
    return WeightsError("{path} is not a PyTorch weights file.", path=path)


def _is_state_dict(value: Any) -> TypeGuard[dict[str, torch.Tensor]]:
    return isinstance(value, dict) and bool(value) and all(
        isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in value.items()
    )


def load_checkpoint(path: str | os.PathLike[str], map_location: str | torch.device = "cpu") -> Checkpoint:
    """Read a weights file (ours, or a bare state_dict) and check it fits its architecture.

    Every field is checked (see :mod:`mnist_desk.core.weights_checks`), and
    the sizes the tensors declare, before a model is built for them.

    Parameters
    ----------
    path
        The file.
    map_location
        Where to put the tensors.

    Returns
    -------
    Checkpoint

    Raises
    ------
    WeightsError
        For a missing, empty, truncated or non-torch file, something that is
        not a file (a folder, a named pipe), a pickle that tries to run code,
        a field of the wrong type, sizes beyond any network's, weights that are
        not finite, or weights that do not fit (naming the keys or shapes).
    """
    file = Path(path).expanduser()
    data = _read_file(file, map_location)
    if _is_state_dict(data):
        checks.check_tensors(data, file)
        arch = guess_architecture(data, file)
        checkpoint = Checkpoint(state_dict=data, arch=arch, activation="relu", app_version="", bare=True)
    elif isinstance(data, dict) and data.get("format") == FORMAT_NAME:
        checkpoint = _our_checkpoint(data, file)
    else:
        raise WeightsError("{path} is a PyTorch file but not a weights file for MNIST Desk (no state_dict found).",
                           path=file)
    checks.check_finite(checkpoint.state_dict, file)
    # Build once so an architecture mismatch is reported now, not when the model is first used.
    model = build_for(checkpoint.arch, checkpoint.activation, checkpoint.state_dict, file, checkpoint.layers)
    load_state_dict_checked(model, checkpoint.state_dict, checkpoint.arch, file)
    return checkpoint


def _our_checkpoint(data: dict[str, Any], file: Path) -> Checkpoint:
    if checks.format_version(data, file) > FORMAT_VERSION:
        raise WeightsError("{path} was written by a newer MNIST Desk ({version}); update the app to read it.",
                           path=file, version=str(data.get("app_version")))
    state_dict = data.get("state_dict")
    if not _is_state_dict(state_dict):
        raise WeightsError("{path} has no usable state_dict.", path=file)
    checks.check_tensors(state_dict, file)
    arch = checks.text_field(data, "arch", file)
    if arch not in ARCHITECTURES and arch != CUSTOM:
        raise WeightsError("{path} uses the architecture {arch!r}, which this version does not know ({known}).",
                           path=file, arch=arch, known=", ".join(ARCHITECTURES))
    activation = checks.text_field(data, "activation", file, "relu")
    if activation not in ACTIVATIONS:
        raise WeightsError("{path} uses the activation {name!r}, which this version does not know ({known}).",
                           path=file, name=activation, known=", ".join(ACTIVATIONS))
    return Checkpoint(
        state_dict=state_dict,
        arch=arch,
        activation=activation,
        hparams=checks.hparams(data, file),
        history=checks.history(data, file),
        metrics=checks.metrics(data, file),
        app_version=checks.text_field(data, "app_version", file),
        created=checks.text_field(data, "created", file),
        optimizer_state=checks.optimizer_state(data, file),
        scheduler_state=checks.scheduler_state(data, file),
        progress=checks.progress(data, file),
        layers=checks.layer_list(data, file) if arch == CUSTOM else None,
        novelty=checked_calibration(data.get("novelty")),  # one that makes no sense is refused now, too
    )


def load_model(path: str | os.PathLike[str]) -> tuple[nn.Module, Checkpoint]:
    """Load a weights file into a ready model (eval mode, CPU)."""
    checkpoint = load_checkpoint(path)
    return checkpoint.build(), checkpoint
