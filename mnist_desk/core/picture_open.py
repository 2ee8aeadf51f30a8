"""Opening a picture file: no hang, our words for what goes wrong, huge pictures made smaller early.

Pillow opens almost anything, but a path may name a named pipe (a read that
never ends), a folder or a file that cannot be read, and Pillow's own texts
are for programmers (:mod:`.picture_errors` words them). A very large photo
is decoded at a reduced size when asked (:data:`WORKING_SIDE`), before any
other work touches its pixels.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .errors import ImageError
from .file_access import DanglingLinkError, NotRegularFileError, open_regular, os_reason
from .picture_errors import bomb_error, read_error

# The longest side a picture is opened at for reading a digit (the Draw tab, ``mnist-desk predict``):
# a digit needs far fewer pixels, and a 144-megapixel photo would take seconds and gigabytes.
WORKING_SIDE = 2048
_REDUCIBLE = ("L", "LA", "RGB", "RGBA", "I", "F")  # modes Image.reduce takes as they are


def open_image(path: str | os.PathLike[str], *, max_side: int | None = None) -> Image.Image:
    """Open a picture file (first frame of an animation), with clear errors.

    Parameters
    ----------
    path
        The file.
    max_side
        When given, a larger picture is made smaller while it is opened (a
        JPEG is decoded at a reduced scale, others are averaged down), so its
        longer side is at most this many pixels: a 144-megapixel photo then
        costs about what a 4-megapixel one does in everything that follows.

    Raises
    ------
    ImageError
        For a missing, empty, truncated, corrupt or non-image file, something
        that is not a file (a folder, a named pipe), a file that cannot be
        read (permission denied), or a decompression bomb.
    """
    file = Path(path).expanduser()
    try:
        handle = open_regular(file)
    except DanglingLinkError as error:
        raise ImageError("{path} is a link to {target}, which does not exist.", path=file,
                         target=error.target) from None
    except FileNotFoundError:
        raise ImageError("Picture not found: {path}", path=file) from None
    except NotRegularFileError as error:
        if error.kind == "a folder":
            raise ImageError("{path} is a folder, not a picture.", path=file) from None
        raise ImageError("{path} is {kind}, not a picture file.", path=file, kind=error.kind) from None
    except OSError as error:
        raise ImageError("Could not open {path}: {reason}.", path=file, reason=os_reason(error)) from error
    with handle:
        if os.fstat(handle.fileno()).st_size == 0:
            raise ImageError("{path} is empty (0 bytes).", path=file)
        try:
            # Pillow's DecompressionBombWarning and "Corrupt EXIF data" are notes for programmers: the picture opens.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with Image.open(handle) as image:
                    image.seek(0)
                    if max_side is not None and max(image.size) > max_side:
                        return _opened_smaller(image, max_side)
                    image.load()
                    return image.copy()
        except Image.DecompressionBombError as error:
            raise bomb_error(file, error) from error
        except UnidentifiedImageError:
            raise ImageError("{path} is not a picture this app can read (PNG, JPEG, BMP, GIF, TIFF, WebP ...).",
                             path=file) from None
        except MemoryError:
            raise ImageError("{path} is too large to open with the memory this computer has left.",
                             path=file) from None
        except (OSError, SyntaxError, ValueError) as error:
            if isinstance(error, OSError) and error.errno is not None:  # the disk, not the picture's bytes
                raise ImageError("Could not read {path}: {reason}.", path=file, reason=os_reason(error)) from error
            raise read_error(file, error) from error


def _opened_smaller(image: Image.Image, max_side: int) -> Image.Image:
    """Decode ``image`` (still unloaded) so its longer side is at most ``max_side``."""
    width, height = image.size
    scale = max_side / max(width, height)
    wanted = (max(1, int(width * scale)), max(1, int(height * scale)))
    if image.format == "JPEG":
        image.draft(image.mode, wanted)  # decoded at 1/2, 1/4 or 1/8 of the size: the quickest and smallest
    image.load()
    if image.mode not in _REDUCIBLE:
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else
                              "RGB" if len(image.getbands()) >= 3 else "L")
    factor = max(1, -(-max(image.size) // max_side))  # the smallest whole factor that fits
    smaller = image.reduce(factor) if factor > 1 else image.copy()
    if max(smaller.size) > max_side:
        smaller.thumbnail((max_side, max_side), Image.Resampling.BOX)
    return smaller
