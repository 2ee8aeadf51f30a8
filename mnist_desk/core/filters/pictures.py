"""Pictures for the Filter Lab: opening any file as the tutorial's grayscale array, and saving results.

The tutorial reads a picture with ``Image.open(...).convert('L')`` and
``np.array(image, dtype='float32')``: values 0..255. That is what
:attr:`Picture.gray` holds, with the cases ``convert('L')`` gets wrong fixed:

* 16-bit pictures: Pillow's ``convert('L')`` clips them at 255 (almost all
  white); here they are scaled, 65535 → 255;
* transparent pictures (RGBA, LA, palette with transparency): ``convert('L')``
  drops the alpha and shows transparent areas as whatever colour hides there
  (often black); here they are composited over white, as a viewer shows them;
* CMYK is converted through RGB; an animation gives its first frame; a photo's
  EXIF orientation is applied so the picture is upright.

Opening goes through :func:`mnist_desk.core.preprocess.open_image`, which turns
missing, empty, truncated, corrupt, non-image and decompression-bomb files
into one clear :class:`~mnist_desk.core.errors.ImageError`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, cast

import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageOps

from ..atomic_files import write_atomically
from ..errors import ImageError
from ..preprocess import open_image

# The built-in picture's name (the UI shows it translated).
SAMPLE_NAME = "sample picture"

# Codes for what was done to a picture on loading; the window words them.
NOTE_16BIT = "16bit"  # 16-bit values scaled to 0..255
NOTE_FLOAT = "float"  # a float picture mapped to 0..255
NOTE_ALPHA = "alpha"  # transparent areas composited over white
NOTE_CMYK = "cmyk"  # CMYK converted to RGB
NOTE_PALETTE = "palette"  # palette colours looked up
NOTE_FIRST_FRAME = "first_frame"  # an animation: its first frame
NOTE_ROTATED = "rotated"  # turned upright by its EXIF orientation

_SIXTEEN_BIT_MODES = ("I;16", "I;16L", "I;16B", "I;16N")

# Saving a result picture: the format each file name suffix names. All keep every pixel exactly but
# JPEG, which the user asks for by name; GIF is left out (a colour result would lose colours to its palette).
SAVE_FORMATS = {".png": "PNG", ".bmp": "BMP", ".tif": "TIFF", ".tiff": "TIFF", ".webp": "WEBP", ".jpg": "JPEG",
                ".jpeg": "JPEG"}
_SAVE_OPTIONS: dict[str, dict[str, object]] = {"WEBP": {"lossless": True}, "JPEG": {"quality": 95}}


@dataclass
class Picture:
    """A picture ready to filter.

    Attributes
    ----------
    gray
        (H, W) grayscale, values 0..255: uint8, or float32 for 16-bit and
        float sources (their in-between values are kept).
    color
        (H, W, 3) uint8 RGB, or ``None`` when the picture has no colour.
    name
        File name or a description ("pasted picture").
    mode
        The Pillow mode it came in ("RGB", "I;16", "P" ...).
    frames
        Number of frames in the file (only the first is used).
    notes
        ``NOTE_*`` codes for what was done to it.
    """

    gray: np.ndarray
    color: np.ndarray | None
    name: str = ""
    mode: str = ""
    frames: int = 1
    notes: list[str] = field(default_factory=list)

    @property
    def shape(self) -> tuple[int, int]:
        """(height, width) in pixels."""
        return int(self.gray.shape[0]), int(self.gray.shape[1])


def _composite_on_white(image: Image.Image) -> Image.Image:
    rgba = image.convert("RGBA")
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    background.alpha_composite(rgba)
    return background.convert("RGB")


def _has_transparency(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        lowest, _highest = cast(tuple[int, int], image.getchannel("A").getextrema())  # one band: (min, max)
        return lowest < 255
    return image.mode == "P" and "transparency" in image.info


def _gray_from_wide(image: Image.Image, notes: list[str]) -> np.ndarray:
    """16-bit, 32-bit integer and float pictures → float32 0..255, scaled rather than clipped."""
    array = np.asarray(image).astype(np.float32)
    if image.mode == "F":
        notes.append(NOTE_FLOAT)
        array = np.nan_to_num(array, nan=0.0, posinf=0.0, neginf=0.0)
        low, high = float(array.min()), float(array.max())
        if low >= 0.0 and high <= 1.0:
            return array * 255.0
        if low >= 0.0 and high <= 255.0:
            return array
        return (array - low) * (255.0 / (high - low)) if high > low else np.zeros_like(array)
    low, high = float(array.min()), float(array.max())
    if image.mode in _SIXTEEN_BIT_MODES or (0 <= low and 255 < high <= 65535):
        notes.append(NOTE_16BIT)
        return array / 257.0  # 65535 → 255, exactly as 8-bit 255 ↔ 16-bit 65535
    if 0 <= low and high <= 255:
        return array
    notes.append(NOTE_16BIT)
    return (array - low) * (255.0 / (high - low)) if high > low else np.zeros_like(array)


def picture_from_image(image: Image.Image, name: str = "", frames: int = 1) -> Picture:
    """Any Pillow image → a :class:`Picture` (see the module docstring for what is fixed)."""
    notes: list[str] = []
    mode = image.mode
    if frames > 1:
        notes.append(NOTE_FIRST_FRAME)
    try:
        orientation = image.getexif().get(0x0112, 1)
        if orientation not in (None, 1):
            image = ImageOps.exif_transpose(image)
            notes.append(NOTE_ROTATED)
    except Exception:  # a broken EXIF block must not stop the picture from opening
        pass
    if image.width < 1 or image.height < 1:
        if name:
            raise ImageError("{name} has no pixels.", name=name)
        raise ImageError("The picture has no pixels.")
    if mode in (*_SIXTEEN_BIT_MODES, "I", "F"):
        return Picture(_gray_from_wide(image, notes), None, name, mode, frames, notes)
    if mode in ("1", "L"):
        return Picture(np.asarray(image.convert("L")), None, name, mode, frames, notes)
    if mode == "P":
        notes.append(NOTE_PALETTE)
    if mode == "CMYK":
        notes.append(NOTE_CMYK)
    if _has_transparency(image):
        notes.append(NOTE_ALPHA)
        rgb = _composite_on_white(image)
    else:
        rgb = image.convert("RGB")
    gray = np.asarray(rgb.convert("L"))  # the tutorial's convert('L'): ITU-R 601 luma
    color = np.asarray(rgb)
    # Grey in an RGB file: nothing to filter per channel.
    grey = np.array_equal(color[..., 0], color[..., 1]) and np.array_equal(color[..., 1], color[..., 2])
    return Picture(gray, None if grey else color, name, mode, frames, notes)


def picture_from_file(path: str | os.PathLike[str]) -> Picture:
    """Open a picture file (PNG, JPEG, BMP, GIF, TIFF, WebP ...).

    Raises
    ------
    ImageError
        For a missing, empty, truncated, corrupt or non-image file, a
        decompression bomb, or a picture without pixels.
    """
    image = open_image(path)
    frames = 1
    try:
        with Image.open(Path(path).expanduser()) as again:
            frames = int(getattr(again, "n_frames", 1))
    except Exception:  # counting frames is a nicety; open_image already read the first one
        pass
    try:
        return picture_from_image(image, Path(path).name, frames)
    except (OSError, ValueError) as error:
        raise ImageError("{name} could not be converted: {error}", name=Path(path).name, error=str(error)) from error


def picture_from_array(array: np.ndarray, name: str = "") -> Picture:
    """An (H, W), (H, W, 3) or (H, W, 4) uint8 array (e.g. a pasted picture) → a :class:`Picture`."""
    array = np.asarray(array)
    if array.ndim not in (2, 3) or array.shape[0] < 1 or array.shape[1] < 1:
        raise ImageError("A picture needs height and width; got shape {shape}.", shape=array.shape)
    if array.dtype != np.uint8:
        raise ImageError("A picture array must be uint8; got {dtype}.", dtype=str(array.dtype))
    if array.ndim == 2:
        return picture_from_image(Image.fromarray(array, mode="L"), name)
    channels = array.shape[2]
    if channels not in (3, 4):
        raise ImageError("A picture needs 3 (RGB) or 4 (RGBA) channels; got {channels}.", channels=channels)
    mode = "RGB" if channels == 3 else "RGBA"
    return picture_from_image(Image.fromarray(np.ascontiguousarray(array), mode=mode), name)


def sample_picture() -> Picture:
    """A built-in colour picture (shapes, stripes and digits) to try filters on without a file."""
    width, height = 640, 480
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    sky = np.stack([90 + 80 * ys / height, 140 + 60 * ys / height, 220 - 40 * ys / height], axis=-1)
    image = Image.fromarray(sky.astype(np.uint8), mode="RGB")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 330, width, height), fill=(70, 140, 60))
    draw.ellipse((480, 40, 580, 140), fill=(250, 220, 90))
    draw.polygon([(80, 330), (200, 200), (320, 330)], fill=(150, 70, 60))
    draw.rectangle((100, 330, 300, 440), fill=(225, 215, 190), outline=(40, 40, 40), width=3)
    draw.rectangle((180, 370, 220, 440), fill=(90, 60, 40))
    for i in range(9):  # thin stripes of shrinking width: what blurs and edges do to fine detail
        x = 360 + i * 28
        draw.rectangle((x, 200, x + max(1, 9 - i), 320), fill=(20, 20, 20))
    try:
        font = ImageFont.load_default(size=64)
    except (TypeError, OSError):  # Pillow without FreeType: the small bitmap font
        font = ImageFont.load_default()
    draw.text((350, 360), "2 0 7", fill=(255, 255, 255), font=font, stroke_width=2, stroke_fill=(0, 0, 0))
    return picture_from_image(image, SAMPLE_NAME)


def _save_file(path: str | os.PathLike[str], write: Callable[[BinaryIO], object]) -> Path:
    """Save a picture file atomically (see :mod:`atomic_files`), with our messages for what goes wrong."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise ImageError("{path} is a folder; choose a file name.", path=target)
    folder = target.parent
    if not folder.is_dir():
        raise ImageError("The folder {folder} does not exist.", folder=folder)
    try:
        write_atomically(target, write)
    except OSError as error:
        raise ImageError("Could not write {path}: {reason}", path=target,
                         reason=error.strerror or str(error)) from error
    return target


def save_picture(display: np.ndarray, path: str | os.PathLike[str]) -> Path:
    """Save a uint8 (H, W) or (H, W, 3) picture in the format its suffix names (see :data:`SAVE_FORMATS`).

    Raises
    ------
    ImageError
        When the suffix names no format in :data:`SAVE_FORMATS` (a file named
        .jpg must not hold PNG data), or the file cannot be written.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in SAVE_FORMATS:
        raise ImageError("{name} does not end in a picture format this app can save: use .png, or .bmp, .tif, "
                         ".webp or .jpg (or .npy for the raw numbers).", name=Path(path).name)
    return _save_as(display, path, SAVE_FORMATS[suffix])


def _save_as(display: np.ndarray, path: str | os.PathLike[str], kind: str) -> Path:
    array = np.ascontiguousarray(display)
    if array.dtype != np.uint8 or array.ndim not in (2, 3):
        raise ImageError("Only an 8-bit picture can be saved as {kind}.", kind=kind)
    image = Image.fromarray(array, mode="L" if array.ndim == 2 else "RGB")
    options = _SAVE_OPTIONS.get(kind, {})
    return _save_file(path, lambda file: image.save(file, format=kind, **options))


def save_npy(raw: np.ndarray, path: str | os.PathLike[str]) -> Path:
    """Save the raw float result (negatives and all) as a NumPy .npy file."""
    array = np.asarray(raw)
    return _save_file(path, lambda file: np.save(file, array, allow_pickle=False))
