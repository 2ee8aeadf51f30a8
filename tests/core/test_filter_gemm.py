"""The matrix-product path of ``convolve`` (dense kernels at stride 1) against ``nn.Conv2d``."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from mnist_desk.core import filter_gemm, filters
from mnist_desk.core.filter_presets import TUTORIAL_KERNEL
from mnist_desk.core.filters import PADDING_MODES, convolve

RNG = np.random.default_rng(7)


def torch_conv(image: np.ndarray, kernel: np.ndarray, padding: int = 0, mode: str = "zeros") -> np.ndarray:
    conv = nn.Conv2d(1, 1, kernel.shape[0], padding=padding, padding_mode=mode, bias=False)
    conv.weight.data = torch.from_numpy(kernel.reshape(1, 1, *kernel.shape).astype("float32"))
    with torch.no_grad():
        return conv(torch.from_numpy(image.astype("float32"))[None, None])[0, 0].numpy()


@pytest.fixture
def always_gemm(monkeypatch):
    """Send every stride-1 convolution down the matrix-product path, in small blocks."""
    monkeypatch.setattr(filter_gemm, "GEMM_MIN_PIXELS", 0)
    monkeypatch.setattr(filter_gemm, "PASSES_PER_COLUMN", -1)
    monkeypatch.setattr(filter_gemm, "GEMM_BLOCK_ELEMENTS", 500)  # many blocks, bands left over
    calls = []
    real = filters.gemm_blocks

    def counting(*args, **kwargs):
        calls.append(args[1].shape)
        return real(*args, **kwargs)

    monkeypatch.setattr(filters, "gemm_blocks", counting)
    return calls


@pytest.mark.parametrize("band", [1, 2, 3, 4])
@pytest.mark.parametrize("size", [3, 5, 7])
def test_dense_kernels_match_conv2d_bit_for_bit(always_gemm, monkeypatch, size, band):
    monkeypatch.setattr(filter_gemm, "BAND_ROWS", band)
    kernel = RNG.integers(-9, 10, (size, size)).astype("float32") / 4  # exact in float32
    image = RNG.integers(0, 256, (53, 41)).astype("float32")
    np.testing.assert_array_equal(convolve(image, kernel), torch_conv(image, kernel))
    assert always_gemm == [(size, size)]


@pytest.mark.parametrize("mode", PADDING_MODES)
def test_padding_modes_dtypes_and_channels(always_gemm, mode):
    kernel = RNG.integers(-5, 6, (3, 3)).astype("float32")
    image = RNG.integers(0, 256, (37, 29, 3)).astype("uint8")
    got = convolve(image, kernel, padding=1, padding_mode=mode)  # uint8, padded, channels not contiguous
    for c in range(3):
        np.testing.assert_array_equal(got[..., c], torch_conv(image[..., c], kernel, 1, mode))
    assert len(always_gemm) == 3


def test_divisor_offset_and_same_padding(always_gemm):
    kernel = RNG.integers(-5, 6, (5, 5)).astype("float32")
    image = RNG.integers(0, 256, (31, 33)).astype("float64")
    got = convolve(image, kernel, padding="same", divisor=7.0, offset=-3.0)
    np.testing.assert_allclose(got, torch_conv(image, kernel, 2) / 7 - 3, rtol=1e-6, atol=1e-4)
    assert got.shape == image.shape


def test_random_floats_agree_to_rounding(always_gemm):
    kernel = RNG.normal(size=(3, 3)).astype("float32")
    image = RNG.uniform(0, 255, (64, 70)).astype("float32")
    np.testing.assert_allclose(convolve(image, kernel), torch_conv(image, kernel), rtol=1e-5, atol=1e-3)


def test_zero_columns_and_all_zero_kernel(always_gemm):
    image = RNG.integers(0, 256, (23, 19)).astype("float32")
    sobel_x = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], "float32")  # its middle column is skipped
    np.testing.assert_array_equal(convolve(image, sobel_x), torch_conv(image, sobel_x))
    zeros = np.zeros((3, 3), "float32")
    np.testing.assert_array_equal(convolve(image, zeros, offset=2.5), np.full((21, 17), 2.5, "float32"))


def test_infinite_and_nan_pixels_give_what_the_numpy_path_gives(always_gemm, monkeypatch):
    # The band's zeros times inf would be NaN in rows nn.Conv2d leaves alone: such blocks are redone.
    image = RNG.integers(0, 256, (40, 30)).astype("float32")
    image[5, 7] = np.inf
    image[30, 20] = np.nan
    kernel = RNG.integers(1, 6, (3, 3)).astype("float32")
    got = convolve(image, kernel)
    monkeypatch.setattr(filter_gemm, "GEMM_MIN_PIXELS", 10**12)
    numpy_path = convolve(image, kernel)
    np.testing.assert_array_equal(got, numpy_path)
    assert np.isfinite(got[10:25]).all() and np.isinf(got[4, 6])
    assert len(always_gemm) == 1


def test_the_path_is_chosen_by_cost():
    dense = np.random.default_rng(1).normal(size=(3, 3)).astype("float32")
    big = 1000 * 1000
    assert filter_gemm.worth_it(dense, 17, big)
    assert not filter_gemm.worth_it(dense, 17, 28 * 28)  # a small picture: NumPy's passes are cheaper
    assert not filter_gemm.worth_it(np.array(TUTORIAL_KERNEL, "float32"), 7, big)
    learned = np.random.default_rng(2).normal(size=(5, 5)).astype("float32")
    assert filter_gemm.worth_it(learned, 49, big)


def test_band_matrices():
    kernel = np.arange(9, dtype="float32").reshape(3, 3)
    bands = filter_gemm.band_matrices(kernel, 2).numpy()
    assert bands.shape == (3, 2, 4)
    np.testing.assert_array_equal(bands[1], [[1, 4, 7, 0], [0, 1, 4, 7]])  # column 1 of the kernel, shifted
