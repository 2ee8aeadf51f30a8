"""Finding and reading MNIST: clear errors for missing, truncated and corrupted files."""

import shutil

import pytest
import torch

from mnist_desk.core import paths
from mnist_desk.core.data import RAW_FILES, check_data_dir, data_status, load_split, raw_folder
from mnist_desk.core.errors import DataError


def test_data_folder_order_option_then_environment_then_user_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.DATA_ENV_VAR, str(tmp_path / "env"))
    assert paths.resolve_data_dir(tmp_path / "opt") == tmp_path / "opt"
    assert paths.resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv(paths.DATA_ENV_VAR)
    assert paths.resolve_data_dir("") == paths.user_data_dir() / "data"


def test_missing_files_name_the_folder_the_four_files_and_how_to_get_them(tmp_path):
    with pytest.raises(DataError) as caught:
        check_data_dir(tmp_path)
    message = str(caught.value)
    assert str(raw_folder(tmp_path)) in message
    for name in RAW_FILES:
        assert name in message
    assert "Download" in message


def _fake_raw_folder(tmp_path, corrupt=None, truncate=None):
    folder = raw_folder(tmp_path)
    folder.mkdir(parents=True)
    for name, (magic, count, size) in RAW_FILES.items():
        header = magic.to_bytes(4, "big") + count.to_bytes(4, "big")
        if name == corrupt:
            header = b"\x00\x00\x09\x99" + header[4:]
        body_size = size - len(header)
        if name == truncate:
            body_size //= 2
        with open(folder / name, "wb") as handle:
            handle.write(header)
            handle.truncate(len(header) + body_size)  # sparse: no real 47 MB write
    return folder


def test_truncated_file_is_a_clear_error(tmp_path):
    _fake_raw_folder(tmp_path, truncate="t10k-images-idx3-ubyte")
    with pytest.raises(DataError, match="t10k-images-idx3-ubyte is truncated or corrupted"):
        load_split(tmp_path, train=False)


def test_corrupted_header_is_a_clear_error(tmp_path):
    _fake_raw_folder(tmp_path, corrupt="train-labels-idx1-ubyte")
    with pytest.raises(DataError, match="train-labels-idx1-ubyte is not a valid MNIST file"):
        check_data_dir(tmp_path)
    ok, text = data_status(tmp_path)
    assert not ok and "not a valid MNIST file" in text


def test_the_real_test_split_loads_into_one_uint8_tensor(full_test_split):
    assert full_test_split.images.dtype == torch.uint8
    assert full_test_split.images.shape == (10_000, 28, 28)
    counts = torch.bincount(full_test_split.labels, minlength=10).tolist()
    assert counts == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def test_the_real_training_split_starts_with_the_tutorials_5(full_data_dir):
    train = load_split(full_data_dir, train=True)
    assert len(train) == 60_000 and int(train.labels[0]) == 5
    # The tutorial's section 2.3 prints this row of the first digit.
    assert train.images[0, 5, 12:18].tolist() == [3, 18, 18, 18, 126, 136]
    ok, text = data_status(full_data_dir)
    assert ok and "60,000 training + 10,000 test" in text


def test_real_files_truncated_by_a_broken_download(full_data_dir, tmp_path):
    source = raw_folder(full_data_dir)
    target = raw_folder(tmp_path)
    target.mkdir(parents=True)
    for name in ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"):
        shutil.copy(source / name, target / name)
    with open(target / "t10k-images-idx3-ubyte", "r+b") as handle:
        handle.truncate(1_000_000)
    with pytest.raises(DataError, match="truncated"):
        load_split(tmp_path, train=False)
