"""Pillow's reasons for not opening a picture, in the app's own words.

Pillow's messages are meant for programmers ("Image size (900000000 pixels)
exceeds limit of 178956970 pixels, could be decompression bomb DOS attack.",
"broken data stream when reading image file") and are English only. The
common ones become :class:`~mnist_desk.core.errors.ImageError` templates of
our own, which the window translates; rarer reasons get a general sentence of
ours, and Pillow's own text goes to the log only.
"""

from __future__ import annotations

import logging
import os
import re

from PIL import Image

from .errors import ImageError

log = logging.getLogger(__name__)

# Pillow's wording (PIL.Image._decompression_bomb_check, PIL.ImageFile.load), read for the numbers and the case.
_BOMB_PIXELS = re.compile(r"\((\d+) pixels\)")
_BOMB_LIMIT = re.compile(r"limit of (\d+) pixels")
_TRUNCATED = ("image file is truncated", "Truncated File Read")  # the second from ImageFile._safe_read
_BROKEN = "broken data stream"


def bomb_error(path: str | os.PathLike[str], error: Exception) -> ImageError:
    """The error for a picture Pillow refuses as a possible decompression bomb.

    Pillow refuses pictures of more than twice ``Image.MAX_IMAGE_PIXELS``
    pixels: decoding one would take gigabytes of memory.
    """
    text = str(error)
    pixels, limit = _BOMB_PIXELS.search(text), _BOMB_LIMIT.search(text)
    most = int(limit.group(1)) if limit else 2 * int(Image.MAX_IMAGE_PIXELS or 0)
    if pixels:
        return ImageError("{path} is too large to open safely: {pixels:,} pixels, more than the limit of "
                          "{limit:,}. Use a smaller picture.", path=path, pixels=int(pixels.group(1)), limit=most)
    return ImageError("{path} is too large to open safely: more than {limit:,} pixels. Use a smaller picture.",
                      path=path, limit=most)


def read_error(path: str | os.PathLike[str], error: Exception) -> ImageError:
    """The error for a picture whose data Pillow cannot decode (an ``OSError``, ``SyntaxError`` or ``ValueError``)."""
    text = str(error)
    if text.startswith(_TRUNCATED):  # "... (12 bytes not processed)" follows for a JPEG
        return ImageError("{path} is truncated or corrupted: the file ends before the picture's data does; "
                          "it may be an unfinished download or copy.", path=path)
    if _BROKEN in text:
        return ImageError("{path} is truncated or corrupted: its picture data is damaged and cannot be decoded.",
                          path=path)
    log.info("Pillow could not decode %s: %s", path, text)
    return ImageError("{path} is truncated or corrupted: its picture data cannot be decoded.", path=path)
