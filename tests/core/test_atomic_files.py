"""Files are saved through a temporary file: whole or not at all, with the mode open() would give."""

from __future__ import annotations

import os
import stat

import pytest

from mnist_desk.core.atomic_files import current_umask, new_file_mode, write_atomically
from mnist_desk.core.models import build_model
from mnist_desk.core.weights import Checkpoint, save_checkpoint

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_a_new_file_gets_the_umasks_mode_and_a_replaced_one_keeps_its_own(tmp_path, umask_027):
    assert current_umask() == 0o027 and current_umask() == 0o027  # reading it leaves it as it was
    assert new_file_mode(tmp_path / "new.bin") == 0o640
    existing = tmp_path / "old.bin"
    existing.write_bytes(b"")
    existing.chmod(0o604)
    assert new_file_mode(existing) == 0o604


def test_saved_weights_get_the_same_mode(tmp_path, umask_027):
    path = save_checkpoint(Checkpoint(build_model("tutorial").state_dict(), arch="tutorial"), tmp_path / "w.pt")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640  # not mkstemp's 0600


@pytest.mark.parametrize("durable", [False, True])
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, durable):
    target = tmp_path / "kept.bin"
    target.write_bytes(b"old")

    def half_then_fail(handle):
        handle.write(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="the disk is full"):
        write_atomically(target, half_then_fail, durable=durable)
    assert target.read_bytes() == b"old" and sorted(tmp_path.iterdir()) == [target]
    write_atomically(target, lambda handle: handle.write(b"new"), durable=durable)
    assert target.read_bytes() == b"new" and sorted(tmp_path.iterdir()) == [target]
