"""Synthetic non-digits for training the network to say "no digit" (outlier exposure).

Hendrycks, Mazeika and Dietterich (ICLR 2019, "Deep anomaly detection with
outlier exposure") train a classifier to give *uniform* probabilities to
pictures that belong to no class, next to its usual loss. The non-digits here
are made on tensors, a batch at a time, from a few cheap primitives:
scribbles (smooth curves through random points), polygons and stars (drawn or
filled), hatching, filled blobs and textures (noise, stripes, checkerboards),
then put through the same crop / fit / centre step as the digits
(:func:`mnist_desk.core.augment.normalize_like_preprocess`). None of them is a
letter, a word, a doodle of a thing or a photograph: those are what the
validation sets test (``bench/sets``), so their figures say how the answer
carries over to kinds of pictures it never saw. Circles and ellipses are left
out (a drawn ellipse is a 0), and so are triangles (a 4 with a closed top is
one, with a tail); a scribble goes through at least eight random points.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from .augment import WORK, normalize_like_preprocess

Generator = torch.Generator | None  # None: torch's global generator

KINDS = ("scribble", "polygon", "filled polygon", "hatching", "blob", "texture")
_POINTS = 400  # pen positions along a drawing


def _uniform(shape: int | tuple[int, ...], low: float, high: float, generator: Generator) -> torch.Tensor:
    return torch.rand(shape, generator=generator) * (high - low) + low


def _catmull_rom(control: torch.Tensor, per_segment: int = 8) -> torch.Tensor:
    """(B, K, 2) control points → (B, (K-1)·per_segment, 2) points of a smooth curve through them."""
    p = torch.cat([control[:, :1], control, control[:, -1:]], dim=1)
    t = torch.linspace(0, 1, per_segment + 1)[:-1].view(1, 1, -1, 1)
    p0, p1, p2, p3 = p[:, :-3, None], p[:, 1:-2, None], p[:, 2:-1, None], p[:, 3:, None]
    curve = 0.5 * (2 * p1 + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2
                   + (-p0 + 3 * p1 - 3 * p2 + p3) * t**3)
    return curve.flatten(1, 2)


def _resample(vertices: torch.Tensor, pen_down: torch.Tensor, count: int = _POINTS) -> torch.Tensor:
    """Points evenly spaced along polylines; segments with ``pen_down`` False get none.

    ``vertices`` (B, N, 2), ``pen_down`` (B, N-1) → (B, count, 2).
    """
    delta = vertices[:, 1:] - vertices[:, :-1]
    length = delta.norm(dim=2) * pen_down
    cumulative = torch.cat([torch.zeros(len(vertices), 1), length.cumsum(1)], dim=1)
    along = torch.linspace(0, 1, count).view(1, -1) * cumulative[:, -1:]
    segment = (torch.searchsorted(cumulative.contiguous(), along.contiguous(), right=True) - 1)
    segment = segment.clamp(0, delta.shape[1] - 1)
    start = cumulative.gather(1, segment)
    seg_length = length.gather(1, segment).clamp_min(1e-9)
    t = ((along - start) / seg_length).clamp(0, 1).unsqueeze(2)
    index = segment.unsqueeze(2).expand(-1, -1, 2)
    return vertices.gather(1, index) + t * delta.gather(1, index)


def _pose(points: torch.Tensor, generator: Generator) -> torch.Tensor:
    """Random rotation, aspect and placement; points end in the 56×56 working field's pixels."""
    batch = points.shape[0]
    angle = _uniform(batch, 0, 2 * math.pi, generator)
    aspect = torch.exp(_uniform(batch, -0.5, 0.5, generator))
    centred = points - points.mean(dim=1, keepdim=True)
    cos, sin = torch.cos(angle).view(-1, 1), torch.sin(angle).view(-1, 1)
    x, y = centred[..., 0] * aspect.view(-1, 1), centred[..., 1] / aspect.view(-1, 1)
    rotated = torch.stack([cos * x - sin * y, sin * x + cos * y], dim=2)
    extent = rotated.abs().amax(dim=(1, 2)).clamp_min(1e-6).view(-1, 1, 1)
    return rotated / extent * (WORK * 0.4) + WORK / 2


def _splat(points: torch.Tensor, radius: torch.Tensor) -> torch.Tensor:
    """Ink at each point, then grown into a round-ish pen ``radius`` pixels (1..4) wide on each side."""
    batch = points.shape[0]
    xy = points.round().long().clamp(0, WORK - 1)
    flat = torch.zeros(batch, WORK * WORK)
    flat.scatter_(1, xy[..., 1] * WORK + xy[..., 0], 1.0)
    ink = flat.view(batch, 1, WORK, WORK)
    for step in range(1, int(radius.max()) + 1):
        index = (radius >= step).nonzero().view(-1)
        picked = ink[index]
        if step % 2:  # alternate square and cross steps: closer to a disc
            grown = F.max_pool2d(picked, 3, stride=1, padding=1)
        else:
            grown = torch.maximum(F.max_pool2d(picked, (1, 3), stride=1, padding=(0, 1)),
                                  F.max_pool2d(picked, (3, 1), stride=1, padding=(1, 0)))
        ink[index] = grown
    return F.avg_pool2d(F.pad(ink, (1, 1, 1, 1)), 3, stride=1)  # soft edges


def _scribbles(batch: int, generator: Generator) -> torch.Tensor:
    control = torch.rand(batch, int(torch.randint(8, 17, (1,), generator=generator)), 2, generator=generator)
    curve = _catmull_rom(control)
    return _resample(curve, torch.ones(batch, curve.shape[1] - 1))


def _polygon_vertices(batch: int, generator: Generator) -> torch.Tensor:
    # Outlines of more than five sides look like a drawn 0: those only as stars. No triangles:
    # a 4 with a closed top is a triangle with a tail, and a 4 must not be refused.
    sides = int(torch.randint(4, 9, (1,), generator=generator))
    star = sides > 5 or bool(torch.rand(1, generator=generator) < 0.4)
    count = 2 * sides if star else sides
    angles = torch.arange(count + 1).float() * (2 * math.pi / count) + _uniform((batch, 1), 0, 2 * math.pi, generator)
    radius = torch.ones(batch, count + 1)
    if star:
        radius[:, 1::2] = _uniform((batch, 1), 0.3, 0.6, generator)
    return torch.stack([radius * torch.cos(angles), radius * torch.sin(angles)], dim=2)


def _hatching(batch: int, generator: Generator) -> torch.Tensor:
    lines = int(torch.randint(4, 9, (1,), generator=generator))
    ys = torch.linspace(0, 1, lines).view(1, -1).expand(batch, -1)
    tilt = _uniform((batch, lines), -0.15, 0.15, generator)
    start = torch.stack([torch.zeros(batch, lines), ys], dim=2)
    end = torch.stack([torch.ones(batch, lines), ys + tilt], dim=2)
    vertices = torch.stack([start, end], dim=2).flatten(1, 2)  # start, end, start, end ...
    pen_down = torch.zeros(batch, 2 * lines - 1)
    pen_down[:, 0::2] = 1  # the jumps between lines are pen-up
    return _resample(vertices, pen_down)


def _fill(vertices: torch.Tensor) -> torch.Tensor:
    """Inside of closed polygons (even-odd rule), (B, N+1, 2) pixel vertices → (B, 1, 56, 56)."""
    ys, xs = torch.meshgrid(torch.arange(WORK).float() + 0.5, torch.arange(WORK).float() + 0.5, indexing="ij")
    px, py = xs.reshape(1, 1, -1), ys.reshape(1, 1, -1)
    x0, y0 = vertices[:, :-1, 0:1], vertices[:, :-1, 1:2]
    x1, y1 = vertices[:, 1:, 0:1], vertices[:, 1:, 1:2]
    crosses = ((y0 > py) != (y1 > py)) & (px < (x1 - x0) * (py - y0) / (y1 - y0 + 1e-9) + x0)
    inside = crosses.sum(1) % 2 == 1
    return inside.float().view(-1, 1, WORK, WORK)


def _smooth_noise(batch: int, generator: Generator, size: int) -> torch.Tensor:
    coarse = torch.rand(batch, 1, size, size, generator=generator)
    return F.interpolate(coarse, size=(WORK, WORK), mode="bicubic", align_corners=False).clamp(0, 1)


def _textures(batch: int, generator: Generator) -> torch.Tensor:
    """Noise, smooth noise, stripes or a checkerboard filling a random rectangle."""
    kind = int(torch.randint(4, (1,), generator=generator))
    ys, xs = torch.meshgrid(torch.linspace(0, 1, WORK), torch.linspace(0, 1, WORK), indexing="ij")
    if kind == 0:
        picture = torch.rand(batch, 1, WORK, WORK, generator=generator)
    elif kind == 1:
        picture = _smooth_noise(batch, generator, int(torch.randint(4, 16, (1,), generator=generator)))
    elif kind == 2:
        angle = _uniform((batch, 1, 1, 1), 0, math.pi, generator)
        frequency = _uniform((batch, 1, 1, 1), 3, 12, generator)
        phase = torch.cos(angle) * xs + torch.sin(angle) * ys
        picture = 0.5 + 0.5 * torch.sign(torch.sin(2 * math.pi * frequency * phase))
    else:
        n = _uniform((batch, 1, 1, 1), 3, 10, generator).floor()
        picture = ((torch.floor(xs * n) + torch.floor(ys * n)) % 2).float()
    corner = _uniform((batch, 2), 0, 0.35, generator)
    size = _uniform((batch, 2), 0.4, 0.65, generator)
    inside = ((xs >= corner[:, 0, None, None]) & (xs <= (corner[:, 0] + size[:, 0])[:, None, None])
              & (ys >= corner[:, 1, None, None]) & (ys <= (corner[:, 1] + size[:, 1])[:, None, None]))
    return picture * inside.unsqueeze(1).float() * _uniform((batch, 1, 1, 1), 0.5, 1.0, generator)


def _blobs(batch: int, generator: Generator) -> torch.Tensor:
    noise = _smooth_noise(batch, generator, int(torch.randint(3, 6, (1,), generator=generator)))
    level = torch.quantile(noise.flatten(1), 0.6, dim=1).view(-1, 1, 1, 1)
    return (noise > level).float()


def outlier_batch(count: int, generator: torch.Generator | None = None) -> torch.Tensor:
    """``count`` synthetic non-digits (count, 1, 28, 28), ink bright in 0..1, preprocessed like digits.

    Each call makes one kind (the primitives are batched per kind); over a run
    every kind comes up equally often. Made on the CPU.
    """
    kind = KINDS[int(torch.randint(len(KINDS), (1,), generator=generator))]
    radius = torch.randint(1, 4, (count,), generator=generator)
    if kind == "scribble":
        ink = _splat(_pose(_scribbles(count, generator), generator), radius)
    elif kind == "polygon":
        vertices = _polygon_vertices(count, generator)
        ink = _splat(_pose(_resample(vertices, _pen_down_all(vertices)), generator), radius)
    elif kind == "filled polygon":
        ink = _fill(_pose(_polygon_vertices(count, generator), generator))
    elif kind == "hatching":
        ink = _splat(_pose(_hatching(count, generator), generator), radius)
    elif kind == "blob":
        ink = _blobs(count, generator)
    else:
        ink = _textures(count, generator)
    return normalize_like_preprocess(ink)


def _pen_down_all(vertices: torch.Tensor) -> torch.Tensor:
    return torch.ones(vertices.shape[0], vertices.shape[1] - 1)


def uniform_target_loss(logits: torch.Tensor) -> torch.Tensor:
    """Cross-entropy from the logits to the uniform distribution over the ten digits.

    Zero only when all ten probabilities are equal; this is the outlier-exposure
    term, added to the digits' own loss with a weight.
    """
    return -(F.log_softmax(logits.float(), dim=1).mean(dim=1)).mean()
