"""Importing and exporting a handwriting set: folder and zip round trips; zip slip, links, huge members,
non-pictures and damaged archives refused with a clear message, the set untouched."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest
from handwriting_sets import drawing_png, make_set

from mnist_desk.core.errors import HandwritingSetError, ImageError
from mnist_desk.core.handwriting import archive
from mnist_desk.core.handwriting.archive import export_folder, export_zip, import_folder, import_zip
from mnist_desk.core.handwriting.reading import read_set
from mnist_desk.core.handwriting.store import HandwritingSet


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_zip_round_trip_and_into_a_set_that_has_digits(tmp_path, test_sample):
    source = make_set(tmp_path / "alice", test_sample, per_label=2)
    assert export_zip(source, tmp_path / "alice.zip") == 20
    with zipfile.ZipFile(tmp_path / "alice.zip") as zip_file:
        names = zip_file.namelist()
    assert all(name.startswith("alice/") for name in names) and "alice/3/" in "".join(names)
    target = make_set(tmp_path / "bob", test_sample, per_label=1, start=200)
    steps = []
    assert import_zip(tmp_path / "alice.zip", target, progress=lambda done, total: steps.append((done, total))) == 20
    assert steps[-1] == (40, 40)
    assert target.scan().counts() == [3] * 10
    assert {k: v for k, v in files_of(target.folder).items() if k in files_of(source.folder)} == files_of(source.folder)
    # the same archive again: nothing overwritten, the names taken get new ones
    import_zip(tmp_path / "alice.zip", target)
    assert target.scan().counts() == [5] * 10


def test_folder_round_trip(tmp_path, test_sample):
    source = make_set(tmp_path / "alice", test_sample, per_label=2)
    assert export_folder(source, tmp_path / "copy") == 20
    assert files_of(tmp_path / "copy") == files_of(source.folder)
    target = HandwritingSet.create(tmp_path / "mine")
    assert import_folder(tmp_path / "copy", target) == 20
    assert (read_set(target.folder).images == read_set(source.folder).images).all()
    with pytest.raises(HandwritingSetError, match="not an empty folder"):
        export_folder(source, tmp_path / "copy")
    with pytest.raises(HandwritingSetError, match="is the set itself"):
        import_folder(target.folder, target)


def test_a_zip_of_the_digit_folders_without_a_top_folder_imports_too(tmp_path, test_sample):
    with zipfile.ZipFile(tmp_path / "flat.zip", "w") as zip_file:
        zip_file.writestr("3/a.png", drawing_png(test_sample.images[18].numpy()))
        zip_file.writestr("7/b.PNG", drawing_png(test_sample.images[0].numpy()))
        zip_file.writestr("__MACOSX/3/._a.png", b"resource fork")
        zip_file.writestr("3/.DS_Store", b"\0")
    target = HandwritingSet.create(tmp_path / "mine")
    assert import_zip(tmp_path / "flat.zip", target) == 2
    assert target.scan().counts()[3] == 1 and target.scan().counts()[7] == 1


def bad_zip(tmp_path: Path, name: str, members: dict[str, bytes], link: str | None = None) -> Path:
    path = tmp_path / f"{name}.zip"
    with zipfile.ZipFile(path, "w") as zip_file:
        for member, data in members.items():
            zip_file.writestr(member, data)
        if link is not None:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zip_file.writestr(info, "/etc/passwd")
    return path


@pytest.mark.parametrize("name, members, link, expect", [
    ("slip", {"3/../../evil.png": b"x"}, None, r"3/\.\./\.\./evil\.png, a path that would leave the set"),
    ("absolute", {"/tmp/evil.png": b"x"}, None, r"/tmp/evil\.png, a path that would leave the set"),
    ("drive", {"C:/evil.png": b"x"}, None, r"C:/evil\.png, a path that would leave the set"),
    ("backslash", {"3\\..\\evil.png": b"x"}, None, r"a path that would leave the set"),
    ("link", {}, "3/link.png", r"3/link\.png, a link"),
    ("not in a digit folder", {"pictures/a.png": b"x"}, None, r"pictures/a\.png is not in a digit's folder"),
    ("not a picture", {"set/4/notes.txt": b"x"}, None, r"set/4/notes\.txt is not a picture"),
    ("not decodable", {"4/fake.png": b"not a png" * 20}, None, r"4/fake\.png is not a picture this app can read"),
    ("empty", {"README": b"nothing here"}, None, r"holds no pictures of digits"),
])
def test_bad_archives_are_refused_before_anything_is_written(tmp_path, test_sample, name, members, link, expect):
    good = {"set/1/fine.png": drawing_png(test_sample.images[2].numpy())}
    if name in ("not a picture",):
        members = {**good, **members}
    target = make_set(tmp_path / "mine", test_sample, per_label=1)
    before = files_of(target.folder)
    with pytest.raises((HandwritingSetError, ImageError), match=expect):
        import_zip(bad_zip(tmp_path, name.replace(" ", "_"), members, link), target)
    assert files_of(target.folder) == before


def test_huge_members_and_archives_are_refused_from_their_declared_sizes(tmp_path, test_sample, monkeypatch):
    target = HandwritingSet.create(tmp_path / "mine")
    picture = drawing_png(test_sample.images[2].numpy())
    path = bad_zip(tmp_path, "big", {"3/a.png": picture, "3/b.png": picture})
    monkeypatch.setattr(archive, "MAX_MEMBER_BYTES", len(picture) - 1)
    with pytest.raises(HandwritingSetError, match=r"3/a\.png would unpack to [\d,]+ bytes, more than"):
        import_zip(path, target)
    monkeypatch.setattr(archive, "MAX_MEMBER_BYTES", 10**9)
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", len(picture) + 1)
    with pytest.raises(HandwritingSetError, match=r"big\.zip would unpack to [\d,]+ bytes"):
        import_zip(path, target)
    monkeypatch.setattr(archive, "MAX_MEMBERS", 1)
    with pytest.raises(HandwritingSetError, match=r"holds 2 files, more than the 1"):
        import_zip(path, target)
    assert target.scan().digits == []


def test_a_zip_bomb_of_pixels_is_refused(tmp_path):
    from PIL import Image

    bomb = tmp_path / "bomb.png"
    Image.new("1", (10_000, 10_000)).save(bomb)  # 100 megapixels in a few kB
    target = HandwritingSet.create(tmp_path / "mine")
    with pytest.raises(ImageError, match=r"too large to open safely"):
        import_zip(bad_zip(tmp_path, "pixels", {"5/bomb.png": bomb.read_bytes()}), target)


def test_not_a_zip_or_a_damaged_one(tmp_path, test_sample):
    target = HandwritingSet.create(tmp_path / "mine")
    (tmp_path / "text.zip").write_text("hello")
    with pytest.raises(HandwritingSetError, match=r"text\.zip is not a zip archive"):
        import_zip(tmp_path / "text.zip", target)
    good = bad_zip(tmp_path, "good", {"3/a.png": drawing_png(test_sample.images[18].numpy())})
    data = bytearray(good.read_bytes())
    start = data.index(b"\x89PNG")
    data[start + 100:start + 140] = b"\0" * 40  # damaged inside the member: its CRC no longer matches
    (tmp_path / "damaged.zip").write_bytes(bytes(data))
    with pytest.raises(HandwritingSetError, match=r"3/a\.png cannot be unpacked"):
        import_zip(tmp_path / "damaged.zip", target)
    with pytest.raises(HandwritingSetError, match="Could not open"):
        import_zip(tmp_path / "nothing.zip", target)
    assert target.scan().digits == []
