"""``mnist-desk explain``: per picture the input the network saw, a saliency map and its deletion check."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from mnist_desk.cli import main


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
    assert row["target"] == 9 and row["digit"] == 7
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
    assert main(["explain", str(blank)]) == 0
    assert "no digit, nothing to explain" in capsys.readouterr().out


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
