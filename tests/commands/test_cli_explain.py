"""``mnist-desk explain``: per picture the input the network saw, a saliency map and its deletion check."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from mnist_desk.cli import main

REFUSAL = Path(__file__).resolve().parents[1] / "fixtures" / "refusal"


@pytest.fixture
def digit_files(tmp_path, test_sample):
    files = []
    for i in (0, 1, 2):
        path = tmp_path / f"digit{i}.png"
        Image.fromarray(255 - test_sample.images[i].numpy()).resize((112, 112)).save(path)  # dark ink on paper
        files.append(str(path))
    return files


def rows_of(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


@pytest.mark.parametrize("method", ["integrated-gradients", "occlusion", "grad-cam"])
def test_json_gives_the_input_the_map_and_the_deletion_check(digit_files, test_sample, capsys, method):
    assert main(["explain", "--method", method, "--json", *digit_files]) == 0
    rows = rows_of(capsys.readouterr().out)
    assert [row["file"] for row in rows] == digit_files
    for row, label in zip(rows, test_sample.labels[:3].tolist()):
        field, saliency = np.array(row["input"]), np.array(row["saliency"])
        assert field.shape == saliency.shape == (28, 28)
        assert np.isfinite(saliency).all() and 0 <= field.min() and field.max() <= 1
        assert row["digit"] == row["target"] == label and row["method"] == method
        if method != "occlusion":  # the map adds up to value − baseline
            assert saliency.sum() == pytest.approx(row["value"] - row["baseline"], rel=0.05, abs=0.05)
        deletion = row["deletion"]
        assert abs(deletion["pixels"] - 0.1 * int((field > 0).sum())) <= 1  # the input is printed rounded
        assert deletion["random"] <= deletion["before"] + 0.05
        if method != "grad-cam":  # a 7×7 map scaled up can miss on one digit (the bench averages 1,000)
            assert deletion["salient"] < deletion["random"]
        assert deletion["before"] == pytest.approx(row["probabilities"][label], abs=1e-5)


def test_why_not_another_digit(digit_files, capsys):
    assert main(["explain", "--target", "9", "--json", digit_files[0]]) == 0
    row = rows_of(capsys.readouterr().out)[0]
    assert row["target"] == 9 and row["digit"] == 7 and row["explained"] == "picked"
    assert row["deletion"]["before"] == pytest.approx(row["probabilities"][9], abs=1e-6)


def test_text_output_pictures_the_map(digit_files, capsys):
    assert main(["explain", digit_files[0]]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{digit_files[0]}: 7 (") and "integrated gradients for 7" in lines[0]
    assert "most salient pixels" in lines[0]
    picture = lines[1:]
    assert len(picture) == 28 and any("#" in line for line in picture)
    assert all(len(line) <= 56 for line in picture)


def test_no_digit_and_bad_files(tmp_path, digit_files, capsys):
    blank = tmp_path / "blank.png"
    Image.new("L", (60, 60), 255).save(blank)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n")
    assert main(["explain", "--json", str(blank), str(broken), digit_files[1]]) == 1
    out, err = capsys.readouterr()
    rows = rows_of(out)
    assert [row["file"] for row in rows] == [str(blank), digit_files[1]]
    assert rows[0]["digit"] is None and rows[0]["saliency"] is None and rows[0]["deletion"] is None
    assert rows[1]["digit"] == 2
    assert "broken.png" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert rows[0]["reasons"] == ["empty"] and rows[0]["target"] is None
    assert main(["explain", str(blank)]) == 0
    assert capsys.readouterr().out.strip() == f"{blank}: no digit: the picture is empty; nothing to explain"


@pytest.fixture
def calibrated():
    """The shipped weights, which carry a 'no digit' threshold (skip without one)."""
    from mnist_desk.core.paths import default_weights_path
    from mnist_desk.core.weights import load_checkpoint

    path = default_weights_path()
    if not path.is_file() or load_checkpoint(path).novelty is None:
        pytest.skip("the shipped weights have no 'no digit' calibration")
    return path


def test_a_picture_predict_refuses_is_no_digit_and_its_closest_digit_is_explained(calibrated, capsys):
    photo = str(REFUSAL / "not_a_digit_photo_astronaut.png")
    assert main(["predict", "--json", photo]) == 0
    predicted = json.loads(capsys.readouterr().out)
    assert predicted["digit"] is None and predicted["reasons"] == ["not_a_digit"]
    assert main(["explain", "--json", photo]) == 0
    row = rows_of(capsys.readouterr().out)[0]
    closest = int(np.argmax(row["probabilities"]))
    assert row["digit"] is None and row["reasons"] == predicted["reasons"] and row["unsure"] is False
    assert row["probabilities"] == pytest.approx(predicted["probabilities"], abs=1e-5)
    assert row["target"] == closest and row["explained"] == "closest"
    assert np.array(row["saliency"]).shape == (28, 28)
    assert row["deletion"]["before"] == pytest.approx(row["probabilities"][closest], abs=1e-5)
    assert main(["explain", photo]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    p = f"{row['probabilities'][closest]:.1%}"
    assert head.startswith(f"{photo}: no digit: this does not look like a digit; integrated gradients for the "
                           f"closest digit, {closest} ({p}); ")
    assert f"{closest} ({p})" not in head.split(";")[0]  # never named as the answer
    other = (closest + 1) % 10
    assert main(["explain", "--target", str(other), "--json", photo]) == 0
    picked = rows_of(capsys.readouterr().out)[0]
    assert picked["digit"] is None and picked["target"] == other and picked["explained"] == "picked"
    assert main(["explain", "--target", str(other), photo]) == 0
    assert f"integrated gradients for {other} (--target, " in capsys.readouterr().out


def test_the_deletion_check_says_whether_the_map_passed(digit_files, capsys):
    assert main(["explain", "--json", digit_files[0]]) == 0
    row = rows_of(capsys.readouterr().out)[0]
    deletion = row["deletion"]
    assert row["explained"] == "answer"
    assert deletion["passed"] is (deletion["salient"] < deletion["random"])
    assert main(["explain", digit_files[0]]) == 0
    verdict = "passed" if deletion["passed"] else "failed"
    assert capsys.readouterr().out.splitlines()[0].endswith(f"check {verdict}  (# + . for 7, = - , against it)")


def test_the_real_command(digit_files):
    result = subprocess.run([sys.executable, "-m", "mnist_desk", "explain", "--method", "occlusion", "--json",
                             digit_files[2]], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout)
    assert row["digit"] == 1 and len(row["saliency"]) == 28
    bad = subprocess.run([sys.executable, "-m", "mnist_desk", "explain", "--target", "12", digit_files[2]],
                         capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "not a digit 0 to 9" in bad.stderr and "Traceback" not in bad.stderr
    unknown = subprocess.run([sys.executable, "-m", "mnist_desk", "explain", "--method", "lime", digit_files[2]],
                             capture_output=True, text=True, timeout=300)
    assert unknown.returncode == 2 and "invalid choice" in unknown.stderr
