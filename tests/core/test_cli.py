"""The command line: one-line errors, JSON output, train → evaluate → predict."""

import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from mnist_desk.cli import main


def run_cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "mnist_desk", *args], capture_output=True, text=True, timeout=300, env=env)


def _one_line_error(result):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("mnist-desk"), result.stderr
    return lines[0]


def test_bad_arguments_are_one_line_errors(tmp_path):
    assert "--epochs" in _one_line_error(run_cli("train", "--epochs", "zero", "--out", str(tmp_path / "w.pt")))
    assert "invalid choice" in _one_line_error(run_cli("train", "--arch", "vgg", "--out", str(tmp_path / "w.pt")))
    _one_line_error(run_cli("predict"))


def test_bad_files_are_one_line_errors(tmp_path):
    bad = tmp_path / "bad.pt"
    bad.write_text("not weights")
    assert "not a PyTorch weights file" in _one_line_error(run_cli("predict", "--weights", str(bad), str(bad)))
    assert "not found" in _one_line_error(run_cli("evaluate", "--weights", str(tmp_path / "none.pt")))
    assert "MNIST not found" in _one_line_error(run_cli("train", "--data-dir", str(tmp_path), "--out", str(tmp_path / "w.pt")))


def test_predict_json_one_object_per_line(tmp_path, test_sample, capsys):
    files = []
    for i in (0, 1, 2):
        path = tmp_path / f"digit{i}.png"
        Image.fromarray(255 - test_sample.images[i].numpy()).resize((112, 112)).save(path)
        files.append(str(path))
    blank = tmp_path / "blank.png"
    Image.new("L", (50, 50), 255).save(blank)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n")
    assert main(["predict", "--json", *files, str(blank), str(broken)]) == 1  # one bad file → non-zero
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["file"] for r in rows] == [*files, str(blank)]
    assert [r["digit"] for r in rows[:3]] == test_sample.labels[:3].tolist()
    assert rows[3]["digit"] is None and len(rows[0]["probabilities"]) == 10
    assert "broken.png" in err and "Traceback" not in err


def test_evaluate_json_on_the_full_test_set(full_data_dir, capsys):
    assert main(["evaluate", "--data-dir", str(full_data_dir), "--json"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("总个数:10000,不相等的个数")
    summary = json.loads(lines[-1])
    assert summary["total"] == 10_000 and summary["accuracy"] >= 0.995
    assert summary["wrong"] == round((1 - summary["accuracy"]) * 10_000)
    assert len(summary["per_class"]) == 10 and np.array(summary["confusion"]).sum() == 10_000


def test_files_without_a_command_open_the_window(monkeypatch):
    import argparse

    from mnist_desk import cli
    from mnist_desk.ui import app

    opened = []
    monkeypatch.setattr(app, "run_app", lambda argv, files=(): opened.append(list(files)) or 0)
    assert main(["photo.png", "weights.pt"]) == 0
    assert opened == [["photo.png", "weights.pt"]]
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert set(commands) == set(cli.COMMANDS)  # a new command must not be taken for a file name
    with pytest.raises(SystemExit) as usage:
        main(["trian"])  # a typo is a usage error, not a file to open
    assert usage.value.code == 2 and opened == [["photo.png", "weights.pt"]]
    assert main(["my pictures/seven"]) == 0  # a path without a suffix


def test_train_options_of_the_shipped_recipe():
    from mnist_desk.cli import build_parser
    from mnist_desk.commands.train import config_from_args

    def config(*options):
        return config_from_args(build_parser().parse_args(["train", "--out", "w.pt", *options]))

    assert not config().augment and config().outliers == 0 and config().hold_out == 0
    basic = config("--augment")
    assert basic.augment and basic.augment_recipe == "basic"
    shipped = config("--augment", "handwriting", "--outliers", "0.25", "--hold-out", "5000", "--outlier-weight", "0.5")
    assert (shipped.augment, shipped.augment_recipe, shipped.outliers, shipped.hold_out) == (True, "handwriting", 0.25, 5000)
    assert "invalid choice" in _one_line_error(run_cli("train", "--augment", "wild", "--out", "w.pt"))
    assert "--outliers" in _one_line_error(run_cli("train", "--outliers", "9", "--out", "w.pt"))


def test_predict_says_no_digit_for_a_picture_of_none(capsys):
    from pathlib import Path

    from mnist_desk.core.paths import default_weights_path
    from mnist_desk.core.weights import load_checkpoint

    if load_checkpoint(default_weights_path()).novelty is None:
        pytest.skip("the shipped weights have no 'no digit' calibration")
    star = Path(__file__).resolve().parents[1] / "fixtures" / "refusal" / "not_a_digit_star.png"
    assert main(["predict", "--json", str(star)]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["digit"] is None and row["reasons"] == ["not_a_digit"] and not row["unsure"]
    assert row["score"] < row["threshold"] and len(row["probabilities"]) == 10
    assert main(["predict", str(star)]) == 0
    assert capsys.readouterr().out.strip().endswith("no digit: this does not look like a digit")
