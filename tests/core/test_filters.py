"""Filter Lab core: convolve / pool against the tutorial's torch layers and a plain numpy reference,
display conversion, presets, the pipeline's shapes and arithmetic (pictures: test_filter_pictures.py)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch
from torch import nn

from mnist_desk.core import filter_engine
from mnist_desk.core.errors import ConfigError, ImageError
from mnist_desk.core.filter_pipeline import (FilterSettings, conv_window, plan_stages, pool_window,
                                             receptive_field, result_geometry, run_filter)
from mnist_desk.core.filter_presets import PRESETS, TUTORIAL_KERNEL, preset
from mnist_desk.core.filters import PADDING_MODES, convolve, pool, relu, to_display

RNG = np.random.default_rng(20240601)


# -- references ------------------------------------------------------------------------------

def torch_conv(image: np.ndarray, kernel: np.ndarray, stride: int = 1, padding: int | str = 0,
               mode: str = "zeros") -> np.ndarray:
    """The tutorial's way: nn.Conv2d(1, 1, k, bias=False), weight set from numpy, image as (1, 1, H, W)."""
    conv = nn.Conv2d(1, 1, kernel.shape[0], stride=stride, padding=padding, padding_mode=mode, bias=False)
    conv.weight.data = torch.from_numpy(kernel.reshape(1, 1, *kernel.shape).astype("float32"))
    tensor = torch.from_numpy(image.astype("float32").reshape(1, 1, image.shape[0], image.shape[1]))
    with torch.no_grad():
        return conv(tensor).data.squeeze(0).squeeze(0).numpy()


def numpy_conv(image: np.ndarray, kernel: np.ndarray, stride: int, padding: int, mode: str) -> np.ndarray:
    """Textbook loops: pad, then for each output pixel sum window × kernel (float64)."""
    numpy_mode = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}[mode]
    padded = np.pad(image.astype(np.float64), padding, mode=numpy_mode)
    k = kernel.shape[0]
    out_h = (padded.shape[0] - k) // stride + 1
    out_w = (padded.shape[1] - k) // stride + 1
    out = np.zeros((out_h, out_w))
    for r in range(out_h):
        for c in range(out_w):
            out[r, c] = (padded[r * stride:r * stride + k, c * stride:c * stride + k] * kernel).sum()
    return out


def valid_case(height: int, width: int, k: int, pad: int, mode: str) -> bool:
    if height + 2 * pad < k or width + 2 * pad < k:
        return False
    if mode == "reflect" and pad >= min(height, width):
        return False
    return not (mode == "circular" and pad > min(height, width))


# -- convolve --------------------------------------------------------------------------------

def test_tutorial_kernel_equals_conv2d_exactly():
    image = RNG.integers(0, 256, (61, 47)).astype("float32")  # the tutorial's float32 0..255 array
    kernel = np.array(TUTORIAL_KERNEL, dtype="float32")
    got = convolve(image, kernel)
    assert got.dtype == np.float32 and got.shape == (59, 45)
    np.testing.assert_array_equal(got, torch_conv(image, kernel))


@pytest.mark.parametrize("mode", PADDING_MODES)
@pytest.mark.parametrize("k", [1, 3, 5, 7])
def test_integer_pictures_match_conv2d_bit_for_bit(mode, k):
    """Integer pictures and kernels: every partial sum is exact, so every plan must equal torch exactly."""
    for stride, pad in itertools.product([1, 2, 3, 4], [0, 1, 2, 3]):
        height, width = RNG.integers(4, 23, 2)
        if not valid_case(height, width, k, pad, mode):
            continue
        image = RNG.integers(0, 256, (height, width)).astype("uint8")
        kernel = RNG.integers(-4, 5, (k, k)).astype("float32")
        got = convolve(image, kernel, stride=stride, padding=pad, padding_mode=mode)
        np.testing.assert_array_equal(got, torch_conv(image, kernel, stride, pad, mode),
                                      err_msg=f"stride={stride} pad={pad} image={image.shape}")


@pytest.mark.parametrize("mode", PADDING_MODES)
def test_random_floats_match_conv2d_and_numpy(mode):
    for k, stride, pad in itertools.product([3, 5], [1, 2, 3, 4], [0, 1, 2]):
        height, width = RNG.integers(5, 20, 2)
        if not valid_case(height, width, k, pad, mode):
            continue
        image = RNG.uniform(-2, 300, (height, width)).astype("float32")
        kernel = RNG.normal(size=(k, k)).astype("float32")
        got = convolve(image, kernel, stride=stride, padding=pad, padding_mode=mode)
        np.testing.assert_allclose(got, torch_conv(image, kernel, stride, pad, mode), rtol=1e-5, atol=2e-3)
        np.testing.assert_allclose(got, numpy_conv(image, kernel, stride, pad, mode), rtol=1e-5, atol=2e-3)


@pytest.mark.parametrize("item", PRESETS, ids=lambda p: p.key)
def test_every_preset_plan_matches_conv2d(item):
    """Presets take the separable / box-plus-rest plans: they must give torch's numbers all the same."""
    image = RNG.integers(0, 256, (40, 33)).astype("uint8")
    kernel = item.array()
    for stride in (1, 2):
        got = convolve(image, kernel, stride=stride, padding=item.size // 2, padding_mode="replicate")
        np.testing.assert_array_equal(got, torch_conv(image, kernel, stride, item.size // 2, "replicate"))


@pytest.mark.parametrize("kernel", [
    [[2, 2, 2], [2, 2, 2], [2, 2, 1]],  # box × 2, then a −1 remainder
    [[-1, -1, -1], [-1, 0, -1], [-1, -1, -2]],  # box × −1 (sign folded), remainders +1 and −1
    [[3, 3, 3, 3, 3], [3, 3, 3, 3, 3], [3, 3, -5, 3, 3], [3, 4, 3, 3, 3], [3, 3, 3, 3, 2]],
    [[0.5, 1, -0.5], [1, 2, -1], [0.5, 1, -0.5]],  # an outer product with fractional factors
    [[0, 0, 0], [0, 0, 0], [0, 0, 0]],
    [[0, 0, 0], [0, -1, 0], [0, 0, 0]],
    [[0, 0, 0], [0, 0, 0], [0, 0, 6]],
    [[1, -1, 1], [-1, 1, -1], [1, -1, 1]],
], ids=lambda k: str(np.array(k).ravel().tolist()))
def test_structured_kernels_take_every_branch(kernel):
    image = RNG.integers(0, 256, (17, 14)).astype("uint8")
    kernel = np.array(kernel, "float32")
    for stride, pad in [(1, 0), (2, 1), (3, 2)]:
        if 14 + 2 * pad < kernel.shape[0]:
            continue
        np.testing.assert_array_equal(convolve(image, kernel, stride=stride, padding=pad),
                                      torch_conv(image, kernel, stride, pad), err_msg=f"stride {stride}")


def test_plans_chosen_for_known_kernels():
    tutorial = filter_engine.choose_strategy(np.array(TUTORIAL_KERNEL, "float32"), 1)
    assert tutorial.across is not None and len(tutorial.direct) == 1  # −1 × box sum, then the centre's −7
    sobel = filter_engine.choose_strategy(preset("sobel_x").array(), 1)
    assert sobel.across is not None and sobel.direct == []  # an outer product: rows then columns
    dense = filter_engine.choose_strategy(np.arange(1, 10, dtype="float32").reshape(3, 3) * 1.5, 1)
    assert dense.across is None
    assert (sobel.down_pairs, sobel.across_pairs) == (1, 0)  # [1, 2, 1] down = (1 + z)·[1, 1]: 2 passes
    gaussian5 = filter_engine.choose_strategy(preset("gaussian5").array(), 1)
    assert gaussian5.across_pairs >= 3 and gaussian5.down_pairs >= 3
    assert filter_engine.choose_strategy(preset("gaussian").array(), 2).across_pairs == 0  # stride 1 only


def test_threaded_blocks_match_conv2d(monkeypatch):
    monkeypatch.setattr(filter_engine, "BLOCK_ELEMENTS", 2_000)  # many blocks, split among threads
    monkeypatch.setattr(filter_engine, "PARALLEL_MIN_WORK", 1)
    image = RNG.integers(0, 256, (203, 157)).astype("uint8")
    kernel = RNG.integers(-3, 4, (5, 5)).astype("float32")
    for stride, pad, mode in [(1, 2, "zeros"), (3, 1, "reflect"), (2, 2, "circular")]:
        np.testing.assert_array_equal(convolve(image, kernel, stride=stride, padding=pad, padding_mode=mode),
                                      torch_conv(image, kernel, stride, pad, mode))


@pytest.mark.parametrize("kernel", [
    TUTORIAL_KERNEL,  # box × −1 plus the centre: ends on a pass written straight into the output
    [[1, 2, 1], [2, 4, 2], [1, 2, 1]],  # separable
    [[0, 1, 0], [1, 1, 1], [0, 1, 0]],  # ±1 taps only: the sum needs no multiply
    [[0, -1, 0], [-1, -1, -1], [0, -1, 0]],  # sign folded: negated at the end
    [[0.5, -2, 3], [1.25, 7, -1], [2, 0, -4]],  # dense
    [[1, 4, 6, 4, 1]] * 5,  # 5×5, separable
    np.arange(25).reshape(5, 5) % 7 - 3,  # 5×5, dense
    [[3]],  # 1×1
], ids=lambda k: str(np.array(k).ravel().tolist()[:9]))
def test_flat_stride_one_blocks_match_conv2d(monkeypatch, kernel):
    # A contiguous float32 picture is read in place as one flat run per block; a
    # channel of a colour picture (not contiguous) and a padded one are copied per block.
    monkeypatch.setattr(filter_engine, "BLOCK_ELEMENTS", 700)
    monkeypatch.setattr(filter_engine, "PARALLEL_MIN_WORK", 1)
    kernel = np.array(kernel, "float32")
    image = RNG.integers(0, 256, (61, 47)).astype("float32")
    half = kernel.shape[0] // 2
    cases = [(image, 0, "zeros", None), (np.dstack([image, image])[..., 1], 0, "zeros", None), (image, 0, "zeros", 4.0)]
    cases += [(image, half, mode, None) for mode in PADDING_MODES if half]
    for picture, pad, mode, divisor in cases:
        got = convolve(picture, kernel, padding=pad, padding_mode=mode, divisor=divisor, offset=0.5)
        plain = torch_conv(picture, kernel, 1, pad, mode)
        np.testing.assert_allclose(got, plain / (divisor or 1.0) + 0.5, rtol=1e-6, atol=1e-4, err_msg=mode)
        if divisor is None:
            np.testing.assert_array_equal(got, plain + np.float32(0.5), err_msg=mode)


def test_color_pictures_are_filtered_per_channel():
    image = RNG.integers(0, 256, (20, 24, 3)).astype("uint8")
    kernel = preset("sobel_y").array()
    got = convolve(image, kernel, padding=1)
    assert got.shape == (20, 24, 3)
    for channel in range(3):
        np.testing.assert_array_equal(got[..., channel], torch_conv(image[..., channel], kernel, 1, 1))


def test_same_valid_divisor_and_offset():
    image = RNG.integers(0, 256, (15, 12)).astype("float32")
    kernel = np.ones((3, 3), "float32")
    same = convolve(image, kernel, padding="same", divisor=9, offset=10)
    assert same.shape == image.shape
    np.testing.assert_allclose(same, torch_conv(image, kernel, 1, "same") / 9 + 10, rtol=1e-6)
    assert convolve(image, kernel, padding="valid").shape == (13, 10)


@pytest.mark.parametrize("call, error", [
    (lambda img: convolve(img, np.ones((3, 3)), divisor=0), ConfigError),
    (lambda img: convolve(img, [[1, 2], [3, 4]]), ConfigError),
    (lambda img: convolve(img, [[1, 2, 3]]), ConfigError),
    (lambda img: convolve(img, [[0, 0, 0], [0, float("nan"), 0], [0, 0, 0]]), ConfigError),
    (lambda img: convolve(img, np.ones((3, 3)), stride=0), ConfigError),
    (lambda img: convolve(img, np.ones((3, 3)), stride=2, padding="same"), ConfigError),
    (lambda img: convolve(img, np.ones((3, 3)), padding_mode="mirror"), ConfigError),
    (lambda img: convolve(img, np.ones((3, 3)), offset=float("inf")), ConfigError),
    (lambda img: convolve(img[:2, :2], np.ones((3, 3))), ImageError),
    (lambda img: convolve(img[:2, :9], np.ones((3, 3)), padding=2, padding_mode="reflect"), ImageError),
])
def test_bad_arguments_give_clear_errors(call, error):
    with pytest.raises(error) as info:
        call(np.ones((9, 9), "float32"))
    assert str(info.value)


def test_tiny_pictures():
    one = np.full((1, 1), 200, "uint8")
    with pytest.raises(ImageError, match="smaller than the 3×3 kernel"):
        convolve(one, np.ones((3, 3)))
    np.testing.assert_array_equal(convolve(one, np.ones((3, 3)), padding=1), [[200.0]])
    np.testing.assert_array_equal(convolve(one, np.ones((3, 3)), padding=1, padding_mode="replicate"), [[1800.0]])
    np.testing.assert_array_equal(convolve(one, np.ones((3, 3)), padding=1, padding_mode="circular"), [[1800.0]])


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
    monkeypatch.setattr(filter_engine, "PARALLEL_MIN_WORK", 1)
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
