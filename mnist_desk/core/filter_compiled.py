"""Run the compiled convolution kernels that :mod:`filter_kernel_build` makes.

A compiled kernel does all of a kernel's taps in one pass over the picture,
with vector instructions and threads, where :mod:`filter_engine` needs
several NumPy passes: on a 12-megapixel picture it runs about as fast as
OpenCV's ``filter2D`` (``bench/filter_speed.py``).

:func:`convolve_plane` runs one over the inside of the output, where the
kernel lies wholly on the picture, and then over the border rows and
columns, cut out of the padded picture (zeros, reflect, replicate,
circular). So every output pixel is the same arithmetic as ``nn.Conv2d``'s,
infinities and NaN included (``inf × 0`` is NaN, as there; the NumPy engine
skips zero taps).

Loading a kernel takes a few milliseconds with torch's own loader for
AOTInductor packages (``torch._C._aoti``): no compiler, and no import of
torch's compiler stack. A kernel is used only when

* ``$MNIST_DESK_FILTER_ENGINE`` is not ``numpy``;
* its manifest names this torch version, operating system and machine, and
  this CPU can run its instruction set;
* on loading, it gives exactly the numbers of a direct sum on a small test
  picture (with views whose rows are not packed, as the real calls use).

Otherwise the NumPy engine does the work, and :func:`engine_status` says
why. The compiled code trusts the shapes and strides it is given (it checks
nothing itself), so :func:`_run` checks them before every call.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import paths
from .filter_engine import padded_region, run_row_parts
from .filter_kernel_build import MANIFEST_FORMAT, MANIFEST_NAME, kernel_key, parse_kernel_key

ENGINE_ENV_VAR = "MNIST_DESK_FILTER_ENGINE"
# Below this many output pixels the NumPy engine is as quick, and nothing needs loading.
MIN_PIXELS = 65_536
# Instruction sets a kernel may be built for, and the CPUs (torch's names) that run each;
# the baseline ones (ARM's NEON, plain C++) run on every CPU of their machine type.
_RUNS_ON = {"AVX2": ("AVX2", "AVX512"), "AVX512": ("AVX512",)}
_BASELINE_ISAS = ("NEON", "DEFAULT", "")
_FLOAT32 = np.dtype(np.float32)

# torch warns that it cannot protect a read-only array from writes; the kernels only read pictures.
warnings.filterwarnings("ignore", message="The given NumPy array is not writable", category=UserWarning,
                        module=__name__)


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
    """Use compiled kernels when built, or always the NumPy engine (benchmarks, tests, the self-test).

    Parameters
    ----------
    enabled
        True (the default) to use them.
    """
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
    isa = manifest.get("isa") or ""
    capability = torch.backends.cpu.get_cpu_capability()
    if isa in _RUNS_ON:
        return None if capability in _RUNS_ON[isa] else f"they need a CPU with {isa}; this one offers {capability}"
    return None if isa in _BASELINE_ISAS else f"they were built for {isa}, which cannot be checked here"


def _read(directory: Path) -> _Kernels:
    """The kernels in ``directory`` per its manifest, or why they cannot be used."""
    manifest_path = directory / MANIFEST_NAME
    if not manifest_path.is_file():
        return _Kernels(directory, problem="none are built there")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        files = {str(key): directory / str(name) for key, name in dict(manifest["kernels"]).items()}
    except (OSError, ValueError, KeyError, TypeError) as error:
        return _Kernels(directory, problem=f"{manifest_path} cannot be read ({error})")
    missing = [path.name for path in files.values() if not path.is_file()]
    problem = _problem_with(manifest) or (f"{', '.join(missing)} are missing" if missing else None)
    return _Kernels(directory, files if problem is None else {}, problem)


def _load(path: Path, size: int, stride: int) -> tuple[object | None, str | None]:
    """The kernel in ``path``, loaded and checked, or ``None`` and why not."""
    try:
        import torch

        runner = torch._C._aoti.AOTIModelPackageLoader(str(path), "model", False, 1, -1)
        if not _passes_check(runner, size, stride):
            return None, "it gave wrong numbers on the test picture"
        return runner, None
    except Exception as error:  # a damaged or foreign file: the NumPy engine will do
        lines = str(error).strip().splitlines()
        return None, f"{type(error).__name__}: {lines[0] if lines else ''}"


def fits_here(directory: Path) -> bool:
    """Whether ``directory`` holds kernels built for this torch, system and CPU.

    Parameters
    ----------
    directory
        A folder made by :func:`filter_kernel_build.build_kernels`.

    Returns
    -------
    bool
        True when its manifest is readable, names this torch, system, machine
        and a CPU instruction set this CPU has, and lists files that exist.
        Loading them may still fail: :func:`folder_problem` tries.
    """
    return _read(Path(directory)).problem is None


def disabled_by_environment() -> bool:
    """Whether ``$MNIST_DESK_FILTER_ENGINE`` turns the compiled kernels off."""
    return os.environ.get(ENGINE_ENV_VAR, "").strip().lower() == "numpy"


def folder_problem(directory: Path) -> str | None:
    """Why the kernels in ``directory`` would not be used here.

    Parameters
    ----------
    directory
        A folder made by :func:`filter_kernel_build.build_kernels`.

    Returns
    -------
    str or None
        An English reason ("none are built there", "they were built for torch
        …", a kernel that does not load or gives wrong numbers), or ``None``
        when every kernel there loads and passes its check.
    """
    found = _read(Path(directory))
    if found.problem:
        return found.problem
    for key, path in found.files.items():
        size, stride, _dtype = parse_kernel_key(key)
        _runner, why = _load(path, size, stride)
        if why:
            return f"{path.name}: {why}"
    return None


def _find() -> _Kernels:
    """The first usable kernel folder (see :func:`paths.filter_kernel_dirs`), or the first one's problem."""
    if disabled_by_environment():
        return _Kernels(problem=f"${ENGINE_ENV_VAR} is numpy")
    first: _Kernels | None = None
    for directory in paths.filter_kernel_dirs():
        if (directory / MANIFEST_NAME).is_file():
            found = _read(directory)
            if found.problem is None:
                return found
            first = first or found
    return first or _Kernels(problem="none are built (mnist-desk build-filter-kernels builds them)")


def _kernels() -> _Kernels:
    global _found
    with _lock:
        if _found is None:
            _found = _find()
        return _found


def _check_layout(name: str, array: np.ndarray, shape: tuple[int, int]) -> None:
    if (array.dtype != _FLOAT32 or array.shape != shape or array.strides[1] != _FLOAT32.itemsize
            or array.strides[0] < 0 or array.strides[0] % _FLOAT32.itemsize):
        raise ValueError(f"compiled filter kernel: {name} must be float32 {shape} with packed columns; got "
                         f"{array.dtype} {array.shape} with strides {array.strides}")


def _run(runner: object, size: int, stride: int, picture: np.ndarray, weights: np.ndarray, divisor: float,
         offset: float, out: np.ndarray) -> None:
    """Run a kernel, after checking what its compiled code assumes (it would read or write anywhere)."""
    import torch

    rows, cols = out.shape
    if rows < 2 or cols < 2 or weights.shape != (size * size,) or weights.dtype != _FLOAT32:
        raise ValueError(f"compiled filter kernel: output {out.shape} or weights {weights.shape} do not fit")
    _check_layout("the output", out, (rows, cols))
    _check_layout("the picture", picture, ((rows - 1) * stride + size, (cols - 1) * stride + size))
    runner.run([torch.from_numpy(picture), torch.from_numpy(weights),  # type: ignore[attr-defined]
                torch.tensor(divisor, dtype=torch.float32), torch.tensor(offset, dtype=torch.float32),
                torch.from_numpy(out)])


def _passes_check(runner: object, size: int, stride: int) -> bool:
    """Whether ``runner`` gives exactly a direct float64 sum's numbers on a small test picture."""
    rng = np.random.default_rng(size * 10 + stride)
    rows, cols = 19, 27
    in_rows, in_cols = (rows - 1) * stride + size, (cols - 1) * stride + size
    wide = rng.integers(0, 256, (in_rows + 2, in_cols + 5)).astype(np.float32)
    picture = wide[1:1 + in_rows, 3:3 + in_cols]  # rows not packed, as the real calls' views
    weights = rng.integers(-4, 5, (size, size)).astype(np.float32)
    out_wide = np.full((rows + 3, cols + 4), np.float32(7))
    out = out_wide[1:1 + rows, 2:2 + cols]
    _run(runner, size, stride, picture, weights.ravel(), 2.0, 0.5, out)
    expected = np.zeros((rows, cols))
    for r in range(size):
        for c in range(size):
            taps = picture[r:r + (rows - 1) * stride + 1:stride, c:c + (cols - 1) * stride + 1:stride]
            expected += taps.astype(np.float64) * float(weights[r, c])
    untouched = np.count_nonzero(out_wide != 7) == out.size  # nothing written outside the view
    return untouched and np.array_equal(out, (expected / 2 + 0.5).astype(np.float32))


def _runner(size: int, stride: int) -> object | None:
    """The loaded, checked kernel for these, or ``None``."""
    found = _kernels()
    key = kernel_key(size, stride, "float32")
    with _lock:
        if key not in found.loaded:
            runner, why = (None, None) if key not in found.files else _load(found.files[key], size, stride)
            if why:
                found.failures[key] = why
            found.loaded[key] = runner
        return found.loaded[key]


def engine_status() -> str:
    """Which engine :func:`convolve_plane` uses, and why.

    Returns
    -------
    str
        One English line for the self-test, the bench and the build command:
        the folder and kinds of the kernels used, and any that failed, or
        why none are used.
    """
    found = _kernels()
    if found.problem:
        return f"NumPy engine: no compiled filter kernels are used, as {found.problem}."
    failed = "; ".join(f"{key}: {why}" for key, why in found.failures.items())
    kinds = ", ".join(sorted(found.files))
    return f"Compiled filter kernels from {found.directory} ({kinds})" + (f"; not used: {failed}" if failed else "")


def has_kernel(size: int, stride: int) -> bool:
    """Whether a compiled kernel is used for a ``size × size`` kernel at ``stride`` (loading and checking it).

    Parameters
    ----------
    size, stride
        The kernel's size and the stride.

    Returns
    -------
    bool
        False when none is built for these, or it cannot be used here (see :func:`engine_status`).
    """
    return _enabled and _runner(size, stride) is not None


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


def _widened(first: int, stop: int) -> tuple[int, int]:
    """A border ``[first, stop)`` at least 2 wide (the kernels make at least 2 × 2 pixels): a border that
    starts at 0 grows forward, one at the far end backward, into the inside (at least 2 wide itself)."""
    if stop - first >= 2:
        return first, stop
    return (first, first + 2) if first == 0 else (stop - 2, stop)


def convolve_plane(plane: np.ndarray, kernel: np.ndarray, stride: int, padding: int, mode: str,
                   divisor: float | None, offset: float, out: np.ndarray) -> bool:
    """Fill ``out`` with ``plane`` convolved by ``kernel``, by a compiled kernel when one fits.

    Parameters
    ----------
    plane
        (H, W) picture, checked by the caller.
    kernel, stride, padding, mode, divisor, offset
        As :func:`mnist_desk.core.filters.convolve` takes them, checked.
    out
        (H', W') float32 output, C-ordered.

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
    runner = _runner(size, stride)
    if runner is None:
        return False
    if plane.dtype != np.float32 or plane.strides[1] != plane.itemsize or plane.strides[0] < 0 \
            or plane.strides[0] % plane.itemsize:
        # An 8-bit picture, a colour channel, a flipped view: the kernel reads rows of packed float32.
        plane = _packed_float32(plane)
    weights = np.ascontiguousarray(kernel, dtype=np.float32).ravel()
    divisor = 1.0 if divisor is None else divisor
    picture = plane[top * stride - padding:(bottom - 1) * stride - padding + size,
                    left * stride - padding:(right - 1) * stride - padding + size]
    _run(runner, size, stride, picture, weights, divisor, offset, out[top:bottom, left:right])
    # Then the borders: whole rows above and below the inside, the columns beside it. A border
    # 1 pixel wide is widened into the inside, which it computes again with the same numbers.
    span = (lambda first, stop: (first * stride, (stop - 1) * stride + size))
    pieces = [(_widened(*rows), (0, out_w)) for rows in ((0, top), (bottom, out_h)) if rows[1] > rows[0]]
    pieces += [((top, bottom), _widened(*cols)) for cols in ((0, left), (right, out_w)) if cols[1] > cols[0]]
    for (r0, r1), (c0, c1) in pieces:
        region = padded_region(plane, span(r0, r1), span(c0, c1), padding, mode)
        _run(runner, size, stride, region, weights, divisor, offset, out[r0:r1, c0:c1])
    return True
