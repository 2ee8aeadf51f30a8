"""Filter Lab core: loading every kind of picture (16-bit, palette, CMYK, alpha, animated, EXIF-rotated,
1x1, bad files, decompression bombs) and saving results."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from mnist_desk.core.errors import ImageError
from mnist_desk.core.filter_pictures import (NOTE_16BIT, NOTE_ALPHA, NOTE_CMYK, NOTE_FIRST_FRAME, NOTE_PALETTE,
                                             NOTE_ROTATED, picture_from_array, picture_from_file, sample_picture,
                                             save_npy, save_png)

RNG = np.random.default_rng(20240601)


def _save(image: Image.Image, path, **kwargs):
    image.save(path, **kwargs)
    return path


def test_sixteen_bit_is_scaled_not_clipped(tmp_path):
    values = np.array([[0, 257, 32896, 65535]], dtype="uint16")
    picture = picture_from_file(_save(Image.fromarray(values), tmp_path / "deep.png"))
    assert NOTE_16BIT in picture.notes and picture.color is None
    np.testing.assert_allclose(picture.gray, [[0, 1, 128, 255]])


def test_palette_cmyk_rgba_gif_and_exif(tmp_path):
    rgb = RNG.integers(0, 256, (6, 5, 3)).astype("uint8")
    tutorial_gray = np.asarray(Image.fromarray(rgb).convert("L"))
    plain = picture_from_file(_save(Image.fromarray(rgb), tmp_path / "plain.png"))
    np.testing.assert_array_equal(plain.gray, tutorial_gray)  # exactly the tutorial's convert('L')
    np.testing.assert_array_equal(plain.color, rgb)
    palette = picture_from_file(_save(Image.fromarray(rgb).convert("P"), tmp_path / "palette.bmp"))
    assert NOTE_PALETTE in palette.notes and palette.gray.shape == (6, 5)
    cmyk = picture_from_file(_save(Image.new("CMYK", (4, 3), (0, 255, 255, 0)), tmp_path / "cmyk.jpg"))
    assert NOTE_CMYK in cmyk.notes and cmyk.color[..., 0].min() > 200 and cmyk.color[..., 1].max() < 60
    rgba = np.zeros((4, 4, 4), "uint8")
    rgba[0, 0] = (0, 0, 0, 255)  # one opaque black pixel, the rest transparent black
    transparent = picture_from_file(_save(Image.fromarray(rgba, "RGBA"), tmp_path / "alpha.png"))
    assert NOTE_ALPHA in transparent.notes and transparent.gray[0, 0] == 0 and transparent.gray[3, 3] == 255
    frames = [Image.new("L", (8, 8), 40), Image.new("L", (8, 8), 220)]
    gif = tmp_path / "anim.gif"
    frames[0].save(gif, save_all=True, append_images=frames[1:])
    animated = picture_from_file(gif)
    assert animated.frames == 2 and NOTE_FIRST_FRAME in animated.notes and int(animated.gray.mean()) == 40
    tall = Image.new("L", (3, 7), 10)
    exif = tall.getexif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    rotated = picture_from_file(_save(tall, tmp_path / "phone.jpg", exif=exif))
    assert NOTE_ROTATED in rotated.notes and rotated.shape == (3, 7)


def test_one_pixel_and_arrays(tmp_path):
    one = picture_from_file(_save(Image.new("L", (1, 1), 99), tmp_path / "one.png"))
    assert one.shape == (1, 1) and one.gray[0, 0] == 99
    pasted = picture_from_array(np.dstack([np.full((2, 3), 9, "uint8")] * 3), "pasted")
    assert pasted.color is None  # grey in RGB clothing: nothing to filter per channel
    with pytest.raises(ImageError):
        picture_from_array(np.zeros((2, 3, 2), "uint8"))
    sample = sample_picture()
    assert sample.color is not None and sample.shape == (480, 640)


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"this is not a picture at all", "not a picture"),
    (None, "truncated or corrupted"),
])
def test_bad_files(tmp_path, content, message):
    path = tmp_path / "bad.png"
    if content is None:
        buffer = io.BytesIO()
        Image.fromarray(RNG.integers(0, 256, (64, 64, 3)).astype("uint8")).save(buffer, format="PNG")
        content = buffer.getvalue()[: len(buffer.getvalue()) // 2]
    path.write_bytes(content)
    with pytest.raises(ImageError, match=message):
        picture_from_file(path)


def test_decompression_bomb(tmp_path, monkeypatch):
    path = _save(Image.new("L", (300, 300)), tmp_path / "bomb.png")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(ImageError, match="too large"):
        picture_from_file(path)


def test_save_png_and_npy(tmp_path):
    display = RNG.integers(0, 256, (5, 4)).astype("uint8")
    save_png(display, tmp_path / "result.png")
    np.testing.assert_array_equal(np.asarray(Image.open(tmp_path / "result.png")), display)
    raw = RNG.normal(size=(5, 4, 3)).astype("float32")
    save_npy(raw, tmp_path / "raw.npy")
    np.testing.assert_array_equal(np.load(tmp_path / "raw.npy"), raw)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw.npy", "result.png"]  # no temp files left
    with pytest.raises(ImageError, match="does not exist"):
        save_png(display, tmp_path / "missing" / "x.png")
