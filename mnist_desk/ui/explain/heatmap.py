"""Saliency maps and feature maps as pictures (numpy only, cheap enough to run at every update)."""

from __future__ import annotations

import numpy as np

# Pushed the class up / pushed it down: red and blue, as the conv1 kernels are shown (red positive).
FOR_COLOUR = np.array([214, 39, 40], dtype=np.float32)
AGAINST_COLOUR = np.array([31, 96, 214], dtype=np.float32)


OUTLIER_PERCENT = 1.0


def symmetric_peak(values: np.ndarray) -> float:
    """The magnitude shown at full red or blue: the largest but for the top 1 % of the non-zero values.

    A few very strong pixels (a saliency map's usual outliers) would otherwise
    leave the rest of the map too pale to read; those few are shown at full
    colour. 0 for an empty map.
    """
    finite = np.abs(np.nan_to_num(np.asarray(values, dtype=np.float32), nan=0.0, posinf=0.0, neginf=0.0))
    nonzero = finite[finite > 0]
    if nonzero.size == 0:
        return 0.0
    return float(np.percentile(nonzero, 100.0 - OUTLIER_PERCENT))


def saliency_rgb(field28: np.ndarray, saliency: np.ndarray, peak: float | None = None) -> np.ndarray:
    """A heat map over the input: the ink in grey on white, red where a pixel pushed the class up, blue down.

    Parameters
    ----------
    field28
        The network's input (H, W), ink bright, 0..1.
    saliency
        The map, same shape.
    peak
        The magnitude shown at full colour (default: :func:`symmetric_peak`).

    Returns
    -------
    numpy.ndarray
        (H, W, 3) uint8.
    """
    ink = np.clip(np.nan_to_num(np.asarray(field28, dtype=np.float32)), 0.0, 1.0)
    values = np.nan_to_num(np.asarray(saliency, dtype=np.float32), nan=0.0, posinf=0.0, neginf=0.0)
    peak = symmetric_peak(values) if peak is None else peak
    base = (255.0 - 130.0 * ink)[..., None] * np.ones(3, dtype=np.float32)  # paper white, ink mid-grey
    if peak <= 1e-12:
        return (base + 0.5).astype(np.uint8)
    strength = np.clip(np.abs(values) / peak, 0.0, 1.0)[..., None]
    colour = np.where((values >= 0)[..., None], FOR_COLOUR, AGAINST_COLOUR)
    rgb = base * (1.0 - strength) + colour * strength
    return (rgb + 0.5).astype(np.uint8)


def input_gray(field28: np.ndarray) -> np.ndarray:
    """The network's input as the network sees it: ink bright on black, uint8."""
    return (np.clip(np.nan_to_num(np.asarray(field28, dtype=np.float32)), 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


def map_gray(plane: np.ndarray) -> np.ndarray:
    """One feature map (H, W) as uint8 grey: 0 (or its minimum, when lower) black, its maximum white."""
    from ..mosaic import activations_gray

    return activations_gray(np.asarray(plane, dtype=np.float32)[None])[0]
