"""``mnist-desk --self-test``: passes on a good installation, and each check can fail.

The full run (window included) goes through a subprocess, as a user runs it;
the checks that need no Qt are also run in-process against broken inputs to
show they catch what they are there to catch. The bundle itself is checked by
CI (.ci/run builds it and runs its --self-test).
"""

from __future__ import annotations

import configparser
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mnist_desk import selftest
from mnist_desk.core.paths import default_weights_path, resource_path
from mnist_desk.selftest.context import CheckFailed, SelfTestContext
from mnist_desk.selftest.files import check_resources
from mnist_desk.selftest.filters import check_convolution
from mnist_desk.selftest.network import TRAIN_BATCH, TRAIN_STEPS, check_classify, check_training

ROOT = Path(__file__).resolve().parents[2]


def _context(tmp_path: Path, **changes) -> SelfTestContext:
    values = dict(weights_path=default_weights_path(), samples_dir=resource_path("samples"),
                  icon_path=resource_path("icons", "app.png"))
    values.update(changes)
    return SelfTestContext(**values)


def test_self_test_passes_and_says_what_it_checked():
    if not default_weights_path().is_file():
        pytest.skip(f"no shipped weights at {default_weights_path()}")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-m", "mnist_desk", "--self-test"], capture_output=True, text=True,
                            timeout=240, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for name, _ in selftest.CHECKS:
        assert any(f"[  ok  ] {name}" in line for line in lines), f"{name!r} not reported as ok:\n{result.stdout}"
    assert "10/10 MNIST test digits right" in result.stdout
    assert "painted" in result.stdout and "showed each tab" in result.stdout
    assert "loaded the shipped weights" in result.stdout
    assert lines[-1].startswith("self-test: all checks passed")
    assert "propagateSizeHints" not in result.stdout + result.stderr  # Qt's offscreen note is not the user's news


def test_missing_weights_fail_clearly(tmp_path):
    missing = tmp_path / "no_such_weights.pt"
    out = io.StringIO()
    status = selftest.run_self_test(missing, window=False, stream=out)
    text = out.getvalue()
    assert status == selftest.EXIT_FAILED
    weights_line = next(line for line in text.splitlines() if "shipped weights" in line)
    assert "[FAILED]" in weights_line and "not found" in weights_line and str(missing) in weights_line
    classify_line = next(line for line in text.splitlines() if "classify bundled digits" in line)
    assert "[FAILED]" in classify_line and "did not load" in classify_line
    # The checks that do not need the weights still ran, and passed.
    for name in ("resources", "translations", "convolution and pooling", "torchvision operators",
                 "training steps", "built network"):
        assert any(f"[  ok  ] {name}" in line for line in text.splitlines()), text
    explain_line = next(line for line in text.splitlines() if "why this answer" in line)
    assert "[FAILED]" in explain_line and "did not load" in explain_line
    handwriting_line = next(line for line in text.splitlines() if "handwriting sets" in line)
    assert "[FAILED]" in handwriting_line and "did not load" in handwriting_line
    assert "4 of 10 checks FAILED" in text.splitlines()[-1]


def test_an_untrained_model_misreads_the_bundled_digits(tmp_path):
    import torch

    from mnist_desk.core.models import build_model

    torch.manual_seed(0)
    ctx = _context(tmp_path, model=build_model("tutorial").eval())
    with pytest.raises(CheckFailed, match="misread"):
        check_classify(ctx)


def test_a_missing_sample_picture_is_named(tmp_path):
    samples = tmp_path / "samples"
    shutil.copytree(resource_path("samples"), samples)
    first = json.loads((samples / "samples.json").read_text())["samples"][0]["file"]
    (samples / first).unlink()
    with pytest.raises(CheckFailed, match=first):
        check_resources(_context(tmp_path, samples_dir=samples))


def test_a_wrong_convolution_is_caught(tmp_path, monkeypatch):
    from mnist_desk.core import filters

    real = filters.convolve
    # Off by one everywhere: what a wrong padding or bias would give.
    monkeypatch.setattr(filters, "convolve", lambda image, kernel, **kw: real(image, kernel, **kw) + 1.0)
    with pytest.raises(CheckFailed, match="differs from nn.Conv2d"):
        check_convolution(_context(tmp_path))


def test_training_that_does_not_learn_is_caught(tmp_path):
    samples = tmp_path / "samples"
    shutil.copytree(resource_path("samples"), samples)
    data = np.load(samples / "train_sample.npz")
    # Labels unrelated to the pictures (a fixed permutation): the loss on them cannot drop by 15 %.
    labels = np.random.default_rng(0).integers(0, 10, size=len(data["labels"]))
    np.savez(samples / "train_sample.npz", images=data["images"], labels=labels)
    with pytest.raises(CheckFailed, match="did not go down"):
        check_training(_context(tmp_path, samples_dir=samples))


def test_bundled_samples_are_real_labelled_mnist_digits():
    samples = resource_path("samples")
    entries = json.loads((samples / "samples.json").read_text())["samples"]
    assert sorted(e["label"] for e in entries) == list(range(10))
    fixture = np.load(ROOT / "tests" / "fixtures" / "mnist_test_sample.npz")
    by_index = {int(i): (img, int(lab))
                for i, img, lab in zip(fixture["indices"], fixture["images"], fixture["labels"])}
    from PIL import Image

    for entry in entries:
        picture = np.asarray(Image.open(samples / entry["file"]))
        image, label = by_index[entry["mnist_test_index"]]
        assert picture.shape == (28, 28) and np.array_equal(picture, image)
        assert label == entry["label"]
    train = np.load(samples / "train_sample.npz")
    assert train["images"].shape[1:] == (28, 28) and len(train["labels"]) >= TRAIN_STEPS * TRAIN_BATCH


def test_desktop_file_names_the_command_and_icon():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in .desktop files
    parser.read(resource_path("mnist-desk.desktop"), encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Name"] == "MNIST Desk"
    assert entry["Exec"].split()[0] == "mnist-desk" and entry["Icon"] == "mnist-desk"
    assert resource_path("icons", "app.png").is_file() and resource_path("icons", "app.svg").is_file()


def test_a_missing_translation_is_named(tmp_path, monkeypatch):
    from mnist_desk.selftest.window import check_translations

    monkeypatch.setattr("mnist_desk.ui.translation.translations_dir", lambda: tmp_path)
    with pytest.raises(CheckFailed, match="the Chinese translation is missing or empty in"):
        check_translations(_context(tmp_path))


def test_the_readme_shows_the_checks_the_self_test_makes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = readme.split("$ QT_QPA_PLATFORM=offscreen dist/mnist-desk/mnist-desk --self-test\n", 1)[1].split("```")[0]
    shown = [line.split("] ", 1)[1].split(" (", 1)[0] for line in sample.splitlines() if line.startswith("  [")]
    assert shown == [name for name, _ in selftest.CHECKS]
    assert sample.splitlines()[-1].startswith("self-test: all checks passed in ")


def test_the_handwriting_check_writes_zips_reads_and_evaluates_a_set_and_can_fail(tmp_path):
    import torch

    from mnist_desk.core.weights import load_checkpoint
    from mnist_desk.selftest.handwriting import check_handwriting

    if not default_weights_path().is_file():
        pytest.skip(f"no shipped weights at {default_weights_path()}")
    ctx = _context(tmp_path)
    ctx.model = load_checkpoint(default_weights_path()).build()
    assert check_handwriting(ctx).endswith(": 10/10 right")

    class Zero(torch.nn.Module):  # a network that answers 0 to everything
        def forward(self, x):
            return torch.nn.functional.one_hot(torch.zeros(len(x), dtype=torch.int64), 10).float()

    ctx.model = Zero()
    with pytest.raises(CheckFailed, match=r"1/10 digits of the set read right"):
        check_handwriting(ctx)
