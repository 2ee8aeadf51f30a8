"""Kernels to start from in the Filter Lab, each with a one-line explanation.

The tutorial's own kernel is kept exactly as it prints it, under the name it
gives it (``sobel_kernel``), with a note on what it really is.

Each preset also says how its result is best shown (:data:`display`, one of
:data:`mnist_desk.core.filters.DISPLAY_MODES`), so that it looks like what it
is: a blurred or sharpened photo clipped to 0 … 255 as any photo editor shows
it, edges as their strength (|x|: both signs bright on black), and the
tutorial's kernel, whose results are all negative, rescaled as its
``plt.imshow`` shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# The tutorial's section 1.1, verbatim: np.array([[-1,-1,-1],[-1,-8,-1],[-1,-1,-1]]).
TUTORIAL_KERNEL: tuple[tuple[float, ...], ...] = ((-1, -1, -1), (-1, -8, -1), (-1, -1, -1))


@dataclass(frozen=True)
class Preset:
    """A named kernel.

    Attributes
    ----------
    key
        Stable identifier (used in settings).
    name
        Short label for a menu.
    note
        One line saying what it does.
    kernel
        Square rows of numbers.
    divisor
        What the sums are divided by (``None``: nothing), e.g. 9 for a 3×3 box blur.
    offset
        Added after dividing (e.g. 128 to show a kernel's negative values as grey).
    display
        How the result is shown when the preset is chosen: ``"clip"`` (results
        that are pictures), ``"abs"`` (edge detectors, whose results are
        around 0, of both signs) or ``"rescale"``.
    """

    key: str
    name: str
    note: str
    kernel: tuple[tuple[float, ...], ...]
    divisor: float | None = None
    offset: float = 0.0
    display: str = "clip"

    @property
    def size(self) -> int:
        """The kernel's side."""
        return len(self.kernel)

    def array(self) -> np.ndarray:
        """The kernel as a float32 (k, k) array."""
        return np.array(self.kernel, dtype=np.float32)


_GAUSS5 = (1, 4, 6, 4, 1)

PRESETS: tuple[Preset, ...] = (
    Preset("identity", "Identity",
           "Only the centre counts: the result is the picture itself (minus a border without padding).",
           ((0, 0, 0), (0, 1, 0), (0, 0, 0))),
    Preset("tutorial", "The tutorial's kernel (its \u201csobel_kernel\u201d)",
           "Exactly as the tutorial prints it. Despite that name it is not a Sobel filter: its numbers sum to "
           "\u221216, so it mostly gives \u221216 \u00d7 the brightness (a negative of the picture with its edges "
           "slightly stressed); with +8 in the centre it would be the outline kernel.",
           TUTORIAL_KERNEL, display="rescale"),
    Preset("outline", "Outline (Laplacian, 8 neighbours)",
           "+8 in the centre, \u22121 around: flat areas give 0, edges in every direction stand out.",
           ((-1, -1, -1), (-1, 8, -1), (-1, -1, -1)), display="abs"),
    Preset("laplacian4", "Laplacian (4 neighbours)",
           "The classic second derivative: up, down, left and right against the centre; flat areas give 0.",
           ((0, 1, 0), (1, -4, 1), (0, 1, 0)), display="abs"),
    Preset("sharpen", "Sharpen",
           "The picture plus its outline (5 in the centre, \u22121 beside it): edges get crisper.",
           ((0, -1, 0), (-1, 5, -1), (0, -1, 0))),
    Preset("box_blur", "Box blur",
           "The average of the 3\u00d73 neighbourhood (nine 1s divided by 9): the blur of the tutorial's section 1.",
           ((1, 1, 1), (1, 1, 1), (1, 1, 1)), divisor=9),
    Preset("gaussian", "Gaussian blur",
           "A weighted average (1-2-1 \u00d7 1-2-1, divided by 16): a softer blur than the box.",
           ((1, 2, 1), (2, 4, 2), (1, 2, 1)), divisor=16),
    Preset("gaussian5", "Gaussian blur 5\u00d75",
           "The 5\u00d75 Gaussian (1-4-6-4-1 \u00d7 1-4-6-4-1, divided by 256), the size of the model's own kernels.",
           tuple(tuple(a * b for b in _GAUSS5) for a in _GAUSS5), divisor=256),
    Preset("sobel_x", "Sobel x",
           "Brightness change from left to right (a true Sobel filter): positive where it gets brighter to the right.",
           ((-1, 0, 1), (-2, 0, 2), (-1, 0, 1)), display="abs"),
    Preset("sobel_y", "Sobel y",
           "Brightness change from top to bottom: positive where it gets brighter downwards.",
           ((-1, -2, -1), (0, 0, 0), (1, 2, 1)), display="abs"),
    Preset("prewitt_x", "Prewitt x",
           "Like Sobel x with equal weights: left-to-right change, averaged over three rows.",
           ((-1, 0, 1), (-1, 0, 1), (-1, 0, 1)), display="abs"),
    Preset("prewitt_y", "Prewitt y",
           "Like Sobel y with equal weights: top-to-bottom change, averaged over three columns.",
           ((-1, -1, -1), (0, 0, 0), (1, 1, 1)), display="abs"),
    Preset("emboss", "Emboss",
           "Lower-right minus upper-left plus the picture: edges look raised, lit from the top left.",
           ((-2, -1, 0), (-1, 1, 1), (0, 1, 2))),
    Preset("edge_enhance", "Edge enhance",
           "Pillow's EDGE_ENHANCE: the picture with its outline added at half strength (divided by 2).",
           ((-1, -1, -1), (-1, 10, -1), (-1, -1, -1)), divisor=2),
)

PRESETS_BY_KEY: dict[str, Preset] = {preset.key: preset for preset in PRESETS}


def preset(key: str) -> Preset:
    """The preset called ``key`` (KeyError if there is none)."""
    return PRESETS_BY_KEY[key]
