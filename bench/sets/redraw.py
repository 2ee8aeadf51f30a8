"""Digits re-drawn from MNIST training digits, as a user would draw or photograph them.

Each digit's strokes are found (the digit enlarged 4×, thresholded and
skeletonised with scikit-image) and drawn again with a round pen: at a random
size and place on the canvas, rotated and slanted, stretched, with a slow
wobble of the hand, a pen from thin to a thick marker, and sometimes a small
gap in a stroke. The drawing then reaches the app as a canvas drawing, a
picture opened on the Draw tab or a file given to ``mnist-desk predict`` (see
:mod:`bench.sets.render`): dark ink on paper mostly, light on dark sometimes,
blurred, low-resolution or JPEG pictures among them.
"""

from __future__ import annotations

import cv2
import numpy as np
from skimage.morphology import skeletonize

from .render import CANVAS, affine, deliver, pen_ink, pen_width_for, random_pose, wobble

# How the re-drawn digits reach the app: mostly drawn on the canvas.
DELIVERY_SHARES = {"canvas": 0.6, "opened": 0.15, "file": 0.25}
GAP_PROBABILITY = 0.25
DARK_PAPER_PROBABILITY = 0.25  # of the pictures


def skeleton_segments(digit: np.ndarray) -> np.ndarray:
    """The strokes of a 28×28 MNIST digit as (S, 2, 2) segments (x, y) in the digit's 28-pixel units."""
    up = cv2.resize(digit.astype(np.float32), (112, 112), interpolation=cv2.INTER_CUBIC)
    mask = up > 0.4 * float(up.max())
    skeleton = skeletonize(mask)
    ys, xs = np.nonzero(skeleton)
    if ys.size == 0:
        return np.zeros((0, 2, 2))
    on = set(zip(ys.tolist(), xs.tolist()))
    segments = []
    for y, x in zip(ys.tolist(), xs.tolist()):
        for dy, dx in ((0, 1), (1, -1), (1, 0), (1, 1)):  # each neighbour pair once
            if (y + dy, x + dx) in on:
                segments.append(((x, y), (x + dx, y + dy)))
    if not segments:  # a single dot
        segments = [((xs[0], ys[0]), (xs[0], ys[0]))]
    return (np.asarray(segments, np.float64) + 0.5) / 4.0


def redraw(digit: np.ndarray, rng: np.random.Generator, delivery: str | None = None):
    """One MNIST digit (28×28 uint8) re-drawn; returns (Preprocessed, delivery, pen width / height)."""
    segments = skeleton_segments(digit)
    height, centre = random_pose(rng)
    flat = affine(segments.reshape(-1, 2), rng, height, centre, max_rotation=15.0, max_slant=0.35,
                  aspect=(0.85, 1.18))
    segments = flat.reshape(-1, 2, 2)
    drawn_height = float(np.ptp(flat[:, 1])) or height
    width = pen_width_for(drawn_height, rng)
    if rng.random() < GAP_PROBABILITY:
        midpoints = segments.mean(axis=1)
        at = midpoints[rng.integers(len(midpoints))]
        gap = rng.uniform(0.03, 0.06) * drawn_height
        keep = np.linalg.norm(midpoints - at, axis=1) > width / 2 + gap / 2
        if keep.sum() >= len(keep) * 0.75:  # a small gap, never a missing piece
            segments = segments[keep]
    strokes = wobble(list(segments), rng, amount=0.025 * drawn_height)
    ink = pen_ink(strokes, width, (CANVAS, CANVAS))
    if delivery is None:
        names = list(DELIVERY_SHARES)
        delivery = names[int(rng.choice(len(names), p=list(DELIVERY_SHARES.values())))]
    dark = delivery != "canvas" and rng.random() < DARK_PAPER_PROBABILITY
    return deliver(ink, delivery, rng, dark_paper=dark), delivery, width / drawn_height
