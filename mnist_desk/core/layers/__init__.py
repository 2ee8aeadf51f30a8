"""Networks built layer by layer.

A text and plain-data layer list (:mod:`.spec`), the shape, parameter
and multiply-add count of each layer with the first problem in plain words (:mod:`.shapes`, no torch),
the PyTorch network it builds (:mod:`.build`) and networks to start from (:mod:`.presets`).
"""

from .presets import PRESETS, PRESETS_BY_KEY, Preset, architecture_layers
from .shapes import LayerInfo, NetworkPlan, network_problem, plan_network, shape_text
from .spec import (
           KINDS,
           Layer,
           LayerError,
           NetworkNote,
           format_spec,
           layers_to_data,
           parse_spec,
)

__all__ = ["KINDS", "PRESETS", "PRESETS_BY_KEY", "Layer", "LayerError", "LayerInfo", "NetworkNote", "NetworkPlan",
           "Preset", "architecture_layers", "format_spec", "layers_to_data", "network_problem", "parse_spec",
           "plan_network", "shape_text"]
