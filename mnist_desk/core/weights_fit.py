"""Whether weights fit a network: build the network their file names, and say in words what differs.

Split from :mod:`.weights` (reading and writing the files): these build
models, and name the keys and shapes that do not fit.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch
from torch import nn

from .errors import ConfigError, WeightsError
from .models import ARCHITECTURES, build_model

log = logging.getLogger(__name__)


def build_for(arch: str, activation: str, state_dict: dict[str, torch.Tensor], source: Path | None,
              layers: Sequence[dict[str, Any]] | None = None) -> nn.Module:
    """``build_model``, with the file named when the sizes it declares are refused.

    ``layers``: a custom network's layer list (checked already: see
    :func:`mnist_desk.core.weights_checks.layer_list`).
    """
    try:
        return build_model(arch, activation, state_dict, layers)
    except ConfigError as error:
        if "limit" not in error.values:
            raise
        if source is not None:
            raise WeightsError("{path} declares {count:,} filters in a layer of the {arch!r} architecture, more "
                               "than the {limit} MNIST Desk builds.", path=source, arch=arch,
                               count=error.values["count"], limit=error.values["limit"]) from None
        raise WeightsError("These weights declare {count:,} filters in a layer of the {arch!r} architecture, more "
                           "than the {limit} MNIST Desk builds.", arch=arch, count=error.values["count"],
                           limit=error.values["limit"]) from None


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


def load_state_dict_checked(model: nn.Module, state_dict: dict[str, torch.Tensor], arch: str,
                            source: Path | None = None) -> None:
    """``model.load_state_dict`` with a clear :class:`WeightsError` naming what differs."""
    problems = describe_mismatch(model, state_dict)
    if problems:
        if source:
            raise WeightsError("{path} does not fit the {arch!r} architecture: {problems}.",
                               path=source, arch=arch, problems="; ".join(problems))
        raise WeightsError("These weights do not fit the {arch!r} architecture: {problems}.",
                           arch=arch, problems="; ".join(problems))
    try:
        model.load_state_dict(state_dict)
    except (RuntimeError, TypeError) as error:  # shapes fit, but the numbers cannot be copied in
        log.info("load_state_dict failed: %s", error)
        raise WeightsError("These weights cannot be loaded into the {arch!r} network: their numbers are of a kind "
                           "it cannot take.", arch=arch) from error


def guess_architecture(state_dict: dict[str, torch.Tensor], source: Path | None = None) -> str:
    """Name of the architecture whose parameters match a bare state_dict exactly.

    Raises
    ------
    WeightsError
        Naming the differences to the closest architecture when none matches.
    """
    best: tuple[int, str, list[str]] | None = None
    for name in ARCHITECTURES:
        model = build_for(name, "relu", state_dict, source)
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
