"""What training a built network asks of its batches, and the layer list a saved run holds."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .shapes import plan_network
from .spec import BATCHNORM, Layer, LayerError, format_spec, layer_from_data


def check_batches(layers: Sequence[Layer] | None, batch_size: int, digits: int) -> None:
    """Refuse batches a built network's batch norm cannot learn from.

    A batch norm that sees one number per channel for each digit (after
    ``flatten``, or on 1×1 maps) has nothing to normalise in a batch of one
    digit (PyTorch raises), so a batch size of one, or one that leaves one
    digit for an epoch's last batch, cannot train it. Nothing for a named
    architecture (``layers`` is ``None``): theirs all see 7×7 maps or more.

    Raises
    ------
    LayerError
        Naming the batch norm and a batch size that works.
    """
    if not layers:
        return
    plan = plan_network(layers)
    if not plan.needs_two_per_batch():
        return
    index = next(i for i, row in enumerate(plan.rows)
                 if row.layer.kind == BATCHNORM and math.prod((row.output_shape or (0, 0))[1:]) == 1)
    if batch_size == 1:
        raise LayerError("Layer {number} (batchnorm) sees one number per channel for each digit, so it cannot learn "
                         "from one digit at a time: choose a batch size of 2 or more.", number=index + 1)
    if digits % batch_size == 1:
        raise LayerError("With a batch size of {batch}, the last batch of each epoch holds one digit, which layer "
                         "{number} (batchnorm) cannot learn from: choose another batch size, e.g. {other}.",
                         number=index + 1, batch=batch_size,
                         other=next(b for b in range(batch_size + 1, batch_size + 10) if digits % b != 1))


# Below this many multiply-adds per batch a training step is too little work to share between threads.
SMALL_STEP = 30_000_000


def training_threads(layers: Sequence[Layer] | None, batch_size: int, device: str) -> int | None:
    """How many threads torch should train a built network with on this thread (``None``: leave it).

    A small network's layers are each a few microseconds of work: threads
    sharing them spend the step waiting for each other. The tutorial's
    section 1.3 network (211,200 multiply-adds a digit, 10.6 million a batch
    of 50) took 5.5 ms a step on one thread and 34 ms on two, on this
    project's 2-core machine with another run using one core
    (bench/custom_network.py). The named architectures are left as they are
    (the tutorial CNN does 142 million a batch).
    """
    if not layers or device != "cpu":
        return None
    return 1 if plan_network(layers).multiply_adds * batch_size < SMALL_STEP else None


def saved_layers_text(checkpoint: Any) -> str:
    """The text form of a checkpoint's layer list ("" for a named architecture's)."""
    layers = getattr(checkpoint, "layers", None)
    return format_spec(layer_from_data(item) for item in layers) if layers else ""
