"""Build the compiled convolution kernels that :mod:`filter_compiled` runs.

NumPy has no fused multiply-add, so :mod:`filter_engine` needs several
passes over a picture per kernel. A compiled loop does all of a kernel's
taps in one pass. None of MNIST Desk's dependencies ships such a loop for
float32 pictures (Pillow's ``ImageFilter.Kernel`` takes 8-bit pictures only;
torch's ``conv2d`` is built for many channels and is 30 × slower on one), but
torch can write one: AOTInductor turns a small torch program (the sum of
``k × k`` shifted, strided views of the picture, each times one kernel
number) into C++ with vector instructions and OpenMP threads, compiles it
into a shared library and packs it into a ``.pt2`` file. Loading and running
that file needs torch only, no compiler (see :mod:`filter_compiled`).

Building needs a C++ compiler and takes 15-30 s per kernel on 2 cores.
``mnist-desk build-filter-kernels`` builds them into the user's data folder;
``build.spec`` builds them into the packaged app. Without them the Filter Lab
uses :mod:`filter_engine`, which gives the same numbers more slowly.

One kernel is built per kernel size, stride and picture type; the picture's size, the
kernel's numbers, the divisor and the offset are inputs, so one build serves
every picture and every kernel of that size. On x86-64 the code is built for
AVX2 (every x86-64 CPU since 2013-2015), not for the building machine's own
CPU, so that a packaged app runs on other machines.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError
from .atomic_files import current_umask

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
KERNEL_SIZES = (3, 5)
# Stride 1 only by default: a stride of s leaves s² times fewer pixels to compute, which
# filter_engine does fast enough; each kernel built costs 15-30 s.
STRIDES = (1,)
# float32 only: a kernel reading 8-bit pictures directly was built too, and took 57 ms on
# 12 MP where float32 takes 8 (inductor loads 8 bytes at a time through a buffer); an 8-bit
# picture is converted first instead, in threads (filter_compiled).
DTYPES = ("float32",)


def kernel_key(size: int, stride: int, dtype: str) -> str:
    """The manifest's key for a kernel."""
    return f"{size}x{size}/stride{stride}/{dtype}"


def parse_kernel_key(key: str) -> tuple[int, int, str]:
    """``(size, stride, dtype)`` from a manifest key made by :func:`kernel_key`."""
    shape, stride, dtype = key.split("/")
    return int(shape.split("x")[0]), int(stride.removeprefix("stride")), dtype


def kernel_file_name(size: int, stride: int, dtype: str) -> str:
    """File name of the compiled kernel for a ``size × size`` kernel at ``stride`` on ``dtype`` pictures."""
    return f"correlate_{size}x{size}_stride{stride}_{dtype}.pt2"


@dataclass(frozen=True)
class BuildStep:
    """Progress of :func:`build_kernels`: ``done`` of ``total`` kernels built, ``name`` the one just built."""

    done: int
    total: int
    name: str


def find_compiler() -> str | None:
    """The C++ compiler torch would use, or ``None`` when there is none."""
    for name in (os.environ.get("CXX"), "g++", "clang++", "c++", "cl"):
        if name and shutil.which(name):
            return name
    return None


def _has_aot_packages() -> bool:
    """Whether this torch can write and load AOTInductor packages (torch 2.6 and newer)."""
    import torch
    import torch._inductor

    return hasattr(torch._inductor, "aoti_compile_and_package") and hasattr(torch._C, "_aoti")


def why_cannot_build() -> str | None:
    """Why this machine cannot build the kernels (an English sentence), or ``None`` when it can."""
    import torch

    if not _has_aot_packages():
        return f"Building the compiled filter kernels needs torch 2.6 or newer; this is torch {torch.__version__}."
    if find_compiler() is None:
        return ("Building the compiled filter kernels needs a C++ compiler (g++, clang++ or Visual C++), "
                "and none was found.")
    return None


def _correlation_module(size: int, stride: int):  # -> torch.nn.Module
    import torch

    as_float = torch.float32

    class ValidCorrelation(torch.nn.Module):
        """``out = (Σ_rc weights[r·k + c] · picture[r + s·i, c + s·j]) / divisor + offset``."""

        def forward(self, picture: torch.Tensor, weights: torch.Tensor, divisor: torch.Tensor,
                    offset: torch.Tensor, out: torch.Tensor) -> tuple[()]:
            rows, cols = out.shape
            span_rows, span_cols = (rows - 1) * stride + 1, (cols - 1) * stride + 1
            total = None
            for r in range(size):
                for c in range(size):
                    # Row by row, column by column, as nn.Conv2d sums its taps.
                    window = picture[r:r + span_rows:stride, c:c + span_cols:stride]
                    tap = window.to(as_float) * weights[r * size + c]
                    total = tap if total is None else total + tap
            out.copy_(total / divisor + offset)
            return ()

    return ValidCorrelation()


def _example_inputs(size: int, stride: int, dtype: str) -> tuple:
    """Inputs to trace with. The picture and the output are views into wider arrays, so that the
    compiled code takes their row strides as inputs rather than assuming rows follow each other."""
    import torch

    out_rows, out_cols = 37, 41
    in_rows, in_cols = (out_rows - 1) * stride + size, (out_cols - 1) * stride + size
    picture = torch.zeros(in_rows + 3, in_cols + 7, dtype=getattr(torch, dtype))[1:1 + in_rows, 2:2 + in_cols]
    out = torch.zeros(out_rows + 2, out_cols + 5)[1:1 + out_rows, 3:3 + out_cols]
    return picture, torch.zeros(size * size), torch.ones(()), torch.zeros(()), out


def _compiler_settings() -> dict[str, object]:
    """Inductor settings for code that runs on other machines than the one building it."""
    machine = platform.machine().lower()
    if machine in ("x86_64", "amd64"):
        # Baseline x86-64 plus the AVX2 vector code inductor adds (-mavx2 -mfma -mf16c),
        # instead of its default -march=native.
        return {"cpp.march": "x86-64", "cpp.simdlen": 256}
    if machine in ("aarch64", "arm64") and sys.platform.startswith("linux"):
        # Not -march=native, which may enable SVE; filter_compiled refuses kernels whose vector
        # code needs more than NEON. (macOS passes no -march at all.)
        return {"cpp.march": "armv8-a"}
    return {}


def build_kernel(size: int, stride: int, dtype: str, path: Path) -> dict[str, str]:
    """Compile the kernel for ``size``, ``stride`` and ``dtype`` pictures into ``path`` (a ``.pt2`` file).

    Returns
    -------
    dict
        The package's metadata (platform, machine, CPU instruction set).
    """
    import torch
    import torch._inductor

    dynamic = torch.export.Dim.DYNAMIC
    shapes = {"picture": {0: dynamic, 1: dynamic}, "weights": None, "divisor": None, "offset": None,
              "out": {0: dynamic, 1: dynamic}}
    program = torch.export.export(_correlation_module(size, stride), _example_inputs(size, stride, dtype),
                                  dynamic_shapes=shapes)
    with torch._inductor.config.patch(_compiler_settings()):
        torch._inductor.aoti_compile_and_package(program, package_path=str(path))
    loader = torch._C._aoti.AOTIModelPackageLoader(str(path), "model", False, 1, -1)
    return dict(loader.get_metadata())


def build_kernels(directory: Path, sizes: tuple[int, ...] = KERNEL_SIZES, strides: tuple[int, ...] = STRIDES,
                  dtypes: tuple[str, ...] = DTYPES) -> Iterator[BuildStep]:
    """Build one compiled kernel per size, stride and picture type into ``directory``, with its manifest.

    The kernels are built in a temporary folder beside ``directory`` and moved
    in at the end with the manifest, so an interrupted build leaves the old
    kernels (or none) in place, never a mix.

    Parameters
    ----------
    directory
        Folder to hold the ``.pt2`` files and ``manifest.json``; created if needed.
    sizes, strides, dtypes
        Kernel sizes (odd), strides and picture types ("uint8", "float32") to build.

    Yields
    ------
    BuildStep
        After each kernel.

    Raises
    ------
    ConfigError
        When there is no C++ compiler, or torch is too old (see :func:`why_cannot_build`).
    """
    import torch

    if find_compiler() is None:
        raise ConfigError("Building the compiled filter kernels needs a C++ compiler (g++, clang++ or "
                          "Visual C++), and none was found. The Filter Lab works without them, more slowly.")
    if not _has_aot_packages():
        raise ConfigError("Building the compiled filter kernels needs torch 2.6 or newer; this is torch "
                          "{version}. The Filter Lab works without them, more slowly.", version=torch.__version__)
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    total = len(sizes) * len(strides) * len(dtypes)
    staging = Path(tempfile.mkdtemp(prefix=".filter-kernels-", dir=directory.parent))
    os.chmod(staging, 0o777 & ~current_umask())  # mkdtemp's 0700 would stay after the rename
    try:
        kernels: dict[str, str] = {}
        metadata: dict[str, str] = {}
        for size in sizes:
            for stride in strides:
                for dtype in dtypes:
                    name = kernel_file_name(size, stride, dtype)
                    metadata = build_kernel(size, stride, dtype, staging / name)
                    kernels[kernel_key(size, stride, dtype)] = name
                    yield BuildStep(len(kernels), total, name)
        manifest = {"format": MANIFEST_FORMAT, "torch": torch.__version__, "platform": metadata.get("AOTI_PLATFORM"),
                    "machine": metadata.get("AOTI_MACHINE"), "isa": metadata.get("AOTI_CPU_ISA"),
                    "kernels": kernels}
        (staging / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        if directory.exists():
            shutil.rmtree(directory)
        staging.rename(directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
