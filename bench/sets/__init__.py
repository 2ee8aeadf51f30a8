"""Validation sets built on this machine, never from MNIST's test split (see bench/robustness.py).

- re-drawn digits (:mod:`.redraw`) from MNIST *training* digits that the shipped
  weights' recipe holds out of training (``--hold-out 5000``: digits 55,000 to
  59,999). Digits 55,000–57,499 calibrate the "no digit" threshold
  (:mod:`mnist_desk.core.novelty`); the sets here use the other half only:
  ``redrawn-dev`` (57,500–58,499) chose the method, ``redrawn-report``
  (58,500–59,999, each drawn twice) is the one reported.
- non-digits (:mod:`.nondigits`): ``nondigits-dev`` chose the method,
  ``nondigits-report`` is reported; different seeds. Training's own non-digits
  are synthetic strokes and textures made on tensors (:mod:`mnist_desk.core.outliers`),
  not these.

Every sample has its own seed (the set's seed and its index), so a set is the
same on every run on the same machine (the fonts installed are part of it).
A set is generated once and cached in ``bench/out/sets/``, named after a hash of
the code that makes it, so a change of that code makes it anew.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "bench" / "out" / "sets"


@dataclass(frozen=True)
class SetSpec:
    kind: str  # "redrawn" or "nondigits"
    seed: int
    first: int = 0  # redrawn: MNIST training indices [first, first + count)
    count: int = 0
    repeats: int = 1  # redrawn: drawings of each digit
    per_category: int = 0  # nondigits


SETS: dict[str, SetSpec] = {
    "redrawn-dev": SetSpec("redrawn", seed=2001, first=57_500, count=1_000),
    "redrawn-report": SetSpec("redrawn", seed=3001, first=58_500, count=1_500, repeats=2),
    "nondigits-dev": SetSpec("nondigits", seed=4001, per_category=150),
    "nondigits-report": SetSpec("nondigits", seed=5001, per_category=300),
}


@dataclass
class SampleSet:
    """Preprocessed samples: what the Predictor gets, as the app would make it."""

    name: str
    fields: np.ndarray  # (N, 28, 28) float32, the network inputs
    blobs: np.ndarray  # (N,) ink blobs, as preprocessing counted them
    empty: np.ndarray  # (N,) bool: preprocessing found no ink
    labels: np.ndarray  # (N,) digit, or -1 for a non-digit
    group: np.ndarray  # (N,) str: the delivery for digits, the category for non-digits
    what: np.ndarray  # (N,) str: the delivery for non-digits (and what it is)

    def __len__(self) -> int:
        return int(self.labels.shape[0])

    def where(self, mask: np.ndarray) -> SampleSet:
        return SampleSet(self.name, self.fields[mask], self.blobs[mask], self.empty[mask], self.labels[mask],
                         self.group[mask], self.what[mask])


def _code_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "bench" / "sets").glob("*.py")) + [ROOT / "mnist_desk" / "core" / "preprocess.py"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _generate(name: str, spec: SetSpec, data_dir: str | None, progress: bool) -> SampleSet:
    rows = []
    if spec.kind == "redrawn":
        from mnist_desk.core.data import load_split

        from .redraw import redraw

        train = load_split(data_dir, train=True)
        images, labels = train.images.numpy(), train.labels.numpy()
        jobs = [(i, r) for i in range(spec.first, spec.first + spec.count) for r in range(spec.repeats)]
        for n, (index, repeat) in enumerate(jobs):
            rng = np.random.default_rng([spec.seed, index, repeat])
            prepared, delivery, _ = redraw(images[index], rng)
            rows.append((prepared, int(labels[index]), delivery, delivery))
            if progress and n % 500 == 0:
                print(f"  {name}: {n}/{len(jobs)}", flush=True)
    else:
        from .nondigits import CATEGORIES, make

        for c, category in enumerate(CATEGORIES):
            for index in range(spec.per_category):
                rng = np.random.default_rng([spec.seed, c, index])
                prepared, delivery, what = make(category, rng)
                rows.append((prepared, -1, category, f"{delivery}: {what}"))
            if progress:
                print(f"  {name}: {category} done", flush=True)
    return SampleSet(
        name,
        np.stack([r[0].field28 for r in rows]).astype(np.float32),
        np.array([r[0].blobs for r in rows], np.int16),
        np.array([r[0].empty for r in rows], bool),
        np.array([r[1] for r in rows], np.int16),
        np.array([r[2] for r in rows]),
        np.array([r[3] for r in rows]),
    )


def load(name: str, data_dir: str | None = None, progress: bool = True) -> SampleSet:
    """The set ``name`` (a key of :data:`SETS`), generated on first use and cached."""
    spec = SETS[name]
    path = CACHE / f"{name}-{_code_hash()}.npz"
    if path.is_file():
        data = np.load(path)
        return SampleSet(name, data["fields"].astype(np.float32), data["blobs"], data["empty"], data["labels"],
                         data["group"], data["what"])
    if progress:
        print(f"generating {name} (once; cached in {CACHE})", flush=True)
    made = _generate(name, spec, data_dir, progress)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, fields=made.fields.astype(np.float16), blobs=made.blobs, empty=made.empty,
                        labels=made.labels, group=made.group, what=made.what)
    return made
