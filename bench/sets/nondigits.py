"""Pictures that hold no digit, made on this machine: letters, characters, symbols, words,
scribbles, doodles, shapes, textures and photographs.

Letters, words and symbols come from the fonts installed here (``fc-list``, and
matplotlib's own) and from OpenCV's stroke (Hershey) fonts, which draw like a
pen; Chinese characters from a CJK font when one is installed. Photographs and
textures are scikit-image's sample pictures, cropped at random. Letters and
symbols that look like a digit when written alone (O, I, l, S, Z, B, g, q ...)
are left out: a model cannot be faulted for reading them as one.
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from . import doodles
from .render import CANVAS, affine, deliver, deliver_picture, pen_ink, pen_width_for, random_pose, wobble

LATIN = "ACEFHKLMNPRTUVWXYacdefhkmnprtuvwxy"
GREEK = "αγεηκλμνξπρτυφχψωΓΔΛΞΠΣΦΨΩ"
CYRILLIC = "ДЖИЙЛПФЦШЩЫЮЯдживйлпфцшщыюякт"
SYMBOLS = "#%&*+=~?!@∑∞∫√∂∇≈≠¶€£¥©®♠♣♥♦★☆✓✗✈✉✂✎☎☺♫⌘⚑❄✿❀➔➜"
HANZI = "人大中国天心水火木山日月电书学文字字画车马鸟鱼猫狗家门风雨雪花草米田生长东西南北你我他好爱"
WORDS = ("cat dog hello sun tree word mnist desk pen ink draw yes no ok hi maybe apple house river light "
         "code data test model art paper note love blue red zoom happy moon star fish bird name draft "
         "abc xyz name sky wave rock jazz frog quick brown").split()
HERSHEY = (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_PLAIN, cv2.FONT_HERSHEY_DUPLEX, cv2.FONT_HERSHEY_COMPLEX,
           cv2.FONT_HERSHEY_TRIPLEX, cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, cv2.FONT_HERSHEY_SCRIPT_COMPLEX)
PHOTOS = ("astronaut", "camera", "coffee", "chelsea", "rocket", "moon", "coins", "horse", "hubble_deep_field",
          "immunohistochemistry", "retina", "page", "text", "clock", "cell", "microaneurysms", "logo", "colorwheel")
TEXTURES = ("brick", "grass", "gravel")

CATEGORIES = ("letters", "characters", "symbols", "words", "scribbles", "doodles", "shapes", "textures", "photos")


@functools.cache
def font_files() -> tuple[str, ...]:
    """TrueType/OpenType fonts of this machine (fc-list) and matplotlib's, in a fixed order."""
    files: set[str] = set()
    try:
        listed = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, timeout=30).stdout
        files.update(line.strip() for line in listed.splitlines())
    except (OSError, subprocess.SubprocessError):
        pass
    import matplotlib

    files.update(str(p) for p in (Path(matplotlib.get_data_path()) / "fonts" / "ttf").glob("*.ttf"))
    # LastResort draws a placeholder box for every character it "has": not letters.
    return tuple(sorted(f for f in files if f.lower().endswith((".ttf", ".otf")) and "LastResort" not in f))


@functools.cache
def _cmap(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, lazy=True) as font:
            return frozenset(font.getBestCmap() or {})
    except Exception:  # noqa: BLE001 - a font fontTools cannot read is simply not used
        return frozenset()


def fonts_with(text: str) -> list[str]:
    return [f for f in font_files() if all(ord(c) in _cmap(f) for c in text if not c.isspace())]


def _glyph_mask(text: str, font_path: str, size: int = 160) -> np.ndarray | None:
    font = ImageFont.truetype(font_path, size)
    left, top, right, bottom = font.getbbox(text)
    if right - left < 2 or bottom - top < 2:
        return None
    image = Image.new("L", (right - left + 8, bottom - top + 8), 0)
    ImageDraw.Draw(image).text((4 - left, 4 - top), text, fill=255, font=font)
    mask = np.asarray(image, np.float32) / 255.0
    return mask if mask.max() > 0.5 else None


def _hershey_ink(text: str, rng: np.random.Generator) -> np.ndarray:
    """Text written with a pen in a Hershey stroke font, at a random pose on the canvas."""
    font = HERSHEY[int(rng.integers(len(HERSHEY)))] | (cv2.FONT_ITALIC if rng.random() < 0.3 else 0)
    height, centre = random_pose(rng, 0.25, 0.8)
    width = pen_width_for(height, rng, 0.04, 0.2)
    scale = 4.0
    (tw, th), base = cv2.getTextSize(text, font, scale, 1)
    pad = int(width) + 8
    image = np.zeros((th + base + 2 * pad, tw + 2 * pad), np.uint8)
    cv2.putText(image, text, (pad, pad + th), font, scale, 255, max(1, int(round(width * (th / height)))), cv2.LINE_AA)
    return _place(image.astype(np.float32) / 255.0, rng, height, centre)


def _place(mask: np.ndarray, rng: np.random.Generator, height: float, centre: tuple[float, float]) -> np.ndarray:
    """Put an ink mask on the canvas: ``height`` tall (or narrower to fit), rotated, slanted."""
    ys, xs = np.nonzero(mask > 0.1)
    if ys.size == 0:
        return np.zeros((CANVAS, CANVAS), np.float32)
    box = np.array([[xs.min(), ys.min()], [xs.max(), ys.min()], [xs.min(), ys.max()], [xs.max(), ys.max()]], float)
    h, w = ys.max() - ys.min() + 1, xs.max() - xs.min() + 1
    height = min(height, 0.92 * CANVAS * h / w)
    target = affine(box, rng, height, centre, max_rotation=15.0, max_slant=0.3, aspect=(0.85, 1.15))
    matrix = cv2.getAffineTransform(box[:3].astype(np.float32), target[:3].astype(np.float32))
    ink = cv2.warpAffine(mask, matrix, (CANVAS, CANVAS), flags=cv2.INTER_LINEAR)
    return np.clip(ink, 0, 1)


def _text_sample(text: str, rng: np.random.Generator) -> tuple[np.ndarray, str, str]:
    """(ink, delivery, what) for a text: typed in an installed font, or written in a stroke font."""
    candidates = fonts_with(text)
    if candidates and (rng.random() < 0.6 or not text.isascii()):
        path = candidates[int(rng.integers(len(candidates)))]
        mask = _glyph_mask(text, path)
        if mask is not None:
            height, centre = random_pose(rng, 0.3, 0.85)
            delivery = "file" if rng.random() < 0.55 else "opened"
            return _place(mask, rng, height, centre), delivery, f"{Path(path).stem}:{text}"
    delivery = ("canvas", "opened", "file")[int(rng.choice(3, p=[0.6, 0.15, 0.25]))]
    return _hershey_ink(text, rng), delivery, f"hershey:{text}"


def _strokes_sample(strokes: list[np.ndarray], rng: np.random.Generator, filled: bool = False) -> np.ndarray:
    points = np.vstack(strokes)
    height, centre = random_pose(rng)
    posed = affine(points, rng, height, centre, max_rotation=25.0, max_slant=0.25)
    pieces, start = [], 0
    for s in strokes:
        pieces.append(posed[start:start + len(s)])
        start += len(s)
    pieces = wobble(pieces, rng, 0.02 * height)
    if filled:
        ink = np.zeros((CANVAS, CANVAS), np.uint8)
        cv2.fillPoly(ink, [np.round(p * 16).astype(np.int32) for p in pieces], 255, cv2.LINE_AA, 4)
        return ink.astype(np.float32) / 255.0
    return pen_ink(pieces, pen_width_for(height, rng))


@functools.cache
def _picture(name: str) -> np.ndarray:
    import skimage.data

    image = getattr(skimage.data, name)()
    if image.dtype == bool:
        image = image.astype(np.uint8) * 255
    if image.ndim == 3 and image.shape[2] == 4:
        image = image[..., :3]
    return np.ascontiguousarray(image)


def _crop(image: np.ndarray, rng: np.random.Generator, whole: float = 0.3) -> np.ndarray:
    h, w = image.shape[:2]
    if rng.random() < whole:
        crop = image
    else:
        side = int(min(h, w) * rng.uniform(0.2, 0.8))
        aspect = rng.uniform(0.7, 1.4)
        ch, cw = min(h, int(side * aspect)), min(w, int(side / aspect))
        top, left = int(rng.integers(0, h - ch + 1)), int(rng.integers(0, w - cw + 1))
        crop = image[top:top + ch, left:left + cw]
    size = rng.uniform(0.15, 1.0)  # as a small photo or a big one
    out_h, out_w = max(12, int(crop.shape[0] * size)), max(12, int(crop.shape[1] * size))
    return np.asarray(Image.fromarray(crop).resize((out_w, out_h), Image.Resampling.BILINEAR))


def _synthetic_texture(rng: np.random.Generator) -> tuple[np.ndarray, str]:
    size = int(rng.integers(40, 300))
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float32) / size
    kind = ("noise", "smooth noise", "stripes", "checkerboard", "dots", "waves")[int(rng.integers(6))]
    if kind == "noise":
        picture = rng.uniform(0, 1, (size, size))
    elif kind == "smooth noise":
        picture = cv2.GaussianBlur(rng.uniform(0, 1, (size, size)).astype(np.float32), (0, 0), rng.uniform(1, 6))
    elif kind == "stripes":
        angle, freq = rng.uniform(0, np.pi), rng.uniform(3, 15)
        picture = 0.5 + 0.5 * np.sign(np.sin(2 * np.pi * freq * (np.cos(angle) * xs + np.sin(angle) * ys)))
    elif kind == "checkerboard":
        n = int(rng.integers(3, 12))
        picture = ((np.floor(xs * n) + np.floor(ys * n)) % 2).astype(np.float32)
    elif kind == "dots":
        n = int(rng.integers(4, 12))
        picture = (np.hypot((xs * n) % 1 - 0.5, (ys * n) % 1 - 0.5) < rng.uniform(0.15, 0.4)).astype(np.float32)
    else:
        bend = 3 * np.sin(2 * np.pi * rng.uniform(1, 4) * ys)
        picture = 0.5 + 0.5 * np.sin(2 * np.pi * rng.uniform(2, 8) * xs + bend)
    picture = np.asarray(picture, np.float32)
    picture = picture * rng.uniform(0.4, 1.0) + rng.uniform(0, 0.3)
    return (np.clip(picture, 0, 1) * 255).astype(np.uint8), kind


def make(category: str, rng: np.random.Generator):
    """One non-digit of ``category``: (Preprocessed, delivery, what it is)."""
    if category in ("letters", "characters", "symbols", "words"):
        if category == "letters":
            alphabet = (LATIN, LATIN, GREEK, CYRILLIC)[int(rng.integers(4))]
            text = alphabet[int(rng.integers(len(alphabet)))]
        elif category == "characters":
            text = HANZI[int(rng.integers(len(HANZI)))]
        elif category == "symbols":
            text = SYMBOLS[int(rng.integers(len(SYMBOLS)))]
        else:
            text = WORDS[int(rng.integers(len(WORDS)))]
            text = text.capitalize() if rng.random() < 0.3 else text
        ink, delivery, what = _text_sample(text, rng)
        return deliver(ink, delivery, rng, dark_paper=rng.random() < 0.2), delivery, what
    if category in ("scribbles", "doodles", "shapes"):
        table = {"scribbles": doodles.SCRIBBLES, "doodles": doodles.DOODLES, "shapes": doodles.SHAPES}[category]
        names = sorted(table)
        name = names[int(rng.integers(len(names)))]
        filled = category == "shapes" and name in ("polygon", "rectangle", "star") and rng.random() < 0.4
        ink = _strokes_sample(table[name](rng), rng, filled)
        delivery = ("canvas", "opened", "file")[int(rng.choice(3, p=[0.6, 0.15, 0.25]))]
        what = name + (" (filled)" if filled else "")
        return deliver(ink, delivery, rng, dark_paper=rng.random() < 0.2), delivery, what
    if category == "textures":
        if rng.random() < 0.5:
            name = TEXTURES[int(rng.integers(len(TEXTURES)))]
            picture = _crop(_picture(name), rng, whole=0.1)
        else:
            picture, name = _synthetic_texture(rng)
        delivery = "file" if rng.random() < 0.6 else "opened"
        return deliver_picture(picture, delivery), delivery, name
    if category == "photos":
        name = PHOTOS[int(rng.integers(len(PHOTOS)))]
        picture = _crop(_picture(name), rng)
        delivery = "file" if rng.random() < 0.6 else "opened"
        return deliver_picture(picture, delivery), delivery, name
    raise ValueError(f"unknown category {category!r}")
