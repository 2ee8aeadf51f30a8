"""How ``convolve`` plans a kernel's passes: rank-one factors, (1 + z) pair factors."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
from torch import nn

from mnist_desk.core import filter_engine, filter_gemm
from mnist_desk.core.filter_presets import preset
from mnist_desk.core.filters import PADDING_MODES, convolve

RNG = np.random.default_rng(11)


def torch_conv(image: np.ndarray, kernel: np.ndarray, stride: int = 1, padding: int = 0,
               mode: str = "zeros") -> np.ndarray:
    conv = nn.Conv2d(1, 1, kernel.shape[0], stride=stride, padding=padding, padding_mode=mode, bias=False)
    conv.weight.data = torch.from_numpy(kernel.reshape(1, 1, *kernel.shape).astype("float32"))
    with torch.no_grad():
        return conv(torch.from_numpy(image.astype("float32"))[None, None])[0, 0].numpy()


@pytest.mark.parametrize("taps, pairs, rest", [
    ([1, 2, 1], 1, [1, 1]),
    ([2, 4, 2], 1, [2, 2]),
    ([1, 3, 3, 1], 2, [1, 1]),
    ([-1, 0, 1], 0, [-1, 0, 1]),  # (1 + z)(z − 1): no cheaper
    ([1, 2.5, 1], 0, [1, 2.5, 1]),  # no exact factor
    ([1, 1, 1], 0, [1, 1, 1]),
])
def test_pair_factors(taps, pairs, rest):
    got_pairs, got_rest = filter_engine.pair_factors(np.array(taps, "float32"))
    assert got_pairs == pairs
    np.testing.assert_array_equal(got_rest, rest)


@pytest.mark.parametrize("mode", PADDING_MODES)
def test_pair_passes_match_conv2d_in_small_blocks(monkeypatch, mode):
    monkeypatch.setattr(filter_engine, "BLOCK_ELEMENTS", 300)
    monkeypatch.setattr(filter_engine, "PARALLEL_MIN_WORK", 1)
    binomial7 = np.outer([1, 6, 15, 20, 15, 6, 1], [1, 6, 15, 20, 15, 6, 1]).astype("float32")
    image = RNG.integers(0, 256, (29, 23)).astype("float32")
    for kernel in (binomial7, preset("sobel_y").array(), np.outer([1, 2, 1], [1, 3, 3, 1][:3]).astype("float32")):
        half = kernel.shape[0] // 2
        np.testing.assert_array_equal(convolve(image, kernel, padding=half, padding_mode=mode),
                                      torch_conv(image, kernel, 1, half, mode))


def test_pair_factors_are_exact_not_nearly():
    # (1 + z)·[-0.0228, 1.3593] is [-0.0228, 1.3365, 1.3593] only to float32 rounding: not taken.
    pairs, rest = filter_engine.pair_factors(np.array([-0.0228, 1.3365, 1.3593], "float32"))
    assert pairs == 0 and rest.size == 3


def test_rank_one_factors_are_exact_in_float32():
    # Pivoting on the 3 would give a row of 4/3 (not exact in float32); the 4 gives 3/4, exact.
    kernel = np.array([[3, 4, 0], [6, 8, 0], [0, 0, 0]], "float32")
    image = (np.arange(1600, dtype="float32").reshape(40, 40) % 251)
    assert filter_engine.choose_strategy(kernel, 1).across is not None
    for stride in (1, 2):
        np.testing.assert_array_equal(convolve(image, kernel, stride=stride), torch_conv(image, kernel, stride))
    column, row = filter_engine._rank_one(kernel)
    np.testing.assert_array_equal(np.outer(column, row), kernel)


def test_a_read_only_picture_is_filtered_without_warnings(monkeypatch):
    monkeypatch.setattr(filter_gemm, "GEMM_MIN_PIXELS", 0)
    monkeypatch.setattr(filter_gemm, "PASSES_PER_COLUMN", -1)  # the matrix-product path
    picture = RNG.integers(0, 256, (30, 30)).astype("float32")
    picture.flags.writeable = False
    kernel = RNG.integers(-4, 5, (3, 3)).astype("float32")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = convolve(picture, kernel)
    np.testing.assert_array_equal(got, torch_conv(picture, kernel))
