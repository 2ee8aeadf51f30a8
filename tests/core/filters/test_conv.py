"""convolve against the tutorial's nn.Conv2d (the ``conv2d`` oracle in tests/conftest.py), and its padding code."""

from __future__ import annotations

import itertools
import threading
import warnings

import numpy as np
import pytest

from mnist_desk.core.errors import ConfigError, ImageError
from mnist_desk.core.filters import PADDING_MODES, conv, convolve, threads
from mnist_desk.core.filters.padding import padded_region
from mnist_desk.core.filters.presets import PRESETS, TUTORIAL_KERNEL, preset

RNG = np.random.default_rng(20240601)


def valid_case(height: int, width: int, k: int, pad: int, mode: str) -> bool:
    if height + 2 * pad < k or width + 2 * pad < k:
        return False
    if mode == "reflect" and pad >= min(height, width):
        return False
    return not (mode == "circular" and pad > min(height, width))


@pytest.fixture
def small_tiles(monkeypatch):
    """Tiles of a few dozen numbers (several per row, partial ones at the edges), shared among threads."""
    monkeypatch.setattr(conv, "TILE_ELEMENTS", 37)
    monkeypatch.setattr(threads, "PARALLEL_MIN_WORK", 1)


def test_tutorial_kernel_equals_conv2d_exactly(conv2d):
    image = RNG.integers(0, 256, (61, 47)).astype("float32")  # the tutorial's float32 0..255 array
    kernel = np.array(TUTORIAL_KERNEL, dtype="float32")
    got = convolve(image, kernel)
    assert got.dtype == np.float32 and got.shape == (59, 45)
    np.testing.assert_array_equal(got, conv2d(image, kernel))


@pytest.mark.parametrize("tiles", ["one tile", "small tiles"])
@pytest.mark.parametrize("mode", PADDING_MODES)
@pytest.mark.parametrize("k", [1, 3, 5, 7])
def test_integer_pictures_match_conv2d_bit_for_bit(request, conv2d, mode, k, tiles):
    """Integer pictures and kernels: every partial sum is exact, so the result must equal torch's exactly."""
    if tiles == "small tiles":
        request.getfixturevalue("small_tiles")
    for stride, pad in itertools.product([1, 2, 3, 4], [0, 1, 2, 3]):
        height, width = RNG.integers(4, 23, 2)
        if not valid_case(height, width, k, pad, mode):
            continue
        image = RNG.integers(0, 256, (height, width)).astype("uint8")
        kernel = RNG.integers(-4, 5, (k, k)).astype("float32")
        got = convolve(image, kernel, stride=stride, padding=pad, padding_mode=mode)
        np.testing.assert_array_equal(got, conv2d(image, kernel, stride, pad, mode),
                                      err_msg=f"stride={stride} pad={pad} image={image.shape}")


@pytest.mark.parametrize("mode", PADDING_MODES)
def test_random_floats_match_conv2d(conv2d, mode):
    for k, stride, pad in itertools.product([3, 5], [1, 2, 3, 4], [0, 1, 2]):
        height, width = RNG.integers(5, 20, 2)
        if not valid_case(height, width, k, pad, mode):
            continue
        image = RNG.uniform(-2, 300, (height, width)).astype("float32")
        kernel = RNG.normal(size=(k, k)).astype("float32")
        got = convolve(image, kernel, stride=stride, padding=pad, padding_mode=mode)
        np.testing.assert_allclose(got, conv2d(image, kernel, stride, pad, mode), rtol=1e-5, atol=2e-3)


@pytest.mark.parametrize("size", [3, 5])
@pytest.mark.parametrize("stride", [1, 2])
@pytest.mark.parametrize("mode", PADDING_MODES)
@pytest.mark.parametrize("kind", ["uint8", "float32", "colour"])
def test_every_padding_divisor_and_offset_in_threads(conv2d, small_tiles, monkeypatch, size, stride, mode, kind):
    monkeypatch.setattr(conv, "TILE_ELEMENTS", 500)  # a few rows per tile, several tiles for each thread
    rng = np.random.default_rng([size, stride, len(mode), len(kind)])
    shape = (53, 62, 3) if kind == "colour" else (53, 62)
    picture = rng.integers(0, 256, shape).astype(np.float32 if kind == "float32" else np.uint8)
    if kind == "float32":
        picture += rng.random(shape, dtype=np.float32)  # not whole numbers
    kernel = rng.normal(size=(size, size)).astype(np.float32)
    for padding in range(size // 2 + 2):
        divisor, offset = (None, 0.0) if padding % 2 else (3.0, 10.5)
        got = convolve(picture, kernel, stride=stride, padding=padding, padding_mode=mode, divisor=divisor,
                       offset=offset)
        expected = conv2d(picture, kernel, stride, padding, mode, divisor, offset)
        assert got.shape == expected.shape and got.dtype == np.float32
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=2e-3)


@pytest.mark.parametrize("item", PRESETS, ids=lambda p: p.key)
def test_every_preset_matches_conv2d(conv2d, item):
    image = RNG.integers(0, 256, (40, 33)).astype("uint8")
    kernel = item.array()
    for stride in (1, 2):
        got = convolve(image, kernel, stride=stride, padding=item.size // 2, padding_mode="replicate")
        np.testing.assert_array_equal(got, conv2d(image, kernel, stride, item.size // 2, "replicate"))


@pytest.mark.parametrize("kernel", [
    [[2, 2, 2], [2, 2, 2], [2, 2, 1]],
    [[-1, -1, -1], [-1, 0, -1], [-1, -1, -2]],
    [[3, 3, 3, 3, 3], [3, 3, 3, 3, 3], [3, 3, -5, 3, 3], [3, 4, 3, 3, 3], [3, 3, 3, 3, 2]],
    [[0.5, 1, -0.5], [1, 2, -1], [0.5, 1, -0.5]],  # fractions exact in float32
    [[3, 4, 0], [6, 8, 0], [0, 0, 0]],
    [[0, 0, 0], [0, -1, 0], [0, 0, 0]],
    [[0, 0, 0], [0, 0, 0], [0, 0, 6]],
    [[1, -1, 1], [-1, 1, -1], [1, -1, 1]],
    np.outer([1, 6, 15, 20, 15, 6, 1], [1, 6, 15, 20, 15, 6, 1]),  # 7×7 binomial
    np.arange(25).reshape(5, 5) % 7 - 3,
    [[3]],
], ids=lambda k: str(np.array(k).ravel().tolist()[:9]))
def test_structured_kernels_match_conv2d(conv2d, small_tiles, kernel):
    image = RNG.integers(0, 256, (29, 23)).astype("float32")
    kernel = np.array(kernel, "float32")
    for stride, pad, mode in [(1, 0, "zeros"), (1, kernel.shape[0] // 2, "reflect"), (2, 1, "circular"),
                              (3, 2, "replicate")]:
        np.testing.assert_array_equal(convolve(image, kernel, stride=stride, padding=pad, padding_mode=mode),
                                      conv2d(image, kernel, stride, pad, mode), err_msg=f"stride {stride} {mode}")


def test_zero_kernel_gives_the_offset():
    image = RNG.integers(0, 256, (23, 19)).astype("float32")
    np.testing.assert_array_equal(convolve(image, np.zeros((3, 3)), offset=2.5), np.full((21, 17), 2.5, "float32"))


@pytest.mark.parametrize("mode", PADDING_MODES)
def test_infinities_and_nan_spread_as_in_conv2d(conv2d, mode, monkeypatch):
    monkeypatch.setattr(threads, "PARALLEL_MIN_WORK", 1)
    picture = np.full((300, 300), 50, np.float32)
    picture[100, 100] = picture[0, 150] = np.inf  # inside, and on the top edge
    picture[150, 299] = np.nan  # on the right edge
    picture[200, 30] = -np.inf
    kernel = np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], np.float32)  # inf × 0 is NaN in conv2d
    result = convolve(picture, kernel, padding=1, padding_mode=mode)
    np.testing.assert_array_equal(result, conv2d(picture, kernel, 1, 1, mode))
    assert np.isnan(result[99, 99]) and np.isneginf(result[199, 30])


def test_views_of_any_layout_and_dtype(conv2d):
    picture = RNG.integers(0, 256, (40, 50)).astype(np.float32)
    kernel = RNG.integers(-3, 4, (3, 3)).astype(np.float32)
    raw = np.zeros(40 * 51 * 4 + 1, np.uint8)[1:]  # float32 rows starting at odd addresses
    unaligned = np.ndarray((40, 50), np.float32, buffer=raw.data, strides=(51 * 4, 4))
    unaligned[:] = picture
    views = [picture[::-1], picture[:, ::-1], picture.T, unaligned, picture[::2, ::3], picture.astype(">f4"),
             picture.astype(np.float64), picture.astype(np.int16) - 128, picture > 100]
    for view in views:
        np.testing.assert_array_equal(convolve(view, kernel, padding=1), conv2d(view, kernel, 1, 1),
                                      err_msg=f"{view.dtype} {view.strides}")


def test_a_read_only_picture_is_filtered_without_warnings(conv2d):
    picture = RNG.integers(0, 256, (30, 30)).astype("float32")
    picture.flags.writeable = False
    kernel = RNG.integers(-4, 5, (3, 3)).astype("float32")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = convolve(picture, kernel)
    np.testing.assert_array_equal(got, conv2d(picture, kernel))


def test_work_is_shared_among_threads(conv2d, monkeypatch):
    monkeypatch.setattr(conv, "TILE_ELEMENTS", 2_000)
    monkeypatch.setattr(threads, "thread_count", lambda: 3)
    seen: set[str] = set()
    fill = conv.fill_padded

    def recording(*args):
        seen.add(threading.current_thread().name)
        fill(*args)

    monkeypatch.setattr(conv, "fill_padded", recording)
    picture = RNG.integers(0, 256, (500, 600)).astype(np.uint8)
    kernel = RNG.integers(-4, 5, (5, 5)).astype(np.float32)
    np.testing.assert_array_equal(convolve(picture, kernel, padding=2), conv2d(picture, kernel, 1, 2))
    assert len(seen) >= 2 and threading.current_thread().name in seen  # the caller works too


def test_two_callers_at_once(conv2d):
    rng = np.random.default_rng(8)
    pictures = [rng.integers(0, 256, (500, 600)).astype(np.uint8) for _ in range(2)]
    kernel = rng.normal(size=(5, 5)).astype(np.float32)
    results = [None, None]

    def work(i):
        for _ in range(3):
            results[i] = convolve(pictures[i], kernel, padding="same")

    callers = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    for picture, result in zip(pictures, results):
        np.testing.assert_allclose(result, conv2d(picture, kernel, 1, 2), rtol=1e-5, atol=2e-3)


def test_a_failing_tile_is_raised_in_the_caller(monkeypatch):
    monkeypatch.setattr(conv, "TILE_ELEMENTS", 100)
    monkeypatch.setattr(threads, "PARALLEL_MIN_WORK", 1)
    calls = []

    def failing(*args):
        calls.append(1)
        if len(calls) == 3:
            raise MemoryError("out of memory in a tile")

    monkeypatch.setattr(conv, "fill_padded", failing)
    with pytest.raises(MemoryError, match="in a tile"):
        convolve(np.ones((200, 200), np.float32), np.ones((3, 3)))
    assert len(calls) < 200  # the others stopped instead of finishing every tile


def test_colour_pictures_are_filtered_per_channel(conv2d):
    image = RNG.integers(0, 256, (20, 24, 3)).astype("uint8")
    got = convolve(image, preset("sobel_y").array(), padding=1)
    assert got.shape == (20, 24, 3)
    np.testing.assert_array_equal(got, conv2d(image, preset("sobel_y").array(), 1, 1))


def test_same_valid_divisor_and_offset(conv2d):
    image = RNG.integers(0, 256, (15, 12)).astype("float32")
    kernel = np.ones((3, 3), "float32")
    same = convolve(image, kernel, padding="same", divisor=9, offset=10)
    assert same.shape == image.shape
    np.testing.assert_allclose(same, conv2d(image, kernel, 1, 1, "zeros", 9, 10), rtol=1e-6)
    assert convolve(image, kernel, padding="valid").shape == (13, 10)


@pytest.mark.parametrize("call, error", [
    (lambda img: convolve(img, np.ones((3, 3)), divisor=0), ConfigError),
    (lambda img: convolve(img, np.ones((3, 3)), divisor=1e-9), ConfigError),
    (lambda img: convolve(img, [[1, 2], [3, 4]]), ConfigError),
    (lambda img: convolve(img, [[1, 2, 3]]), ConfigError),
    (lambda img: convolve(img, [[0, 0, 0], [0, float("nan"), 0], [0, 0, 0]]), ConfigError),
    (lambda img: convolve(img, np.ones((3, 3)), stride=0), ConfigError),
    (lambda img: convolve(img, np.ones((3, 3)), stride=True), ConfigError),
    (lambda img: convolve(img, np.ones((3, 3)), stride=2, padding="same"), ConfigError),
    (lambda img: convolve(img, np.ones((3, 3)), padding_mode="mirror"), ConfigError),
    (lambda img: convolve(img, np.ones((3, 3)), offset=float("inf")), ConfigError),
    (lambda img: convolve(img[:2, :2], np.ones((3, 3))), ImageError),
    (lambda img: convolve(img[:2, :9], np.ones((3, 3)), padding=2, padding_mode="reflect"), ImageError),
    (lambda img: convolve(img.astype(complex), np.ones((3, 3))), ImageError),
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


@pytest.mark.parametrize("mode, numpy_mode", [("zeros", "constant"), ("reflect", "reflect"), ("replicate", "edge"),
                                              ("circular", "wrap")])
def test_padded_region_reads_the_padding_of_each_mode(mode, numpy_mode):
    plane = np.arange(35, dtype=np.uint8).reshape(5, 7)
    padded = np.pad(plane.astype(np.float32), 3, mode=numpy_mode)
    for rows, cols in [((1, 8), (3, 11)), ((0, 11), (0, 13)), ((3, 8), (3, 10)), ((0, 2), (5, 13)), ((9, 11), (0, 2))]:
        region = padded_region(plane, rows, cols, 3, mode)
        assert region.dtype == np.float32
        np.testing.assert_array_equal(region, padded[rows[0]:rows[1], cols[0]:cols[1]], err_msg=f"{rows} {cols}")


def test_no_build_step_and_no_compiler_stack(capsys):
    """No kernels to build (no build-filter-kernels command) and nothing of torch's compiler stack loaded, whose
    import printed "No CUDA runtime is found" (issue 13, point 11)."""
    import subprocess
    import sys

    from mnist_desk.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["build-filter-kernels"])
    assert exit_info.value.code == 2 and "invalid choice" in capsys.readouterr().err
    code = ("import sys, numpy as np; from mnist_desk.core.filters import convolve; "
            "convolve(np.ones((700, 800), np.uint8), np.ones((5, 5)), padding=2, padding_mode='reflect'); "
            "print(sorted(m for m in ('torch.utils.cpp_extension', 'torch._inductor', 'torch._dynamo') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]" and "CUDA" not in out.stderr, out.stderr
