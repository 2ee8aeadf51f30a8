"""Names of the QSettings keys the window and the Draw tab remember, in one place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

WINDOW_GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
WINDOW_TAB = "window/tab"
DRAW_SPLITTER = "draw/splitter"
DRAW_PEN_WIDTH = "draw/pen_width"
DRAW_MNIST_RECIPE = "draw/mnist_recipe"
DRAW_DETAIL_PAGE = "draw/detail_page"
FOLDER_PICTURES = "folders/pictures"
FOLDER_DRAWINGS = "folders/drawings"
FOLDER_WEIGHTS = "folders/weights"


def last_folder(settings: QSettings, key: str) -> str:
    """The folder remembered under ``key`` if it still exists, else the home folder."""
    value = settings.value(key, "", type=str)
    if value and Path(value).is_dir():
        return value
    return str(Path.home())


def remember_folder(settings: QSettings, key: str, file_path: str) -> None:
    """Remember the folder holding ``file_path`` under ``key``."""
    settings.setValue(key, str(Path(file_path).expanduser().resolve().parent))


def read_int(settings: QSettings, key: str, default: int, low: int, high: int) -> int:
    """An int setting, falling back to ``default`` when missing or garbled, clamped to [low, high]."""
    try:
        value = int(settings.value(key, default))
    except (TypeError, ValueError):
        value = default
    return min(max(value, low), high)


def read_bool(settings: QSettings, key: str, default: bool) -> bool:
    """A bool setting; INI files store it as text, so accept "true"/"false" too."""
    value = settings.value(key, default)
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)
