"""Filter Lab core: pooling against the tutorial's torch layers, display conversion, presets, the pipeline's
shapes and the hover arithmetic (convolution: test_filter_conv.py; pictures: test_filter_pictures.py)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch
from torch import nn

from mnist_desk.core.errors import ConfigError, ImageError
from mnist_desk.core.filters import PADDING_MODES, convolve, pool, relu, threads, to_display
from mnist_desk.core.filters.pipeline import FilterSettings, plan_stages, run_filter
from mnist_desk.core.filters.presets import PRESETS, TUTORIAL_KERNEL, preset
from mnist_desk.core.filters.windows import conv_window, pool_window, receptive_field, result_geometry

RNG = np.random.default_rng(20240601)


# -- pool, relu, display ---------------------------------------------------------------------

def test_tutorial_pool_shape():
    image = RNG.integers(0, 256, (886, 878)).astype("float32")
    pooled = pool(image, "max", 2)
    assert pooled.shape == (443, 439)
    expected = nn.MaxPool2d(2, 2)(torch.from_numpy(image.reshape(1, 1, 886, 878))).data.squeeze().numpy()
    np.testing.assert_array_equal(pooled, expected)


@pytest.mark.parametrize("kind", ["max", "avg"])
def test_pool_matches_torch(kind):
    layer = {"max": nn.MaxPool2d, "avg": nn.AvgPool2d}[kind]
    for size, stride in itertools.product([1, 2, 3, 4], [None, 1, 2, 3]):
        image = RNG.uniform(-50, 50, tuple(RNG.integers(size, 30, 2))).astype("float32")
        expected = layer(size, stride)(torch.from_numpy(image)[None, None]).squeeze(0).squeeze(0).numpy()
        np.testing.assert_allclose(pool(image, kind, size, stride), expected, rtol=1e-6, atol=1e-5)


def test_pool_color_and_errors():
    image = RNG.integers(0, 256, (9, 7, 3)).astype("uint8")
    pooled = pool(image, "max", 2)
    assert pooled.shape == (4, 3, 3)
    np.testing.assert_array_equal(pooled[..., 1], pool(image[..., 1], "max", 2))
    with pytest.raises(ImageError, match="pooling window"):
        pool(np.ones((1, 1)), "max", 2)
    with pytest.raises(ConfigError):
        pool(image, "median", 2)


def test_relu():
    np.testing.assert_array_equal(relu(np.array([[-2.0, 0.0, 3.5]])), [[0.0, 0.0, 3.5]])


def test_to_display_modes():
    raw = np.array([[-300.0, -10.0, 0.0], [100.4, 255.0, 700.0]], "float32")
    clipped, low, high = to_display(raw, "clip")
    assert (low, high) == (-300.0, 700.0)
    np.testing.assert_array_equal(clipped, [[0, 0, 0], [100, 255, 255]])
    absolute, _, _ = to_display(raw, "abs")
    np.testing.assert_array_equal(absolute, [[255, 10, 0], [100, 255, 255]])
    rescaled, _, _ = to_display(raw, "rescale")
    np.testing.assert_array_equal(rescaled, np.floor((raw + 300) * 255 / 1000 + 0.5).astype("uint8"))
    flat, low, high = to_display(np.full((2, 2), 7.0), "rescale")
    assert flat.dtype == np.uint8 and (low, high) == (7.0, 7.0) and not flat.any()
    odd, low, high = to_display(np.array([[np.nan, np.inf, 5.0, -1.0]]), "clip")
    assert (low, high) == (-1.0, 5.0)
    np.testing.assert_array_equal(odd, [[0, 255, 5, 0]])
    for mode in ("rescale", "clip", "abs"):
        nan_only, low, high = to_display(np.array([[2.0, np.nan], [-4.0, 6.0]]), mode)
        assert (low, high) == (-4.0, 6.0) and nan_only[0, 1] == 0
    color, _, _ = to_display(RNG.normal(size=(5, 6, 3)) * 100, "rescale")
    assert color.shape == (5, 6, 3) and color.min() == 0 and color.max() == 255


def test_big_display_uses_blocks_and_threads(monkeypatch):
    monkeypatch.setattr(threads, "PARALLEL_MIN_WORK", 1)
    raw = RNG.normal(0, 200, (301, 257)).astype("float32")
    display, low, high = to_display(raw, "rescale")
    expected = np.floor((raw.astype(np.float64) - low) * (255.0 / (high - low)) + 0.5)
    assert np.abs(display.astype(int) - expected).max() <= 1


# -- presets ---------------------------------------------------------------------------------

def test_presets():
    assert preset("tutorial").kernel == ((-1, -1, -1), (-1, -8, -1), (-1, -1, -1))
    assert "sobel_kernel" in preset("tutorial").name
    keys = {p.key for p in PRESETS}
    assert {"identity", "tutorial", "outline", "sharpen", "box_blur", "gaussian", "sobel_x", "sobel_y",
            "prewitt_x", "emboss", "edge_enhance"} <= keys
    for item in PRESETS:
        assert item.note and "\n" not in item.note
        assert item.array().shape in ((3, 3), (5, 5))
        if item.divisor is not None:
            assert item.divisor == item.array().sum()  # every blur preset averages: brightness kept


# -- the pipeline ----------------------------------------------------------------------------

def test_plan_stages_tutorial_shapes():
    settings = FilterSettings(kernel=TUTORIAL_KERNEL, pool="max")
    stages = plan_stages(settings, (886, 878))
    assert [(s.kind, s.shape) for s in stages] == [("input", (886, 878)), ("conv", (884, 876)),
                                                   ("pool", (442, 438))]
    original = plan_stages(FilterSettings(pool="max", pool_on="original"), (886, 878))
    assert [s.shape for s in original] == [(886, 878), (443, 439)]
    with pytest.raises(ImageError, match="smaller than the 3×3 kernel"):
        plan_stages(FilterSettings(), (2, 5))
    with pytest.raises(ImageError, match="pooling window"):
        plan_stages(FilterSettings(pool="max", pool_size=4), (5, 5))


def test_run_filter_chain_equals_torch_layer():
    image = RNG.integers(0, 256, (30, 26)).astype("uint8")
    settings = FilterSettings(kernel=preset("sobel_x").kernel, padding="same", relu=True, pool="max",
                              display="clip")
    items = list(run_filter(image, settings, version=7))
    assert items[:-1] == ["conv", "relu", "pool", "display"]
    result = items[-1]
    layer = nn.Sequential(nn.Conv2d(1, 1, 3, padding=1, bias=False), nn.ReLU(), nn.MaxPool2d(2))
    layer[0].weight.data = torch.from_numpy(preset("sobel_x").array().reshape(1, 1, 3, 3))
    with torch.no_grad():
        expected = layer(torch.from_numpy(image.astype("float32"))[None, None]).squeeze().numpy()
    np.testing.assert_array_equal(result.result, expected)
    assert result.version == 7 and result.display.shape == (15, 13) and result.activated.min() >= 0
    assert [s.shape for s in result.stages] == [(30, 26), (30, 26), (30, 26), (15, 13)]


def test_same_padding_at_stride_two_and_geometry():
    settings = FilterSettings(kernel=preset("box_blur").kernel, stride=2, padding="same")
    assert settings.padding_pixels == 1
    assert plan_stages(settings, (9, 9))[-1].shape == (5, 5)
    assert result_geometry(FilterSettings()) == (1.0, 1.0)  # valid 3×3: result pixel 0 sits on picture pixel 1
    assert result_geometry(FilterSettings(padding="same")) == (1.0, 0.0)
    pooled = FilterSettings(pool="max", padding=1)
    assert result_geometry(pooled) == (2.0, 0.0)
    assert receptive_field(pooled, 3, 1) == (5, 1, 9, 5)


def test_conv_window_arithmetic_matches_result():
    image = RNG.integers(0, 256, (12, 10)).astype("uint8")
    for mode in PADDING_MODES:
        settings = FilterSettings(kernel=preset("emboss").kernel, stride=2, padding=2, padding_mode=mode,
                                  divisor=3.0, offset=1.5)
        full = convolve(image, settings.kernel_array(), stride=2, padding=2, padding_mode=mode, divisor=3.0, offset=1.5)
        for row, col in [(0, 0), (2, 3), (full.shape[0] - 1, full.shape[1] - 1)]:
            window = conv_window(image, settings, row, col)
            assert window.values.shape == (3, 3)
            np.testing.assert_allclose(window.products, window.values * window.kernel)
            assert window.value == pytest.approx(float(full[row, col]), abs=1e-4)
    corner = conv_window(image, FilterSettings(padding=1), 0, 0)
    assert corner.from_padding[0].all() and corner.from_padding[:, 0].all() and not corner.from_padding[1:, 1:].any()
    assert (corner.values[0] == 0).all()


def test_pool_window():
    source = np.array([[1, 5, 2, 0], [3, 4, 8, 8], [0, 0, 1, 1]], "float32")
    maximum = pool_window(source, FilterSettings(pool="max"), 0, 1)
    assert maximum.value == 8 and maximum.pick == (1, 0)
    average = pool_window(source, FilterSettings(pool="avg"), 0, 0)
    assert average.value == pytest.approx(3.25) and average.pick is None
