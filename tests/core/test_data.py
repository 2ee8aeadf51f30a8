"""Finding and reading MNIST: clear errors for missing, truncated and corrupted files."""

import errno
import os
import re
import shutil
from pathlib import Path

import pytest
import torch

from mnist_desk.core import paths
from mnist_desk.core.data import RAW_FILES, check_data_dir, download, load_split, raw_folder
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
    assert check_data_dir(full_data_dir) == full_data_dir


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


# -- downloading: what goes wrong is said in our words (torchvision's download itself is faked) ------------
def _fake_downloads(monkeypatch, fail=None):
    """torchvision's download_and_extract_archive, writing the right files, or failing as ``fail`` says."""
    from urllib.error import URLError

    import torchvision.datasets.utils as tv_utils

    fetched = []

    def fake(url, download_root, filename, md5):
        name = filename.rsplit(".", 1)[0]
        if fail == "network":
            raise URLError(OSError(-3, "Temporary failure in name resolution"))
        if fail == "disk":
            raise OSError(errno.ENOSPC, "No space left on device")
        magic, count, size = RAW_FILES[name]
        with open(Path(download_root) / name, "wb") as handle:
            handle.write(magic.to_bytes(4, "big") + count.to_bytes(4, "big"))
            handle.truncate(size)
        fetched.append(name)

    monkeypatch.setattr(tv_utils, "download_and_extract_archive", fake)
    return fetched


def test_download_fetches_again_a_file_that_is_broken_and_keeps_whole_ones(tmp_path, monkeypatch):
    fetched = _fake_downloads(monkeypatch)
    assert [step[0] for step in download(tmp_path)] == [1, 2, 3, 4] and len(fetched) == 4
    with open(raw_folder(tmp_path) / "t10k-labels-idx1-ubyte", "r+b") as handle:
        handle.truncate(100)  # an interrupted extraction
    (raw_folder(tmp_path) / "train-labels-idx1-ubyte").unlink()
    (raw_folder(tmp_path) / "train-labels-idx1-ubyte").symlink_to(tmp_path / "gone")
    fetched.clear()
    list(download(tmp_path))
    assert sorted(fetched) == ["t10k-labels-idx1-ubyte", "train-labels-idx1-ubyte"]
    assert check_data_dir(tmp_path) == tmp_path  # all four files whole again


@pytest.mark.parametrize(("fail", "expect"), [
    ("network", r"^Could not download train-images-idx3-ubyte\.gz: the network cannot be reached \(no internet "
                r"connection, or the download servers are blocked\)\. Connect to the internet and try again, or copy "
                r"the four MNIST files into .*raw\.$"),
    ("disk", r"^Could not save train-images-idx3-ubyte\.gz in .*raw: the disk is full\.$"),
])
def test_download_failures_are_one_sentence_of_ours(tmp_path, monkeypatch, fail, expect):
    _fake_downloads(monkeypatch, fail)
    with pytest.raises(DataError) as raised:
        list(download(tmp_path))
    assert re.search(expect, str(raised.value)) and "Errno" not in str(raised.value)


def test_download_refuses_to_write_into_a_named_pipe(tmp_path, monkeypatch):
    _fake_downloads(monkeypatch)
    raw_folder(tmp_path).mkdir(parents=True)
    os.mkfifo(raw_folder(tmp_path) / "train-images-idx3-ubyte")
    with pytest.raises(DataError, match="train-images-idx3-ubyte is a named pipe, not an MNIST file"):
        list(download(tmp_path))
