"""The command line as a user meets it: help at once, one-line errors and their statuses, Ctrl+C, JSON output,
files that open the window, and the one pattern every command module follows."""

import argparse
import importlib
import json
import os
import pkgutil
import re
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from command_line import ROOT, run_main, run_real, usage_error
from PIL import Image

from mnist_desk import __version__, cli, commands
from mnist_desk.cli import main
from mnist_desk.commands.common import EXIT_INTERRUPTED, EXIT_USAGE


def _one_line_error(result):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("mnist-desk"), result.stderr
    return lines[0]


def _imported(importtime_stderr: str) -> set[str]:
    """The modules that ``python -X importtime`` reports as imported."""
    return {line.rsplit("|", 1)[-1].strip() for line in importtime_stderr.splitlines()
            if line.startswith("import time:")}


@pytest.mark.parametrize("args", [["--help"], ["--version"], *([name, "--help"] for name in cli.command_names(
    cli.build_parser()))], ids=" ".join)
def test_help_and_version_answer_without_importing_torch(args):
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "mnist_desk", *args], capture_output=True,
                            text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    if args == ["--version"]:
        assert result.stdout.strip() == f"MNIST Desk {__version__}"
    else:
        assert result.stdout.startswith(f"usage: mnist-desk {args[0] if len(args) > 1 else ''}".rstrip())
    heavy = sorted(name for name in _imported(result.stderr)
                   if name.split(".")[0] in ("torch", "torchvision", "numpy", "PIL", "PySide6", "matplotlib"))
    assert not heavy, f"mnist-desk {' '.join(args)} imported {heavy[:5]}"


def test_the_help_lists_every_command_and_the_self_test():
    result = run_real("--help", timeout=60)
    for name in ("train", "evaluate", "predict", "download", "--self-test", "--version"):
        assert name in result.stdout


def test_bad_arguments_are_one_line_errors_with_status_2(tmp_path):
    result = run_real("train", "--epochs", "zero", "--out", tmp_path / "w.pt")
    assert "--epochs" in usage_error(result.returncode, result.stderr)
    assert "'zero' is not a whole number" in result.stderr
    result = run_real("train", "--arch", "vgg", "--out", tmp_path / "w.pt")
    assert "invalid choice" in usage_error(result.returncode, result.stderr)
    result = run_real("evaluate", "--no-such-option")
    assert "unrecognized arguments: --no-such-option" in usage_error(result.returncode, result.stderr)
    assert usage_error(result.returncode, result.stderr).endswith("(see mnist-desk evaluate --help)")
    assert "the following arguments are required: FILE" in usage_error(*_status_err(run_real("predict")))
    assert "invalid choice: 'trian'" in usage_error(*_status_err(run_real("trian")))


def test_every_error_line_has_one_style(tmp_path):
    """One prefix, lower-case after it and no full stop, like argparse's own; each points where it should."""
    lines = [usage_error(*_status_err(run_real("predict", "--bogus", tmp_path / "x.png"))),
             usage_error(*_status_err(run_real("train", "--epochs", "0", "--out", tmp_path / "w.pt"))),
             _one_line_error(run_real("predict", tmp_path / "missing.png")),
             _one_line_error(run_real("train", "--data-dir", tmp_path, "--out", tmp_path / "no" / "w.pt"))]
    assert lines[0] == "mnist-desk: error: unrecognized arguments: --bogus (see mnist-desk predict --help)"
    assert lines[1].endswith("(see mnist-desk train --help)")
    assert lines[2] == f"mnist-desk: error: picture not found: {tmp_path / 'missing.png'}"
    assert lines[3] == f"mnist-desk: error: the folder {tmp_path / 'no'} of --out does not exist"
    for line in lines:
        assert line.startswith("mnist-desk: error: ") and not line.endswith(".")
        assert not re.match(r"[A-Z][a-z]", line[len("mnist-desk: error: "):]), line


def test_a_data_folder_that_is_a_file_says_so_and_missing_mnist_names_the_missing_files(tmp_path):
    picture = tmp_path / "five.png"
    Image.new("L", (28, 28)).save(picture)
    line = _one_line_error(run_real("evaluate", "--data-dir", picture))
    assert line.startswith(f"mnist-desk: error: {picture} is a file, not a folder: name the folder that holds "
                           "MNIST/raw"), line
    line = _one_line_error(run_real("evaluate", "--data-dir", tmp_path))
    assert line.startswith(f"mnist-desk: error: MNIST not found in {tmp_path / 'MNIST' / 'raw'} (missing: "
                           "t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte). Get it with `mnist-desk download`")
    assert len(line) - len(str(tmp_path)) < 300  # was ~550 characters, listing the four files and then two


def _no_display_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Windows and macOS always have a screen")
def test_the_window_without_a_display_is_one_line_and_status_1(tmp_path):
    """QA: `mnist-desk` / `mnist-desk FILE` over ssh aborted with Qt's many lines and status 134."""
    picture = tmp_path / "five.png"
    Image.new("L", (28, 28)).save(picture)
    for args in ([], [picture]):
        result = run_real(*args, timeout=60, env=_no_display_env())
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.splitlines() == [
            "mnist-desk: error: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set): set DISPLAY to open "
            "the window, or use the command line (mnist-desk --help)"], result.stderr
    result = run_real(tmp_path / "missing.png", timeout=60, env=_no_display_env())  # what the window would say, first
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"mnist-desk: error: {tmp_path / 'missing.png'}: no such file or folder"
    assert len(lines) == 2 and lines[1].startswith("mnist-desk: error: no display found")


def _status_err(result):
    return result.returncode, result.stderr


def test_bad_files_are_one_line_errors_with_status_1(tmp_path):
    bad = tmp_path / "bad.pt"
    bad.write_text("not weights")
    for result, expect in ((run_real("predict", "--weights", bad, bad), "not a PyTorch weights file"),
                           (run_real("evaluate", "--weights", tmp_path / "none.pt"), "not found"),
                           (run_real("train", "--data-dir", tmp_path, "--out", tmp_path / "w.pt"), "MNIST not found")):
        assert result.returncode == 1 and expect in _one_line_error(result)
        assert _one_line_error(result).startswith("mnist-desk: error: ")


@pytest.mark.timeout(240)
def test_ctrl_c_saves_the_run_says_how_to_go_on_and_ends_with_status_130(tmp_path, fake_data):
    out = tmp_path / "stopped.pt"
    # Not a terminal: the progress bar prints whole lines, so the first one says that training has begun.
    process = subprocess.Popen([sys.executable, "-m", "mnist_desk", "train", "--data-dir", str(fake_data), "--arch",
                                "fast", "--epochs", "50", "--out", str(out)], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            lines.append(line)
            if line.startswith("[") or not line:  # a progress line, or the process ended
                break
        assert lines[-1].startswith("["), "".join(lines)
        process.send_signal(signal.SIGINT)  # what Ctrl+C in a terminal sends
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == EXIT_INTERRUPTED, stderr
    assert "Traceback" not in stderr
    tail = [line for line in stderr.splitlines() if line.strip()][-2:]
    assert tail[0].startswith("Stopped at epoch 1, step ")
    assert f"Continue with: mnist-desk train --resume {out} --out {out}" in tail[0]
    assert tail[1] == "mnist-desk: interrupted"
    from mnist_desk.core.weights import load_checkpoint

    assert load_checkpoint(out).resumable


def test_ctrl_c_in_any_command_is_status_130_without_a_traceback(capsys, monkeypatch):
    def interrupted(_args):
        raise KeyboardInterrupt

    monkeypatch.setattr("mnist_desk.commands.predict.run", interrupted)
    status, out, err = run_main(capsys, "predict", "photo.png")
    assert (status, out, err) == (EXIT_INTERRUPTED, "", "mnist-desk: interrupted\n")


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


def test_files_without_a_command_open_the_window(monkeypatch, tmp_path):
    from mnist_desk.ui import app

    opened = []
    monkeypatch.setattr(app, "run_app", lambda argv, files=(): opened.append(list(files)) or 0)
    assert main(["photo.png", "weights.pt"]) == 0
    assert opened == [["photo.png", "weights.pt"]]
    assert main(["my pictures/seven"]) == 0  # a path without a suffix
    assert opened[-1] == ["my pictures/seven"]
    # A command's name is the command, even where a file of that name sits in the current folder.
    (tmp_path / "predict").write_text("not a picture")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as usage:
        main(["predict"])
    assert usage.value.code == EXIT_USAGE and len(opened) == 2
    with pytest.raises(SystemExit) as usage:
        main(["trian"])  # a typo is a usage error, not a file to open
    assert usage.value.code == EXIT_USAGE and len(opened) == 2


def test_every_command_module_registers_itself_and_runs_without_torch_at_import():
    """One command = one module of mnist_desk.commands with register() and run(), listed in cli.COMMAND_MODULES."""
    helpers = {"common", "progress_bar", "fine_tune_options"}  # helpers of the commands
    modules = {info.name for info in pkgutil.iter_modules(commands.__path__)} - helpers
    assert {module.__name__.rsplit(".", 1)[1] for module in cli.COMMAND_MODULES} == modules
    parser = cli.build_parser()
    subparsers = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    assert set(subparsers.choices) == {name.replace("_", "-") for name in modules}
    for name in modules:
        module = importlib.import_module(f"mnist_desk.commands.{name}")
        assert subparsers.choices[name.replace("_", "-")].get_default("run") is module.run
    code = ("import sys; import mnist_desk.cli as cli; cli.build_parser(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'numpy', 'PySide6')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT,
                            env=dict(os.environ))
    assert result.stdout.strip() == "[]", result.stderr


def test_a_train_option_reaches_the_run(tmp_path):
    from mnist_desk.commands.train import config_from_args

    args = cli.build_parser().parse_args(["train", "--out", str(tmp_path / "w.pt"), "--arch", "fast", "--lr", "0.01",
                                          "--batch-size", "64", "--schedule", "onecycle"])
    assert args.run.__module__ == "mnist_desk.commands.train"
    config = config_from_args(args)
    assert (config.arch, config.lr, config.batch_size, config.schedule) == ("fast", 0.01, 64, "onecycle")


def test_train_options_of_the_shipped_recipe():
    from mnist_desk.commands.train import config_from_args

    def config(*options):
        return config_from_args(cli.build_parser().parse_args(["train", "--out", "w.pt", *options]))

    assert not config().augment and config().outliers == 0
    assert config().hold_out is None and config("--hold-out", "0").hold_out == 0  # None: the default share
    basic = config("--augment")
    assert basic.augment and basic.augment_recipe == "basic"
    shipped = config("--augment", "handwriting", "--outliers", "0.25", "--hold-out", "5000", "--outlier-weight", "0.5")
    assert (shipped.augment, shipped.augment_recipe) == (True, "handwriting")
    assert (shipped.outliers, shipped.hold_out) == (0.25, 5000)
    assert "invalid choice" in _one_line_error(run_real("train", "--augment", "wild", "--out", "w.pt"))
    assert "--outliers" in _one_line_error(run_real("train", "--outliers", "9", "--out", "w.pt"))


def test_predict_says_no_digit_for_a_picture_of_none(capsys):
    from mnist_desk.core.paths import default_weights_path
    from mnist_desk.core.weights import load_checkpoint

    if load_checkpoint(default_weights_path()).novelty is None:
        pytest.skip("the shipped weights have no 'no digit' calibration")
    star = ROOT / "tests" / "fixtures" / "refusal" / "not_a_digit_star.png"
    status, out, _ = run_main(capsys, "predict", "--json", star)
    row = json.loads(out)
    assert status == 0 and row["digit"] is None and row["reasons"] == ["not_a_digit"] and not row["unsure"]
    assert row["score"] < row["threshold"] and len(row["probabilities"]) == 10
    status, out, _ = run_main(capsys, "predict", star)
    assert status == 0 and out.strip().endswith("no digit: this does not look like a digit")
