"""Run the compiled convolution kernels that :mod:`filter_kernel_build` makes.

A compiled kernel does all of a kernel's taps in one pass over the picture,
with vector instructions and threads, where :mod:`filter_engine` needs
several NumPy passes: on a 12-megapixel picture it runs about as fast as
OpenCV's ``filter2D`` (``bench/filter_speed.py``).

:func:`convolve_plane` uses one for the inside of the output, where the kernel
lies wholly on the picture. The border rows and columns, where padding comes
in (zeros, reflect, replicate, circular), are few; they are cut out with
their padding and left to the caller's NumPy engine.

Loading a kernel takes a few milliseconds with torch's own loader for
AOTInductor packages (``torch._C._aoti``): no compiler, and no import of
torch's compiler stack. A kernel is used only when

* ``$MNIST_DESK_FILTER_ENGINE`` is not ``numpy``;
* its manifest names this torch version, operating system and machine, and
  this CPU can run its instruction set;
* on loading, it gives exactly the numbers of a direct sum on a small test
  picture (with views whose rows are not packed, as the real calls use).

Otherwise the NumPy engine does the work, with the same numbers, and
:func:`engine_status` says why.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import paths
from .filter_engine import padded_region, run_row_parts
from .filter_kernel_build import MANIFEST_FORMAT, MANIFEST_NAME, kernel_key

ENGINE_ENV_VAR = "MNIST_DESK_FILTER_ENGINE"
# Below this many output pixels the NumPy engine is as quick, and nothing needs loading.
MIN_PIXELS = 65_536
# Instruction sets a kernel may be built for, and the CPUs (torch's names) that run each.
_RUNS_ON = {"AVX2": ("AVX2", "AVX512"), "AVX512": ("AVX512",)}

Border = Callable[[np.ndarray], np.ndarray]


@dataclass
class _Kernels:
    """The kernels found, or why there are none."""

    directory: Path | None = None
    files: dict[str, Path] = field(default_factory=dict)
    problem: str | None = None
    loaded: dict[str, object | None] = field(default_factory=dict)  # key → runner, None: unusable
    failures: dict[str, str] = field(default_factory=dict)


_lock = threading.Lock()
_found: _Kernels | None = None
_enabled = True


def set_enabled(enabled: bool) -> None:
    """Use compiled kernels when built (True, the default) or always the NumPy engine (benchmarks, tests)."""
    global _enabled
    _enabled = enabled


def reset() -> None:
    """Forget the kernels found and loaded: the next call looks again (after a build, in tests)."""
    global _found
    with _lock:
        _found = None


def _problem_with(manifest: dict) -> str | None:
    """Why the kernels of ``manifest`` cannot run here, or ``None``."""
    import torch

    if manifest.get("format") != MANIFEST_FORMAT:
        return "they were built by another version of MNIST Desk"
    if manifest.get("torch") != torch.__version__:
        return f"they were built for torch {manifest.get('torch')}, this is torch {torch.__version__}"
    if manifest.get("platform") != sys.platform or manifest.get("machine") != platform.machine():
        return f"they were built for {manifest.get('platform')} on {manifest.get('machine')}"
    isa = manifest.get("isa")
    capability = torch.backends.cpu.get_cpu_capability()
    if isa in _RUNS_ON and capability not in _RUNS_ON[isa]:
        return f"they need a CPU with {isa}; this one offers {capability}"
    return None


def _read(directory: Path) -> _Kernels:
    """The kernels in ``directory`` per its manifest, or why they cannot be used."""
    manifest_path = directory / MANIFEST_NAME
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        files = {str(key): directory / str(name) for key, name in dict(manifest["kernels"]).items()}
    except (OSError, ValueError, KeyError, TypeError) as error:
        return _Kernels(directory, problem=f"{manifest_path} cannot be read ({error})")
    missing = [path.name for path in files.values() if not path.is_file()]
    problem = _problem_with(manifest) or (f"{', '.join(missing)} are missing" if missing else None)
    return _Kernels(directory, files if problem is None else {}, problem)


def folder_problem(directory: Path) -> str | None:
    """Why the kernels in ``directory`` would not be used here, or ``None`` when they would."""
    if not (Path(directory) / MANIFEST_NAME).is_file():
        return "none are built there"
    return _read(Path(directory)).problem


def _find() -> _Kernels:
    """The first kernel folder with a manifest (see :func:`paths.filter_kernel_dirs`), checked."""
    if os.environ.get(ENGINE_ENV_VAR, "").strip().lower() == "numpy":
        return _Kernels(problem=f"${ENGINE_ENV_VAR} is numpy")
    for directory in paths.filter_kernel_dirs():
        if (directory / MANIFEST_NAME).is_file():
            return _read(directory)
    return _Kernels(problem="none are built (mnist-desk build-filter-kernels builds them)")


def _kernels() -> _Kernels:
    global _found
    with _lock:
        if _found is None:
            _found = _find()
        return _found


def _run(runner: object, picture: np.ndarray, weights: np.ndarray, divisor: float, offset: float,
         out: np.ndarray) -> None:
    import torch

    with warnings.catch_warnings():
        # A read-only picture (a view of a loaded image) is only read by the kernel.
        warnings.filterwarnings("ignore", message="The given NumPy array is not writable")
        inputs = [torch.from_numpy(picture), torch.from_numpy(weights),
                  torch.tensor(divisor, dtype=torch.float32), torch.tensor(offset, dtype=torch.float32),
                  torch.from_numpy(out)]
    runner.run(inputs)  # type: ignore[attr-defined]


def _passes_check(runner: object, size: int, stride: int, dtype: np.dtype) -> bool:
    """Whether ``runner`` gives exactly a direct float64 sum's numbers on a small test picture."""
    rng = np.random.default_rng(size * 10 + stride)
    rows, cols = 19, 27
    in_rows, in_cols = (rows - 1) * stride + size, (cols - 1) * stride + size
    wide = rng.integers(0, 256, (in_rows + 2, in_cols + 5)).astype(dtype)
    picture = wide[1:1 + in_rows, 3:3 + in_cols]  # rows not packed, as the real calls' views
    weights = rng.integers(-4, 5, (size, size)).astype(np.float32)
    out_wide = np.full((rows + 3, cols + 4), np.float32(7))
    out = out_wide[1:1 + rows, 2:2 + cols]
    _run(runner, picture, weights.ravel(), 2.0, 0.5, out)
    expected = np.zeros((rows, cols))
    for r in range(size):
        for c in range(size):
            taps = picture[r:r + (rows - 1) * stride + 1:stride, c:c + (cols - 1) * stride + 1:stride]
            expected += taps.astype(np.float64) * float(weights[r, c])
    untouched = np.count_nonzero(out_wide != 7) == out.size  # nothing written outside the view
    return untouched and np.array_equal(out, (expected / 2 + 0.5).astype(np.float32))


def _runner(size: int, stride: int, dtype: np.dtype) -> object | None:
    """The loaded, checked kernel for these, or ``None``."""
    found = _kernels()
    key = kernel_key(size, stride, dtype.name)
    with _lock:
        if key in found.loaded:
            return found.loaded[key]
        runner = None
        path = found.files.get(key)
        if path is not None:
            try:
                import torch

                runner = torch._C._aoti.AOTIModelPackageLoader(str(path), "model", False, 1, -1)
                if not _passes_check(runner, size, stride, dtype):
                    found.failures[key] = "it gave wrong numbers on the test picture"
                    runner = None
            except Exception as error:  # a damaged or foreign file: the NumPy engine will do
                found.failures[key] = f"{type(error).__name__}: {error}"
                runner = None
        found.loaded[key] = runner
        return runner


def engine_status() -> str:
    """One English line on whether compiled kernels are used, and why not (for logs and the bench)."""
    found = _kernels()
    if found.problem:
        return f"NumPy engine: no compiled filter kernels are used, as {found.problem}."
    failed = "; ".join(f"{key}: {why}" for key, why in found.failures.items())
    kinds = ", ".join(sorted(found.files))
    return f"Compiled filter kernels from {found.directory} ({kinds})" + (f"; not used: {failed}" if failed else "")


def has_kernel(size: int, stride: int, dtype: np.dtype) -> bool:
    """Whether a compiled kernel would be used for these (loading and checking it if needed)."""
    return _runner(size, stride, np.dtype(dtype)) is not None


def _packed_float32(plane: np.ndarray) -> np.ndarray:
    """``plane`` as a new C-ordered float32 array, converted in threads (half the time of ``astype``)."""
    packed = np.empty(plane.shape, dtype=np.float32)

    def work(start: int, stop: int) -> None:
        np.copyto(packed[start:stop], plane[start:stop])

    run_row_parts(plane.shape[0], work, plane.size)
    return packed


def _inside(count: int, size: int, stride: int, padding: int, out_count: int) -> tuple[int, int]:
    """Output positions ``[first, stop)`` whose window lies wholly inside ``count`` picture pixels."""
    first = -(-padding // stride)
    stop = min(out_count, (count - size + padding) // stride + 1)
    return first, max(first, stop)


def convolve_plane(plane: np.ndarray, kernel: np.ndarray, stride: int, padding: int, mode: str,
                   divisor: float | None, offset: float, out: np.ndarray, border: Border) -> bool:
    """Fill ``out`` with ``plane`` convolved by ``kernel``, the inside by a compiled kernel.

    Parameters
    ----------
    plane
        (H, W) picture, checked by the caller.
    kernel, stride, padding, mode, divisor, offset
        As :func:`mnist_desk.core.filters.convolve` takes them, checked.
    out
        (H', W') float32 output.
    border
        ``border(region)``: the valid convolution of a float32 ``region``
        (a piece of the padded picture), by the caller's NumPy engine.

    Returns
    -------
    bool
        False when no compiled kernel fits (``out`` is then untouched).
    """
    size = kernel.shape[0]
    out_h, out_w = out.shape
    if not _enabled or out_h * out_w < MIN_PIXELS or plane.dtype not in (np.uint8, np.float32):
        return False
    (top, bottom), (left, right) = (_inside(plane.shape[0], size, stride, padding, out_h),
                                    _inside(plane.shape[1], size, stride, padding, out_w))
    if bottom - top < 2 or right - left < 2:
        return False
    runner = _runner(size, stride, np.dtype(np.float32))
    if runner is None:
        return False
    if plane.dtype != np.float32 or plane.strides[1] != plane.itemsize:
        # An 8-bit picture or a colour channel: the kernel reads rows of packed float32 numbers.
        plane = _packed_float32(plane)
    picture = plane[top * stride - padding:(bottom - 1) * stride - padding + size,
                    left * stride - padding:(right - 1) * stride - padding + size]
    weights = np.ascontiguousarray(kernel, dtype=np.float32).ravel()
    _run(runner, picture, weights, 1.0 if divisor is None else divisor, offset, out[top:bottom, left:right])
    # The rest: whole rows above and below the inside, then the columns beside it.
    span = (lambda first, stop: (first * stride, (stop - 1) * stride + size))
    pieces = [((0, top), (0, out_w)), ((bottom, out_h), (0, out_w)),
              ((top, bottom), (0, left)), ((top, bottom), (right, out_w))]
    for (r0, r1), (c0, c1) in pieces:
        if r1 > r0 and c1 > c0:
            out[r0:r1, c0:c1] = border(padded_region(plane, span(r0, r1), span(c0, c1), padding, mode))
    return True
