"""Batch-wise augmentation that makes the network robust to drawn digits.

Two recipes, both on whole batches of tensors (no per-sample Python loop):

``basic``
    One random affine transform per digit (rotation, scale, shift, shear)
    with ``affine_grid`` / ``grid_sample``, then some digits get a thicker
    stroke (grey dilation) and some a thinner one (grey erosion).

``handwriting``
    What makes a canvas drawing or a scan differ from MNIST, applied at twice
    MNIST's resolution and then put through the app's preprocessing again
    (:func:`normalize_like_preprocess`: crop to the ink, fit 20×20, centre by
    mass), so the network sees what the Draw tab would give it: rotation,
    slant, aspect and an elastic distortion (the hand's wobble); a pen from
    thin to a thick marker; the digit drawn small or large before it was
    fitted (which changes the relative stroke width and its blur); small gaps
    in a stroke; low-resolution and blurred scans; faint ink. Both
    polarities need nothing here: preprocessing makes every picture's ink
    bright before the network sees it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F

WORK = 56  # the handwriting recipe's working resolution: 2 × 28
BOX = 20  # MNIST's (and preprocessing's) box for the digit's longer side
INK_THRESHOLD = 0.2  # as mnist_desk.core.preprocess


@dataclass(frozen=True)
class AugmentConfig:
    """Ranges of the random transforms (each drawn uniformly per digit)."""

    max_rotation_deg: float = 12.0
    scale_range: tuple[float, float] = (0.85, 1.15)
    max_shift_px: float = 2.5
    max_shear_deg: float = 10.0
    thicken_probability: float = 0.15
    thin_probability: float = 0.15


@dataclass(frozen=True)
class HandwritingConfig:
    """The handwriting recipe's ranges; see the module docstring.

    Pen changes are in steps of one pixel of stroke width at 28×28 (half a
    pixel on each side), from ``-2`` (a thin pen) to ``+4`` (a marker);
    ``scale_range`` is the digit's size before preprocessing fits it again,
    so a small drawing comes back thicker and blurrier, as it does in the app.
    """

    max_rotation_deg: float = 15.0
    max_shear: float = 0.35  # slant: x shifted by this × y
    aspect_range: tuple[float, float] = (0.8, 1.2)
    scale_range: tuple[float, float] = (0.65, 1.2)
    elastic_px: float = 1.5
    elastic_probability: float = 0.7
    pen_steps: tuple[int, ...] = (-2, -1, -1, 0, 0, 0, 1, 1, 2, 2, 3, 4)
    gap_probability: float = 0.2
    blur_probability: float = 0.2
    max_blur_sigma: float = 1.0  # at 28×28
    lowres_probability: float = 0.1
    faint_probability: float = 0.1
    clean_probability: float = 0.2  # left as they are: MNIST's own digits must stay read as well
    # A marker stops where the ink would cover more than this share of the digit's box: beyond it
    # loops fill up and a 4, 6, 8 or 9 becomes a blob no one could read (see _change_pen).
    max_coverage: float = 0.5
    max_stroke_px: float = 6.0  # see _change_pen


def augment_batch(x: torch.Tensor, generator: torch.Generator | None = None,
                  config: AugmentConfig = AugmentConfig()) -> torch.Tensor:
    """Randomly transform a batch of digits (the ``basic`` recipe).

    Parameters
    ----------
    x
        Float tensor (B, 1, H, W), ink bright on black, values in 0..1.
    generator
        Random generator (on the CPU) for reproducible runs.
    config
        The ranges of the transforms.

    Returns
    -------
    torch.Tensor
        A new tensor of the same shape, device and dtype.
    """
    batch = x.shape[0]
    height, width = x.shape[-2:]

    def uniform(low: float, high: float) -> torch.Tensor:
        return torch.rand(batch, generator=generator) * (high - low) + low

    angle = uniform(-config.max_rotation_deg, config.max_rotation_deg) * (math.pi / 180)
    shear = uniform(-config.max_shear_deg, config.max_shear_deg) * (math.pi / 180)
    scale = uniform(*config.scale_range)
    shift_x = uniform(-config.max_shift_px, config.max_shift_px) * (2.0 / width)
    shift_y = uniform(-config.max_shift_px, config.max_shift_px) * (2.0 / height)

    # affine_grid maps output coordinates to input coordinates, so the matrix is
    # the inverse of the wanted transform: dividing by the scale enlarges the digit.
    cos, sin, tan = torch.cos(angle), torch.sin(angle), torch.tan(shear)
    theta = torch.zeros(batch, 2, 3)
    theta[:, 0, 0] = cos / scale
    theta[:, 0, 1] = (-sin + cos * tan) / scale
    theta[:, 1, 0] = sin / scale
    theta[:, 1, 1] = (cos + sin * tan) / scale
    theta[:, 0, 2] = shift_x
    theta[:, 1, 2] = shift_y
    theta = theta.to(device=x.device, dtype=x.dtype)

    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    out = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)

    draw = torch.rand(batch, generator=generator)
    thicken = (draw < config.thicken_probability).to(x.device)
    thin_below = config.thicken_probability + config.thin_probability
    thin = ((draw >= config.thicken_probability) & (draw < thin_below)).to(x.device)
    if bool(thicken.any()) or bool(thin.any()):
        dilated = F.max_pool2d(out, 3, stride=1, padding=1)
        out = torch.where(thicken.view(-1, 1, 1, 1), 0.5 * (out + dilated), out)
        out = torch.where(thin.view(-1, 1, 1, 1), 0.5 * (out + _erode(out)), out)
    return out.clamp_(0.0, 1.0)


def _erode(x: torch.Tensor) -> torch.Tensor:
    # A cross-shaped erosion (min over the 4-neighbourhood) thins without wiping thin strokes out.
    eroded = torch.minimum(x, -F.max_pool2d(-x, (1, 3), stride=1, padding=(0, 1)))
    return torch.minimum(eroded, -F.max_pool2d(-x, (3, 1), stride=1, padding=(1, 0)))


def _coverage(x: torch.Tensor) -> torch.Tensor:
    """Per sample, the ink's share of its own bounding box (B,)."""
    mask = x[:, 0] > INK_THRESHOLD * x.amax(dim=(1, 2, 3)).clamp_min(1e-6).view(-1, 1, 1)
    rows, cols = mask.any(dim=2).sum(1), mask.any(dim=1).sum(1)
    return x[:, 0].sum(dim=(1, 2)) / (rows * cols).clamp_min(1).to(x.dtype)


def _change_pen(x: torch.Tensor, steps: torch.Tensor, scale: torch.Tensor, config: HandwritingConfig) -> torch.Tensor:
    """Grow (``steps`` > 0) or thin (< 0) each sample's strokes by that many 56-pixel steps a side.

    A marker stops growing where its ink would cover more than ``max_coverage`` of
    its box, or where the fit (which enlarges a drawing by 1 / ``scale``) would make
    its strokes wider than ``max_stroke_px`` (from MNIST's 2.5 pixels) in the field.
    """
    out = x.clone()
    current = x
    active = steps > 0
    step = 0
    while bool(active.any()):
        step += 1
        index = active.nonzero().view(-1)
        grown = F.max_pool2d(current[index], 3, stride=1, padding=1)
        ok = (_coverage(grown) <= config.max_coverage) & ((2.5 + step) / scale[index] <= config.max_stroke_px)
        out[index[ok]] = grown[ok]
        current = out
        active[index[~ok]] = False
        active &= steps > step
    thin = steps < 0
    step = 0
    while bool(thin.any()):
        step += 1
        index = thin.nonzero().view(-1)
        out[index] = _erode(out[index])
        thin &= steps < -step
    return out


def _gaussian_blur(x: torch.Tensor, sigma: torch.Tensor) -> torch.Tensor:
    """Blur each sample with its own sigma (pixels; 0 leaves it unchanged), as one grouped convolution."""
    radius = max(1, int(math.ceil(3 * float(sigma.max()))))
    offsets = torch.arange(-radius, radius + 1, dtype=x.dtype, device=x.device)
    s = sigma.to(x.device, x.dtype).clamp_min(1e-3).view(-1, 1)
    kernel = torch.exp(-0.5 * (offsets.view(1, -1) / s) ** 2)
    kernel = kernel / kernel.sum(1, keepdim=True)
    batch, _, height, width = x.shape
    rows = F.conv2d(x.view(1, batch, height, width), kernel.view(batch, 1, 1, -1), padding=(0, radius), groups=batch)
    both = F.conv2d(rows, kernel.view(batch, 1, -1, 1), padding=(radius, 0), groups=batch)
    return both.view(batch, 1, height, width)


def normalize_like_preprocess(x: torch.Tensor, out_size: int = 28) -> torch.Tensor:
    """Crop to the ink, fit the longer side to 20 pixels and centre by mass, as preprocessing does.

    Parameters
    ----------
    x
        (B, 1, H, W) ink bright, any square size (typically 56).
    out_size
        The output field's size (28).

    Returns
    -------
    torch.Tensor
        (B, 1, out_size, out_size), each sample's brightest ink at 1. The
        fit is sampled at twice the output size and box-averaged, as
        preprocessing's area resampling does when it shrinks. An empty
        sample stays empty.
    """
    batch, _, height, width = x.shape
    peak = x.amax(dim=(1, 2, 3), keepdim=True)
    ink = x / peak.clamp_min(1e-6)
    mask = ink[:, 0] > INK_THRESHOLD
    rows, cols = mask.any(dim=2), mask.any(dim=1)
    index_h = torch.arange(height, device=x.device)
    index_w = torch.arange(width, device=x.device)
    top = torch.where(rows, index_h, height).amin(1)
    bottom = torch.where(rows, index_h, -1).amax(1)
    left = torch.where(cols, index_w, width).amin(1)
    right = torch.where(cols, index_w, -1).amax(1)
    longer = torch.maximum(bottom - top + 1, right - left + 1).clamp_min(1).to(x.dtype)
    crop = ink * _box_mask(top, bottom, left, right, height, width).unsqueeze(1)
    mass = crop.sum(dim=(1, 2, 3)).clamp_min(1e-6)
    cy = (crop.sum(dim=3)[:, 0] * index_h.to(x.dtype)).sum(1) / mass
    cx = (crop.sum(dim=2)[:, 0] * index_w.to(x.dtype)).sum(1) / mass
    # Output pixels per input pixel, so that the longer side becomes BOX of out_size.
    zoom = (BOX * width / out_size) / longer
    theta = torch.zeros(batch, 2, 3, device=x.device, dtype=x.dtype)
    theta[:, 0, 0] = 1 / zoom
    theta[:, 1, 1] = theta[:, 0, 0]
    theta[:, 0, 2] = (2 * cx + 1) / width - 1
    theta[:, 1, 2] = (2 * cy + 1) / height - 1
    fine = 2 * out_size
    grid = F.affine_grid(theta, [batch, 1, fine, fine], align_corners=False)
    out = F.avg_pool2d(F.grid_sample(crop, grid, mode="bilinear", padding_mode="zeros", align_corners=False), 2)
    return out.clamp_(0.0, 1.0)


def _box_mask(top: torch.Tensor, bottom: torch.Tensor, left: torch.Tensor, right: torch.Tensor, height: int,
              width: int) -> torch.Tensor:
    ys = torch.arange(height, device=top.device).view(1, -1, 1)
    xs = torch.arange(width, device=top.device).view(1, 1, -1)
    return ((ys >= top.view(-1, 1, 1)) & (ys <= bottom.view(-1, 1, 1))
            & (xs >= left.view(-1, 1, 1)) & (xs <= right.view(-1, 1, 1))).float()


def handwriting_batch(x: torch.Tensor, generator: torch.Generator | None = None,
                      config: HandwritingConfig = HandwritingConfig()) -> torch.Tensor:
    """Randomly transform a batch of digits the way drawing and scanning do (the ``handwriting`` recipe).

    Parameters
    ----------
    x
        Float tensor (B, 1, 28, 28), ink bright on black, values in 0..1.
    generator
        Random generator (on the CPU) for reproducible runs.
    config
        The ranges of the transforms.

    Returns
    -------
    torch.Tensor
        A new (B, 1, 28, 28) tensor on the same device, preprocessed again.
    """
    batch, device, dtype = x.shape[0], x.device, x.dtype

    def uniform(low: float, high: float) -> torch.Tensor:
        return torch.rand(batch, generator=generator) * (high - low) + low

    def chance(p: float) -> torch.Tensor:
        return torch.rand(batch, generator=generator) < p

    # Geometry: output (56×56) → input (28×28) coordinates, affine plus an elastic field.
    angle = uniform(-config.max_rotation_deg, config.max_rotation_deg) * (math.pi / 180)
    shear = uniform(-config.max_shear, config.max_shear)
    aspect = torch.exp(uniform(math.log(config.aspect_range[0]), math.log(config.aspect_range[1])))
    scale = uniform(*config.scale_range)
    cos, sin = torch.cos(angle), torch.sin(angle)
    sx, sy = scale * aspect.sqrt(), scale / aspect.sqrt()
    # forward: p' = R · Shear · S · p; affine_grid wants its inverse (output → input).
    forward = torch.zeros(batch, 2, 2)
    forward[:, 0, 0] = cos * sx
    forward[:, 0, 1] = cos * shear * sy - sin * sy
    forward[:, 1, 0] = sin * sx
    forward[:, 1, 1] = sin * shear * sy + cos * sy
    theta = torch.zeros(batch, 2, 3)
    theta[:, :, :2] = torch.linalg.inv(forward)
    grid = F.affine_grid(theta.to(device, dtype), [batch, 1, WORK, WORK], align_corners=False)
    elastic = chance(config.elastic_probability).float() * uniform(0.0, config.elastic_px)
    if bool((elastic > 0).any()):
        coarse = torch.randn(batch, 2, 4, 4, generator=generator)
        field = F.interpolate(coarse, size=(WORK, WORK), mode="bicubic", align_corners=True)
        field = field / field.abs().amax(dim=(1, 2, 3), keepdim=True).clamp_min(1e-6)
        # elastic is in 28-pixel units; normalised coordinates span 2 over 28 pixels.
        grid = grid + (field * (elastic * 2 / 28).view(-1, 1, 1, 1)).permute(0, 2, 3, 1).to(device, dtype)
    # Bicubic: a bilinear doubling would soften the strokes more than the app's own fit does.
    out = F.grid_sample(x, grid, mode="bicubic", padding_mode="zeros", align_corners=False).clamp_(0.0, 1.0)

    # Pen: dilate (marker) or erode (thin pen) in steps of one 56-pixel on each side, each
    # step only on the samples that take it.
    steps = torch.tensor(config.pen_steps)[torch.randint(len(config.pen_steps), (batch,), generator=generator)]
    out = _change_pen(out, steps.to(device), scale.to(device, dtype), config)

    # Small gaps: a disc of paper across a stroke, centred on an inked pixel.
    gap = chance(config.gap_probability).to(device)
    if bool(gap.any()):
        index = gap.nonzero().view(-1)
        picked = out[index]
        weights = picked.flatten(1).clamp_min(0) ** 2 + 1e-6
        cumulative = weights.cumsum(1)
        draw = torch.rand(len(index), 1, generator=generator).to(device, dtype) * cumulative[:, -1:]
        at = torch.searchsorted(cumulative, draw).view(-1).clamp_max(WORK * WORK - 1)
        gy, gx = (at // WORK).to(dtype), (at % WORK).to(dtype)
        radius = (torch.rand(len(index), generator=generator) * 1.5 + 1.0).to(device, dtype)
        ys = torch.arange(WORK, dtype=dtype, device=device).view(1, -1, 1)
        xs = torch.arange(WORK, dtype=dtype, device=device).view(1, 1, -1)
        distance = torch.sqrt((ys - gy.view(-1, 1, 1)) ** 2 + (xs - gx.view(-1, 1, 1)) ** 2)
        hole = (radius.view(-1, 1, 1) + 0.5 - distance).clamp(0, 1)
        out[index] = picked * (1 - hole).unsqueeze(1)

    # Faint ink (a light pencil): preprocessing stretches the peak back to 1, not the rest.
    faint = chance(config.faint_probability)
    if bool(faint.any()):
        gamma = torch.where(faint, uniform(1.5, 3.0), torch.ones(batch)).view(-1, 1, 1, 1).to(device, dtype)
        out = out.clamp_min(0) ** gamma

    # Scans: blurred, or low resolution (down and up again), before preprocessing fits them.
    blur = chance(config.blur_probability).to(device)
    sigma = uniform(0.4, config.max_blur_sigma) * (WORK / 28)
    if bool(blur.any()):
        index = blur.nonzero().view(-1)
        out[index] = _gaussian_blur(out[index], sigma[index.cpu()])
    lowres = chance(config.lowres_probability)
    if bool(lowres.any()):
        factor = int(torch.randint(2, 4, (1,), generator=generator))
        small = F.interpolate(F.avg_pool2d(out, factor, ceil_mode=True), size=(WORK, WORK), mode="bilinear",
                              align_corners=False)
        out = torch.where(lowres.view(-1, 1, 1, 1).to(device), small, out)
    out = normalize_like_preprocess(out)
    clean = chance(config.clean_probability).view(-1, 1, 1, 1).to(device)
    return torch.where(clean, x, out)


def augment(x: torch.Tensor, recipe: str, generator: torch.Generator | None = None) -> torch.Tensor:
    """Apply the named recipe (one of :data:`mnist_desk.core.choices.AUGMENT_RECIPES`) to a batch."""
    if recipe == "handwriting":
        return handwriting_batch(x, generator)
    return augment_batch(x, generator)
