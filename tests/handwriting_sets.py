"""Handwriting sets made from the committed MNIST digits, as the app stores drawings (no tests here).

Shared by the core, command-line and window tests: :func:`drawing_png` turns a 28×28 MNIST digit into
what the Draw tab's "Add as …" writes (448×448, dark ink on white, 8-bit grey PNG), :func:`make_set`
writes a set of them in the ImageFolder layout.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image

from mnist_desk.core.handwriting.store import HandwritingSet


def drawing_png(image28: np.ndarray) -> bytes:
    """A 28×28 uint8 digit (ink bright) as the app's stored drawing: 448×448, dark on white, PNG."""
    ink = Image.fromarray(np.asarray(image28, dtype=np.uint8)).resize((448, 448), Image.Resampling.BICUBIC)
    buffer = io.BytesIO()
    Image.fromarray(255 - np.asarray(ink)).save(buffer, "PNG")
    return buffer.getvalue()


def make_set(folder: Path, split, per_label: int = 4, labels=range(10), start: int = 0) -> HandwritingSet:
    """A set in ``folder`` with ``per_label`` digits of each of ``labels``, taken in order from ``split``
    (an MnistSplit) from index ``start``; their names sort in that order."""
    target = HandwritingSet.create(folder)
    wanted = {label: per_label for label in labels}
    for index in range(start, len(split)):
        label = int(split.labels[index])
        if wanted.get(label, 0) > 0:
            wanted[label] -= 1
            target.add(drawing_png(split.images[index].numpy()), label, name=f"mnist-{index:05d}.png")
        if not any(wanted.values()):
            break
    return target
