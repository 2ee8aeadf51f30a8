"""A user's handwriting sets: one folder each in the user data folder, listed by name, named safely."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import HandwritingSetError
from .store import is_skipped


def list_sets(root: str | os.PathLike[str]) -> list[Path]:
    """The sets in ``root`` (the user data folder's ``handwriting``): its folders that are not hidden, by name."""
    folder = Path(root)
    try:
        entries: Iterable[os.DirEntry[str]] = list(os.scandir(folder))
    except OSError:
        return []
    return sorted((folder / entry.name for entry in entries if entry.is_dir() and not is_skipped(entry.name)),
                  key=lambda path: path.name.lower())


def check_set_name(name: str) -> str:
    """A new set's name, stripped, if it can be a folder's name on any system.

    Raises
    ------
    HandwritingSetError
        For an empty name, one with a path separator or a character Windows refuses, or one too long.
    """
    stripped = name.strip()
    if not stripped or stripped in (".", ".."):
        raise HandwritingSetError("A set needs a name.")
    bad = sorted({character for character in stripped if character in '/\\:*?"<>|' or ord(character) < 32})
    if bad:
        raise HandwritingSetError("A set's name cannot hold {characters}: {name!r}.",
                                  characters=" ".join(repr(c) for c in bad), name=stripped)
    if stripped.startswith(".") or stripped.endswith("."):
        raise HandwritingSetError("A set's name cannot start or end with a dot: {name!r}.", name=stripped)
    if len(stripped.encode("utf-8")) > 200:
        raise HandwritingSetError("A set's name is too long (at most 200 bytes): {name!r}.", name=stripped)
    return stripped


def make_set(root: str | os.PathLike[str], name: str) -> Path:
    """Make a new set named ``name`` in ``root`` (with its ten digit folders); returns its folder.

    Raises
    ------
    HandwritingSetError
        For a name that cannot be a folder's (:func:`check_set_name`) or a set that exists already.
    FileSaveError
        When the folder cannot be made.
    """
    from .store import HandwritingSet

    folder = Path(root) / check_set_name(name)
    if os.path.lexists(folder):
        raise HandwritingSetError("A set named {name!r} already exists: choose it in the list, or another name.",
                                  name=folder.name)
    return HandwritingSet.create(folder).folder
