"""Which input pixels pushed the network's answer up, and which down: saliency maps of the 28×28 input.

Three standard methods. Each gives a map of the input's shape, positive where
the ink raised the explained class and negative where it lowered it:

* ``integrated-gradients`` (Sundararajan et al., 2017): the gradient of the
  class's score, averaged along the straight path from a blank canvas to the
  drawing, times the ink. The map adds up to score(drawing) − score(blank
  canvas), up to the error of the 32-step average.
* ``occlusion`` (Zeiler & Fergus, 2014): how much the class's probability
  drops when a 4×4 patch is set to background, each patch's drop shared among
  its ink pixels, averaged over the patches that cover a pixel.
* ``grad-cam``: Grad-CAM (Selvaraju et al., 2017) in its HiResCAM form
  (Draelos & Carin, 2020): each map of a conv block's output times the class
  score's gradient on it, pixel by pixel, summed over the maps and scaled up
  to 28×28. The block is the last one that shrinks the maps (by pooling or a
  stride), :func:`cam_block`: the blocks after it only mix neighbouring
  cells, so where their evidence lies no longer says where the ink was. On
  the shipped ``desk`` network (whose last block is a 3×3 conv at 7×7 after
  the last pooling) the last block's map failed the deletion check (1.36×
  against random pixels, 300 held-out training digits) where the block
  before it passes (2.54×); on ``tutorial`` and ``fast`` it is the last block
  anyway. Grad-CAM proper first averages each map's gradient into one weight;
  for a network that ends in one linear layer, as all of ours do, that
  average blurs where the layer's weights look, and it failed the check on
  both the ``tutorial`` network (1.0×) and ``desk`` (0.06×). Kept signed
  (Grad-CAM's ReLU drops the negative part), so it too shows what speaks
  against the class. For the last block the map adds up exactly to the
  class's score minus the output layer's bias; for an earlier one, that is
  the first-order share of the score its maps carry.

The class's *score* is its logit, the number before the softmax. The maps are
computed on a copy of the model with batch norm folded in
(:func:`prepare_model`): the caller's model is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from ..errors import ConfigError
from ..models import conv_blocks, fold_batch_norm
from ..torch_threads import one_thread
from .choices import DEFAULT_METHOD, METHODS

__all__ = ["DEFAULT_METHOD", "METHODS", "Saliency", "prepare_model", "saliency_map"]

SIDE = 28
IG_STEPS = 32
# Layers of a built network's head that keep it affine in eval mode (Grad-CAM's map then adds up exactly).
_AFFINE = (nn.Flatten, nn.Dropout, nn.Linear, nn.BatchNorm1d, nn.Identity)
OCCLUSION_PATCH, OCCLUSION_STRIDE = 4, 2


@dataclass
class Saliency:
    """A saliency map and what it explains.

    Attributes
    ----------
    method
        One of :data:`METHODS`.
    target
        The class explained, 0 to 9.
    map
        float32 array (28, 28): positive where the pixel pushed ``target`` up.
    measure
        What the map is made of: ``"score"`` (the logit) or ``"probability"``.
    value
        That measure for the drawing (the target's logit, or its probability).
    baseline
        The part of ``value`` the map does not share out, for the methods whose
        map adds up to ``value - baseline``: the score of a blank canvas
        (integrated gradients), the score less the map's sum (grad-cam: the output
        layer's bias when it reads the last block); ``None``
        for occlusion.
    grid
        For grad-cam: the height and width of the maps it reads (:func:`cam_block`'s).
    affine_head
        For grad-cam: the layers after the block it reads have no activation
        (one linear layer, perhaps with dropout or batch norm), so ``baseline``
        is what they give for all-zero maps (the output layer's bias when there
        is nothing else) and the map is exact. Otherwise the map is the first
        order of a curved head and ``baseline`` only what is left over.
    """

    method: str
    target: int
    map: np.ndarray
    measure: str
    value: float
    baseline: float | None = None
    grid: tuple[int, int] | None = None
    affine_head: bool = True

    @property
    def total(self) -> float:
        """The sum of the map (float64)."""
        return float(self.map.sum(dtype=np.float64))


def prepare_model(model: nn.Module) -> nn.Module:
    """An eval-mode copy of ``model`` for saliency: batch norm folded in, its parameters frozen.

    Gradients are then taken with respect to the input only, and the model the
    window predicts with is never touched, so it can keep working meanwhile.
    """
    prepared = fold_batch_norm(model)
    for parameter in prepared.parameters():
        parameter.requires_grad_(False)
    return prepared


def check_target(target: int) -> int:
    """``target`` as an int, or a :class:`ConfigError` when it is not a digit."""
    if isinstance(target, bool) or not isinstance(target, (int, np.integer)) or not 0 <= int(target) <= 9:
        raise ConfigError("The digit to explain must be 0 to 9, not {value}.", value=target)
    return int(target)


def check_method(method: str) -> str:
    if method not in METHODS:
        raise ConfigError("Unknown saliency method {name!r}; choose one of: {choices}.", name=method,
                          choices=", ".join(METHODS))
    return method


def as_input(field28: np.ndarray) -> torch.Tensor:
    """A (28, 28) network input (ink bright, 0..1) as the (1, 1, 28, 28) float tensor the model takes."""
    array = np.asarray(field28, dtype=np.float32)
    if array.shape != (SIDE, SIDE):
        raise ConfigError("A saliency map needs the network's 28×28 input, not an array of shape {shape}.",
                          shape=tuple(array.shape))
    return torch.from_numpy(np.ascontiguousarray(np.nan_to_num(array))).view(1, 1, SIDE, SIDE)


def integrated_gradients(model: nn.Module, x: torch.Tensor, target: int, steps: int = IG_STEPS) -> Saliency:
    """Integrated gradients of ``target``'s logit from a blank canvas (all zeros) to ``x``.

    Parameters
    ----------
    model
        A model from :func:`prepare_model`.
    x
        The input, (1, 1, 28, 28).
    target
        The class explained.
    steps
        Points of the path, at the middle of ``steps`` equal pieces (the midpoint rule).

    Returns
    -------
    Saliency
    """
    alphas = (torch.arange(steps, dtype=torch.float32) + 0.5) / steps
    path = (alphas.view(-1, 1, 1, 1) * x).requires_grad_(True)
    scores = model(path)[:, target]
    (gradients,) = torch.autograd.grad(scores.sum(), path)
    attribution = (gradients.mean(0, keepdim=True) * x)[0, 0]
    with torch.no_grad():
        ends = model(torch.cat([x, torch.zeros_like(x)]))[:, target]
    return Saliency("integrated-gradients", target, attribution.detach().numpy().astype(np.float32), "score",
                    float(ends[0]), float(ends[1]))


_patch_masks: dict[tuple[int, int], torch.Tensor] = {}


def _occlusion_masks(patch: int, stride: int) -> torch.Tensor:
    """(P, 28, 28) masks, 1 inside each patch position; the last row and column of patches touch the border."""
    key = (patch, stride)
    if key not in _patch_masks:
        starts = list(range(0, SIDE - patch + 1, stride))
        if starts[-1] != SIDE - patch:
            starts.append(SIDE - patch)
        masks = torch.zeros(len(starts) ** 2, SIDE, SIDE)
        for index, (top, left) in enumerate((top, left) for top in starts for left in starts):
            masks[index, top:top + patch, left:left + patch] = 1.0
        _patch_masks[key] = masks
    return _patch_masks[key]


@torch.no_grad()
def occlusion(model: nn.Module, x: torch.Tensor, target: int, patch: int = OCCLUSION_PATCH,
              stride: int = OCCLUSION_STRIDE) -> Saliency:
    """The drop of ``target``'s probability when each ``patch``×``patch`` square is set to background.

    A square without ink changes nothing and is not run. Each square's drop is
    shared among its ink pixels in proportion to their ink; a pixel's value is
    the mean over the squares that cover it. A negative value: removing that
    ink made the class *more* probable.
    """
    picture = x[0, 0]
    masks = _occlusion_masks(patch, stride)
    ink = (masks * picture).sum((1, 2))
    chosen = ink > 0
    probability = float(torch.softmax(model(x), 1)[0, target])
    attribution = torch.zeros(SIDE, SIDE)
    if bool(chosen.any()):
        kept = masks[chosen]
        occluded = picture * (1.0 - kept)
        probabilities = torch.softmax(model(occluded.unsqueeze(1)), 1)[:, target]
        drops = probability - probabilities
        shares = (drops / ink[chosen]).view(-1, 1, 1) * kept
        attribution = shares.sum(0) * picture / masks.sum(0)
    return Saliency("occlusion", target, attribution.numpy().astype(np.float32), "probability", probability)


def cam_block(model: nn.Module, x: torch.Tensor) -> int:
    """The index (in :func:`conv_blocks`) of the block Grad-CAM reads: the last one that shrinks the maps."""
    chosen, features = 0, x
    for index, (_name, block) in enumerate(conv_blocks(model)):
        shrunk = block(features)
        if shrunk.shape[-1] < features.shape[-1]:
            chosen = index
        features = shrunk
    return chosen


def grad_cam(model: nn.Module, x: torch.Tensor, target: int) -> Saliency:
    """Grad-CAM (HiResCAM form) on :func:`cam_block`'s output, signed, scaled up to 28×28.

    The block's map (7×7 or 14×14) is scaled up bilinearly and divided by the
    pixels each of its cells becomes, so the 28×28 map adds up to the same sum.
    ``baseline`` is the score less that sum (the output bias, for the last block).
    """
    blocks = conv_blocks(model)
    if not blocks:
        raise ConfigError("This network has no conv layer, so Grad-CAM has no maps to look at: choose integrated "
                          "gradients or occlusion.")
    chosen = cam_block(model, x)
    features = x
    for _name, block in blocks[:chosen + 1]:
        features = block(features)
    kept = features.detach().requires_grad_(True)
    features = kept
    for _name, block in blocks[chosen + 1:]:
        features = block(features)
    score = model.head(features)[0, target]  # type: ignore[operator]  # every architecture has a head
    (gradients,) = torch.autograd.grad(score, kept)
    cam = (gradients * kept).sum(1, keepdim=True).detach()
    spread = (SIDE * SIDE) / (cam.shape[2] * cam.shape[3])
    upscaled = F.interpolate(cam, size=(SIDE, SIDE), mode="bilinear", align_corners=False)[0, 0] / spread
    value = float(score.detach())
    head = model.head  # exact only when nothing curved comes after the maps read: no later block, a linear head
    affine = chosen == len(blocks) - 1 and (not isinstance(head, nn.Sequential)
                                            or all(isinstance(module, _AFFINE) for module in head))
    return Saliency("grad-cam", target, upscaled.numpy().astype(np.float32), "score", value, value - float(cam.sum()),
                    (int(cam.shape[2]), int(cam.shape[3])), affine)


def saliency_map(model: nn.Module, field28: np.ndarray, target: int, method: str = DEFAULT_METHOD) -> Saliency:
    """The saliency of ``target`` for one network input.

    Parameters
    ----------
    model
        A model from :func:`prepare_model` (any architecture of
        :mod:`mnist_desk.core.models`).
    field28
        The network's 28×28 input, ink bright, 0..1.
    target
        The class to explain, 0 to 9 (the answer, or any other: "why not 9?").
    method
        One of :data:`METHODS`.

    Returns
    -------
    Saliency
        Its ``map`` has the input's shape and finite values.

    Raises
    ------
    mnist_desk.core.errors.ConfigError
        For an unknown method, a target that is not a digit or an input of another shape.
    """
    target, method, x = check_target(target), check_method(method), as_input(field28)
    # Gradients are needed even when a caller runs under torch.inference_mode().
    with one_thread(), torch.inference_mode(False), torch.enable_grad():
        x = x.clone()
        if method == "integrated-gradients":
            result = integrated_gradients(model, x, target)
        elif method == "occlusion":
            result = occlusion(model, x, target)
        else:
            result = grad_cam(model, x, target)
    result.map = np.nan_to_num(result.map, nan=0.0, posinf=0.0, neginf=0.0)
    return result


@torch.no_grad()
def probabilities(model: nn.Module, field28: np.ndarray) -> np.ndarray:
    """The ten probabilities for one 28×28 input."""
    with one_thread():
        return torch.softmax(model(as_input(field28)), 1)[0].numpy()
