"""What a weights file may hold: the type of each field, and limits on the sizes it declares.

``torch.load(weights_only=True)`` guarantees that loading runs no code, not
that what comes out makes sense: any field of a crafted (or damaged) file
may hold text where a number belongs, a list where a table belongs, or
tensors of a million channels that cost nothing in the file (a stride-0
"expanded" tensor stores one number) but terabytes once a model is built
for them. Everything is checked here, before anything is built or shown, so
a bad file is refused with one sentence naming the field, and nothing of it
is used.
"""

from __future__ import annotations

import math
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeGuard

import torch

from .errors import WeightsError, Word

# No tensor of the three architectures comes near these (the largest, desk's out.weight, has 31,360 numbers).
MAX_TENSOR_ELEMENTS = 16_000_000
MAX_TOTAL_ELEMENTS = 64_000_000
MAX_HISTORY_RECORDS = 1_000_000
_PROGRESS_COUNTS = ("epoch", "step_in_epoch", "step", "samples_seen")
_ACCURACIES = ("test_accuracy", "best_test_accuracy", "last_test_accuracy")


def kind_of_value(value: Any) -> str:
    """What a value is, in words for a message ("text", "a list" ...)."""
    if value is None:
        return Word("nothing")
    if isinstance(value, bool):
        return Word("true or false")
    if isinstance(value, str):
        return Word("text")
    if isinstance(value, int):
        return Word("a whole number")
    if isinstance(value, float):
        return Word("a number")
    if isinstance(value, (list, tuple)):
        return Word("a list")
    if isinstance(value, dict):
        return Word("a table")
    if isinstance(value, torch.Tensor):
        return Word("a tensor")
    return Word("something else")


def _wrong(path: Path, field: str, value: Any, expected: str) -> WeightsError:
    return WeightsError("{path} is not a valid weights file: its field {field} holds {found} where {expected} "
                        "belongs.", path=path, field=field, found=kind_of_value(value), expected=expected)


def is_number(value: Any) -> TypeGuard[int | float]:
    """A real, finite number (not a bool, not text)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def format_version(data: dict[str, Any], path: Path) -> int:
    """The file's ``format_version`` (0 when absent), checked to be a whole number."""
    value = data.get("format_version", 0)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _wrong(path, "format_version", value, Word("a whole number"))
    return value


def text_field(data: dict[str, Any], name: str, path: Path, default: str = "") -> str:
    """The text field ``name`` (``default`` when absent or ``None``), checked to be text."""
    value = data.get(name, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise _wrong(path, name, value, Word("text"))
    return value


def table_field(data: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    """A field that must be a dict with text keys (``None`` or missing: empty)."""
    value = data.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        raise _wrong(path, name, value, Word("a table"))
    return value


def hparams(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """The training settings, each of the type :class:`~mnist_desk.core.train_config.TrainConfig` gives it."""
    from .train_config import TrainConfig

    values = table_field(data, "hparams", path)
    defaults = TrainConfig().to_dict()
    for name, value in values.items():
        if name not in defaults:
            continue  # a setting of another version: ignored, as TrainConfig.from_dict does
        default = defaults[name]
        if isinstance(default, bool):
            ok, expected = isinstance(value, bool), Word("true or false")
        elif isinstance(default, int):
            ok, expected = isinstance(value, int) and not isinstance(value, bool), Word("a whole number")
        elif isinstance(default, float):
            ok, expected = is_number(value), Word("a number")
        else:
            ok, expected = isinstance(value, str), Word("text")
        if not ok:
            raise _wrong(path, f"hparams.{name}", value, expected)
    return dict(values)


def history(data: dict[str, Any], path: Path) -> list[dict[str, Any]]:
    """The run's records: a list of tables whose numbers are numbers (others' entries are kept as they are)."""
    from .train_config import TrainRecord

    numbers = {f.name for f in fields(TrainRecord)} - {"kind", "step"}
    value = data.get("history")
    if value is None:
        return []
    if not isinstance(value, list):
        raise _wrong(path, "history", value, Word("a list"))
    if len(value) > MAX_HISTORY_RECORDS:
        raise WeightsError("{path} holds {count:,} history records, more than the {limit:,} MNIST Desk reads.",
                           path=path, count=len(value), limit=MAX_HISTORY_RECORDS)
    for index, record in enumerate(value):
        if not isinstance(record, dict) or not all(isinstance(key, str) for key in record):
            raise _wrong(path, f"history[{index}]", record, Word("a table"))
        for key, item in record.items():
            if key == "kind":
                if not isinstance(item, str):
                    raise _wrong(path, f"history[{index}].kind", item, Word("text"))
            elif key == "step":
                if not _is_count(item):
                    raise _wrong(path, f"history[{index}].step", item, Word("a whole number"))
            elif key in numbers and item is not None and not (isinstance(item, (int, float))
                                                               and not isinstance(item, bool)):
                raise _wrong(path, f"history[{index}].{key}", item, Word("a number"))
    return list(value)


def metrics(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Summary numbers; accuracies are fractions from 0 to 1. Other entries (a later version's) are kept as they are."""
    values = table_field(data, "metrics", path)
    for name, value in values.items():
        if name in _ACCURACIES:
            if value is not None and not (is_number(value) and 0.0 <= value <= 1.0):
                raise _wrong(path, f"metrics.{name}", value, Word("a fraction from 0 to 1"))
        elif name == "epochs_completed":
            if not _is_count(value):
                raise _wrong(path, f"metrics.{name}", value, Word("a whole number"))
        elif name == "training_seconds" and value is not None and not is_number(value):
            raise _wrong(path, f"metrics.{name}", value, Word("a number"))
    return dict(values)


def progress(data: dict[str, Any], path: Path) -> dict[str, Any] | None:
    """Where a stopped run stands: counts, seconds and accuracies."""
    if data.get("progress") is None:
        return None
    values = table_field(data, "progress", path)
    for name, value in values.items():
        if name in _PROGRESS_COUNTS and not _is_count(value):
            raise _wrong(path, f"progress.{name}", value, Word("a whole number"))
        if name == "elapsed_s" and not is_number(value):
            raise _wrong(path, f"progress.{name}", value, Word("a number"))
        if name in _ACCURACIES and value is not None and not (is_number(value) and 0.0 <= value <= 1.0):
            raise _wrong(path, f"progress.{name}", value, Word("a fraction from 0 to 1"))
    return dict(values)


def optimizer_state(data: dict[str, Any], path: Path) -> dict[str, Any] | None:
    """The optimizer's state as ``Optimizer.state_dict()`` makes it (its contents are checked on resume)."""
    if data.get("optimizer_state") is None:
        return None
    value = table_field(data, "optimizer_state", path)
    if not isinstance(value.get("state"), dict) or not isinstance(value.get("param_groups"), list) or not all(
            isinstance(group, dict) for group in value["param_groups"]):
        raise _wrong(path, "optimizer_state", value, Word("an optimizer's state"))
    return value


def scheduler_state(data: dict[str, Any], path: Path) -> dict[str, Any] | None:
    """The learning-rate schedule's state, a table, or ``None`` when the run had no schedule."""
    if data.get("scheduler_state") is None:
        return None
    return table_field(data, "scheduler_state", path)


def check_tensors(state_dict: dict[str, torch.Tensor], path: Path) -> None:
    """Refuse tensors a network cannot take, or whose declared size is beyond any of ours.

    Checked on the shapes alone, before any model is built: a stride-0
    tensor may declare far more numbers than the file holds.
    """
    total = 0
    for key, tensor in state_dict.items():
        if tensor.layout != torch.strided or tensor.is_quantized or tensor.device.type != "cpu":
            raise WeightsError("{path} holds {key} in a form a network cannot use (a sparse, quantized or "
                               "data-less tensor).", path=path, key=key)
        if tensor.is_complex():
            raise WeightsError("{path} holds {key} as complex numbers; weights are real numbers.", path=path, key=key)
        count = tensor.numel()
        total += count
        if tensor.ndim > 4 or count > MAX_TENSOR_ELEMENTS:
            raise WeightsError("{path} declares {key} with the shape {shape} ({count:,} numbers), far beyond any "
                               "network MNIST Desk builds (at most {limit:,} numbers a tensor).",
                               path=path, key=key, shape=tuple(tensor.shape), count=count, limit=MAX_TENSOR_ELEMENTS)
    if total > MAX_TOTAL_ELEMENTS:
        raise WeightsError("{path} declares {count:,} numbers in all, far beyond any network MNIST Desk builds "
                           "(at most {limit:,}).", path=path, count=total, limit=MAX_TOTAL_ELEMENTS)


def non_finite_keys(state_dict: dict[str, torch.Tensor]) -> list[str]:
    """The keys of floating-point tensors holding NaN or an infinity."""
    return [key for key, tensor in state_dict.items()
            if tensor.is_floating_point() and tensor.numel() and not bool(torch.isfinite(tensor).all())]


def check_finite(state_dict: dict[str, torch.Tensor], path: Path) -> None:
    """Refuse weights that are not numbers: the run that saved them diverged, and every answer would be NaN."""
    bad = non_finite_keys(state_dict)
    if bad:
        raise WeightsError("{path} holds weights that are not finite numbers (NaN or infinity, in {keys}): the run "
                           "that saved them diverged. Use other weights, or train again with a smaller learning "
                           "rate.", path=path, keys=", ".join(bad[:4]) + (" ..." if len(bad) > 4 else ""))


def layer_list(data: dict[str, Any], path: Path) -> list[dict[str, Any]]:
    """A custom network's layer list: plain data of known kinds and types, a network that can be built.

    The sizes it declares are held to the limits of
    :mod:`mnist_desk.core.layers.shapes` (filters, outputs, numbers per layer
    and in all) before anything is built, as the editor and the command line
    hold a network a user makes. Keys a later version may add to a layer are
    ignored.
    """
    from .layers.shapes import MAX_LAYERS, plan_network
    from .layers.spec import layer_from_data

    value = data.get("layers")
    if not isinstance(value, list):
        raise _wrong(path, "layers", value, Word("a list"))
    if len(value) > MAX_LAYERS:
        raise WeightsError("{path} lists {count:,} layers, more than the {limit} MNIST Desk builds.", path=path,
                           count=len(value), limit=MAX_LAYERS)
    layers = []
    for index, item in enumerate(value):
        if not isinstance(item, dict) or not all(isinstance(key, str) for key in item):
            raise _wrong(path, f"layers[{index}]", item, Word("a table"))
        try:
            layers.append(layer_from_data(item))
        except TypeError as error:
            name = str(error)
            if name == "kind":
                raise WeightsError("{path} is not a valid weights file: layer {number} is of the kind {kind!r}, which "
                                   "this version does not know.", path=path, number=index + 1,
                                   kind=str(item.get("kind"))[:40]) from None
            expected = Word("a number") if name == "p" else Word("a whole number")
            raise _wrong(path, f"layers[{index}].{name}", item.get(name), expected) from None
    problem = plan_network(layers).problem
    if problem is not None:
        raise WeightsError("{path} describes a network that cannot be built: {problem}", path=path,
                           problem=str(problem))
    return [layer.to_data() for layer in layers]
