"""The window's icons, from ``resources/icons`` (one name per picture, no paths elsewhere).

Each icon is a 24 px PNG with a 48 px ``@2x`` twin, which Qt picks by itself
on a high-DPI screen; the SVG sources sit beside them. A missing file gives an
empty icon, never an error: the text next to it still says what a button does.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

from ..core.paths import resource_path

_cache: dict[str, QIcon] = {}


def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.png`` (e.g. ``"undo"``), loaded once."""
    if name not in _cache:
        path = resource_path("icons", f"{name}.png")
        _cache[name] = QIcon(str(path)) if path.is_file() else QIcon()
    return _cache[name]
