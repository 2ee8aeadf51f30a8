"""Words for what the core reports about a picture."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...core.filters.pictures import (
    NOTE_16BIT,
    NOTE_ALPHA,
    NOTE_CMYK,
    NOTE_FIRST_FRAME,
    NOTE_FLOAT,
    NOTE_PALETTE,
    NOTE_ROTATED,
    SAMPLE_NAME,
    Picture,
)
from .arithmetic import number

# Called as translate("Context", "text") with both spelt out: that is what pyside6-lupdate collects.
translate = QCoreApplication.translate


def _name(picture: Picture) -> str:
    if picture.name == SAMPLE_NAME:
        return translate("FilterPicture", "sample picture")
    return picture.name or translate("FilterPicture", "picture")


def note_text(code: str, picture: Picture) -> str:
    texts = {
        NOTE_16BIT: translate("FilterPicture", "16-bit values scaled to 0…255 (Pillow's convert('L') would clip them)"),
        NOTE_FLOAT: translate("FilterPicture", "floating-point values mapped to 0…255"),
        NOTE_ALPHA: translate("FilterPicture", "transparent areas shown on white"),
        NOTE_CMYK: translate("FilterPicture", "CMYK converted to RGB"),
        NOTE_PALETTE: translate("FilterPicture", "palette colours looked up"),
        NOTE_FIRST_FRAME: translate("FilterPicture", "first frame of {frames}").format(frames=picture.frames),
        NOTE_ROTATED: translate("FilterPicture", "turned upright as its EXIF orientation says"),
    }
    return texts.get(code, code)


def picture_summary(picture: Picture, per_channel: bool = False) -> str:
    """E.g. "cat.png — 886 × 878 pixels (height × width), colour, shown in grayscale as the tutorial's convert('L')"."""
    height, width = picture.shape
    if picture.color is None:
        kind = translate("FilterPicture", "grayscale")
    elif per_channel:
        kind = translate("FilterPicture", "colour, each channel filtered on its own")
    else:
        kind = translate("FilterPicture", "colour, shown in grayscale as the tutorial's convert('L')")
    parts = [
        translate("FilterPicture", "{name} — {height} × {width} pixels (height × width), {kind}").format(
            name=_name(picture), height=height, width=width, kind=kind)
    ]
    parts += [note_text(code, picture) for code in picture.notes]
    # The separator and the full stop are translated too: Chinese uses "；" and "。", not "; " and ".".
    separator = translate("FilterPicture", "; ", "between the parts of a picture's description")
    return translate("FilterPicture", "{description}.", "a picture's description, ended as a sentence").format(
        description=separator.join(parts))


def display_note(mode: str, low: float, high: float) -> str:
    """One line saying what the display does with values below 0 and above 255, and the raw range.

    ``mode`` is the result's display ("clip", "abs" or "rescale"); ``low`` and
    ``high`` are its raw minimum and maximum.
    """
    if mode == "rescale":
        text = translate("FilterDisplay", "Rescaled: {low} → black, {high} → white; below 0 and above 255 still show.")
    elif mode == "abs":
        text = translate("FilterDisplay", "Absolute value: −40 looks like 40, above 255 → white; raw {low} … {high}.")
    else:
        text = translate("FilterDisplay", "Clipped: below 0 → black, above 255 → white; raw {low} … {high}.")
    # Four digits: the line must fit under the result (the arithmetic below gives a pixel's exact value).
    return text.format(low=number(low, 4), high=number(high, 4))
