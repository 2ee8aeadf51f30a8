"""A network as a list of layers: the layer words, and their text and plain-data forms.

The text form is the one the command line takes and the editor shows, one
layer after another separated by commas::

    conv 4 5x5 pad 2, relu, maxpool 2, conv 6 5x5 pad 2, relu, maxpool 2, flatten, linear 50, relu, linear 10

Layer words:

``conv N KxK [stride S] [pad P]``
    N filters of K×K (stride 1 and no padding unless given).
``relu``, ``sigmoid``, ``tanh``
    An activation.
``maxpool K [stride S]``, ``avgpool K [stride S]``
    Pooling over K×K windows (the stride is K unless given, as in PyTorch).
``batchnorm``
    Batch normalisation of each channel (of each number, after ``flatten``).
``dropout P``
    Zeroes a fraction P of the numbers while training.
``flatten``
    Turns the maps into one list of numbers.
``linear N``
    A fully connected layer of N outputs.

The plain-data form (what a weights file holds, loaded with
``torch.load(weights_only=True)``) is a list of dicts such as
``{"kind": "conv", "filters": 4, "kernel": 5, "stride": 1, "padding": 2}``.

Whether a list is a network that can be built (sizes, order, the ten outputs)
is :mod:`.shapes`' business: this module reads and writes the words only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError, MnistDeskError, Word

CONV, RELU, SIGMOID, TANH = "conv", "relu", "sigmoid", "tanh"
MAXPOOL, AVGPOOL, BATCHNORM = "maxpool", "avgpool", "batchnorm"
DROPOUT, FLATTEN, LINEAR = "dropout", "flatten", "linear"
ACTIVATION_KINDS = (RELU, SIGMOID, TANH)
POOL_KINDS = (MAXPOOL, AVGPOOL)
# Every kind, in the order the editor offers them, with the fields each one has.
FIELDS: dict[str, tuple[str, ...]] = {
    CONV: ("filters", "kernel", "stride", "padding"),
    RELU: (), SIGMOID: (), TANH: (),
    MAXPOOL: ("kernel", "stride"),
    AVGPOOL: ("kernel", "stride"),
    BATCHNORM: (),
    DROPOUT: ("p",),
    FLATTEN: (),
    LINEAR: ("units",),
}
KINDS = tuple(FIELDS)
# Other spellings the text form accepts.
_ALIASES = {"max-pool": MAXPOOL, "max_pool": MAXPOOL, "avg-pool": AVGPOOL, "avg_pool": AVGPOOL,
            "averagepool": AVGPOOL, "batch-norm": BATCHNORM, "batch_norm": BATCHNORM, "bn": BATCHNORM,
            "fc": LINEAR, "dense": LINEAR, "conv2d": CONV}
_OPTION_NAMES = {"stride": "stride", "pad": "padding", "padding": "padding"}
_SPELLING = {"stride": "stride", "padding": "pad"}
_OPTION_WORDS = {"stride": Word("stride"), "padding": Word("padding")}


class _Located:
    """``index``: the layer a message is about, counted from 0, read from its ``number`` value (from 1).

    A message about two layers (``first`` and ``second``) is about the second;
    one about the whole list has neither (``None``).
    """

    values: dict[str, Any]

    @property
    def index(self) -> int | None:
        number = self.values.get("number", self.values.get("second"))
        return number - 1 if isinstance(number, int) and not isinstance(number, bool) else None


class LayerError(_Located, ConfigError):
    """A layer list that is not a network MNIST Desk can build, in one plain sentence.

    Not always raised: :func:`~mnist_desk.core.layers.shapes.plan_network`
    keeps the first one it finds. ``index`` is the first bad layer, counted
    from 0 (``None`` when the whole list is at fault, e.g. an empty one).
    """


class NetworkNote(_Located, MnistDeskError):
    """A remark on a network that can be built and trained, but perhaps not as its author meant.

    Never raised; made from a template like an error so that it is translated
    the same way (:func:`mnist_desk.ui.error_text.error_text`). ``index`` as
    :class:`LayerError`'s.
    """


@dataclass(frozen=True)
class Layer:
    """One layer of a network; only the fields of its ``kind`` mean anything (see :data:`FIELDS`).

    Attributes
    ----------
    kind
        One of :data:`KINDS`.
    filters
        A conv's number of output channels.
    kernel
        A conv's kernel side, or a pool's window side.
    stride
        The step between windows (a pool's is its window side unless given).
    padding
        Rows and columns of zeros added around a conv's input.
    units
        A linear layer's number of outputs.
    p
        A dropout's fraction of numbers set to zero while training.
    """

    kind: str
    filters: int = 0
    kernel: int = 0
    stride: int = 1
    padding: int = 0
    units: int = 0
    p: float = 0.0

    def to_data(self) -> dict[str, Any]:
        """The plain-data form: ``{"kind": ..., field: value ...}`` with this kind's fields only."""
        return {"kind": self.kind, **{name: getattr(self, name) for name in FIELDS[self.kind]}}

    @property
    def text(self) -> str:
        """The text form of this one layer, e.g. ``"conv 4 5x5 pad 2"``."""
        return format_layer(self)


def conv(filters: int, kernel: int, stride: int = 1, padding: int = 0) -> Layer:
    """A conv layer of ``filters`` kernels of ``kernel`` × ``kernel``."""
    return Layer(CONV, filters=filters, kernel=kernel, stride=stride, padding=padding)


def pool(kind: str, kernel: int, stride: int | None = None) -> Layer:
    """A pooling layer (``kind``: maxpool or avgpool); its stride is its window unless given."""
    return Layer(kind, kernel=kernel, stride=kernel if stride is None else stride)


def linear(units: int) -> Layer:
    """A linear layer of ``units`` outputs."""
    return Layer(LINEAR, units=units)


def dropout(p: float) -> Layer:
    """A dropout of fraction ``p``."""
    return Layer(DROPOUT, p=p)


def format_layer(layer: Layer) -> str:
    """One layer as the text form writes it (the shortest spelling that means it)."""
    if layer.kind == CONV:
        text = f"conv {layer.filters} {layer.kernel}x{layer.kernel}"
        if layer.stride != 1:
            text += f" stride {layer.stride}"
        return text + (f" pad {layer.padding}" if layer.padding else "")
    if layer.kind in POOL_KINDS:
        return f"{layer.kind} {layer.kernel}" + (f" stride {layer.stride}" if layer.stride != layer.kernel else "")
    if layer.kind == DROPOUT:
        return f"dropout {layer.p:g}"
    if layer.kind == LINEAR:
        return f"linear {layer.units}"
    return layer.kind


def format_spec(layers: Iterable[Layer]) -> str:
    """The text form of a whole list: the layers' texts joined by ``", "``."""
    return ", ".join(format_layer(layer) for layer in layers)


def _whole(word: str, index: int, text: str, what: str) -> int:
    if not word.isdigit():
        raise LayerError("Layer {number} ({layer}): {word!r} is not a whole number; the {what} is one, e.g. 3.",
                         number=index + 1, layer=text, word=word, what=what)
    return int(word)


def _side(word: str, index: int, text: str) -> int:
    """``5x5``, ``5×5`` or ``5``: a square window's side."""
    parts = word.replace("×", "x").split("x")
    if len(parts) == 2 and parts[0] and parts[1] and parts[0] != parts[1]:
        raise LayerError("Layer {number} ({layer}): windows are square here; write {side}x{side}, not {word}.",
                         number=index + 1, layer=text, side=parts[0], word=word)
    if len(parts) > 2 or not parts[0] or not all(part.isdigit() for part in parts if part):
        raise LayerError("Layer {number} ({layer}): {word!r} is not a window size; write it as 5x5 (or 5).",
                         number=index + 1, layer=text, word=word)
    return _whole(parts[0], index, text, Word("window side"))


def _options(words: list[str], index: int, text: str, allowed: tuple[str, ...]) -> dict[str, int]:
    """``stride S`` and ``pad P`` after a layer's own numbers, in any order."""
    found: dict[str, int] = {}
    position = 0
    while position < len(words):
        name = _OPTION_NAMES.get(words[position])
        if name is None or name not in allowed:
            raise LayerError("Layer {number} ({layer}): {word!r} is not understood here; this layer takes "
                             "{options}.", number=index + 1, layer=text, word=words[position],
                             options=", ".join(f"{_SPELLING[option]} N" for option in allowed))
        if position + 1 >= len(words):
            raise LayerError("Layer {number} ({layer}): {word} needs a number after it.",
                             number=index + 1, layer=text, word=words[position])
        if name in found:
            raise LayerError("Layer {number} ({layer}): {word} is given twice.", number=index + 1,
                             layer=text, word=words[position])
        found[name] = _whole(words[position + 1], index, text, _OPTION_WORDS[name])
        position += 2
    return found


def parse_layer(text: str, index: int = 0) -> Layer:
    """One layer from its text form, e.g. ``"maxpool 3 stride 2"``.

    Raises
    ------
    LayerError
        Naming the layer (``index``, from 0) and what cannot be read.
    """
    words = text.lower().split()
    shown = " ".join(text.split())
    if not words:
        raise LayerError("Layer {number} is empty: remove the extra comma, or write a layer there.",
                         number=index + 1)
    kind = _ALIASES.get(words[0], words[0])
    rest = words[1:]
    if kind not in FIELDS:
        raise LayerError("Layer {number} ({layer}): {word!r} is not a layer; the layers are {kinds}.",
                         number=index + 1, layer=shown, word=words[0], kinds=", ".join(KINDS))
    if kind == CONV:
        if len(rest) < 2:
            raise LayerError("Layer {number} ({layer}): a conv needs its number of filters and its kernel size, "
                             "e.g. conv 6 5x5 pad 2.", number=index + 1, layer=shown)
        options = _options(rest[2:], index, shown, ("stride", "padding"))
        return conv(_whole(rest[0], index, shown, Word("number of filters")), _side(rest[1], index, shown),
                    options.get("stride", 1), options.get("padding", 0))
    if kind in POOL_KINDS:
        if not rest:
            raise LayerError("Layer {number} ({layer}): pooling needs its window size, e.g. {kind} 2.",
                             number=index + 1, layer=shown, kind=kind)
        options = _options(rest[1:], index, shown, ("stride",))
        return pool(kind, _side(rest[0], index, shown), options.get("stride"))
    if kind == LINEAR:
        if len(rest) != 1:
            raise LayerError("Layer {number} ({layer}): a linear layer needs its number of outputs, e.g. linear 10.",
                             number=index + 1, layer=shown)
        return linear(_whole(rest[0], index, shown, Word("number of outputs")))
    if kind == DROPOUT:
        try:
            value = float(rest[0]) if len(rest) == 1 else math.nan
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            raise LayerError("Layer {number} ({layer}): dropout needs the fraction of numbers it drops, e.g. "
                             "dropout 0.25.", number=index + 1, layer=shown)
        return dropout(value)
    if rest:
        raise LayerError("Layer {number} ({layer}): {kind} takes no numbers.", number=index + 1,
                         layer=shown, kind=kind)
    return Layer(kind)


def parse_spec(text: str) -> list[Layer]:
    """A layer list from its text form (commas or new lines between layers; a final comma is fine).

    Raises
    ------
    LayerError
        For the first layer that cannot be read, or an empty text.
    """
    # A new line separates layers as a comma does; a comma at the end of a line is the same separator.
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    pieces: list[str] = []
    for number, line in enumerate(lines, start=1):
        pieces += (line[:-1] if number < len(lines) and line.endswith(",") else line).split(",")
    while pieces and not pieces[-1].strip():
        pieces.pop()
    if not pieces:
        raise LayerError("The network has no layers: list them, e.g. conv 6 5x5 pad 2, relu, maxpool 2, flatten, "
                         "linear 10.")
    return [parse_layer(piece, index) for index, piece in enumerate(pieces)]


def _number(data: Mapping[str, Any], name: str, whole: bool) -> int | float:
    value = data.get(name)
    if whole:
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(name)
        return value
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise TypeError(name)
    return float(value)


def layer_from_data(data: Mapping[str, Any]) -> Layer:
    """One layer from its plain-data form.

    Raises
    ------
    TypeError
        With the name of the field that is missing or of the wrong type
        (``"kind"`` for an unknown kind); the caller words the message.
    """
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in FIELDS:
        raise TypeError("kind")
    values = {name: _number(data, name, name != "p") for name in FIELDS[kind]}
    return Layer(kind, **values)  # type: ignore[arg-type]


def layers_to_data(layers: Sequence[Layer]) -> list[dict[str, Any]]:
    """The plain-data form of a list (see :meth:`Layer.to_data`)."""
    return [layer.to_data() for layer in layers]
