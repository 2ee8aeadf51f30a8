"""The one place that knows where MNIST Desk's files live.

Three layouts are supported:

* a source checkout or editable install: ``weights/`` and ``resources/`` sit
  beside the ``mnist_desk`` package;
* a PyInstaller bundle: they are unpacked under ``sys._MEIPASS``;
* a regular wheel install: they are installed as data files under
  ``<prefix>/share/mnist-desk``.

User data (the downloaded MNIST files, the user's own handwriting sets) goes
to the platform's user data folder unless the user points elsewhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "mnist-desk"
DATA_ENV_VAR = "MNIST_DESK_DATA"
DEFAULT_WEIGHTS_NAME = "mnist_desk.pt"


def _bundle_roots() -> list[Path]:
    """Folders that may hold ``weights/`` and ``resources/``, most specific first."""
    roots: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        roots.append(Path(frozen_root))
    roots.append(Path(__file__).resolve().parents[2])  # source checkout
    roots.append(Path(sys.prefix) / "share" / APP_NAME)  # wheel data files
    return roots


def _find_dir(name: str) -> Path:
    for root in _bundle_roots():
        candidate = root / name
        if candidate.is_dir():
            return candidate
    # Fall back to the checkout layout so error messages name a sensible path.
    return _bundle_roots()[0] / name


def is_frozen() -> bool:
    """True when running from a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def weights_dir() -> Path:
    """Folder of the shipped weights."""
    return _find_dir("weights")


def resources_dir() -> Path:
    """Folder of icons, sample pictures and other read-only resources."""
    return _find_dir("resources")


def resource_path(*parts: str) -> Path:
    """Path of one resource file, e.g. ``resource_path("icons", "app.png")``."""
    return resources_dir().joinpath(*parts)


def default_weights_path() -> Path:
    """The shipped weights used when the user names none."""
    return weights_dir() / DEFAULT_WEIGHTS_NAME


def user_data_dir() -> Path:
    """The platform's per-user data folder for MNIST Desk (not created here)."""
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA") or Path.home())
        return base / "MNIST Desk"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "MNIST Desk"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_NAME


def autosave_dir() -> Path:
    """Where the window keeps the automatic checkpoint of a training run until it is saved or discarded."""
    return user_data_dir() / "autosave"


def resolve_data_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """Where to look for MNIST.

    Parameters
    ----------
    option
        A folder given on the command line or stored in the app's settings.
        Empty or ``None`` means "not given".

    Returns
    -------
    Path
        ``option`` if given, else ``$MNIST_DESK_DATA`` if set, else
        ``user_data_dir() / "data"``. The folder is the ``root`` that
        ``torchvision.datasets.MNIST`` expects (it holds ``MNIST/raw``).
    """
    if option:
        return Path(option).expanduser()
    env = os.environ.get(DATA_ENV_VAR)
    if env:
        return Path(env).expanduser()
    return user_data_dir() / "data"


def handwriting_dir() -> Path:
    """The folder that holds the user's handwriting sets, one sub-folder each (not created here).

    ``user_data_dir() / "handwriting"``; each set in it is a folder in
    torchvision's ``ImageFolder`` layout (see :mod:`mnist_desk.core.handwriting`).
    """
    return user_data_dir() / "handwriting"
