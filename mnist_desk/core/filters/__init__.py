"""The Filter Lab's arithmetic: convolution and pooling on pictures, as the tutorial's section 1 does them.

:func:`convolve` gives the numbers of the tutorial's ``nn.Conv2d`` with one
input and one output channel and ``bias=False`` (stride, padding and padding
modes included); :func:`pool` those of ``nn.MaxPool2d`` / ``nn.AvgPool2d``.
No Qt here (the window is in :mod:`mnist_desk.ui.filter_lab`).

Read top to bottom, the modules are:

* :mod:`.checks` — the arguments and the output sizes PyTorch gives;
* :mod:`.padding` — the padded picture, one piece at a time;
* :mod:`.conv` — the convolution: one fused multiply-add pass per kernel tap,
  over tiles that stay in the CPU's cache;
* :mod:`.threads` — the few threads that share the tiles;
* :mod:`.pooling` — max and average pooling, ReLU;
* :mod:`.display` — raw results (any range) as 8-bit pictures;
* :mod:`.pipeline` — one Filter Lab run: conv → ReLU → pool → display;
* :mod:`.windows` — where a result pixel comes from, and its arithmetic;
* :mod:`.pictures` — opening any picture file as the tutorial's grey array;
* :mod:`.presets` — kernels to start from.
"""

from .checks import (
                     MAX_KERNEL_SIZE,
                     MIN_DIVISOR,
                     PADDING_MODES,
                     check_fits,
                     check_kernel,
                     conv_output_size,
                     pool_output_size,
                     resolve_padding,
)
from .conv import convolve
from .display import DISPLAY_MODES, to_display, value_range
from .pooling import POOL_KINDS, pool, relu

__all__ = [
    "DISPLAY_MODES", "MAX_KERNEL_SIZE", "MIN_DIVISOR", "PADDING_MODES", "POOL_KINDS", "check_fits", "check_kernel",
    "conv_output_size", "convolve", "pool", "pool_output_size", "relu", "resolve_padding", "to_display",
    "value_range",
]
