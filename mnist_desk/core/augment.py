"""Batch-wise augmentation that makes the network robust to drawn digits.

Digits drawn with a mouse are tilted, off-size, sheared and thicker or thinner
than MNIST's pen. One random affine transform per digit (rotation, scale,
shift, shear) is applied to the whole batch at once with ``affine_grid`` /
``grid_sample``, then some digits get a thicker stroke (grey dilation) and
some a thinner one (grey erosion). No per-sample Python loop.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F


@dataclass(frozen=True)
class AugmentConfig:
    """Ranges of the random transforms (each drawn uniformly per digit)."""

    max_rotation_deg: float = 12.0
    scale_range: tuple[float, float] = (0.85, 1.15)
    max_shift_px: float = 2.5
    max_shear_deg: float = 10.0
    thicken_probability: float = 0.15
    thin_probability: float = 0.15


def augment_batch(x: torch.Tensor, generator: torch.Generator | None = None,
                  config: AugmentConfig = AugmentConfig()) -> torch.Tensor:
    """Randomly transform a batch of digits.

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
        # A cross-shaped erosion (min over the 4-neighbourhood) thins without wiping thin strokes out.
        eroded = torch.minimum(out, -F.max_pool2d(-out, (1, 3), stride=1, padding=(0, 1)))
        eroded = torch.minimum(eroded, -F.max_pool2d(-out, (3, 1), stride=1, padding=(1, 0)))
        out = torch.where(thicken.view(-1, 1, 1, 1), 0.5 * (out + dilated), out)
        out = torch.where(thin.view(-1, 1, 1, 1), 0.5 * (out + eroded), out)
    return out.clamp_(0.0, 1.0)
