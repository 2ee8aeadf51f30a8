"""One Filter Lab computation: convolution → optional ReLU → optional pooling → display.

``conv → ReLU → max pool`` is one layer of a CNN (the tutorial's ``conv1``
block). :func:`run_filter` is a plain iterator, so the window can run it in a
worker thread and stop it between steps; :func:`plan_stages` gives every
shape without computing anything (:mod:`.windows` gives the arithmetic behind
one result pixel).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from ..errors import ImageError
from .checks import check_fits, check_kernel, conv_output_size, pool_output_size, resolve_padding
from .conv import convolve
from .display import to_display
from .pooling import pool, relu

IDENTITY = ((0.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 0.0))


@dataclass(frozen=True)
class FilterSettings:
    """Everything that decides a Filter Lab result (plain values, hashable).

    ``padding`` is pixels on each side or ``"same"``, which here means
    (k − 1) / 2 pixels at any stride (with stride 1 that keeps the size, as
    PyTorch's ``padding='same'``). ``pool_on`` is ``"conv"`` (pool the
    convolution's result) or ``"original"`` (pool the picture itself, no
    convolution). ``pool`` is ``None``, ``"max"`` or ``"avg"``.
    """

    kernel: tuple[tuple[float, ...], ...] = IDENTITY
    stride: int = 1
    padding: int | str = 0
    padding_mode: str = "zeros"
    divisor: float | None = None
    offset: float = 0.0
    relu: bool = False
    pool: str | None = None
    pool_size: int = 2
    pool_stride: int | None = None
    pool_on: str = "conv"
    display: str = "rescale"

    @property
    def kernel_size(self) -> int:
        """The kernel's side, 3 or 5."""
        return len(self.kernel)

    def kernel_array(self) -> np.ndarray:
        """The kernel as a checked float32 (k, k) array."""
        return check_kernel(self.kernel)

    @property
    def padding_pixels(self) -> int:
        """The padding on each side, in pixels."""
        if self.padding == "same":
            return (self.kernel_size - 1) // 2
        return resolve_padding(self.padding, self.kernel_size, self.stride)

    @property
    def convolves(self) -> bool:
        """Whether the run convolves (not when it pools the original picture)."""
        return not (self.pool is not None and self.pool_on == "original")

    @property
    def pool_step(self) -> int:
        """The pooling window's stride (its size unless set)."""
        return self.pool_size if self.pool_stride is None else self.pool_stride


@dataclass(frozen=True)
class Stage:
    """One step and the (height, width) it produces: kind is input, conv, relu or pool."""

    kind: str
    shape: tuple[int, int]


def plan_stages(settings: FilterSettings, shape: tuple[int, int]) -> list[Stage]:
    """Every step's output shape for a picture of ``shape`` (height, width), computing nothing.

    Raises
    ------
    ImageError
        When the picture is smaller than the kernel (after padding), too
        small for reflect / circular padding, or smaller than the pooling
        window: the same message the computation would give.
    """
    height, width = shape
    stages = [Stage("input", (height, width))]
    if settings.convolves:
        size, pad, stride = settings.kernel_size, settings.padding_pixels, settings.stride
        check_fits(height, width, size, stride, pad, settings.padding_mode)
        height, width = conv_output_size(height, size, stride, pad), conv_output_size(width, size, stride, pad)
        stages.append(Stage("conv", (height, width)))
        if settings.relu:
            stages.append(Stage("relu", (height, width)))
    if settings.pool is not None:
        window, step = settings.pool_size, settings.pool_step
        pooled = pool_output_size(height, window, step), pool_output_size(width, window, step)
        if pooled[0] < 1 or pooled[1] < 1:
            if settings.convolves:
                raise ImageError("The convolution result ({height} × {width}) is smaller than the "
                                 "{size}×{size} pooling window.", height=height, width=width, size=window)
            raise ImageError("The picture ({height} × {width}) is smaller than the {size}×{size} pooling window.",
                             height=height, width=width, size=window)
        stages.append(Stage("pool", pooled))
    return stages


@dataclass
class FilterResult:
    """What one run produced, for display (plain data).

    ``conv`` is the convolution's raw output (``None`` when pooling the
    original), ``activated`` the same after ReLU (or ``conv`` itself),
    ``result`` the last step's raw float output and ``display`` its uint8
    rendering; ``low``/``high`` are the raw range of ``result``.
    """

    version: int
    settings: FilterSettings
    source: np.ndarray
    conv: np.ndarray | None
    activated: np.ndarray | None
    result: np.ndarray
    display: np.ndarray
    low: float
    high: float
    stages: list[Stage] = field(default_factory=list)


def run_filter(image: np.ndarray, settings: FilterSettings, version: int = 0) -> Iterator[str | FilterResult]:
    """Compute the whole chain on ``image`` ((H, W) or (H, W, C)).

    Yields the name of each step as it starts (so a worker can stop between
    steps), then the :class:`FilterResult`.
    """
    stages = plan_stages(settings, image.shape[:2])
    conv = activated = None
    current = image
    if settings.convolves:
        yield "conv"
        conv = convolve(image, settings.kernel_array(), stride=settings.stride, padding=settings.padding_pixels,
                        padding_mode=settings.padding_mode, divisor=settings.divisor, offset=settings.offset)
        activated = conv
        if settings.relu:
            yield "relu"
            activated = relu(conv)
        current = activated
    if settings.pool is not None:
        yield "pool"
        current = pool(current, settings.pool, settings.pool_size, settings.pool_stride)
    result = np.asarray(current, dtype=np.float32)
    yield "display"
    display, low, high = to_display(result, settings.display)
    yield FilterResult(version, settings, image, conv, activated, result, display, low, high, stages)
