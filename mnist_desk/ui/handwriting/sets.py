"""Which handwriting set is active, the sets a user has, and news of a set's changes shared by every tab.

The active set's folder is remembered in the settings (``handwriting/active``);
without one it is ``mine`` in the user data folder's ``handwriting`` folder
(made at the first digit added). Sets made in the app live there, one folder
each; a folder opened from elsewhere is remembered too (``handwriting/opened``).

Every view of a set (the Draw tab's collecting row, the My handwriting tab,
the Evaluate and Train tabs' choices) follows one hub: :func:`set_hub`'s
``active_changed`` when another set is made active, ``contents_changed(folder)``
when digits were added, relabelled, deleted or imported.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal

from ...core.handwriting.sets import list_sets
from ...core.paths import handwriting_dir

ACTIVE_KEY = "handwriting/active"
OPENED_KEY = "handwriting/opened"
DEFAULT_SET_NAME = "mine"
OPENED_LIMIT = 20


class SetHub(QObject):
    """Tells every view of a handwriting set what changed."""

    active_changed = Signal()
    contents_changed = Signal(str)  # the folder of the set that changed


_hub: SetHub | None = None


def set_hub() -> SetHub:
    """The application's one hub (made on first use, a child of the application)."""
    global _hub
    if _hub is None or _hub.parent() is not QCoreApplication.instance():
        _hub = SetHub(QCoreApplication.instance())
    return _hub


def default_set_folder() -> Path:
    """Where the first set goes: ``mine`` in the user data folder's ``handwriting``."""
    return handwriting_dir() / DEFAULT_SET_NAME


def active_folder(settings: QSettings) -> Path:
    """The active set's folder (which may not exist yet: it is made at the first digit added)."""
    value = settings.value(ACTIVE_KEY, "", type=str)
    return Path(value) if value else default_set_folder()


def _opened(settings: QSettings) -> list[str]:
    value = settings.value(OPENED_KEY, [])
    if isinstance(value, str):  # an INI file gives one entry back as a plain string
        value = [value] if value else []
    return [str(item) for item in value or [] if item]


def set_active(settings: QSettings, folder: str | Path) -> None:
    """Make ``folder`` the active set everywhere and remember it (a folder from elsewhere, in the list)."""
    path = Path(folder).expanduser().absolute()
    settings.setValue(ACTIVE_KEY, str(path))
    if path.parent != handwriting_dir():
        opened = [str(path)] + [item for item in _opened(settings) if item != str(path)]
        settings.setValue(OPENED_KEY, opened[:OPENED_LIMIT])
    settings.sync()
    set_hub().active_changed.emit()


def forget(settings: QSettings, folder: str | Path) -> None:
    """Take a folder opened from elsewhere off the list (its files stay as they are)."""
    settings.setValue(OPENED_KEY, [item for item in _opened(settings) if item != str(folder)])
    if str(active_folder(settings)) == str(folder):
        settings.setValue(ACTIVE_KEY, "")
    settings.sync()
    set_hub().active_changed.emit()


def known_sets(settings: QSettings) -> list[Path]:
    """The sets to offer: those in the user data folder, then the folders opened from elsewhere, the active one
    always among them."""
    sets = list_sets(handwriting_dir())
    for item in _opened(settings):
        path = Path(item)
        if path.is_dir() and path not in sets:
            sets.append(path)
    active = active_folder(settings)
    if active not in sets:
        sets.insert(0, active)
    return sets


def contents_changed(folder: str | Path) -> None:
    """Say that a set's digits changed (every view of it reloads)."""
    set_hub().contents_changed.emit(str(folder))
