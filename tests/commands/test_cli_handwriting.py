"""``mnist-desk evaluate --set`` and ``mnist-desk train --init-weights --extra-set`` as a user runs them."""

from __future__ import annotations

import json
import re

import pytest
from command_line import one_line_error, run_main, run_real
from handwriting_sets import make_set

from mnist_desk.core.evaluation import evaluate
from mnist_desk.core.handwriting.reading import read_set
from mnist_desk.core.weights import Checkpoint, load_checkpoint, load_model, save_checkpoint


@pytest.fixture(scope="module")
def my_set(tmp_path_factory, test_sample):
    """Six digits of each label (the committed MNIST test digits, stored as the Draw tab stores drawings)."""
    return make_set(tmp_path_factory.mktemp("sets") / "mine", test_sample, per_label=6).folder


@pytest.fixture(scope="module")
def start_weights(tmp_path_factory, trained_looking):
    path = tmp_path_factory.mktemp("weights") / "start.pt"
    save_checkpoint(Checkpoint(trained_looking("fast", seed=2).state_dict(), arch="fast"), path)
    return path


def test_evaluate_a_set_prints_like_mnist_and_json_names_the_set(my_set):
    result = run_real("evaluate", "--set", my_set, "--json")  # the shipped weights, in a real process
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert re.fullmatch(r"总个数:60,不相等的个数\d+", lines[0]) and lines[1].startswith("准确率: ")
    summary = json.loads(lines[-1])
    model, _ = load_model(__import__("mnist_desk.core.paths", fromlist=["x"]).default_weights_path())
    expected = evaluate(model, read_set(my_set).split())
    assert summary == {**expected.summary(), "set": str(my_set)}
    assert summary["total"] == 60 and summary["accuracy"] > 0.9


def test_a_label_the_set_lacks_has_no_accuracy(tmp_path, test_sample, capsys, start_weights):
    folder = make_set(tmp_path / "some", test_sample, per_label=2, labels=(3, 7)).folder
    status, out, err = run_main(capsys, "evaluate", "--weights", start_weights, "--set", folder, "--json")
    assert status == 0, err
    summary = json.loads(out.splitlines()[-1])
    assert summary["total"] == 4 and summary["per_class"][0] is None and summary["per_class"][3] is not None
    assert "0: -" in out


def test_bad_sets_are_one_line_naming_the_first_bad_file(tmp_path, test_sample, capsys, start_weights):
    import os

    folder = make_set(tmp_path / "bad", test_sample, per_label=1).folder
    (folder / "4" / "notes.txt").write_text("x")
    os.mkfifo(folder / "7" / "pipe.png")
    status, out, err = run_main(capsys, "evaluate", "--weights", start_weights, "--set", folder)
    line = one_line_error(status, err)
    assert status == 1 and line.endswith(f"{folder}/4/notes.txt is not a picture: the folder of a digit holds only "
                                         "pictures (.jpg, .jpeg, .png, .ppm, .bmp, .pgm, .tif, .tiff, .webp)")
    out_file = tmp_path / "tuned.pt"
    status, _out, err = run_main(capsys, "train", "--init-weights", start_weights, "--extra-set", folder,
                                 "--epochs", "1", "--data-dir", tmp_path / "no-mnist", "--out", out_file)
    assert "4/notes.txt is not a picture" in one_line_error(status, err)
    assert not out_file.exists()  # nothing written, and MNIST not even looked for
    status, _out, err = run_main(capsys, "evaluate", "--set", tmp_path / "nowhere")
    assert one_line_error(status, err).endswith("nowhere does not exist")


def test_fine_tune_mixes_the_set_and_reports_both_accuracies(tmp_path, my_set, fake_data, start_weights):
    out = tmp_path / "tuned.pt"
    result = run_real("train", "--init-weights", start_weights, "--extra-set", my_set, "--holdout", "0.5",
                      "--extra-share", "0.3", "--epochs", "1", "--max-steps", "4", "--data-dir", fake_data,
                      "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    assert "Training fast (relu) on cpu — 1 epochs, batch 128, adam lr 0.0003" in result.stderr
    assert f"Mixing in {my_set}: 30 of its digits trained on" in result.stderr
    assert "30 held out (50% of each digit, never trained on)" in result.stderr
    assert re.search(r"before training: test accuracy [\d.]+%, held-out accuracy [\d.]+%", result.stderr)
    assert re.search(r"Done in .*: test accuracy [\d.]+% \(before: [\d.]+%\), held-out accuracy on .*mine "
                     r"[\d.]+% \(before: [\d.]+%\); weights saved to", result.stdout)
    tuned = load_checkpoint(out)
    assert tuned.arch == "fast" and tuned.progress["step"] == 4
    assert tuned.metrics["holdout_accuracy_before"] is not None and tuned.metrics["holdout_accuracy"] is not None
    assert tuned.history[0]["kind"] == "start"


def test_fine_tune_option_mistakes(tmp_path, test_sample, capsys, fake_data, start_weights):
    small = make_set(tmp_path / "small", test_sample, per_label=3, labels=range(9)).folder
    status, _out, err = run_main(capsys, "train", "--init-weights", start_weights, "--extra-set", small,
                                 "--epochs", "1", "--data-dir", fake_data, "--out", tmp_path / "x.pt")
    line = one_line_error(status, err)
    assert "too small to hold out an honest part" in line
    assert "(digit: how many more): 0: 3, 1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3, 7: 3, 8: 3, 9: 6" in line
    for args, expect in ((["--extra-share", "0.3"], "--extra-share needs --extra-set DIR"),
                         (["--extra-set", small, "--holdout", "1.5"], "held-out share must be from 0.05 to 0.9"),
                         (["--extra-set", small, "--extra-share", "0"], "share of your digits in training must be"),
                         (["--init-weights", start_weights, "--resume", start_weights], "give one of them")):
        status, _out, err = run_main(capsys, "train", *args, "--data-dir", fake_data, "--out", tmp_path / "x.pt")
        assert expect in one_line_error(status, err)
    assert not (tmp_path / "x.pt").exists()
