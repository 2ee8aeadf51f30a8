"""The bad-input corpus on the command line: every case ends with one line on stderr and a non-zero status.

Table-driven over tests/bad_input_corpus.py (pictures, weights files, data
folders) and over bad options; each case runs the real ``mnist-desk`` entry
point (:func:`mnist_desk.cli.main`), a few of them in a real process too
(what reaches a terminal: no library warnings, no traceback, no hang).
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
import torch
from bad_input_corpus import Case, bad_data_folders, bad_pictures, bad_weights, deny, fake_mnist
from command_line import cli_form, one_line_error, run_main, run_real

from mnist_desk.commands.common import EXIT_SOFTWARE
from mnist_desk.core.models import build_model
from mnist_desk.core.training import TrainConfig, Trainer
from mnist_desk.core.weights import Checkpoint, load_checkpoint, save_checkpoint


def check_cases(capsys, cases: list[Case], command) -> None:
    """Run ``command(case)`` for every case; collect every case whose answer is not its one sentence."""
    wrong = []
    for case in cases:
        try:
            status, _out, err = run_main(capsys, *command(case))
            line = one_line_error(status, err)
            if not re.search(cli_form(case.expect), line):
                wrong.append(f"{case.name}: {line!r} does not match {case.expect!r}")
        except AssertionError as error:
            wrong.append(f"{case.name}: {error}")
    assert not wrong, "\n".join(wrong)


@pytest.fixture(scope="module")
def tutorial_weights(tmp_path_factory) -> Path:
    torch.manual_seed(0)
    return save_checkpoint(Checkpoint(build_model("tutorial").state_dict(), arch="tutorial"),
                           tmp_path_factory.mktemp("weights") / "tutorial.pt")


@pytest.mark.timeout(120)
def test_bad_pictures(tmp_path, capsys, monkeypatch, tutorial_weights):
    cases = bad_pictures(tmp_path)
    deny(monkeypatch, cases)
    check_cases(capsys, cases, lambda case: ("predict", "--weights", tutorial_weights, case.path))


@pytest.mark.timeout(120)
def test_a_bad_picture_among_good_ones_is_one_line_and_the_others_are_answered(tmp_path, capsys, tutorial_weights):
    cases = {case.name: case for case in bad_pictures(tmp_path)}
    status, out, err = run_main(capsys, "predict", "--weights", tutorial_weights, tmp_path / "good.png",
                                cases["named pipe"].path, tmp_path / "good.jpg")
    assert re.search(cli_form(cases["named pipe"].expect), one_line_error(status, err))
    assert [line.split(":")[0] for line in out.splitlines()] == [str(tmp_path / "good.png"), str(tmp_path / "good.jpg")]


@pytest.mark.timeout(180)
def test_bad_weights_files(tmp_path, capsys, monkeypatch):
    cases = bad_weights(tmp_path / "weights")
    bad_pictures(tmp_path / "pictures")
    deny(monkeypatch, cases)
    picture = tmp_path / "pictures" / "good.png"
    check_cases(capsys, cases, lambda case: ("predict", "--weights", case.path, picture))
    check_cases(capsys, cases, lambda case: ("evaluate", "--weights", case.path, "--data-dir", tmp_path / "none"))
    check_cases(capsys, cases, lambda case: ("train", "--resume", case.path, "--out", tmp_path / "out.pt"))
    assert not (tmp_path / "out.pt").exists()


@pytest.mark.timeout(180)
def test_bad_data_folders(tmp_path, capsys, monkeypatch):
    cases = bad_data_folders(tmp_path)
    deny(monkeypatch, cases)
    check_cases(capsys, cases, lambda case: ("train", "--data-dir", case.path, "--out", tmp_path / "out.pt",
                                             "--max-steps", "1", "--quiet"))
    assert not (tmp_path / "out.pt").exists()


def test_evaluate_needs_only_the_two_test_files(tmp_path, capsys, tutorial_weights):
    # torchvision's MNIST class wants all four files ("Dataset not found. You can use download=True").
    root = fake_mnist(tmp_path)
    for name in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"):
        (root / "MNIST" / "raw" / name).unlink()
    status, out, err = run_main(capsys, "evaluate", "--weights", tutorial_weights, "--data-dir", root)
    assert status == 0 and "总个数:10000" in out and not err.strip()


@pytest.fixture(scope="module")
def runs(tmp_path_factory, train_sample):
    """Saved runs to resume: a tutorial run stopped in its first epoch, one finished, one that used its step budget."""
    folder = tmp_path_factory.mktemp("runs")
    config = dict(arch="tutorial", batch_size=100, log_every=5, device="cpu")
    stopped = Trainer(TrainConfig(epochs=2, **config), train_sample)
    for record in stopped.run():
        if record.step >= 5:
            break
    finished = Trainer(TrainConfig(epochs=1, **config), train_sample)
    list(finished.run())
    budget = Trainer(TrainConfig(epochs=5, max_steps=5, **config), train_sample)
    list(budget.run())
    bare = folder / "bare.pt"
    torch.save(build_model("tutorial").state_dict(), bare)
    return {"stopped": save_checkpoint(stopped.checkpoint(), folder / "stopped.pt"),
            "finished": save_checkpoint(finished.checkpoint(), folder / "finished.pt"),
            "budget": save_checkpoint(budget.checkpoint(), folder / "budget.pt"), "bare": bare}


OPTION_CASES = [
    # (name, arguments after "train --data-dir D --out O", expected, status)
    ("seed beyond 64 bits", ["--seed", str(2**70)], r"seed must be a whole number from 0 to 4,294,967,295", 1),
    ("negative seed", ["--seed", "-1"], r"seed must be a whole number from 0", 1),
    ("device mps", ["--device", "mps"], r"MPS device was asked for but it is not available", 1),
    ("device meta", ["--device", "meta"], r"cannot train on the 'meta' device", 1),
    ("device xla", ["--device", "xla"], r"cannot train on the 'xla' device", 1),
    ("device nonsense", ["--device", "gpu-please"], r"Unknown device 'gpu-please'", 1),
    ("device cuda:7", ["--device", "cuda:7"], r"CUDA|no CUDA device 7", 1),
    ("negative lr", ["--lr", "-1"], r"argument --lr: -1 must be a positive number", 2),
    ("lr nan", ["--lr", "nan"], r"argument --lr: nan must be a positive number", 2),
    ("lr text", ["--lr", "fast"], r"argument --lr: 'fast' is not a number", 2),
    ("zero epochs", ["--epochs", "0"], r"argument --epochs: 0 must be at least 1", 2),
    ("label smoothing 2", ["--label-smoothing", "2"], r"label_smoothing must be in \[0, 1\)", 1),
    ("label smoothing nan", ["--label-smoothing", "nan"], r"label_smoothing must be in \[0, 1\)", 1),
    ("unknown optimizer", ["--optimizer", "lbfgs"], r"invalid choice: 'lbfgs'", 2),
]


@pytest.mark.timeout(120)
@pytest.mark.parametrize(("name", "options", "expect", "status"), OPTION_CASES, ids=[c[0] for c in OPTION_CASES])
def test_bad_training_options(capsys, tmp_path, fake_data, name, options, expect, status):
    got, _out, err = run_main(capsys, "train", "--data-dir", fake_data, "--out", tmp_path / "o.pt", "--quiet", *options)
    line = err.strip().splitlines()
    assert got == status and len(line) == 1 and re.search(cli_form(expect), line[0]), err
    assert "Traceback" not in err and not (tmp_path / "o.pt").exists()


@pytest.mark.timeout(120)
def test_bad_out_and_resume_options(capsys, tmp_path, fake_data, runs):
    (tmp_path / "a folder").mkdir()
    out = tmp_path / "o.pt"
    cases = [
        (["--out", tmp_path / "a folder"], r"--out .*a folder is a folder; give a file name"),
        (["--out", tmp_path / "no such folder" / "w.pt"], r"The folder .*no such folder of --out does not exist"),
        (["--out", out, "--resume", runs["bare"]], r"holds no optimizer state or progress; it cannot be resumed"),
        (["--out", out, "--resume", runs["stopped"], "--arch", "desk"],
         r"holds a tutorial network, which --resume continues as it is: leave out --arch desk"),
        (["--out", out, "--resume", runs["stopped"], "--activation", "sigmoid"],
         r"holds a relu network.*leave out --activation sigmoid"),
        (["--out", out, "--resume", runs["finished"]], r"already trained its 1 epochs; pass a larger --epochs"),
        (["--out", out, "--resume", runs["budget"], "--epochs", "9"],
         r"already trained 5 steps, its budget \(--max-steps 5\); pass a larger --max-steps"),
    ]
    wrong = []
    for options, expect in cases:
        status, _out, err = run_main(capsys, "train", "--data-dir", fake_data, "--quiet", *options)
        try:
            line = one_line_error(status, err)
            assert re.search(cli_form(expect), line), f"{line!r} does not match {expect!r}"
        except AssertionError as error:
            wrong.append(f"{options}: {error}")
    assert not wrong, "\n".join(wrong)
    assert not out.exists()


@pytest.mark.timeout(180)
def test_a_budget_run_resumes_with_a_larger_budget(capsys, tmp_path, fake_data, runs):
    out = tmp_path / "more.pt"
    status, _out, err = run_main(capsys, "train", "--data-dir", fake_data, "--quiet", "--out", out,
                                 "--resume", runs["budget"], "--max-steps", "8")
    assert status == 0, err
    assert load_checkpoint(out).progress["step"] == 8


@pytest.mark.timeout(180)
def test_a_diverging_run_stops_says_so_and_keeps_the_last_finite_weights(capsys, tmp_path, fake_data, runs):
    out = tmp_path / "diverged.pt"
    status, _out, err = run_main(capsys, "train", "--data-dir", fake_data, "--quiet", "--out", out,
                                 "--resume", runs["stopped"], "--lr", "1e300")
    line = one_line_error(status, err.split("\n", 1)[1])  # after the "Training tutorial ..." line
    assert re.search(r"training stopped at step \d+: the loss is no longer a finite number .* the learning rate "
                     r"\(1e\+300\) is probably too high\. The last finite weights, of step 5, are saved in", line)
    kept = load_checkpoint(out)  # loads: every weight is finite
    assert kept.progress["step"] == 5
    status, _out, err = run_main(capsys, "train", "--data-dir", fake_data, "--quiet", "--out", tmp_path / "new.pt",
                                 "--lr", "1e308", "--max-steps", "40")
    assert "No weights were trained before that" in one_line_error(status, err.split("\n", 1)[1])
    assert not (tmp_path / "new.pt").exists()


def test_an_unexpected_error_is_one_line_too(capsys, monkeypatch):
    def broken(_args):
        raise RuntimeError("something deep inside\nwith a second line")

    monkeypatch.setattr("mnist_desk.commands.evaluate.run", broken)
    status, _out, err = run_main(capsys, "evaluate")
    assert status == EXIT_SOFTWARE and "Traceback" not in err
    assert err.count("\n") == 1 and "mnist-desk: error: internal error (RuntimeError: something deep inside)" in err


@pytest.mark.timeout(300)
def test_in_a_real_process_no_warning_no_traceback_no_hang(tmp_path, tutorial_weights):
    from PIL import Image

    cases = {case.name: case for case in bad_pictures(tmp_path / "pictures")}
    # 90 megapixels: above Pillow's DecompressionBombWarning limit, below its error; a TIFF with broken tags.
    big = tmp_path / "pictures" / "big.png"
    Image.new("1", (9500, 9500), 1).save(big)
    tiff = tmp_path / "pictures" / "bad-tags.tif"
    Image.new("L", (64, 64), 255).save(tiff)
    data = bytearray(tiff.read_bytes())
    ifd = struct.unpack("<I", data[4:8])[0]
    count = struct.unpack("<H", data[ifd:ifd + 2])[0]
    entries = bytes(data[ifd + 2:ifd + 2 + 12 * count]) + struct.pack("<HHII", 270, 2, 1000, 99_999)
    data[ifd:ifd + 2 + 12 * count] = struct.pack("<H", count + 1) + entries
    tiff.write_bytes(bytes(data))
    result = run_real("predict", "--weights", tutorial_weights, big, tiff)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout.count("no digit") == 2
    weights = {case.name: case for case in bad_weights(tmp_path / "weights")}
    result = run_real("predict", "--weights", weights["hparams a list"].path, cases["named pipe"].path)
    assert re.search(cli_form(weights["hparams a list"].expect), one_line_error(result.returncode, result.stderr))
    data_cases = {case.name: case for case in bad_data_folders(tmp_path / "data")}
    result = run_real("train", "--data-dir", data_cases["named pipe"].path, "--out", tmp_path / "o.pt", timeout=120)
    assert re.search(cli_form(data_cases["named pipe"].expect), one_line_error(result.returncode, result.stderr))


@pytest.mark.timeout(180)
def test_a_new_run_holds_digits_out_and_its_weights_are_calibrated(capsys, tmp_path, fake_data):
    out = tmp_path / "calibrated.pt"
    status, _out, err = run_main(capsys, "train", "--data-dir", fake_data, "--quiet", "--out", out, "--arch", "fast",
                                 "--max-steps", "2")
    assert status == 0, err
    assert "5,000 digits held out" in err  # 1/12 of the 60,000 by default
    saved = load_checkpoint(out)
    assert saved.hparams["hold_out"] == 5000 and saved.novelty is not None
    assert saved.novelty["source"].startswith("MNIST training digits 55,000–57,499")
    assert saved.novelty["digits"] == 10_000
    status, _out, err = run_main(capsys, "train", "--data-dir", fake_data, "--quiet", "--out", tmp_path / "none.pt",
                                 "--arch", "fast", "--max-steps", "2", "--hold-out", "0")
    assert status == 0, err
    assert load_checkpoint(tmp_path / "none.pt").novelty is None and "no 'no digit' calibration" in err
