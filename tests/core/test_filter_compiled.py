"""The compiled filter kernels: built once for this test session, then held to nn.Conv2d's numbers."""

import json
import shutil
import threading

import numpy as np
import pytest
import torch

from mnist_desk.cli import main
from mnist_desk.core import filter_compiled, filter_engine, filter_kernel_build, paths
from mnist_desk.core.errors import ConfigError
from mnist_desk.core.filters import convolve

MODES = ("zeros", "reflect", "replicate", "circular")


@pytest.fixture(scope="session")
def built_kernels(tmp_path_factory):
    """3×3 and 5×5 kernels at strides 1 and 2, built by the real build (about a minute)."""
    if filter_kernel_build.find_compiler() is None:
        pytest.skip("building compiled filter kernels needs a C++ compiler")
    directory = tmp_path_factory.mktemp("kernels") / "filter-kernels"
    steps = list(filter_kernel_build.build_kernels(directory, sizes=(3, 5), strides=(1, 2)))
    assert [step.done for step in steps] == [1, 2, 3, 4] and steps[-1].total == 4
    return directory


@pytest.fixture
def kernels(built_kernels, monkeypatch):
    """The session's kernels as the ones the app finds."""
    monkeypatch.setenv(paths.FILTER_KERNELS_ENV_VAR, str(built_kernels))
    filter_compiled.reset()
    yield built_kernels
    filter_compiled.reset()


@pytest.fixture
def calls(kernels, monkeypatch):
    """Counts the compiled kernels' runs (the kernels loaded and checked first: the check runs them too)."""
    for size in (3, 5):
        for stride in (1, 2):
            filter_compiled.has_kernel(size, stride)
    count = [0]
    run = filter_compiled._run

    def counting(*args):
        count[0] += 1
        run(*args)

    monkeypatch.setattr(filter_compiled, "_run", counting)
    return count


def conv2d(picture, kernel, stride, padding, mode, divisor, offset):
    """The tutorial's nn.Conv2d, one channel at a time, then the divisor and offset."""
    planes = picture[..., None] if picture.ndim == 2 else picture
    results = []
    for c in range(planes.shape[2]):
        layer = torch.nn.Conv2d(1, 1, kernel.shape[0], stride=stride, padding=padding, padding_mode=mode,
                                bias=False)
        with torch.no_grad():
            layer.weight[:] = torch.from_numpy(kernel)
            result = layer(torch.from_numpy(planes[..., c].astype(np.float32))[None, None])[0, 0].numpy()
        if divisor is not None:
            result = result / np.float32(divisor)
        results.append(result + np.float32(offset))
    return results[0] if picture.ndim == 2 else np.stack(results, axis=-1)


@pytest.mark.parametrize("size", [3, 5])
@pytest.mark.parametrize("stride", [1, 2])
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", ["uint8", "float32", "colour"])
def test_equals_conv2d_for_every_padding(kernels, calls, size, stride, mode, kind):
    rng = np.random.default_rng([size, stride, len(mode), len(kind)])
    shape = (530, 620, 3) if kind == "colour" else (530, 620)
    picture = rng.integers(0, 256, shape).astype(np.float32 if kind == "float32" else np.uint8)
    if kind == "float32":
        picture += rng.random(shape, dtype=np.float32)  # not whole numbers
    kernel = rng.normal(size=(size, size)).astype(np.float32)
    for padding in range(size // 2 + 2):
        divisor, offset = (None, 0.0) if padding % 2 else (3.0, 10.5)
        before = calls[0]
        result = convolve(picture, kernel, stride=stride, padding=padding, padding_mode=mode, divisor=divisor,
                          offset=offset)
        assert calls[0] > before, "the compiled kernel was not used"
        expected = conv2d(picture, kernel, stride, padding, mode, divisor, offset)
        assert result.shape == expected.shape and result.dtype == np.float32
        np.testing.assert_allclose(result, expected, rtol=1e-5, atol=2e-3)


def test_whole_numbers_give_the_numpy_engines_numbers_exactly(kernels, calls):
    rng = np.random.default_rng(5)
    picture = rng.integers(0, 256, (400, 500)).astype(np.uint8)
    kernel = rng.integers(-9, 10, (3, 3)).astype(np.float32)
    compiled = convolve(picture, kernel, padding=1, padding_mode="reflect")
    assert calls[0] == 5  # the inside and four borders
    filter_compiled.set_enabled(False)
    try:
        engine = convolve(picture, kernel, padding=1, padding_mode="reflect")
    finally:
        filter_compiled.set_enabled(True)
    assert calls[0] == 5
    np.testing.assert_array_equal(compiled, engine)


@pytest.mark.parametrize("mode", MODES)
def test_infinities_and_nan_give_what_conv2d_gives_inside_and_at_the_border(kernels, calls, mode):
    picture = np.full((300, 300), 50, np.float32)
    picture[100, 100] = picture[0, 150] = np.inf  # inside, and on the top edge
    picture[150, 299] = np.nan  # on the right edge
    kernel = np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], np.float32)  # inf × 0 is NaN in conv2d too
    result = convolve(picture, kernel, padding=1, padding_mode=mode)
    assert calls[0] == 5  # the inside and four borders
    np.testing.assert_array_equal(result, conv2d(picture, kernel, 1, 1, mode, None, 0.0))


def test_flipped_and_unaligned_views_are_packed_first(kernels, calls):
    rng = np.random.default_rng(3)
    picture = rng.integers(0, 256, (400, 500)).astype(np.float32)
    kernel = rng.integers(-3, 4, (3, 3)).astype(np.float32)
    raw = np.zeros(400 * 501 * 4 + 1, np.uint8)[1:].view(np.uint8)  # float32 rows starting at odd addresses
    unaligned = np.ndarray((400, 500), np.float32, buffer=raw.data, strides=(501 * 4 + 0, 4))
    unaligned[:] = picture
    for view in (picture[::-1], picture[:, ::-1], picture.T, unaligned):
        np.testing.assert_array_equal(convolve(view, kernel, padding=1),
                                      conv2d(np.ascontiguousarray(view), kernel, 1, 1, "zeros", None, 0.0))
    assert calls[0] >= 4


def test_the_kernel_is_never_called_with_shapes_it_would_read_past(kernels):
    runner = filter_compiled._runner(3, 1)
    out = np.zeros((50, 10), np.float32)
    weights = np.ones(9, np.float32)
    for picture in (np.zeros((4, 4), np.float32), np.zeros((52, 12), np.uint8), np.zeros((52, 12), np.float32).T,
                    np.zeros((52, 24), np.float32)[:, ::2]):
        with pytest.raises(ValueError, match="compiled filter kernel"):
            filter_compiled._run(runner, 3, 1, picture, weights, 1.0, 0.0, out)
    with pytest.raises(ValueError, match="compiled filter kernel"):
        filter_compiled._run(runner, 3, 1, np.zeros((52, 12), np.float32), np.ones(25, np.float32), 1.0, 0.0, out)


def test_small_pictures_and_pictures_of_other_types_use_the_numpy_engine(kernels, calls):
    kernel = np.ones((3, 3), np.float32)
    convolve(np.ones((100, 100), np.float32), kernel)  # 9,604 output pixels: below MIN_PIXELS
    convolve(np.ones((400, 400), np.float64), kernel)
    convolve(np.ones((400, 400), np.float32), np.ones((7, 7), np.float32))  # no 7×7 kernel built
    convolve(np.ones((400, 400), np.float32), kernel, stride=3)  # nor stride 3
    assert calls[0] == 0


def test_two_threads_at_once(kernels):
    rng = np.random.default_rng(8)
    pictures = [rng.integers(0, 256, (500, 600)).astype(np.uint8) for _ in range(2)]
    kernel = rng.normal(size=(5, 5)).astype(np.float32)
    results = [None, None]

    def work(i):
        for _ in range(5):
            results[i] = convolve(pictures[i], kernel, padding="same")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for picture, result in zip(pictures, results):
        np.testing.assert_allclose(result, conv2d(picture, kernel, 1, 2, "zeros", None, 0.0), rtol=1e-5, atol=2e-3)


def test_padded_region_reads_the_padding_of_each_mode():
    plane = np.arange(35, dtype=np.float32).reshape(5, 7)
    for mode, np_mode in [("zeros", "constant"), ("reflect", "reflect"), ("replicate", "edge"),
                          ("circular", "wrap")]:
        padded = np.pad(plane, 2, mode=np_mode)
        region = filter_engine.padded_region(plane, (1, 8), (3, 11), 2, mode)
        np.testing.assert_array_equal(region, padded[1:8, 3:11])


def test_status_says_which_engine_and_why(kernels, monkeypatch):
    assert filter_compiled.engine_status().startswith(f"Compiled filter kernels from {kernels}")
    monkeypatch.setenv(filter_compiled.ENGINE_ENV_VAR, "numpy")
    filter_compiled.reset()
    assert "NumPy engine" in filter_compiled.engine_status() and "is numpy" in filter_compiled.engine_status()
    assert not filter_compiled.has_kernel(3, 1)


def copy_of(kernels, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(kernels, copy)
    return copy


def test_kernels_built_for_another_torch_are_not_used(kernels, tmp_path, monkeypatch, calls):
    copy = copy_of(kernels, tmp_path)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["torch"] = "1.0.0"
    (copy / "manifest.json").write_text(json.dumps(manifest))
    monkeypatch.setenv(paths.FILTER_KERNELS_ENV_VAR, str(copy))
    filter_compiled.reset()
    assert "built for torch 1.0.0" in filter_compiled.engine_status()
    assert filter_compiled.folder_problem(copy) is not None
    picture = np.random.default_rng(1).integers(0, 256, (400, 400)).astype(np.uint8)
    kernel = np.ones((3, 3), np.float32)
    np.testing.assert_array_equal(convolve(picture, kernel), conv2d(picture, kernel, 1, 0, "zeros", None, 0.0))
    assert calls[0] == 0


def test_a_damaged_or_missing_kernel_file_is_not_used(kernels, tmp_path, monkeypatch, calls):
    copy = copy_of(kernels, tmp_path)
    (copy / filter_kernel_build.kernel_file_name(3, 1, "float32")).write_bytes(b"not a zip file")
    (copy / filter_kernel_build.kernel_file_name(5, 1, "float32")).unlink()
    assert "are missing" in filter_compiled.folder_problem(copy)
    (copy / "manifest.json").write_text(json.dumps({**json.loads((copy / "manifest.json").read_text()),
                                                     "kernels": {"3x3/stride1/float32":
                                                                 "correlate_3x3_stride1_float32.pt2"}}))
    monkeypatch.setenv(paths.FILTER_KERNELS_ENV_VAR, str(copy))
    filter_compiled.reset()
    picture = np.random.default_rng(2).integers(0, 256, (400, 400)).astype(np.uint8)
    kernel = np.ones((3, 3), np.float32)
    np.testing.assert_array_equal(convolve(picture, kernel), conv2d(picture, kernel, 1, 0, "zeros", None, 0.0))
    assert calls[0] == 0
    assert "3x3/stride1/float32: RuntimeError" in filter_compiled.engine_status()
    assert filter_compiled.folder_problem(copy).startswith("correlate_3x3_stride1_float32.pt2: RuntimeError")
    assert filter_compiled.fits_here(copy)  # the manifest fits; the file does not load


def test_a_kernel_failing_its_check_is_not_used(kernels, monkeypatch, calls):
    monkeypatch.setattr(filter_compiled, "_passes_check", lambda *args: False)
    filter_compiled.reset()  # forget the kernels the calls fixture loaded
    assert not filter_compiled.has_kernel(3, 1)
    assert "gave wrong numbers" in filter_compiled.engine_status()
    convolve(np.ones((400, 400), np.float32), np.ones((3, 3), np.float32))
    assert calls[0] == 0


def test_the_check_catches_a_kernel_that_ignores_the_output_row_stride(kernels):
    assert filter_compiled._passes_check(filter_compiled._runner(3, 1), 3, 1)

    class PackedOut:
        """Right numbers, written as if the output's rows followed each other."""

        def run(self, inputs):
            picture, weights, divisor, offset, out = inputs
            result = torch.nn.functional.conv2d(picture[None, None], weights.view(1, 1, 3, 3))[0, 0] / divisor + offset
            flat = torch.from_numpy(np.lib.stride_tricks.as_strided(out.numpy(), (out.numel(),), (4,)))
            flat.copy_(result.ravel())

    assert not filter_compiled._passes_check(PackedOut(), 3, 1)


def test_building_without_a_compiler_is_a_clear_error(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(filter_kernel_build, "find_compiler", lambda: None)
    with pytest.raises(ConfigError, match="needs a C\\+\\+ compiler"):
        list(filter_kernel_build.build_kernels(tmp_path / "k"))
    assert main(["build-filter-kernels", "--dir", str(tmp_path / "k")]) == 1
    assert "needs a C++ compiler" in capsys.readouterr().err
    assert main(["build-filter-kernels", "--dir", str(tmp_path / "k"), "--if-possible"]) == 0
    assert "and none was found. The Filter Lab uses its NumPy engine" in capsys.readouterr().out
    assert not (tmp_path / "k").exists()


def test_building_with_a_torch_without_aotinductor_is_a_clear_error(monkeypatch, tmp_path, capsys):
    import torch._inductor

    monkeypatch.delattr(torch._inductor, "aoti_compile_and_package")
    with pytest.raises(ConfigError, match="needs torch 2.6 or newer"):
        list(filter_kernel_build.build_kernels(tmp_path / "k"))
    assert main(["build-filter-kernels", "--dir", str(tmp_path / "k"), "--if-possible"]) == 0
    assert "needs torch 2.6 or newer" in capsys.readouterr().out


def test_a_failing_compiler_is_a_one_line_error_or_a_note(monkeypatch, tmp_path, capsys):
    def broken(*args):
        raise RuntimeError("InvalidCxxCompiler: No working C++ compiler found\nmore detail")

    monkeypatch.setattr(filter_kernel_build, "build_kernel", broken)
    assert main(["build-filter-kernels", "--dir", str(tmp_path / "k")]) == 1
    assert "building the filter kernels failed: RuntimeError: InvalidCxxCompiler" in capsys.readouterr().err
    assert main(["build-filter-kernels", "--dir", str(tmp_path / "k"), "--if-possible"]) == 0
    assert "uses its NumPy engine" in capsys.readouterr().out
    assert not (tmp_path / "k").exists() and list(tmp_path.iterdir()) == []  # no staging folder left


def test_the_command_does_not_build_again_what_is_built(kernels, capsys):
    assert main(["build-filter-kernels", "--dir", str(kernels)]) == 0
    assert "are built and fit this machine" in capsys.readouterr().out


def test_where_the_app_looks_for_kernels(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.FILTER_KERNELS_ENV_VAR, str(tmp_path / "mine"))
    assert paths.filter_kernel_dirs() == [tmp_path / "mine"]
    monkeypatch.delenv(paths.FILTER_KERNELS_ENV_VAR)
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path / "bundle"), raising=False)
    assert paths.filter_kernel_dirs() == [tmp_path / "bundle" / "filter-kernels", paths.user_filter_kernels_dir()]
