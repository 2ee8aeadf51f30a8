"""Drawing with a round pen, and handing a drawing to the app the ways a user does.

A drawing is a list of strokes, each an (N, 2) array of points (x, y) in canvas
pixels. :func:`pen_ink` paints it with a round pen of a given width (the ink
is 1 within half the width of the line, anti-aliased over one pixel), the way
the Draw tab's pen paints.

The drawing (or any ink picture) then reaches the app in one of three ways,
each through the app's own code:

- ``canvas``: drawn on the Draw tab, whose prediction reads the 448×448
  canvas's alpha channel (8 bits) box-averaged to 112×112 and preprocesses that
  (:meth:`Document.ink_array`, :func:`preprocess`);
- ``opened``: a picture opened on (or dropped onto) the Draw tab: fitted to the
  canvas by :func:`mnist_desk.ui.draw.picture.ink_from_picture`, then as a drawing;
- ``file``: a picture given to ``mnist-desk predict``: :func:`preprocess` of the
  picture itself.

Pictures (``opened`` and ``file``) are made like a photo or a scan of paper:
dark ink on grey-white paper (or light on dark), uneven light, blur, noise,
low resolution and JPEG.
"""

from __future__ import annotations

import io

import cv2
import numpy as np
from PIL import Image

from mnist_desk.core.preprocess import Preprocessed, preprocess

CANVAS = 448
DOWNSCALE = 4  # the Draw tab's PREDICT_DOWNSCALE
DELIVERIES = ("canvas", "opened", "file")


def pen_ink(strokes: list[np.ndarray], width: float, size: tuple[int, int] = (CANVAS, CANVAS)) -> np.ndarray:
    """Paint ``strokes`` with a round pen ``width`` pixels wide: float32 ink in 0..1, shape (h, w)."""
    height, wide = size
    centre = np.zeros((height, wide), np.uint8)
    shift = 4  # cv2 draws at 1/16 pixel precision
    for points in strokes:
        pts = np.round(np.asarray(points, np.float64) * (1 << shift)).astype(np.int32).reshape(-1, 1, 2)
        if len(pts) == 1:
            cv2.circle(centre, tuple(int(v) for v in pts[0, 0]), 0, 255, 1, cv2.LINE_8, shift)
        else:
            cv2.polylines(centre, [pts], False, 255, 1, cv2.LINE_8, shift)
    if not centre.any():
        return np.zeros((height, wide), np.float32)
    distance = cv2.distanceTransform(np.where(centre > 0, 0, 1).astype(np.uint8), cv2.DIST_L2, cv2.DIST_MASK_PRECISE)
    return np.clip(width / 2.0 + 0.5 - distance, 0.0, 1.0).astype(np.float32)


def canvas_field(ink448: np.ndarray) -> Preprocessed:
    """What the Draw tab predicts from this canvas ink: 8-bit alpha, 4×4 box average, preprocessing."""
    alpha = np.round(np.clip(ink448, 0, 1) * 255).astype(np.uint16)
    size = alpha.shape[0] // DOWNSCALE
    small = alpha.reshape(size, DOWNSCALE, size, DOWNSCALE).sum(axis=(1, 3))
    return preprocess(small.astype(np.float32) / (255.0 * DOWNSCALE * DOWNSCALE))


def paper_picture(ink: np.ndarray, rng: np.random.Generator, dark_paper: bool = False) -> Image.Image:
    """Ink (bright, 0..1) as a photo or scan of paper: 8-bit grey, with light, blur, noise and JPEG."""
    h, w = ink.shape
    if rng.random() < 0.5:  # blur of a scan or an out-of-focus photo
        sigma = rng.uniform(0.3, 1.6) * max(1.0, min(h, w) / 120)
        ink = cv2.GaussianBlur(ink, (0, 0), sigma)
    paper = rng.uniform(0.72, 1.0)
    pen = rng.uniform(0.0, 0.35)
    if dark_paper:  # chalk on a board, white pen on black paper
        paper, pen = rng.uniform(0.0, 0.3), rng.uniform(0.75, 1.0)
    gray = paper + (pen - paper) * ink
    if rng.random() < 0.6:  # uneven light: a gradient across the picture
        ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
        angle = rng.uniform(0, 2 * np.pi)
        ramp = (np.cos(angle) * xs / w + np.sin(angle) * ys / h)
        gray = gray * (1.0 + rng.uniform(0.03, 0.15) * (ramp - ramp.mean()))
    gray = gray + rng.normal(0.0, rng.uniform(0.0, 0.02), gray.shape)
    image = Image.fromarray(np.clip(gray * 255, 0, 255).astype(np.uint8))
    if rng.random() < 0.5:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=int(rng.integers(40, 92)))
        image = Image.open(io.BytesIO(buffer.getvalue()))
        image.load()
    return image


def deliver(ink448: np.ndarray, delivery: str, rng: np.random.Generator, dark_paper: bool = False,
            picture_scale: float | None = None) -> Preprocessed:
    """Hand a canvas-sized ink drawing to the app as ``delivery`` (see the module's docstring).

    ``picture_scale`` sizes the paper picture relative to the canvas (low values make
    low-resolution photos); drawn at random when not given.
    """
    if delivery == "canvas":
        return canvas_field(ink448)
    scale = picture_scale if picture_scale is not None else float(np.exp(rng.uniform(np.log(0.12), np.log(1.2))))
    side = max(16, int(round(CANVAS * scale)))
    ink = cv2.resize(ink448, (side, side), interpolation=cv2.INTER_AREA if side < CANVAS else cv2.INTER_CUBIC)
    # Paper around the drawing: pictures are rarely cropped tight.
    margin = rng.integers(0, side // 3 + 2, size=4)
    ink = np.pad(np.clip(ink, 0, 1), ((margin[0], margin[1]), (margin[2], margin[3])))
    picture = paper_picture(ink, rng, dark_paper)
    return deliver_picture(picture, delivery)


def deliver_picture(picture: Image.Image | np.ndarray, delivery: str) -> Preprocessed:
    """A picture opened on the Draw tab (``opened``) or given to ``mnist-desk predict`` (``file``)."""
    if delivery == "file":
        return preprocess(picture)
    from mnist_desk.core.errors import ImageError
    from mnist_desk.ui.draw.picture import ink_from_picture  # the Draw tab's own code (imports Qt, no window)

    try:
        return canvas_field(ink_from_picture(picture))
    except ImageError:  # the Draw tab refuses the picture ("a single flat colour: no digit on it")
        return preprocess(np.zeros((28, 28), np.float32))


def affine(points: np.ndarray, rng: np.random.Generator, height: float, centre: tuple[float, float],
           max_rotation: float = 12.0, max_slant: float = 0.3, aspect: tuple[float, float] = (0.8, 1.25)) -> np.ndarray:
    """Map points from their own box to a random pose: rotated, slanted, stretched, ``height`` tall at ``centre``."""
    pts = np.asarray(points, np.float64)
    low, high = pts.min(axis=0), pts.max(axis=0)
    mid = (low + high) / 2
    size = max(float(high[1] - low[1]), float(high[0] - low[0]) * 0.5, 1e-6)
    p = (pts - mid) / size
    slant = rng.uniform(-max_slant, max_slant)
    p[:, 0] = p[:, 0] - slant * p[:, 1]  # shear: a forward slant leans the top to the right
    p[:, 0] *= rng.uniform(*aspect)
    angle = np.deg2rad(rng.uniform(-max_rotation, max_rotation))
    c, s = np.cos(angle), np.sin(angle)
    p = p @ np.array([[c, s], [-s, c]])
    return p * height + np.asarray(centre)


def random_pose(rng: np.random.Generator, min_height: float = 0.2,
                max_height: float = 0.85) -> tuple[float, tuple[float, float]]:
    """A size (pixels) and a centre on the canvas where a drawing that tall still fits."""
    height = CANVAS * rng.uniform(min_height, max_height)
    room = (CANVAS - height) / 2
    centre = (CANVAS / 2 + rng.uniform(-room, room) * 0.9, CANVAS / 2 + rng.uniform(-room, room) * 0.9)
    return height, centre


def pen_width_for(height: float, rng: np.random.Generator, low: float = 0.035, high: float = 0.3) -> float:
    """A pen width for a drawing ``height`` pixels tall: thin pen to thick marker, within the app's 4..80."""
    lo, hi = max(4.0, low * height), min(80.0, high * height)
    if hi <= lo:
        return lo
    return float(np.exp(rng.uniform(np.log(lo), np.log(hi))))


def wobble(strokes: list[np.ndarray], rng: np.random.Generator, amount: float) -> list[np.ndarray]:
    """A hand's slow wobble: a smooth random displacement of every point, ``amount`` pixels at most."""
    phases = rng.uniform(0, 2 * np.pi, size=(2, 3))
    freqs = rng.uniform(0.5, 2.0, size=(2, 3)) * 2 * np.pi / CANVAS
    out = []
    for points in strokes:
        p = np.asarray(points, np.float64).copy()
        for axis in range(2):
            shift = sum(np.sin(freqs[axis, k] * p[:, 1 - axis] + phases[axis, k]) for k in range(3)) / 3
            p[:, axis] += amount * shift
        out.append(p)
    return out
