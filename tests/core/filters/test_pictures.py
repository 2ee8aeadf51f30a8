"""Filter Lab core: loading every kind of picture (16-bit, palette, CMYK, alpha, animated, EXIF-rotated,
1x1, bad files, decompression bombs) and saving results."""

from __future__ import annotations

import io
import os
import stat

import numpy as np
import pytest
from PIL import Image

from mnist_desk.core.errors import ImageError
from mnist_desk.core.filters.pictures import (
    NOTE_16BIT,
    NOTE_ALPHA,
    NOTE_CMYK,
    NOTE_FIRST_FRAME,
    NOTE_PALETTE,
    NOTE_ROTATED,
    picture_from_array,
    picture_from_file,
    sample_picture,
    save_npy,
    save_picture,
)
from mnist_desk.core.picture_errors import bomb_error, read_error

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
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # Pillow refuses more than twice this
    with pytest.raises(ImageError) as raised:
        picture_from_file(path)
    # Our words and numbers, not Pillow's "Image size (90000 pixels) exceeds limit ... DOS attack.)."
    assert str(raised.value) == (f"{path} is too large to open safely: 90,000 pixels, more than the limit of 2,000. "
                                 "Use a smaller picture.")
    assert raised.value.values["pixels"] == 90_000


def test_a_bomb_message_without_pillows_numbers_still_names_the_limit(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 5000)
    error = bomb_error("big.png", Image.DecompressionBombError("some other wording"))
    assert str(error) == "big.png is too large to open safely: more than 10,000 pixels. Use a smaller picture."


def test_truncated_and_damaged_files_are_worded_plainly(tmp_path):
    buffer = io.BytesIO()
    Image.fromarray(RNG.integers(0, 256, (64, 64, 3)).astype("uint8")).save(buffer, format="PNG")
    data = buffer.getvalue()
    cut, damaged = tmp_path / "cut.png", tmp_path / "damaged.png"
    cut.write_bytes(data[: len(data) // 2])
    damaged.write_bytes(data[:100] + bytes(200) + data[300:])  # zeros in the middle of the compressed pixels
    with pytest.raises(ImageError) as raised:
        picture_from_file(cut)
    assert str(raised.value) == (f"{cut} is truncated or corrupted: the file ends before the picture's data does; "
                                 "it may be an unfinished download or copy.")
    with pytest.raises(ImageError) as raised:
        picture_from_file(damaged)
    assert str(raised.value) == (f"{damaged} is truncated or corrupted: its picture data is damaged and cannot "
                                 "be decoded.")
    other = read_error("x.png", OSError("unrecognized data stream contents when reading image file"))
    assert str(other) == "x.png is truncated or corrupted: its picture data cannot be decoded."  # Pillow's text: logged


def test_save_png_and_npy(tmp_path):
    display = RNG.integers(0, 256, (5, 4)).astype("uint8")
    save_picture(display, tmp_path / "result.png")
    np.testing.assert_array_equal(np.asarray(Image.open(tmp_path / "result.png")), display)
    raw = RNG.normal(size=(5, 4, 3)).astype("float32")
    save_npy(raw, tmp_path / "raw.npy")
    np.testing.assert_array_equal(np.load(tmp_path / "raw.npy"), raw)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw.npy", "result.png"]  # no temp files left
    with pytest.raises(ImageError, match="does not exist"):
        save_picture(display, tmp_path / "missing" / "x.png")


@pytest.mark.parametrize("name, kind", [("a.jpg", "JPEG"), ("a.JPEG", "JPEG"), ("a.bmp", "BMP"), ("a.tif", "TIFF"),
                                        ("a.webp", "WEBP"), ("a.png", "PNG")])
def test_save_picture_writes_the_format_its_suffix_names(tmp_path, name, kind):
    display = RNG.integers(0, 256, (6, 5, 3)).astype("uint8")
    save_picture(display, tmp_path / name)
    with Image.open(tmp_path / name) as saved:
        assert saved.format == kind  # never PNG data in a file named .jpg
        if kind != "JPEG":  # the others keep every pixel (WebP is saved lossless)
            np.testing.assert_array_equal(np.asarray(saved.convert("RGB")), display)


def test_save_picture_refuses_a_suffix_that_names_no_format(tmp_path):
    with pytest.raises(ImageError, match=r"^notes\.txt does not end in a picture format this app can save: use \.png"):
        save_picture(np.zeros((3, 3), "uint8"), tmp_path / "notes.txt")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_saved_results_get_the_mode_of_any_new_file(tmp_path, umask):
    # mkstemp creates the temporary file 0600, and the rename used to keep that.
    old = os.umask(umask)
    try:
        save_picture(np.zeros((3, 3), "uint8"), tmp_path / "a.png")
        save_picture(np.zeros((3, 3), "uint8"), tmp_path / "a.bmp")
        save_npy(np.zeros((3, 3), "float32"), tmp_path / "a.npy")
        (tmp_path / "plain").write_bytes(b"")  # what open() gives a new file
    finally:
        os.umask(old)
    expected = 0o666 & ~umask
    assert stat.S_IMODE((tmp_path / "plain").stat().st_mode) == expected
    for name in ("a.png", "a.bmp", "a.npy"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == expected, name


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_replacing_a_saved_result_keeps_its_mode(tmp_path):
    target = tmp_path / "a.png"
    save_picture(np.zeros((3, 3), "uint8"), target)
    target.chmod(0o640)
    save_picture(np.ones((3, 3), "uint8"), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
