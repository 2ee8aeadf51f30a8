"""What the window calls a network built here: its sizes, so that runs of 4/6 and 16/32 kernels tell apart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from ...core.layers import Layer
from ...core.layers.presets import sizes
from ...core.layers.spec import layer_from_data
from ..names import arch_name

translate = QCoreApplication.translate


def _layers(items: Sequence[Any]) -> list[Layer]:
    return [item if isinstance(item, Layer) else layer_from_data(item) for item in items]


def built_name(items: Sequence[Any]) -> str:
    """e.g. "Built CNN (conv 4/6, fc 50/10)", "Built network (fc 100/10)" for one without conv layers.

    ``items``: :class:`~mnist_desk.core.layers.Layer` objects or their plain data (a checkpoint's).
    """
    filters, units = sizes(_layers(items))
    fc = "/".join(str(n) for n in units)
    if filters:
        conv = "/".join(str(n) for n in filters)
        return translate("BuiltNetwork", "Built CNN (conv {filters}, fc {units})").format(filters=conv, units=fc)
    return translate("BuiltNetwork", "Built network (fc {units})").format(units=fc)


def network_name(checkpoint: Any) -> str:
    """A checkpoint's network as the window names it: "Desk CNN", or a built one's sizes."""
    from ...core.models import CUSTOM

    if checkpoint.arch == CUSTOM and checkpoint.layers:
        return built_name(checkpoint.layers)
    return arch_name(checkpoint.arch)
