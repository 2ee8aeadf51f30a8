"""What the self-test's checks share (:mod:`mnist_desk.selftest`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The tutorial's edge kernel (section 1.2), applied with nn.Conv2d(1, 1, 3, bias=False).
TUTORIAL_KERNEL = ((-1.0, -1.0, -1.0), (-1.0, -8.0, -1.0), (-1.0, -1.0, -1.0))


class CheckFailed(Exception):
    """A check found something wrong; the message says what."""


@dataclass
class SelfTestContext:
    """What the checks share: where the files are and what earlier checks produced."""

    weights_path: Path
    samples_dir: Path
    icon_path: Path
    window: bool = True
    model: Any = None  # the shipped model, once loaded
    checkpoint: Any = None
    notes: dict[str, Any] = field(default_factory=dict)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def _load_manifest(samples_dir: Path) -> list[dict[str, Any]]:
    manifest = samples_dir / "samples.json"
    _require(manifest.is_file(), f"missing {manifest}")
    entries = json.loads(manifest.read_text(encoding="utf-8")).get("samples", [])
    _require(bool(entries), f"{manifest} lists no samples")
    return entries
