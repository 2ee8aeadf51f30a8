"""What the Filter Lab remembers between sessions: the kernel, its note, the options."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ..translation import active_language
from .controls import ChainControls
from .kernel_grid import KernelEditor, format_number, preset_caption

PREFIX = "filter_lab/"


def _flag(settings: QSettings, name: str) -> bool:
    return str(settings.value(PREFIX + name, False)).lower() in ("true", "1")


def _number(settings: QSettings, name: str, default: float = 0.0) -> float:
    """A remembered number; a damaged settings file gives the default, never an exception."""
    try:
        value = float(settings.value(PREFIX + name, default) or default)
    except (TypeError, ValueError):
        return default
    return value if value == value and abs(value) < 1e9 else default


def _note(settings: QSettings, rows: list[list[str]]) -> str:
    """The remembered note, if written in the window's language; else a preset's, if the kernel is one."""
    note = str(settings.value(PREFIX + "kernel_note", "") or "")
    if str(settings.value(PREFIX + "kernel_note_language", "en")) == active_language():
        return note
    from ...core.filters.presets import PRESETS

    for item in PRESETS:  # the same numbers as a preset: its note, in this language
        if [[format_number(float(t)) for t in row] for row in item.kernel] == rows:
            return preset_caption(item)
    return ""


def restore_lab(settings: QSettings, editor: KernelEditor, controls: ChainControls) -> bool:
    """Put the remembered kernel and options back (the tutorial's kernel the first time).

    Returns whether the colour channels are to be filtered separately.
    """
    controls.restore(settings, PREFIX)
    texts = settings.value(PREFIX + "kernel")
    if isinstance(texts, list) and len(texts) in (9, 25):
        size = 3 if len(texts) == 9 else 5
        rows = [[str(t) for t in texts[r * size:(r + 1) * size]] for r in range(size)]
        editor.set_kernel(rows, None, _number(settings, "offset"), _note(settings, rows),
                          normalise=_flag(settings, "normalise"), emit=False)
        editor.divisor_edit.setText(str(settings.value(PREFIX + "divisor", "") or ""))
        editor.keep_as_source()  # the remembered note already says whether these numbers were edited
        editor.refresh()
    else:
        from ...core.filters.presets import preset

        first = preset("tutorial")
        editor.apply_preset(first, emit=False)
        if settings.value(PREFIX + "display") is None:
            controls.set_display(first.display)
    return _flag(settings, "per_channel")


def save_lab(settings: QSettings, editor: KernelEditor, controls: ChainControls, per_channel: bool) -> None:
    """Remember the kernel (as typed), its note and the language of the note, and the options."""
    settings.setValue(PREFIX + "kernel", [t for row in editor.texts() for t in row])
    settings.setValue(PREFIX + "divisor", editor.divisor_edit.text())
    settings.setValue(PREFIX + "normalise", editor.normalise.isChecked())
    settings.setValue(PREFIX + "offset", editor.offset())
    settings.setValue(PREFIX + "kernel_note", editor.note_label.text())
    settings.setValue(PREFIX + "kernel_note_language", active_language())
    settings.setValue(PREFIX + "per_channel", per_channel)
    controls.save(settings, PREFIX)
