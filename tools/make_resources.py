"""Regenerate the derived files in resources/ (run from the repository root).

* icons: each ``resources/icons/*.svg`` is rendered to PNG with Qt's SVG
  renderer (the app icon at several sizes plus ``app.ico``, toolbar icons at
  24 and 48 px), so the app needs no SVG plugin to show them;
* samples: real MNIST test digits (one per class) as 28x28 PNGs with their
  labels in ``samples.json``, and a small training slice
  ``train_sample.npz``, both cut from ``tests/fixtures`` (real MNIST digits);
  ``mnist-desk --self-test`` uses them.

    QT_QPA_PLATFORM=offscreen python tools/make_resources.py
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SAMPLES = ROOT / "resources" / "samples"
FIXTURES = ROOT / "tests" / "fixtures"

APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
TOOLBAR_SIZES = (24, 48)
# One digit per class: the first of each class in tests/fixtures/mnist_test_sample.npz (which is in
# MNIST test-set order), i.e. the first of each class in the MNIST test set itself, except two
# untypical ones: the self-test checks the installation, not the model on hard cases.
UNTYPICAL_TEST_INDICES = {
    8: "a 5 written in two separate strokes (the app rightly calls it unsure)",
    18: "a cramped 3 that the shipped model reads with only 72 % confidence",
}
TRAIN_SAMPLE_SIZE = 500


def render_svg(svg: Path, size: int) -> Image.Image:
    """Render an SVG to a size×size RGBA picture with Qt's renderer."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_RGBA8888)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = bytes(image.constBits())
    return Image.frombuffer("RGBA", (size, size), data, "raw", "RGBA", image.bytesPerLine(), 1).copy()


def make_icons() -> None:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (needed for rendering)
    app_svg = ICONS / "app.svg"
    sizes = {size: render_svg(app_svg, size) for size in APP_ICON_SIZES}
    sizes[256].save(ICONS / "app.png", optimize=True)
    for size, picture in sizes.items():
        picture.save(ICONS / f"app-{size}.png", optimize=True)
    sizes[256].save(ICONS / "app.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    # The icon under the name the .desktop file gives (Icon=mnist-desk), for icon themes (hicolor).
    (ICONS / "mnist-desk.svg").write_bytes(app_svg.read_bytes())
    sizes[256].save(ICONS / "mnist-desk.png", optimize=True)
    for svg in sorted(ICONS.glob("*.svg")):
        if svg.name in ("app.svg", "mnist-desk.svg"):
            continue
        for size in TOOLBAR_SIZES:
            suffix = "" if size == TOOLBAR_SIZES[0] else "@2x"
            render_svg(svg, size).save(ICONS / f"{svg.stem}{suffix}.png", optimize=True)


def make_samples() -> None:
    SAMPLES.mkdir(parents=True, exist_ok=True)
    test = np.load(FIXTURES / "mnist_test_sample.npz")
    entries = []
    usable = ~np.isin(test["indices"], list(UNTYPICAL_TEST_INDICES))
    positions = [int(np.flatnonzero((test["labels"] == digit) & usable)[0]) for digit in range(10)]
    for position in positions:
        label = int(test["labels"][position])
        index = int(test["indices"][position])
        name = f"mnist_test_{index:05d}_digit{label}.png"
        Image.fromarray(test["images"][position], mode="L").save(SAMPLES / name, optimize=True)
        entries.append({"file": name, "label": label, "mnist_test_index": index})
    manifest = {
        "about": "Real MNIST test digits (white ink on black, 28x28) with their labels, for mnist-desk --self-test.",
        "samples": entries,
    }
    (SAMPLES / "samples.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")

    train = np.load(FIXTURES / "mnist_train_sample.npz")
    np.savez_compressed(
        SAMPLES / "train_sample.npz",
        images=train["images"][:TRAIN_SAMPLE_SIZE],
        labels=train["labels"][:TRAIN_SAMPLE_SIZE],
        indices=train["indices"][:TRAIN_SAMPLE_SIZE],
    )


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    make_icons()
    make_samples()
    print(f"wrote {ICONS} and {SAMPLES}")
