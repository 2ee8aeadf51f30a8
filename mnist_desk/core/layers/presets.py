"""Networks to start from: the tutorial's two, MNIST Desk's own two, and one with no convolution.

The ``tutorial``, ``fast`` and ``desk`` lists build networks of the same
shapes and parameter counts as the classes of :mod:`mnist_desk.core.models`
(a test holds them to it); their layer order is the one those classes show
in the Draw tab.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .spec import ACTIVATION_KINDS, CONV, LINEAR, RELU, Layer, parse_spec


@dataclass(frozen=True)
class Preset:
    """A named layer list; ``name`` and ``note`` are English (the window has its own words for them)."""

    key: str
    name: str
    text: str
    note: str

    @property
    def layers(self) -> list[Layer]:
        """The preset's layers (read from its text)."""
        return parse_spec(self.text)


SECTION_1_3 = Preset(
    "section1.3", "The tutorial's section 1.3 network",
    "conv 4 5x5 pad 2, relu, maxpool 2, conv 6 5x5 pad 2, relu, maxpool 2, flatten, linear 50, relu, linear 10",
    "4 kernels, ReLU, max pool, 6 kernels (4×6), ReLU, max pool, flatten, a fully connected layer, a smaller one, "
    "10 outputs: the network the tutorial's section 1.3 walks through.")
PRESETS: tuple[Preset, ...] = (
    SECTION_1_3,
    Preset("tutorial", "Tutorial CNN (section 2.4)",
           "conv 16 5x5 pad 2, relu, maxpool 2, conv 32 5x5 pad 2, relu, maxpool 2, flatten, linear 10",
           "The tutorial's CNN class: two 5×5 conv blocks of 16 and 32 filters and one linear layer."),
    Preset("fast", "Fast CNN",
           "conv 16 5x5 stride 2 pad 2, batchnorm, relu, conv 32 3x3 stride 2 pad 1, batchnorm, relu, flatten, "
           "linear 10",
           "Strided convolutions with batch norm instead of pooling: the quickest to train on a CPU."),
    Preset("desk", "Desk CNN",
           "conv 24 5x5 pad 2, batchnorm, maxpool 2, relu, conv 48 5x5 pad 2, batchnorm, maxpool 2, relu, "
           "conv 64 3x3 pad 1, batchnorm, relu, flatten, dropout 0.3, linear 10",
           "Three conv blocks with batch norm and dropout, as the shipped weights."),
    Preset("mlp", "No convolution", "flatten, linear 100, relu, linear 10",
           "A fully connected network, for comparison: what do the convolutions buy?"),
)
PRESETS_BY_KEY = {preset.key: preset for preset in PRESETS}


def architecture_layers(arch: str, activation: str = RELU) -> list[Layer]:
    """A named architecture of :mod:`mnist_desk.core.models` as a layer list, with its activation.

    Raises
    ------
    KeyError
        For a name that is not ``tutorial``, ``fast`` or ``desk``.
    """
    if arch not in ("tutorial", "fast", "desk"):
        raise KeyError(arch)
    layers = PRESETS_BY_KEY[arch].layers
    return [Layer(activation) if layer.kind in ACTIVATION_KINDS else layer for layer in layers]


def matching_preset(layers: Sequence[Layer]) -> Preset | None:
    """The preset with exactly these layers, if there is one."""
    return next((preset for preset in PRESETS if preset.layers == list(layers)), None)


def sizes(layers: Sequence[Layer]) -> tuple[list[int], list[int]]:
    """The conv layers' filter counts and the linear layers' output counts, in order: what tells runs apart."""
    return ([layer.filters for layer in layers if layer.kind == CONV],
            [layer.units for layer in layers if layer.kind == LINEAR])
