"""``mnist-desk layers`` and ``mnist-desk train --layers``, run as a user runs them."""

import json

import pytest
import torch
from bad_input_corpus import fake_mnist
from command_line import one_line_error, run_main
from PIL import Image

from mnist_desk.core.layers import parse_spec, plan_network
from mnist_desk.core.layers.build import build_network
from mnist_desk.core.weights import load_checkpoint

SECTION_1_3 = ("conv 4 5x5 pad 2, relu, maxpool 2, conv 6 5x5 pad 2, relu, maxpool 2, flatten, linear 50, relu, "
               "linear 10")


run = run_main


def test_layers_prints_each_layers_shape_and_parameters_and_the_total(capsys):
    status, out, err = run(capsys, "layers", SECTION_1_3)
    assert status == 0 and not err
    lines = out.splitlines()
    assert lines[1].split() == ["1", "conv", "4", "5x5", "pad", "2", "conv1", "4×28×28", "104", "78,400"]
    assert lines[8].split()[-4:] == ["head", "50", "14,750", "14,700"]
    assert lines[-1] == "input 1×28×28; total: 15,970 parameters, 211,200 multiply-adds per digit"


def test_layers_json_has_layers_with_spec_output_shape_parameters_and_the_total(capsys):
    status, out, _err = run(capsys, "layers", SECTION_1_3, "--json")
    data = json.loads(out)
    assert status == 0 and data["ok"] and data["problem"] is None
    model = build_network(parse_spec(SECTION_1_3))
    assert data["total_parameters"] == sum(p.numel() for p in model.parameters()) == 15_970
    assert [layer["spec"] for layer in data["layers"]] == [part.strip() for part in SECTION_1_3.split(",")]
    assert data["layers"][5] == {"spec": "maxpool 2", "block": "conv2", "output_shape": [6, 7, 7], "parameters": 0,
                                 "multiply_adds": 0}
    assert sum(layer["parameters"] for layer in data["layers"]) == data["total_parameters"]


def test_a_preset_name_is_a_spec(capsys):
    status, out, _err = run(capsys, "layers", "desk", "--json")
    assert status == 0 and json.loads(out)["total_parameters"] == 88_690


@pytest.mark.parametrize("spec, words", [
    ("conv 4 5x5, maxpool 2, conv 6 5x5, maxpool 2, conv 8 5x5, flatten, linear 10",
     "Layer 5 (conv 8 5x5): a 5×5 window does not fit in 4×4 maps"),
    ("conv 4 5x5, relu, linear 10", "Layer 3 (linear 10): a linear layer takes a list of numbers"),
    ("conv 4 5x5, flatten, linear 12", "needs exactly ten"),
    ("conv 4 5x5 pad, flatten", "pad needs a number after it"),
])
def test_an_impossible_network_exits_2_with_its_sentence(capsys, spec, words):
    status, out, err = run(capsys, "layers", spec)
    assert status == 2 and words[0].lower() + words[1:] in one_line_error(status, err)  # lower-case after "error:"
    if "pad needs" not in words:
        bad = plan_network(parse_spec(spec)).problem.index
        assert out.splitlines()[bad + 1].endswith("<- here")
        status, out, _err = run(capsys, "layers", spec, "--json")
        data = json.loads(out)
        assert status == 2 and not data["ok"] and data["problem"]["layer"] == bad + 1
        assert words in data["problem"]["message"]


@pytest.fixture(scope="module")
def data_root(tmp_path_factory):
    return fake_mnist(tmp_path_factory.mktemp("data"), labels_value=3)


def test_train_layers_saves_a_built_network_that_evaluates_predicts_and_resumes(capsys, tmp_path, data_root):
    out = tmp_path / "built.pt"
    status, _out, err = run(capsys, "train", "--layers", SECTION_1_3, "--max-steps", "6", "--batch-size", "20",
                            "--data-dir", data_root, "--out", out, "--quiet", "--lr", "0.01")
    assert status == 0, err
    assert "Training the network conv 4 5x5 pad 2, relu" in err and "(15,970 parameters)" in err
    saved = load_checkpoint(out)
    assert saved.arch == "custom" and saved.hparams["layers"] == SECTION_1_3 and saved.progress["step"] == 6
    raw = torch.load(out, weights_only=True)
    assert raw["layers"][0] == {"kind": "conv", "filters": 4, "kernel": 5, "stride": 1, "padding": 2}

    status, evaluated, err = run(capsys, "evaluate", "--weights", out, "--data-dir", data_root, "--json")
    assert status == 0, err
    assert json.loads(evaluated.splitlines()[-1])["total"] == 10_000

    picture = tmp_path / "seven.png"
    Image.new("L", (56, 56), 255).save(picture)
    drawn = Image.open(picture)
    drawn.paste(0, (24, 8, 32, 48))
    drawn.save(picture)
    status, predicted, err = run(capsys, "predict", "--weights", out, "--json", picture)
    assert status == 0, err
    assert len(json.loads(predicted)["probabilities"]) == 10

    status, _out, err = run(capsys, "train", "--resume", out, "--max-steps", "9", "--data-dir", data_root,
                            "--out", out, "--quiet")
    assert status == 0, err
    assert load_checkpoint(out).progress["step"] == 9

    status, _out, err = run(capsys, "train", "--resume", out, "--layers", "tutorial", "--max-steps", "12",
                            "--data-dir", data_root, "--out", tmp_path / "other.pt", "--quiet")
    assert status == 1 and "which --resume continues as it is: leave out --layers" in err


@pytest.mark.parametrize("options, status, words", [
    (["--layers", "conv 4 5x5, relu, linear 10"], 2, "Layer 3 (linear 10): a linear layer takes a list"),
    (["--layers", "conv 4 5x5, gelu"], 2, "'gelu' is not a layer"),
    (["--layers", "section1.3", "--arch", "fast"], 2, "--arch fast and --layers both name a network"),
    (["--layers", "flatten, linear 20, batchnorm, linear 10", "--batch-size", "1"], 2, "batch size of 2 or more"),
])
def test_train_with_an_impossible_network_says_why_and_trains_nothing(capsys, tmp_path, data_root, options, status,
                                                                       words):
    got, _out, err = run(capsys, "train", *options, "--data-dir", data_root, "--out", tmp_path / "o.pt", "--quiet")
    assert got == status and words[0].lower() + words[1:] in one_line_error(got, err)
    assert not (tmp_path / "o.pt").exists()


def test_the_help_lists_the_layer_words(capsys):
    for command in ("layers", "train"):
        _status, out, _err = run(capsys, command, "--help")
        assert "conv N KxK [stride S] [pad P]" in out and "dropout P" in out and "section1.3" in out
