"""Faults of the disk and of the process: a full disk, failed fsync or rename, kill -9 in the middle of a save.

Whatever happens, a file that was there before is unchanged, the message says
what happened ("the disk is full"), and no temporary file is left behind: the
next save into the folder removes those that killed processes left.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
from bad_input_corpus import fake_mnist

from mnist_desk.cli import main
from mnist_desk.core import atomic_files
from mnist_desk.core.atomic_files import remove_stale_temporaries, save_file
from mnist_desk.core.errors import FileSaveError, WeightsError
from mnist_desk.core.models import build_model
from mnist_desk.core.weights import Checkpoint, load_checkpoint, save_checkpoint

ROOT = Path(__file__).resolve().parents[2]


def _weights(seed: int = 0) -> Checkpoint:
    torch.manual_seed(seed)
    return Checkpoint(build_model("tutorial").state_dict(), arch="tutorial")


def _ours(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_weights_saved_over_a_file_on_a_full_disk(full_disk):
    target = save_checkpoint(_weights(0), full_disk.folder / "w.pt")
    before = target.read_bytes()
    full_disk.fill()
    with pytest.raises(WeightsError, match=r"Could not save weights to .*w\.pt: the disk is full\. Any previous "
                                           r"file there is unchanged\."):
        save_checkpoint(_weights(1), target)
    assert target.read_bytes() == before and not _ours(full_disk.folder)
    assert load_checkpoint(target).arch == "tutorial"


def test_any_file_saved_over_another_on_a_full_disk(full_disk):
    # The writer of drawings and of the chart's CSV.
    target = full_disk.folder / "metrics.csv"
    save_file(target, lambda handle: handle.write(b"run,label\n1,old\n"))
    full_disk.fill()
    with pytest.raises(FileSaveError, match=r"Could not save .*metrics\.csv: the disk is full\. Any file that was "
                                            r"there before is unchanged\."):
        save_file(target, lambda handle: handle.write(b"run,label\n" + b"2,new\n" * 200_000))
    assert target.read_bytes() == b"run,label\n1,old\n" and not _ours(full_disk.folder)


@pytest.mark.timeout(120)
def test_training_onto_a_full_disk_is_one_line_and_keeps_the_old_file(full_disk, tmp_path, capsys):
    target = save_checkpoint(_weights(0), full_disk.folder / "w.pt")
    before = target.read_bytes()
    full_disk.fill()
    status = main(["train", "--data-dir", str(fake_mnist(tmp_path)), "--out", str(target), "--max-steps", "1",
                   "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1 and re.fullmatch(r"mnist-desk: error: could not save weights to .*: the disk is full\. "
                                        r"Any previous file there is unchanged", err[-1]), err
    assert target.read_bytes() == before and not _ours(full_disk.folder)


@pytest.mark.parametrize(("call", "errno_", "reason"), [
    ("fsync", errno.EIO, "the disk or network share could not be read or written"),
    ("replace", errno.EACCES, "permission denied"),
    ("replace", errno.EROFS, "the disk is read-only"),
    ("mkstemp", errno.EDQUOT, "the disk quota is exceeded"),
])
def test_a_failing_system_call_names_its_reason_and_keeps_the_old_file(tmp_path, monkeypatch, call, errno_, reason):
    target = save_checkpoint(_weights(0), tmp_path / "w.pt")
    before = target.read_bytes()

    def fails(*args, **kwargs):
        raise OSError(errno_, os.strerror(errno_))

    module = atomic_files.tempfile if call == "mkstemp" else atomic_files.os
    monkeypatch.setattr(module, call, fails)
    with pytest.raises(WeightsError, match=f"Could not save weights to .*: {re.escape(reason)}"):
        save_checkpoint(_weights(1), target)
    monkeypatch.undo()
    assert target.read_bytes() == before and not _ours(tmp_path)


_SLOW_SAVE = """
import sys, time
from pathlib import Path
from mnist_desk.core.atomic_files import write_atomically

def write(handle):
    handle.write(b"half a file")
    handle.flush()
    print("writing", flush=True)
    time.sleep(120)

write_atomically(Path(sys.argv[1]), write)
"""


@pytest.mark.skipif(os.name != "posix", reason="kill -9")
@pytest.mark.timeout(120)
def test_a_save_killed_midway_leaves_a_temporary_file_that_the_next_save_removes(tmp_path):
    target = save_checkpoint(_weights(0), tmp_path / "w.pt")
    before = target.read_bytes()
    writer = subprocess.Popen([sys.executable, "-c", _SLOW_SAVE, str(target)], stdout=subprocess.PIPE, text=True,
                              cwd=ROOT)
    assert writer.stdout.readline().strip() == "writing"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    left = _ours(tmp_path)
    assert left == [f".w.pt.{writer.pid}-{left[0].rsplit('-', 1)[1]}"] and target.read_bytes() == before
    # Others' files stay: a live process's save in progress, an old-style name that is recent, a user's own file.
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = tmp_path / f".other.pt.{alive.pid}-abcd1234.tmp"
        live.write_bytes(b"in progress")
        recent_legacy = tmp_path / ".old.pt.zyxw9876.tmp"
        recent_legacy.write_bytes(b"")
        stale_legacy = tmp_path / ".older.pt.qwer5678.tmp"
        stale_legacy.write_bytes(b"")
        hour_ago = time.time() - 3600
        os.utime(stale_legacy, (hour_ago, hour_ago))
        mine = tmp_path / ".notes.txt"
        mine.write_text("mine")
        save_checkpoint(_weights(1), tmp_path / "another.pt")  # the next save into the folder tidies it
        assert _ours(tmp_path) == sorted([live.name, recent_legacy.name])
        assert mine.exists()
    finally:
        alive.kill()
        alive.wait()
    assert remove_stale_temporaries(tmp_path) == [live]  # its writer is gone now
