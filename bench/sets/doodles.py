"""Pen drawings that are not digits: scribbles, doodles and geometric shapes.

Every generator returns strokes (a list of (N, 2) point arrays, x right, y
down) in a box of about unit size; :func:`mnist_desk`-free helpers place them
on the canvas. Circles and ellipses are left out on purpose: drawn by hand they
are how people write a 0, and a 0 must be read as a 0.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Strokes = list[np.ndarray]


def _arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float, n: int = 40) -> np.ndarray:
    t = np.linspace(start, end, n)
    return np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], axis=1)


def _poly(points, closed: bool = True) -> np.ndarray:
    p = np.asarray(points, np.float64)
    return np.vstack([p, p[:1]]) if closed else p


def _spline(points: np.ndarray, per_segment: int = 12) -> np.ndarray:
    """A Catmull-Rom curve through ``points``: the smooth path of a moving hand."""
    p = np.vstack([points[:1], points, points[-1:]])
    out = []
    t = np.linspace(0, 1, per_segment, endpoint=False)[:, None]
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        out.append(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2
                          + (-p0 + 3 * p1 - 3 * p2 + p3) * t**3))
    out.append(p[-2:-1])
    return np.vstack(out)


def scribble(rng: np.random.Generator) -> Strokes:
    """A tangle: a smooth curve through 6 to 14 random points, sometimes two."""
    strokes = []
    for _ in range(1 if rng.random() < 0.75 else 2):
        points = rng.uniform(0, 1, size=(int(rng.integers(6, 15)), 2))
        strokes.append(_spline(points))
    return strokes


def zigzag(rng: np.random.Generator) -> Strokes:
    n = int(rng.integers(5, 10))
    xs = np.linspace(0, 1, n)
    ys = np.where(np.arange(n) % 2 == 0, 0.0, 1.0) * rng.uniform(0.4, 1.0)
    return [np.stack([xs, ys], axis=1)]


def hatching(rng: np.random.Generator) -> Strokes:
    """Shading: several parallel strokes, or crossed ones."""
    n = int(rng.integers(4, 9))
    strokes = [np.array([[0.0, i / n], [1.0, i / n + rng.uniform(-0.3, 0.3)]]) for i in range(n)]
    if rng.random() < 0.5:
        strokes += [np.array([[i / n, 0.0], [i / n + rng.uniform(-0.3, 0.3), 1.0]]) for i in range(n)]
    return strokes


def star(rng: np.random.Generator) -> Strokes:
    points = int(rng.choice([5, 5, 6, 7, 8]))
    inner = rng.uniform(0.35, 0.55)
    if points == 5 and rng.random() < 0.5:  # the star drawn in one stroke, a pentagram
        angles = -np.pi / 2 + 2 * np.pi * np.arange(6) * 2 / 5
        return [np.stack([np.cos(angles), np.sin(angles)], axis=1)]
    angles = -np.pi / 2 + np.pi * np.arange(2 * points + 1) / points
    radius = np.where(np.arange(2 * points + 1) % 2 == 0, 1.0, inner)
    return [np.stack([radius * np.cos(angles), radius * np.sin(angles)], axis=1)]


def heart(rng: np.random.Generator) -> Strokes:
    t = np.linspace(0, 2 * np.pi, 80)
    x = 16 * np.sin(t) ** 3
    y = -(13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t))
    return [np.stack([x, y], axis=1) / 16]


def smiley(rng: np.random.Generator) -> Strokes:
    face = _arc(0, 0, 1, 1, 0, 2 * np.pi, 60)
    mouth = _arc(0, 0.1, 0.55, 0.45, 0.2 * np.pi, 0.8 * np.pi, 20)
    eyes = [np.array([[-0.35, -0.35], [-0.35, -0.3]]), np.array([[0.35, -0.35], [0.35, -0.3]])]
    return [face, mouth, *eyes]


def house(rng: np.random.Generator) -> Strokes:
    body = _poly([(0, 0.45), (1, 0.45), (1, 1.2), (0, 1.2)])
    roof = _poly([(-0.1, 0.5), (0.5, 0.0), (1.1, 0.5)], closed=False)
    door = _poly([(0.4, 1.2), (0.4, 0.85), (0.6, 0.85), (0.6, 1.2)], closed=False)
    return [body, roof, door] if rng.random() < 0.7 else [body, roof]


def tree(rng: np.random.Generator) -> Strokes:
    crown = _poly([(0.5, 0.0), (0.1, 0.45), (0.3, 0.45), (0.0, 0.8), (1.0, 0.8), (0.7, 0.45), (0.9, 0.45)])
    trunk = _poly([(0.42, 0.8), (0.42, 1.1), (0.58, 1.1), (0.58, 0.8)], closed=False)
    return [crown, trunk]


def sun(rng: np.random.Generator) -> Strokes:
    rays = int(rng.integers(6, 11))
    strokes = [_arc(0, 0, 0.45, 0.45, 0, 2 * np.pi, 50)]
    for a in np.linspace(0, 2 * np.pi, rays, endpoint=False):
        strokes.append(np.array([[0.6 * np.cos(a), 0.6 * np.sin(a)], [np.cos(a), np.sin(a)]]))
    return strokes


def flower(rng: np.random.Generator) -> Strokes:
    petals = int(rng.integers(4, 8))
    t = np.linspace(0, 2 * np.pi, 200)
    r = 0.4 + 0.6 * np.abs(np.cos(petals * t / 2))
    head = np.stack([r * np.cos(t), r * np.sin(t) - 0.4], axis=1) * 0.6
    stem = np.array([[0.0, 0.2], [0.05, 1.3]])
    return [head, stem]


def fish(rng: np.random.Generator) -> Strokes:
    body = _arc(0, 0, 1, 0.5, 0.15 * np.pi, 1.85 * np.pi, 50)
    tail = _poly([body[-1], (1.5, -0.45), (1.5, 0.45), body[0]], closed=False)
    return [np.vstack([body, tail])]


def arrow(rng: np.random.Generator) -> Strokes:
    shaft = np.array([[0.0, 0.5], [1.0, 0.5]])
    head = np.array([[0.75, 0.25], [1.0, 0.5], [0.75, 0.75]])
    return [shaft, head]


def lightning(rng: np.random.Generator) -> Strokes:
    return [_poly([(0.6, 0.0), (0.2, 0.55), (0.55, 0.5), (0.3, 1.1), (0.85, 0.4), (0.5, 0.45), (0.75, 0.0)])]


def cloud(rng: np.random.Generator) -> Strokes:
    bumps = int(rng.integers(4, 7))
    parts = []
    for i in range(bumps):
        cx = -1 + 2 * (i + 0.5) / bumps
        parts.append(_arc(cx, -0.1, 1.0 / bumps + 0.05, 0.35, np.pi, 2 * np.pi, 15))
    top = np.vstack(parts)
    return [np.vstack([top, [[1.0, 0.3], [-1.0, 0.3], top[0]]])]


def spiral(rng: np.random.Generator) -> Strokes:
    turns = rng.uniform(2.2, 4.0)
    t = np.linspace(0, turns * 2 * np.pi, 150)
    r = t / t[-1]
    return [np.stack([r * np.cos(t), r * np.sin(t)], axis=1)]


def stick_figure(rng: np.random.Generator) -> Strokes:
    head = _arc(0, -0.75, 0.22, 0.22, 0, 2 * np.pi, 30)
    body = np.array([[0, -0.53], [0, 0.25]])
    arms = np.array([[-0.45, -0.3], [0, -0.2], [0.45, -0.3]])
    legs = np.array([[-0.35, 0.85], [0, 0.25], [0.35, 0.85]])
    return [head, body, arms, legs]


def envelope(rng: np.random.Generator) -> Strokes:
    return [_poly([(0, 0), (1.4, 0), (1.4, 0.9), (0, 0.9)]), np.array([[0, 0], [0.7, 0.5], [1.4, 0]])]


def crown(rng: np.random.Generator) -> Strokes:
    return [_poly([(0, 1), (0, 0.2), (0.3, 0.6), (0.5, 0.0), (0.7, 0.6), (1, 0.2), (1, 1)])]


def cat(rng: np.random.Generator) -> Strokes:
    head = np.vstack([_arc(0, 0.1, 1, 0.8, -0.15 * np.pi, 1.15 * np.pi, 40)[::-1]])
    ears = _poly([(-0.9, -0.15), (-0.75, -0.9), (-0.3, -0.6), (0.3, -0.6), (0.75, -0.9), (0.9, -0.15)], closed=False)
    whiskers = [np.array([[0.2, 0.3], [1.1, 0.15]]), np.array([[-0.2, 0.3], [-1.1, 0.15]])]
    return [np.vstack([head, ears[::-1]]), *whiskers]


DOODLES: dict[str, Callable[[np.random.Generator], Strokes]] = {
    "star": star, "heart": heart, "smiley": smiley, "house": house, "tree": tree, "sun": sun, "flower": flower,
    "fish": fish, "arrow": arrow, "lightning": lightning, "cloud": cloud, "spiral": spiral,
    "stick figure": stick_figure, "envelope": envelope, "crown": crown, "cat": cat,
}


def polygon(rng: np.random.Generator) -> Strokes:
    sides = int(rng.choice([3, 4, 4, 5, 6, 8]))
    angles = rng.uniform(0, 2 * np.pi) + 2 * np.pi * np.arange(sides) / sides
    return [_poly(np.stack([np.cos(angles), np.sin(angles)], axis=1))]


def rectangle(rng: np.random.Generator) -> Strokes:
    w = rng.uniform(0.3, 1.0)
    return [_poly([(0, 0), (w, 0), (w, 1), (0, 1)]) if rng.random() < 0.5 else _poly([(0, 0), (1, 0), (1, w), (0, w)])]


def cross(rng: np.random.Generator) -> Strokes:
    if rng.random() < 0.5:
        return [np.array([[0, 0.5], [1, 0.5]]), np.array([[0.5, 0], [0.5, 1]])]
    return [np.array([[0, 0], [1, 1]]), np.array([[1, 0], [0, 1]])]


def grid(rng: np.random.Generator) -> Strokes:
    return [np.array([[0, 1 / 3], [1, 1 / 3]]), np.array([[0, 2 / 3], [1, 2 / 3]]),
            np.array([[1 / 3, 0], [1 / 3, 1]]), np.array([[2 / 3, 0], [2 / 3, 1]])]


def nested_squares(rng: np.random.Generator) -> Strokes:
    return [_poly([(-s, -s), (s, -s), (s, s), (-s, s)]) for s in (1.0, 0.6, 0.25)[: int(rng.integers(2, 4))]]


def check_mark(rng: np.random.Generator) -> Strokes:
    return [np.array([[0.0, 0.55], [0.35, 1.0], [1.0, 0.0]])]


def triangle_in_square(rng: np.random.Generator) -> Strokes:
    return [_poly([(0, 0), (1, 0), (1, 1), (0, 1)]), _poly([(0.5, 0.1), (0.9, 0.9), (0.1, 0.9)])]


SHAPES: dict[str, Callable[[np.random.Generator], Strokes]] = {
    "polygon": polygon, "rectangle": rectangle, "cross": cross, "grid": grid, "nested squares": nested_squares,
    "check mark": check_mark, "triangle in square": triangle_in_square, "star": star, "zigzag": zigzag,
}
SCRIBBLES: dict[str, Callable[[np.random.Generator], Strokes]] = {"scribble": scribble, "hatching": hatching}
