"""A handwriting set on disk: round trip, ImageFolder's reading of it, relabel/delete/restore, crash safety,
and bad folders named by their first bad file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from bad_input_corpus import Case, deny
from handwriting_sets import drawing_png, make_set

from mnist_desk.core.canvas_ink import drawing_input
from mnist_desk.core.errors import FileSaveError, HandwritingSetError, ImageError
from mnist_desk.core.handwriting.reading import picture_input, read_set
from mnist_desk.core.handwriting.sets import check_set_name, list_sets
from mnist_desk.core.handwriting.store import (
    PICTURE_SUFFIXES,
    HandwritingSet,
    scan_folder,
)

ROOT = Path(__file__).resolve().parents[3]


def test_the_picture_suffixes_are_imagefolders():
    from torchvision.datasets.folder import IMG_EXTENSIONS

    assert PICTURE_SUFFIXES == IMG_EXTENSIONS


def test_round_trip_keeps_labels_order_and_the_draw_tabs_input(tmp_path, test_sample):
    target = make_set(tmp_path / "mine", test_sample, per_label=3)
    scan = target.scan()
    assert scan.problems == [] and scan.counts() == [3] * 10
    assert sorted(os.listdir(target.folder)) == [str(d) for d in range(10)]
    digits = read_set(target.folder)
    assert digits.images.shape == (30, 28, 28) and digits.images.dtype == np.uint8
    assert digits.labels.tolist() == [d for d in range(10) for _ in range(3)]
    assert [p.parent.name for p in digits.paths] == [str(label) for label in digits.labels]
    # Each input is the Draw tab's input for the same picture (its preprocessing, on the canvas's ink).
    from PIL import Image

    first = digits.paths[0]
    expected = drawing_input(Image.open(first)).field28
    assert np.abs(digits.images[0].astype(np.float32) / 255 - expected).max() <= 0.5 / 255 + 1e-6
    # ...and it is the MNIST digit it was made from, through MNIST's own recipe again
    original = test_sample.images[int(first.stem.split("-")[1])].numpy().astype(float)
    assert np.corrcoef(digits.images[0].ravel().astype(float), original.ravel())[0, 1] > 0.8


def test_torchvision_imagefolder_reads_the_set_as_is(tmp_path, test_sample):
    from torchvision.datasets import ImageFolder

    target = make_set(tmp_path / "mine", test_sample, per_label=2)
    folder = ImageFolder(str(target.folder))
    assert folder.classes == [str(d) for d in range(10)]
    assert [label for _path, label in folder.samples] == read_set(target.folder).labels.tolist()


def test_relabel_moves_delete_and_restore_put_back(tmp_path, test_sample):
    target = make_set(tmp_path / "mine", test_sample, per_label=2)
    digit = target.scan().digits[0]
    assert digit.label == 0
    moved = target.relabel(digit, 6)
    assert moved.path == target.folder / "6" / digit.name and not digit.path.exists()
    assert target.scan().counts()[0] == 1 and target.scan().counts()[6] == 3
    removed = target.delete(moved)
    assert not moved.path.exists() and target.scan().counts()[6] == 2
    back = target.restore(removed)
    assert back == moved and back.path.read_bytes() == removed.data
    with pytest.raises(HandwritingSetError, match="label is 0 to 9"):
        target.add(b"x", 10)


def test_adding_writes_nothing_but_the_picture_even_when_the_disk_is_full(full_disk, test_sample):
    target = HandwritingSet.create(full_disk.folder / "mine")
    first = target.add(drawing_png(test_sample.images[0].numpy()), 7)
    full_disk.fill()
    with pytest.raises(FileSaveError, match="disk is full"):
        target.add(drawing_png(test_sample.images[1].numpy()) * 50, 7)
    scan = target.scan()
    assert [d.path for d in scan.digits] == [first.path] and scan.problems == []
    assert [name for name in os.listdir(target.folder / "7")] == [first.name]  # no temporary left either


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_kill_during_a_write_leaves_no_broken_file_in_the_set(tmp_path, test_sample):
    target = make_set(tmp_path / "mine", test_sample, per_label=1)
    data = drawing_png(test_sample.images[50].numpy())
    (tmp_path / "digit.png").write_bytes(data)
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from mnist_desk.core.handwriting import store
        real_save = store.save_file
        def killed_halfway(path, write, durable=False):
            def half(handle):
                data = open({str(tmp_path / "digit.png")!r}, "rb").read()
                handle.write(data[: len(data) // 2])
                handle.flush()
                os.kill(os.getpid(), signal.SIGKILL)  # as a crash or kill -9 in the middle of the write
            return real_save(path, half, durable=durable)
        store.save_file = killed_halfway
        store.HandwritingSet({str(target.folder)!r}).add(b"", 3)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert result.returncode == -signal.SIGKILL, result.stderr
    leftovers = [name for name in os.listdir(target.folder / "3") if name.endswith(".tmp")]
    assert len(leftovers) == 1 and leftovers[0].startswith(".")  # the half-written temporary, hidden
    scan = target.scan()
    assert scan.problems == [] and scan.counts() == [1] * 10  # the set is as it was, every picture whole
    assert len(read_set(target.folder)) == 10
    target.add(data, 3)  # the next save into that folder tidies the leftover up
    assert not [name for name in os.listdir(target.folder / "3") if name.endswith(".tmp")]


def bad_folders(tmp_path: Path, test_sample) -> list[Case]:
    """Sets with one bad thing each (and good digits around it); the message names the bad file."""
    def good(name: str) -> Path:
        return make_set(tmp_path / name, test_sample, per_label=1).folder

    cases = []
    empty = tmp_path / "empty"
    HandwritingSet.create(empty)
    cases.append(Case("empty", empty, r"empty holds no pictures of digits.*0 to 9"))
    missing = tmp_path / "missing"
    cases.append(Case("missing", missing, r"The folder .*missing does not exist"))
    a_file = tmp_path / "a_file.png"
    a_file.write_bytes(b"x")
    cases.append(Case("not a folder", a_file, r"a_file\.png is not a folder"))
    folder = good("wrong_folder")
    (folder / "cats").mkdir()
    cases.append(Case("wrong layout: another folder", folder, r"wrong_folder/cats is a folder that is not a digit's"))
    folder = good("loose_picture")
    (folder / "stray.png").write_bytes(drawing_png(test_sample.images[3].numpy()))
    cases.append(Case("wrong layout: a picture outside", folder,
                      r"loose_picture/stray\.png is not in a digit's folder"))
    folder = good("text_file")
    (folder / "4" / "notes.txt").write_text("my fours")
    cases.append(Case("a non-picture", folder, r"text_file/4/notes\.txt is not a picture: the folder of a digit"))
    folder = good("fifo")
    os.mkfifo(folder / "5" / "pipe.png")
    cases.append(Case("a named pipe", folder, r"fifo/5/pipe\.png is a named pipe, not a picture file"))
    folder = good("dangling")
    (folder / "2" / "gone.png").symlink_to(tmp_path / "nowhere.png")
    cases.append(Case("a broken link", folder, r"dangling/2/gone\.png is a link to .*nowhere\.png"))
    folder = good("zero_bytes")
    (folder / "1" / "zero.png").write_bytes(b"")
    cases.append(Case("an empty file", folder, r"zero_bytes/1/zero\.png is empty \(0 bytes\)"))
    folder = good("corrupt")
    (folder / "6" / "broken.png").write_bytes(drawing_png(test_sample.images[4].numpy())[:300])
    cases.append(Case("a truncated picture", folder, r"corrupt/6/broken\.png is truncated or corrupted"))
    folder = good("not_png")
    (folder / "8" / "fake.png").write_bytes(b"this is not a picture at all" * 10)
    cases.append(Case("text named .png", folder, r"not_png/8/fake\.png is not a picture this app can read"))
    folder = good("blank")
    (folder / "9" / "white.png").write_bytes(drawing_png(np.zeros((28, 28), np.uint8)))
    cases.append(Case("a blank picture", folder, r"blank/9/white\.png holds no digit"))
    folder = good("denied")
    denied = folder / "0" / "denied.png"
    denied.write_bytes(drawing_png(test_sample.images[10].numpy()))
    cases.append(Case("permission denied", folder, r"Could not (open|read) .*denied/0/denied\.png: permission denied",
                      denied=denied))
    return cases


def test_bad_folders_are_named_by_their_first_bad_file_and_left_as_they_were(tmp_path, test_sample, monkeypatch):
    cases = bad_folders(tmp_path, test_sample)
    deny(monkeypatch, cases)
    for case in cases:
        before = sorted(str(p) for p in case.path.rglob("*")) if case.path.is_dir() else None
        with pytest.raises((HandwritingSetError, ImageError)) as caught:
            read_set(case.path)
        assert __import__("re").search(case.expect, str(caught.value)), (case.name, str(caught.value))
        if before is not None:
            assert sorted(str(p) for p in case.path.rglob("*")) == before, case.name


def test_hidden_files_and_files_beside_the_digit_folders_are_skipped(tmp_path, test_sample):
    target = make_set(tmp_path / "mine", test_sample, per_label=1)
    (target.folder / "README.txt").write_text("Alice's digits")
    (target.folder / "3" / ".DS_Store").write_bytes(b"\0\1")
    (target.folder / "3" / ".x.png.123-abcdefgh.tmp").write_bytes(b"half")
    (target.folder / ".git").mkdir()
    scan = scan_folder(target.folder)
    assert scan.problems == [] and scan.counts() == [1] * 10


def test_a_picture_read_twice_is_decoded_once_and_a_changed_one_again(tmp_path, test_sample):
    path = tmp_path / "digit.png"
    path.write_bytes(drawing_png(test_sample.images[0].numpy()))
    first = picture_input(path)
    assert picture_input(path) is first
    path.write_bytes(drawing_png(test_sample.images[1].numpy()))
    os.utime(path, ns=(1, 10**18))
    assert not np.array_equal(picture_input(path), first)


def test_sets_are_listed_by_name_and_names_checked(tmp_path):
    for name in ("bob", "Alice", ".hidden"):
        HandwritingSet.create(tmp_path / name)
    (tmp_path / "file.txt").write_text("")
    assert [p.name for p in list_sets(tmp_path)] == ["Alice", "bob"]
    assert list_sets(tmp_path / "nothing") == []
    assert check_set_name("  Li Wei 李伟 ") == "Li Wei 李伟"
    for bad, message in (("", "needs a name"), ("a/b", "cannot hold '/'"), ("..", "needs a name"),
                         (".secret", "start or end with a dot"), ("x" * 300, "too long")):
        with pytest.raises(HandwritingSetError, match=message):
            check_set_name(bad)
