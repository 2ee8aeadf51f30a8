"""A handwriting set from writers unlike MNIST's: digits set in this machine's fonts, each one jittered.

About 900 pictures (``--per-digit`` of each digit 0 to 9) drawn as the app
stores a drawing (448×448, dark ink on white, 8-bit grey PNG) into a folder in
the ImageFolder layout (``DIR/0/*.png`` …), deterministic for a given font list
and seed. The "writers" are the fonts (`fc-list`): the handwriting-like Z003
(Zapf Chancery) and URW Bookman italic, and the print faces, sans and serif,
upright and italic, bold and light, mono, condensed. Their 1s have flags and
feet, their 4s are closed, their 7s have serifs: unlike MNIST's American
writers. Every picture is jittered: font size, slant (a shear), a small
rotation, stroke width (thickened with the font outline's stroke, or thinned),
position, and a little blur as a pen's edge; and each is written in one of
five habits (:data:`STYLES`): plain, hollow (the outline only), with gaps (a
skipping pen), stretched wide or narrow, or dotted.

    python bench/font_digits.py OUT_DIR [--per-digit 90] [--seed 0]

Fonts whose digits are missing or all alike, and symbol and dingbat faces
(whose "digits" are symbols), are left out; the fonts used are listed in ``OUT_DIR/fonts.txt`` (a file beside the
digit folders, which readers of the layout skip).
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SIZE = 448
FONT_SUFFIXES = (".ttf", ".otf")


def font_files() -> list[Path]:
    """The machine's TrueType/OpenType fonts (one file per face), by path: ``fc-list`` or the usual folders."""
    try:
        listing = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True, text=True,
                                 timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError):
        listing = [str(p) for root in ("/usr/share/fonts", "/usr/local/share/fonts") for p in Path(root).rglob("*")]
    return sorted({Path(name) for name in listing if name.lower().endswith(FONT_SUFFIXES)})


def _glyph(font: ImageFont.FreeTypeFont, text: str) -> np.ndarray:
    picture = Image.new("L", (120, 120), 0)
    ImageDraw.Draw(picture).text((60, 60), text, fill=255, font=font, anchor="mm")
    return np.asarray(picture) > 127


def usable_fonts(files: list[Path]) -> list[Path]:
    """Fonts that have ten distinct, visible digits (symbol and dingbat faces do not)."""
    usable = []
    for path in files:
        try:
            font = ImageFont.truetype(str(path), 80)
        except OSError:
            continue
        family = font.getname()[0] or ""
        if any(word in family.lower() for word in ("symbol", "dingbat", "d050000l")):  # symbols at the digits' codes
            continue
        glyphs = [_glyph(font, str(digit)) for digit in range(10)]
        if any(glyph.sum() < 40 for glyph in glyphs):
            continue
        distinct = {glyph.tobytes() for glyph in glyphs}
        if len(distinct) == 10 and not all(np.array_equal(glyphs[0], g) for g in glyphs[1:]):
            usable.append(path)
    return usable


STYLES = ("plain", "outline", "gaps", "stretched", "dotted")
_STYLE_WEIGHTS = (0.3, 0.2, 0.2, 0.15, 0.15)


def _styled(ink: Image.Image, style: str, rng: np.random.Generator) -> Image.Image:
    """A writer's habit on top of the font: hollow strokes, gaps, a wide or narrow hand, a dotted pen."""
    if style == "outline":  # the font's outline only, as a hollow digit drawn round its shape
        width = int(rng.choice([9, 13, 17]))
        return ImageChops.subtract(ink, ink.filter(ImageFilter.MinFilter(width)))
    if style == "gaps":  # two or three breaks, as a pen skipping
        draw = ImageDraw.Draw(ink)
        box = ink.getbbox() or (0, 0, ink.width, ink.height)
        for _ in range(int(rng.integers(2, 4))):
            y = rng.uniform(box[1], box[3])
            slope = rng.uniform(-0.6, 0.6)
            draw.line([(box[0] - 20, y - slope * 200), (box[2] + 20, y + slope * 200)], fill=0,
                      width=int(rng.integers(10, 22)))
        return ink
    if style == "stretched":
        factor = rng.choice([rng.uniform(0.5, 0.7), rng.uniform(1.5, 1.9)])
        return ink.resize((max(1, int(ink.width * factor)), ink.height), Image.Resampling.BICUBIC)
    if style == "dotted":  # a dotted line: the ink seen through a grid of dots
        step = int(rng.choice([14, 18, 22]))
        ys, xs = np.mgrid[0:ink.height, 0:ink.width]
        dots = (((ys % step) - step / 2) ** 2 + ((xs % step) - step / 2) ** 2) < (step * 0.38) ** 2
        return Image.fromarray((np.asarray(ink) * dots).astype(np.uint8))
    return ink


def render_digit(font_path: Path, digit: int, rng: np.random.Generator) -> Image.Image:
    """One digit in one font, in one style, jittered, as dark ink on white, SIZE×SIZE."""
    size = int(rng.uniform(170, 320))
    font = ImageFont.truetype(str(font_path), size)
    style = str(rng.choice(STYLES, p=_STYLE_WEIGHTS))
    stroke = int(rng.choice([0, 0, 2, 4, 7, 10]) if style != "outline" else rng.choice([6, 10, 14])) * size // 250
    ink = Image.new("L", (SIZE * 2, SIZE * 2), 0)
    ImageDraw.Draw(ink).text((SIZE, SIZE), str(digit), fill=255, font=font, anchor="mm", stroke_width=stroke,
                             stroke_fill=255)
    if style == "plain" and rng.random() < 0.3:  # a thin pen
        ink = ink.filter(ImageFilter.MinFilter(int(rng.choice([3, 5]))))
    ink = _styled(ink, style, rng)
    shear = rng.uniform(-0.45, 0.45)
    ink = ink.transform(ink.size, Image.Transform.AFFINE, (1, shear, -shear * ink.height / 2, 0, 1, 0),
                        resample=Image.Resampling.BICUBIC)
    ink = ink.rotate(rng.uniform(-15, 15), resample=Image.Resampling.BICUBIC, expand=True)
    box = ink.getbbox()
    if box is None:
        raise ValueError(f"{font_path} drew nothing for {digit}")
    ink = ink.crop(box)
    scale = rng.uniform(0.45, 0.85) * SIZE / max(ink.size)
    ink = ink.resize((max(1, round(ink.width * scale)), max(1, round(ink.height * scale))), Image.Resampling.LANCZOS)
    canvas = Image.new("L", (SIZE, SIZE), 0)
    room_x, room_y = SIZE - ink.width, SIZE - ink.height
    canvas.paste(ink, (int(room_x * rng.uniform(0.1, 0.9)), int(room_y * rng.uniform(0.1, 0.9))))
    canvas = canvas.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 2.0)))
    return ImageChops.invert(canvas)


def make_set(out: Path, per_digit: int = 90, seed: int = 0, fonts: list[Path] | None = None) -> list[Path]:
    """Write ``per_digit`` pictures of each digit into ``out`` (ImageFolder layout); returns the fonts used."""
    from mnist_desk.core.handwriting.store import HandwritingSet

    fonts = usable_fonts(font_files()) if fonts is None else fonts
    if not fonts:
        raise SystemExit("no usable TrueType/OpenType fonts found (fc-list)")
    target = HandwritingSet.create(out)
    for digit in range(10):
        for k in range(per_digit):
            font = fonts[(k + digit * 7) % len(fonts)]
            rng = np.random.default_rng([seed, digit, k])
            buffer = io.BytesIO()
            render_digit(font, digit, rng).save(buffer, "PNG")
            target.add(buffer.getvalue(), digit, name=f"{font.stem}-{digit}-{k:03d}.png")
    (out / "fonts.txt").write_text("".join(f"{font}\n" for font in fonts))
    return fonts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the set's folder (made; must be new or empty)")
    parser.add_argument("--per-digit", type=int, default=90)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        raise SystemExit(f"{args.out} is not empty")
    fonts = make_set(args.out, args.per_digit, args.seed)
    print(f"{10 * args.per_digit} digits from {len(fonts)} fonts in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
