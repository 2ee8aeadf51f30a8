"""Load torch's shared libraries without holding the GIL, so the window never freezes while torch loads.

Most of ``import torch`` is the dynamic loader mapping torch's libraries (with
the CUDA build: libtorch_cpu, libtorch_cuda and NVIDIA's libraries, 1.5 GB). An
import maps them while holding the GIL: the window, whose model loads in a
worker thread, stopped answering for up to 0.9 s on 2 cores. ``ctypes`` lets
the GIL go while it loads a library, so :func:`start_preloading_torch` loads the
big C++ libraries that way in a thread of its own, and any ``import torch``
(in whichever thread) waits for it with the GIL released; the import then finds
them loaded and runs only its Python part.

It is started once the window is on screen: loading libraries in parallel with
Qt's own start would slow the first paint, because the dynamic loader does one
library at a time, the main thread's included.

Only on Linux, only for torch's usual wheel layout, and never when
``LD_LIBRARY_PATH`` is set (torch then loads some CUDA libraries by hand, in its
own order, to avoid other copies: it must stay the one to do so). Anything
unexpected leaves the work to ``import torch``, as before.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import os
import sys
import threading
from pathlib import Path

# In the order torch loads them: its global dependencies (RTLD_GLOBAL, as torch does), then
# libtorch, which pulls libtorch_cpu, libtorch_cuda and NVIDIA's libraries. Not libtorch_python:
# C++ libraries only, whose start-up code never needs the GIL.
LIBRARIES = (("libtorch_global_deps.so", True), ("libtorch.so", False))

_thread: threading.Thread | None = None
_loaded = threading.Event()


class _WaitForLibraries(importlib.abc.MetaPathFinder):
    """Holds the first ``import torch`` of any thread until the libraries are loaded (GIL released)."""

    def find_spec(self, name, path=None, target=None):
        if name == "torch" and threading.current_thread() is not _thread:
            _loaded.wait(60)
        # the usual finders do the import itself


_finder = _WaitForLibraries()


def torch_lib_folder() -> Path | None:
    """torch's ``lib`` folder, found without importing torch; None when it is not the usual layout."""
    try:
        spec = importlib.util.find_spec("torch")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "lib"
    return folder if all((folder / name).is_file() for name, _ in LIBRARIES) else None


def _load(folder: Path) -> None:
    import ctypes

    try:
        for name, global_symbols in LIBRARIES:
            ctypes.CDLL(str(folder / name), mode=ctypes.RTLD_GLOBAL if global_symbols else ctypes.RTLD_LOCAL)
    except OSError:
        pass  # import torch loads them itself (and says what is wrong, if anything is)
    finally:
        _loaded.set()
        if _finder in sys.meta_path:
            sys.meta_path.remove(_finder)


def start_preloading_torch() -> bool:
    """Start loading torch's libraries in a daemon thread (once); False when skipped (see the module)."""
    global _thread
    if _thread is not None:
        return True
    if not sys.platform.startswith("linux") or os.environ.get("LD_LIBRARY_PATH") or "torch" in sys.modules:
        return False
    folder = torch_lib_folder()
    if folder is None:
        return False
    _thread = threading.Thread(target=_load, args=(folder,), name="torch-preload", daemon=True)
    sys.meta_path.insert(0, _finder)
    _thread.start()
    return True
