"""MNIST's recipe: crop to the ink, fit 20x20, centre by mass; polarity; blank input."""

import numpy as np
import pytest
from PIL import Image, ImageDraw

from mnist_desk.core.errors import ImageError
from mnist_desk.core.preprocess import count_blobs, open_image, preprocess, preprocess_both


def _centre_of_mass(field):
    ys, xs = np.indices(field.shape)
    total = field.sum()
    return (ys * field).sum() / total, (xs * field).sum() / total


def _drawn_seven(size=280, offset=(0, 0), ink=0, paper=255, width=18, scale=1.0):
    image = Image.new("L", (size, size), paper)
    draw = ImageDraw.Draw(image)
    dx, dy = offset
    points = [(80, 70), (200, 70), (120, 220)]
    points = [(dx + 140 + (x - 140) * scale, dy + 140 + (y - 140) * scale) for x, y in points]
    draw.line(points, fill=ink, width=width, joint="curve")
    return image


def test_off_centre_digit_is_centred_by_mass_and_fits_20x20():
    result = preprocess(_drawn_seven(offset=(-60, 50)))
    assert not result.empty
    cy, cx = _centre_of_mass(result.field28)
    assert abs(cy - 13.5) <= 0.6 and abs(cx - 13.5) <= 0.6
    assert max(result.fitted.shape) == 20
    rows = np.flatnonzero(result.field28.max(axis=1) > 0.05)
    assert rows[-1] - rows[0] + 1 <= 21


def test_polarity_is_detected_either_way():
    dark_on_light = preprocess(_drawn_seven(ink=0, paper=255))
    light_on_dark = preprocess(_drawn_seven(ink=255, paper=0))
    assert dark_on_light.inverted and not light_on_dark.inverted
    np.testing.assert_allclose(dark_on_light.field28, light_on_dark.field28, atol=1e-5)
    assert dark_on_light.field28.max() == pytest.approx(1.0, abs=0.05)
    assert dark_on_light.field28[0, 0] == 0.0


def test_grey_paper_and_colour_photo_like_input():
    image = _drawn_seven(ink=60, paper=200).convert("RGB")
    array = np.asarray(image).astype(np.float32)
    array[..., 0] *= 0.9  # a slightly tinted photo
    result = preprocess(array.astype(np.uint8))
    assert not result.empty and result.inverted
    assert result.field28.max() > 0.9 and result.field28[0].max() == 0.0


def test_oversized_and_tiny_digits_end_up_the_same_size():
    big = preprocess(_drawn_seven(scale=1.9, width=30))
    small = preprocess(_drawn_seven(scale=0.25, width=5))
    for result in (big, small):
        assert max(result.fitted.shape) == 20
        assert (result.field28 > 0.3).sum() > 25


def test_blank_and_nearly_blank_input_is_no_digit():
    assert preprocess(Image.new("L", (280, 280), 255)).empty
    assert preprocess(np.zeros((280, 280), np.uint8)).empty
    speck = np.zeros((280, 280), np.uint8)
    speck[100:102, 100:102] = 255
    assert preprocess(speck).empty
    noisy = (np.random.default_rng(0).random((280, 280)) * 8).astype(np.uint8)
    assert preprocess(noisy).empty


def test_separate_blobs_are_counted():
    image = Image.new("L", (280, 280), 0)
    draw = ImageDraw.Draw(image)
    draw.line([(40, 60), (40, 220)], fill=255, width=16)
    draw.ellipse([150, 80, 250, 200], outline=255, width=16)
    assert preprocess(image).blobs == 2
    assert preprocess(_drawn_seven()).blobs == 1
    dust = np.zeros((100, 100), bool)
    dust[10:60, 40:46] = True
    dust[90, 90] = True  # a stray click is not a blob
    assert count_blobs(dust) == 1


def test_rgba_and_16_bit_pictures():
    rgba = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    ImageDraw.Draw(rgba).line([(100, 30), (100, 170)], fill=(0, 0, 0, 255), width=14)
    result = preprocess(rgba)
    assert not result.empty and result.inverted
    sixteen = (np.asarray(_drawn_seven(ink=255, paper=0), dtype=np.uint16) * 257)
    picture16 = Image.fromarray(sixteen)
    assert picture16.mode.startswith("I;16")
    result16 = preprocess(picture16)
    np.testing.assert_allclose(result16.field28, preprocess(_drawn_seven(ink=255, paper=0)).field28, atol=0.02)


def test_plain_resize_switch_skips_the_recipe():
    result = preprocess(_drawn_seven(offset=(-60, 50)), mnist_recipe=False)
    assert result.crop is None and result.field28.shape == (28, 28)
    cy, cx = _centre_of_mass(result.field28)
    assert cx < 11 and cy > 15  # left where it was drawn


@pytest.mark.parametrize("picture", [_drawn_seven(offset=(-60, 50)), _drawn_seven(ink=255, paper=0),
                                     Image.new("L", (64, 64), 255)], ids=["seven", "light ink", "blank"])
def test_both_preprocessings_at_once_equal_each_alone(picture):
    recipe, plain = preprocess_both(picture)
    for together, alone in ((recipe, preprocess(picture)), (plain, preprocess(picture, mnist_recipe=False))):
        np.testing.assert_array_equal(together.field28, alone.field28)
        assert (together.empty, together.inverted, together.blobs, together.bbox) == \
            (alone.empty, alone.inverted, alone.blobs, alone.bbox)
        for name in ("crop", "fitted"):
            ours, theirs = getattr(together, name), getattr(alone, name)
            assert (ours is None) == (theirs is None)
            if ours is not None:
                np.testing.assert_array_equal(ours, theirs)
    assert recipe.empty == (picture.getextrema() == (255, 255))


def test_bad_files_are_clear_errors(tmp_path):
    with pytest.raises(ImageError, match="not found"):
        open_image(tmp_path / "none.png")
    (tmp_path / "empty.png").write_bytes(b"")
    with pytest.raises(ImageError, match="empty"):
        open_image(tmp_path / "empty.png")
    (tmp_path / "text.png").write_text("hello")
    with pytest.raises(ImageError, match="not a picture"):
        open_image(tmp_path / "text.png")
    _drawn_seven().save(tmp_path / "ok.png")
    data = (tmp_path / "ok.png").read_bytes()
    (tmp_path / "cut.png").write_bytes(data[: len(data) // 2])
    with pytest.raises(ImageError, match="truncated or corrupted"):
        open_image(tmp_path / "cut.png")


def test_unevenly_lit_photo_is_cropped_to_the_digit_not_the_shadow():
    size = 400
    ramp = np.linspace(0.45, 0.95, size, dtype=np.float32)
    paper = np.tile(ramp, (size, 1))  # dark on the left, bright on the right
    digit = np.asarray(_drawn_seven(size=size, ink=255, paper=0), dtype=np.float32) / 255
    photo = paper * (1 - 0.8 * digit)
    result = preprocess((photo * 255).astype(np.uint8))
    assert not result.empty and result.inverted
    top, left, bottom, right = result.bbox
    ys, xs = np.nonzero(digit > 0.5)
    assert left >= xs.min() - 12 and right <= xs.max() + 12
    assert top >= ys.min() - 12 and bottom <= ys.max() + 12
