"""What the self-test's checks share: where the files are, what earlier checks produced, how a check fails."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class CheckFailed(Exception):
    """A check found something wrong; the message says what."""


@dataclass
class SelfTestContext:
    """Where the checked files are, and the model the shipped-weights check loaded for the checks after it."""

    weights_path: Path
    samples_dir: Path
    icon_path: Path
    model: Any = None  # the shipped model (a torch nn.Module), once loaded
    checkpoint: Any = None  # its Checkpoint: the "no digit" calibration comes with it


def require(condition: bool, message: str) -> None:
    """Fail the check with ``message`` unless ``condition`` holds."""
    if not condition:
        raise CheckFailed(message)


def load_manifest(samples_dir: Path) -> list[dict[str, Any]]:
    """The bundled digit pictures listed in ``samples.json`` (file name, label, MNIST test index)."""
    manifest = samples_dir / "samples.json"
    require(manifest.is_file(), f"missing {manifest}")
    entries: list[dict[str, Any]] = json.loads(manifest.read_text(encoding="utf-8")).get("samples", [])
    require(bool(entries), f"{manifest} lists no samples")
    return entries
