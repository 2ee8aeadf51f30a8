"""Running the self-test's checks in order and printing the report: one line per check, then a verdict."""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from .context import CheckFailed, SelfTestContext
from .explain import check_explain
from .files import check_resources
from .filters import check_convolution
from .handwriting import check_handwriting
from .layers import check_built_network
from .network import check_classify, check_torchvision, check_training, check_weights
from .window import check_translations, check_window

EXIT_OK = 0
EXIT_FAILED = 1

# (name in the report, check): each check returns what it found, or raises CheckFailed.
CHECKS: list[tuple[str, Callable[[SelfTestContext], str]]] = [
    ("resources", check_resources),
    ("translations", check_translations),
    ("shipped weights", check_weights),
    ("classify bundled digits", check_classify),
    ("convolution and pooling", check_convolution),
    ("torchvision operators", check_torchvision),
    ("training steps", check_training),
    ("built network", check_built_network),
    ("why this answer", check_explain),
    ("handwriting sets", check_handwriting),
    ("main window", check_window),
]


def run_self_test(weights_path: str | os.PathLike[str] | None = None, *, window: bool = True,
                  stream: TextIO | None = None) -> int:
    """Run every check, print one line each and a summary; 0 when all pass, else 1.

    Parameters
    ----------
    weights_path
        The weights to check (default: the shipped weights).
    window
        Also open and close the main window (needs Qt; offscreen without a display).
    stream
        Where to print (default: standard output).
    """
    from .. import __version__
    from ..core.paths import default_weights_path, is_frozen, resource_path

    out = stream or sys.stdout
    ctx = SelfTestContext(
        weights_path=Path(weights_path) if weights_path else default_weights_path(),
        samples_dir=resource_path("samples"),
        icon_path=resource_path("icons", "app.png"),
    )
    kind = "packaged" if is_frozen() else "installed from source"
    print(f"MNIST Desk {__version__} self-test ({kind}, Python {sys.version.split()[0]}, {sys.platform})", file=out)
    failures = 0
    started = time.perf_counter()
    checks = [(name, check) for name, check in CHECKS if window or check is not check_window]
    for name, check in checks:
        t0 = time.perf_counter()
        try:
            detail = check(ctx)
            status = "ok"
        except CheckFailed as error:
            detail, status = str(error), "FAILED"
        except Exception as error:  # anything else is a broken installation: say what broke
            detail, status = f"{type(error).__name__}: {error}", "FAILED"
            traceback.print_exc(file=sys.stderr)
        failures += status != "ok"
        print(f"  [{status:^6}] {name} ({time.perf_counter() - t0:.1f} s): {detail}", file=out, flush=True)
    verdict = "all checks passed" if failures == 0 else f"{failures} of {len(checks)} checks FAILED"
    print(f"self-test: {verdict} in {time.perf_counter() - started:.1f} s", file=out, flush=True)
    return EXIT_OK if failures == 0 else EXIT_FAILED
