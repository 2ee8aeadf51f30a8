"""Make the small pictures the "no digit" tests use (tests/fixtures/refusal/) and the self-test's star.

Non-digits a user might show the app (a star, a house, a scribble, a letter,
a word, a Chinese character, a photograph, a checkerboard) and ten digits
re-drawn from MNIST training digits held out of the shipped weights' training,
all as 160×160 pictures with dark ink on white paper, made by the same code as
the validation sets (bench/sets) with fixed seeds. Run once; the output is
committed.

Usage::

    python tools/make_refusal_fixtures.py [--data-dir D]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "tests" / "fixtures" / "refusal"
SIZE = 160
FIRST_DIGIT = 59_000  # held out of the shipped weights' training (--hold-out 5000)


def as_paper(ink448: np.ndarray) -> Image.Image:
    """Canvas ink (bright on black) → a small picture, dark ink on white paper."""
    small = Image.fromarray(np.ascontiguousarray(np.clip(ink448, 0, 1) * 255).astype(np.uint8)).resize(
        (SIZE, SIZE), Image.Resampling.BOX)
    return Image.fromarray(255 - np.asarray(small))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=os.environ.get("MNIST_DESK_DATA"))
    args = parser.parse_args()

    from bench.sets import doodles, nondigits
    from bench.sets.redraw import skeleton_segments
    from bench.sets.render import CANVAS, affine, pen_ink
    from mnist_desk.core.data import load_split

    OUT.mkdir(parents=True, exist_ok=True)

    def strokes_picture(strokes, seed: int, width: float = 26.0) -> Image.Image:
        rng = np.random.default_rng(seed)
        points = affine(np.vstack(strokes), rng, CANVAS * 0.6, (CANVAS / 2, CANVAS / 2), max_rotation=5, max_slant=0.05)
        pieces, start = [], 0
        for s in strokes:
            pieces.append(points[start:start + len(s)])
            start += len(s)
        return as_paper(pen_ink(pieces, width))

    rng = np.random.default_rng(17)
    pictures = {
        "star": strokes_picture(doodles.star(np.random.default_rng(3)), 1),
        "house": strokes_picture(doodles.house(rng), 2),
        "scribble": strokes_picture(doodles.scribble(np.random.default_rng(5)), 3, 18.0),
        "lightning": strokes_picture(doodles.lightning(rng), 4),
    }
    for name, text, font in (("letter_K", "K", "DejaVuSans.ttf"), ("word_hello", "hello", "DejaVuSerif.ttf"),
                             ("hanzi_ma", "马", "DroidSansFallbackFull.ttf")):
        paths = [p for p in nondigits.font_files() if p.endswith(font)]
        if not paths:
            print(f"skipped {name}: no {font} here")
            continue
        mask = nondigits._glyph_mask(text, paths[0], 120)
        picture = np.zeros((SIZE, SIZE), np.float32)
        glyph = Image.fromarray((mask * 255).astype(np.uint8))
        glyph.thumbnail((SIZE - 30, SIZE - 30))
        array = np.asarray(glyph, np.float32) / 255.0
        top, left = (SIZE - array.shape[0]) // 2, (SIZE - array.shape[1]) // 2
        picture[top:top + array.shape[0], left:left + array.shape[1]] = array
        pictures[name] = Image.fromarray((255 - picture * 255).astype(np.uint8))
    import skimage.data

    pictures["photo_astronaut"] = Image.fromarray(skimage.data.astronaut()[40:300, 120:380]).resize((SIZE, SIZE))
    checker = ((np.indices((SIZE, SIZE)) // 20).sum(0) % 2 * 255).astype(np.uint8)
    pictures["checkerboard"] = Image.fromarray(checker)
    for name, picture in pictures.items():
        picture.save(OUT / f"not_a_digit_{name}.png", optimize=True)

    train = load_split(args.data_dir, train=True)
    found: dict[int, int] = {}
    for index in range(FIRST_DIGIT, len(train)):
        found.setdefault(int(train.labels[index]), index)
        if len(found) == 10:
            break
    for digit, index in sorted(found.items()):
        segments = skeleton_segments(train.images[index].numpy())
        flat = affine(segments.reshape(-1, 2), np.random.default_rng(index), CANVAS * 0.7, (CANVAS / 2, CANVAS / 2),
                      max_rotation=8, max_slant=0.15)
        as_paper(pen_ink(list(flat.reshape(-1, 2, 2)), 22.0 + 3 * (digit % 4))).save(
            OUT / f"digit_{digit}_mnist_train_{index}.png", optimize=True)
    shutil.copy(OUT / "not_a_digit_star.png", ROOT / "resources" / "samples" / "not_a_digit_star.png")
    print(f"wrote {len(pictures)} non-digits and {len(found)} digits to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
