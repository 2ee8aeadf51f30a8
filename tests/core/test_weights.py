"""Weights files: the tutorial's cnn2.pkl, atomic saves, and every kind of bad file."""

import errno
import os
import pickle
import sys

import pytest
import torch
from torch import nn

from mnist_desk.core import weights as weights_module
from mnist_desk.core.errors import WeightsError
from mnist_desk.core.models import FastCNN, build_model
from mnist_desk.core.weights import Checkpoint, load_checkpoint, load_model, save_checkpoint


class TutorialScriptCNN(nn.Module):
    """The tutorial's class, verbatim in structure, as its own script defines it."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Sequential(nn.Conv2d(1, 16, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(kernel_size=2))
        self.conv2 = nn.Sequential(nn.Conv2d(16, 32, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(2))
        self.out = nn.Linear(32 * 7 * 7, 10)

    def forward(self, x):
        x = self.conv2(self.conv1(x))
        return self.out(x.view(x.size(0), -1))


def test_the_tutorials_cnn2_pkl_loads_unchanged(tmp_path):
    cnn = TutorialScriptCNN()
    path = tmp_path / "cnn2.pkl"
    torch.save(cnn.state_dict(), path)  # exactly the tutorial's line
    model, checkpoint = load_model(path)
    assert checkpoint.bare and checkpoint.arch == "tutorial"
    x = torch.rand(4, 1, 28, 28)
    assert torch.equal(model(x), cnn.eval()(x))


def test_our_file_round_trips_with_metadata(tmp_path):
    model = build_model("desk", "sigmoid")
    checkpoint = Checkpoint(model.state_dict(), "desk", "sigmoid", hparams={"lr": 0.01},
                            history=[{"step": 1, "loss": 2.3}], metrics={"test_accuracy": 0.99},
                            optimizer_state={"state": {}, "param_groups": []}, progress={"epoch": 1})
    path = save_checkpoint(checkpoint, tmp_path / "w.pt")
    loaded = load_checkpoint(path)
    assert (loaded.arch, loaded.activation) == ("desk", "sigmoid")
    assert loaded.hparams == {"lr": 0.01} and loaded.history == [{"step": 1, "loss": 2.3}]
    assert loaded.test_accuracy == 0.99 and loaded.resumable and not loaded.bare
    assert loaded.app_version
    for key, value in model.state_dict().items():
        assert torch.equal(loaded.state_dict[key], value)


def test_export_without_resume_state_is_smaller(tmp_path):
    model = build_model("tutorial")
    optimizer = torch.optim.Adam(model.parameters())
    model(torch.rand(2, 1, 28, 28)).sum().backward()
    optimizer.step()
    checkpoint = Checkpoint(model.state_dict(), optimizer_state=optimizer.state_dict(), progress={"epoch": 0})
    full = save_checkpoint(checkpoint, tmp_path / "full.pt")
    slim = save_checkpoint(checkpoint, tmp_path / "slim.pt", include_resume_state=False)
    assert slim.stat().st_size < full.stat().st_size
    assert not load_checkpoint(slim).resumable


def _good_file(tmp_path):
    path = tmp_path / "w.pt"
    save_checkpoint(Checkpoint(build_model("tutorial").state_dict()), path)
    return path


def test_failed_save_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    path = _good_file(tmp_path)
    before = path.read_bytes()

    def disk_full(obj, f, *args, **kwargs):
        f.write(b"partial data")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(weights_module.torch, "save", disk_full)
    with pytest.raises(WeightsError, match="the disk is full.*unchanged"):
        save_checkpoint(Checkpoint(build_model("tutorial").state_dict()), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["w.pt"], "the temp file must be removed"


@pytest.mark.skipif(sys.platform.startswith("win") or os.geteuid() == 0, reason="root ignores folder permissions")
def test_save_into_read_only_folder_is_a_clear_error(tmp_path):
    path = _good_file(tmp_path)
    before = path.read_bytes()
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(WeightsError, match="Could not save"):
            save_checkpoint(Checkpoint(build_model("tutorial").state_dict()), path)
    finally:
        tmp_path.chmod(0o700)
    assert path.read_bytes() == before


def test_save_into_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(WeightsError, match="Could not save weights"):
        save_checkpoint(Checkpoint(build_model("tutorial").state_dict()), tmp_path / "nope" / "w.pt")


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(WeightsError, match="not found"):
        load_checkpoint(tmp_path / "missing.pt")
    (tmp_path / "empty.pt").write_bytes(b"")
    with pytest.raises(WeightsError, match="empty"):
        load_checkpoint(tmp_path / "empty.pt")


def test_truncated_file(tmp_path):
    path = _good_file(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(WeightsError, match="truncated or corrupted"):
        load_checkpoint(path)


def test_non_torch_file(tmp_path):
    path = tmp_path / "notes.pt"
    path.write_text("these are not weights\n" * 20)
    with pytest.raises(WeightsError, match="not a PyTorch weights file|truncated or corrupted"):
        load_checkpoint(path)


class _RunsCode:
    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_pickle_that_runs_code_is_refused_and_nothing_runs(tmp_path):
    marker = tmp_path / "pwned"
    evil = _RunsCode()
    _RunsCode.marker = marker
    path = tmp_path / "evil.pt"
    torch.save({"state_dict": evil}, path)
    with pytest.raises(WeightsError, match="Nothing in it was executed"):
        load_checkpoint(path)
    assert not marker.exists()
    raw = tmp_path / "evil.pkl"
    raw.write_bytes(pickle.dumps(evil))
    with pytest.raises(WeightsError):
        load_checkpoint(raw)
    assert not marker.exists()


def test_wrong_architecture_names_the_differences(tmp_path):
    state = build_model("tutorial").state_dict()
    state["conv1.0.weight"] = torch.zeros(8, 1, 5, 5)
    path = tmp_path / "odd.pkl"
    torch.save(state, path)
    with pytest.raises(WeightsError, match=r"conv1\.0\.weight has shape \(8, 1, 5, 5\), expected \(16, 1, 5, 5\)"):
        load_checkpoint(path)
    del state["out.bias"]
    torch.save(state, path)
    with pytest.raises(WeightsError, match="missing keys: out.bias"):
        load_checkpoint(path)


def test_our_format_with_mismatching_arch_is_refused(tmp_path):
    checkpoint = Checkpoint(build_model("tutorial").state_dict(), arch="desk")
    path = tmp_path / "w.pt"
    torch.save(checkpoint.to_dict(), path)
    with pytest.raises(WeightsError, match="does not fit the 'desk' architecture"):
        load_checkpoint(path)


def test_a_torch_file_that_is_not_weights(tmp_path):
    path = tmp_path / "tensor.pt"
    torch.save({"hello": [1, 2, 3]}, path)
    with pytest.raises(WeightsError, match="not a weights file"):
        load_checkpoint(path)


def test_weights_of_the_earlier_wider_fast_cnn_still_load(tmp_path):
    # Earlier versions of `fast` had 32 and 64 filters; their files take their sizes from their shapes.
    torch.manual_seed(0)
    wide = FastCNN(channels=(32, 64)).eval()
    path = save_checkpoint(Checkpoint(wide.state_dict(), arch="fast"), tmp_path / "old_fast.pt")
    model, checkpoint = load_model(path)
    assert model.conv1[0].out_channels == 32 and model.out.in_features == 64 * 7 * 7
    x = torch.rand(2, 1, 28, 28)
    with torch.no_grad():
        assert torch.equal(model(x), wide(x))
    bare = tmp_path / "old_fast_bare.pt"
    torch.save(wide.state_dict(), bare)
    assert load_checkpoint(bare).arch == "fast"  # guessed from the shapes, too
    assert build_model("fast").conv1[0].out_channels == 16  # new models: the current sizes
