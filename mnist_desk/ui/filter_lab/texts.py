"""Words for what the core reports about a picture."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...core.filter_pictures import (NOTE_16BIT, NOTE_ALPHA, NOTE_CMYK, NOTE_FIRST_FRAME, NOTE_FLOAT, NOTE_PALETTE,
                                     NOTE_ROTATED, Picture)


def _tr(text: str) -> str:
    return QCoreApplication.translate("FilterPicture", text)


def note_text(code: str, picture: Picture) -> str:
    texts = {
        NOTE_16BIT: _tr("16-bit values scaled to 0…255 (Pillow's convert('L') would clip them)"),
        NOTE_FLOAT: _tr("floating-point values mapped to 0…255"),
        NOTE_ALPHA: _tr("transparent areas shown on white"),
        NOTE_CMYK: _tr("CMYK converted to RGB"),
        NOTE_PALETTE: _tr("palette colours looked up"),
        NOTE_FIRST_FRAME: _tr("first frame of %1").replace("%1", str(picture.frames)),
        NOTE_ROTATED: _tr("turned upright as its EXIF orientation says"),
    }
    return texts.get(code, code)


def picture_summary(picture: Picture, per_channel: bool = False) -> str:
    """E.g. "cat.png — 886 × 878 pixels (height × width), colour, shown in grayscale as the tutorial's convert('L')"."""
    height, width = picture.shape
    if picture.color is None:
        kind = _tr("grayscale")
    elif per_channel:
        kind = _tr("colour, each channel filtered on its own")
    else:
        kind = _tr("colour, shown in grayscale as the tutorial's convert('L')")
    parts = [_tr("%1 — %2 × %3 pixels (height × width), %4").replace("%1", picture.name or _tr("picture"))
             .replace("%2", str(height)).replace("%3", str(width)).replace("%4", kind)]
    parts += [note_text(code, picture) for code in picture.notes]
    return "; ".join(parts) + "."
