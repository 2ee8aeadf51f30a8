"""Saving and loading weights files, safely.

A weights file is a ``torch.save``d dict (see :class:`Checkpoint`). Loading uses
``torch.load(..., weights_only=True)`` only: a file that tries to run code
is refused with a clear message and nothing in it is executed. A bare
state_dict, as the tutorial's ``torch.save(cnn.state_dict(), 'cnn2.pkl')``
writes it, is accepted too and its architecture recognised from its keys.
"""

from __future__ import annotations

import datetime as _dt
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import nn

from .. import __version__
from .errors import WeightsError
from .atomic_files import write_atomically
from .models import ARCHITECTURES, build_model

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
    novelty: dict[str, Any] | None = None
    bare: bool = False  # loaded from a bare state_dict

    @property
    def test_accuracy(self) -> float | None:
        value = self.metrics.get("test_accuracy")
        return float(value) if value is not None else None

    @property
    def resumable(self) -> bool:
        return self.optimizer_state is not None and self.progress is not None

    def to_dict(self, include_resume_state: bool = True) -> dict[str, Any]:
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
        if self.novelty is not None:
            data["novelty"] = dict(self.novelty)
        if include_resume_state:
            data["optimizer_state"] = self.optimizer_state
            data["scheduler_state"] = self.scheduler_state
            data["progress"] = self.progress
        return data

    def build(self) -> nn.Module:
        """A model with these weights, in eval mode, on the CPU."""
        model = build_model(self.arch, self.activation, self.state_dict)
        load_state_dict_checked(model, self.state_dict, self.arch)
        model.eval()
        return model


def save_checkpoint(checkpoint: Checkpoint, path: str | os.PathLike[str], include_resume_state: bool = True) -> Path:
    """Write a weights file atomically.

    The data goes to a temporary file in the same folder, is flushed to disk
    (fsync) and then renamed over ``path`` in one step, so a failure (full
    disk, read-only folder, crash) leaves any previous file intact.

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
        When the file cannot be written; the previous file is unchanged.
    """
    target = Path(path).expanduser()
    data = checkpoint.to_dict(include_resume_state)
    try:
        write_atomically(target, lambda handle: torch.save(data, handle), durable=True)
    except (OSError, RuntimeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise WeightsError(
            "Could not save weights to {path}: {reason}. Any previous file there is unchanged.",
            path=target, reason=reason,
        ) from error
    return target


def _read_file(path: Path, map_location: str | torch.device) -> Any:
    if not path.exists():
        raise WeightsError("Weights file not found: {path}", path=path)
    if path.is_dir():
        raise WeightsError("{path} is a folder, not a weights file.", path=path)
    if path.stat().st_size == 0:
        raise WeightsError("{path} is empty (0 bytes); it is not a weights file.", path=path)
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as error:
        raise WeightsError("Could not read {path}: {reason}.", path=path,
                           reason=error.strerror or str(error)) from error
    # torch.save writes a zip archive; old torch files and raw pickles start with
    # the pickle protocol byte 0x80. Anything else is not ours: say so before torch
    # misreads it as an unsupported pickle opcode.
    if not (magic.startswith(b"PK\x03\x04") or magic.startswith(b"\x80")):
        raise WeightsError("{path} is not a PyTorch weights file.", path=path)
    try:
        return torch.load(path, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as error:
        text = str(error)
        if "Weights only load failed" in text or "Unsupported global" in text:
            raise WeightsError(
                "{path} was refused: it contains Python objects or code that a weights file must not hold "
                "(only tensors and plain values are allowed). Nothing in it was executed.", path=path
            ) from error
        raise _unreadable(path, magic, error) from error
    except Exception as error:  # torch raises many types (RuntimeError, OSError, IndexError ...) for bad bytes
        raise _unreadable(path, magic, error) from error


def _unreadable(path: Path, magic: bytes, error: Exception) -> WeightsError:
    first_line = (str(error).splitlines() or [type(error).__name__])[0][:160]
    if magic == b"PK\x03\x04":  # torch.save writes a zip archive: this one is damaged
        return WeightsError("{path} is truncated or corrupted and cannot be read ({reason}).",
                            path=path, reason=first_line)
    return WeightsError("{path} is not a PyTorch weights file ({reason}).", path=path, reason=first_line)


def _is_state_dict(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and all(
        isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in value.items()
    )


def load_checkpoint(path: str | os.PathLike[str], map_location: str | torch.device = "cpu") -> Checkpoint:
    """Read a weights file (ours, or a bare state_dict) and check it fits its architecture.

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
        For a missing, empty, truncated or non-torch file, a pickle that tries
        to run code, or weights that do not fit (naming the keys or shapes).
    """
    file = Path(path).expanduser()
    data = _read_file(file, map_location)
    if _is_state_dict(data):
        arch = guess_architecture(data, file)
        checkpoint = Checkpoint(state_dict=data, arch=arch, activation="relu", app_version="", bare=True)
    elif isinstance(data, dict) and data.get("format") == FORMAT_NAME:
        if int(data.get("format_version", 0)) > FORMAT_VERSION:
            raise WeightsError("{path} was written by a newer MNIST Desk ({version}); update the app to read it.",
                               path=file, version=str(data.get("app_version")))
        state_dict = data.get("state_dict")
        if not _is_state_dict(state_dict):
            raise WeightsError("{path} has no usable state_dict.", path=file)
        arch = str(data.get("arch", ""))
        if arch not in ARCHITECTURES:
            raise WeightsError("{path} uses the architecture {arch!r}, which this version does not know ({known}).",
                               path=file, arch=arch, known=", ".join(ARCHITECTURES))
        checkpoint = Checkpoint(
            state_dict=state_dict,
            arch=arch,
            activation=str(data.get("activation", "relu")),
            hparams=dict(data.get("hparams") or {}),
            history=list(data.get("history") or []),
            metrics=dict(data.get("metrics") or {}),
            app_version=str(data.get("app_version", "")),
            created=str(data.get("created", "")),
            optimizer_state=data.get("optimizer_state"),
            scheduler_state=data.get("scheduler_state"),
            progress=data.get("progress"),
            novelty=data.get("novelty") if isinstance(data.get("novelty"), dict) else None,
        )
    else:
        raise WeightsError("{path} is a PyTorch file but not a weights file for MNIST Desk (no state_dict found).",
                           path=file)
    # Build once so an architecture mismatch is reported now, not when the model is first used.
    model = build_model(checkpoint.arch, checkpoint.activation, checkpoint.state_dict)
    load_state_dict_checked(model, checkpoint.state_dict, checkpoint.arch, file)
    if checkpoint.novelty is not None:  # a calibration that makes no sense is refused now, too
        from .novelty import Calibration

        Calibration.from_dict(checkpoint.novelty)
    return checkpoint


def load_model(path: str | os.PathLike[str]) -> tuple[nn.Module, Checkpoint]:
    """Load a weights file into a ready model (eval mode, CPU)."""
    checkpoint = load_checkpoint(path)
    return checkpoint.build(), checkpoint


def describe_mismatch(model: nn.Module, state_dict: dict[str, torch.Tensor]) -> list[str]:
    """Human-readable differences between a model's parameters and a state_dict (empty when they fit)."""
    expected = model.state_dict()
    problems = []
    missing = [k for k in expected if k not in state_dict]
    unexpected = [k for k in state_dict if k not in expected]
    if missing:
        problems.append("missing keys: " + ", ".join(missing[:8]) + (" ..." if len(missing) > 8 else ""))
    if unexpected:
        problems.append("unexpected keys: " + ", ".join(unexpected[:8]) + (" ..." if len(unexpected) > 8 else ""))
    for key, tensor in state_dict.items():
        if key in expected and tuple(expected[key].shape) != tuple(tensor.shape):
            problems.append(f"{key} has shape {tuple(tensor.shape)}, expected {tuple(expected[key].shape)}")
    return problems


def load_state_dict_checked(model: nn.Module, state_dict: dict[str, torch.Tensor], arch: str, source: Path | None = None) -> None:
    """``model.load_state_dict`` with a clear :class:`WeightsError` naming what differs."""
    problems = describe_mismatch(model, state_dict)
    if problems:
        if source:
            raise WeightsError("{path} does not fit the {arch!r} architecture: {problems}.",
                               path=source, arch=arch, problems="; ".join(problems))
        raise WeightsError("These weights do not fit the {arch!r} architecture: {problems}.",
                           arch=arch, problems="; ".join(problems))
    model.load_state_dict(state_dict)


def guess_architecture(state_dict: dict[str, torch.Tensor], source: Path | None = None) -> str:
    """Name of the architecture whose parameters match a bare state_dict exactly.

    Raises
    ------
    WeightsError
        Naming the differences to the closest architecture when none matches.
    """
    best: tuple[int, str, list[str]] | None = None
    for name in ARCHITECTURES:
        model = build_model(name, state_dict=state_dict)
        problems = describe_mismatch(model, state_dict)
        if not problems:
            return name
        score = len(set(model.state_dict()) & set(state_dict))
        if best is None or score > best[0]:
            best = (score, name, problems)
    assert best is not None
    if source:
        raise WeightsError("{path} does not fit any known architecture; closest is {arch!r}: {problems}.",
                           path=source, arch=best[1], problems="; ".join(best[2]))
    raise WeightsError("These weights do not fit any known architecture; closest is {arch!r}: {problems}.",
                       arch=best[1], problems="; ".join(best[2]))
