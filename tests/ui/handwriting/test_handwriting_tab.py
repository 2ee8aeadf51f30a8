"""The My handwriting tab as a user works it: the gallery by label with counts, clicks, relabel and delete keys,
Ctrl+Z / Ctrl+Shift+Z, opening on the canvas, several sets, import and export."""

from __future__ import annotations

import zipfile

import pytest
from handwriting_sets import drawing_png, make_set
from PySide6.QtCore import Qt

from mnist_desk.ui.handwriting import sets


def click_digit(qtbot, tab, label: int, row: int = 0, modifier=Qt.KeyboardModifier.NoModifier, double=False):
    flow = tab.gallery.flows[label]
    item = flow.item(row)
    flow.scrollToItem(item)
    center = flow.visualItemRect(item).center()
    tab.gallery.ensureWidgetVisible(flow)
    qtbot.mouseClick(flow.viewport(), Qt.MouseButton.LeftButton, modifier, center)
    if double:  # a real double-click: a click, then the second press that Qt reports as a double-click
        qtbot.mouseDClick(flow.viewport(), Qt.MouseButton.LeftButton, modifier, center)
    return item.data(Qt.ItemDataRole.UserRole)


@pytest.fixture
def filled(tmp_path, settings, test_sample):
    """The active set: the default one, with 3 of each digit (5 of the 8s)."""
    folder = sets.default_set_folder()
    make_set(folder, test_sample, per_label=3)
    make_set(folder, test_sample, per_label=2, labels=(8,), start=150)
    return folder


def test_the_gallery_groups_the_set_by_label_with_counts(qtbot, filled, handwriting_tab):
    tab = handwriting_tab
    assert [flow.count() for flow in tab.gallery.flows] == [3] * 8 + [5, 3]
    assert tab.gallery.headers[8].text() == "8 — 5 digits"
    assert tab.summary.text().startswith("“mine”: 32 digits (0: 3, 1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3, 7: 3, 8: 5, "
                                         "9: 3)")
    assert tab.chooser.currentData() == str(filled)
    qtbot.waitUntil(lambda: len(tab._icons) == 32, timeout=20_000)  # thumbnails, loaded in the worker
    assert not tab.gallery.flows[0].item(0).icon().isNull()


def test_relabel_delete_undo_redo_with_the_keys(qtbot, filled, handwriting_tab):
    tab = handwriting_tab
    first = click_digit(qtbot, tab, 1, 0)
    second = click_digit(qtbot, tab, 2, 1, Qt.KeyboardModifier.ControlModifier)  # Ctrl+click adds
    assert {d.path for d in tab.gallery.selected()} == {first.path, second.path}
    qtbot.keyClick(tab.gallery.flows[2], Qt.Key.Key_7)  # a digit key relabels the selection
    assert [flow.count() for flow in tab.gallery.flows][1:3] == [2, 2] and tab.gallery.flows[7].count() == 5
    assert (filled / "7" / first.name).is_file() and not first.path.exists()
    assert tab.status.text() == "Relabelled 2 digit(s) as 7. Ctrl+Z undoes it."
    assert {d.label for d in tab.gallery.selected()} == {7}  # they stay selected, in their new section
    qtbot.keyClick(tab.gallery.flows[7], Qt.Key.Key_Delete)
    assert tab.gallery.flows[7].count() == 3 and not (filled / "7" / first.name).exists()
    qtbot.keyClick(tab.gallery.flows[7], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the delete
    assert tab.gallery.flows[7].count() == 5 and (filled / "7" / first.name).is_file()
    qtbot.keyClick(tab.gallery.flows[7], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the relabel
    assert first.path.is_file() and second.path.is_file()
    assert [flow.count() for flow in tab.gallery.flows] == [3] * 8 + [5, 3]
    qtbot.keyClick(tab.gallery.flows[1], Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # redo
    assert not first.path.exists() and tab.undo_action.isEnabled() and tab.redo_action.isEnabled()
    assert tab.undo_action.text() == "Undo Relabel 2 digit(s) as 7"


def test_the_buttons_do_what_the_keys_do_and_a_digit_opens_on_the_canvas(qtbot, filled, handwriting_tab):
    tab = handwriting_tab
    assert not tab.delete_button.isEnabled() and not tab.canvas_button.isEnabled()
    digit = click_digit(qtbot, tab, 4, 2)
    with qtbot.waitSignal(tab.open_digit_file) as opened:
        qtbot.mouseClick(tab.canvas_button, Qt.MouseButton.LeftButton)
    assert opened.args == [str(digit.path)]
    with qtbot.waitSignal(tab.open_digit_file) as opened:
        click_digit(qtbot, tab, 9, 0, double=True)
    assert opened.args[0].endswith(tab.gallery.flows[9].item(0).data(Qt.ItemDataRole.UserRole).name)
    click_digit(qtbot, tab, 4, 2)
    tab.relabel_button.menu().actions()[6].trigger()
    assert (filled / "6" / digit.name).is_file()
    click_digit(qtbot, tab, 6, [d.name for d in tab.gallery.digits() if d.label == 6].index(digit.name))
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert not (filled / "6" / digit.name).exists() and tab.status.text().startswith("Deleted 1 digit(s).")
    qtbot.mouseClick(tab.undo_button, Qt.MouseButton.LeftButton)
    assert (filled / "6" / digit.name).is_file()


def test_digits_added_elsewhere_appear_and_a_folder_with_bad_files_says_so(qtbot, filled, handwriting_tab,
                                                                            test_sample):
    tab = handwriting_tab
    from mnist_desk.core.handwriting.store import HandwritingSet

    HandwritingSet(filled).add(drawing_png(test_sample.images[0].numpy()), 0)
    sets.contents_changed(filled)  # what the Draw tab's Add button says
    assert tab.gallery.flows[0].count() == 4
    (filled / "5" / "notes.txt").write_text("x")
    qtbot.keyClick(tab.gallery, Qt.Key.Key_F5)
    assert tab.problems.isVisible() and "1 file(s) in this folder cannot be used" in tab.problems.text()
    assert "5/notes.txt is not a picture" in tab.problems.text()


def test_several_sets_the_active_one_remembered(qtbot, filled, handwriting_tab, settings, tmp_path, test_sample,
                                                monkeypatch):
    tab = handwriting_tab
    assert tab.files.new_set("Alice") is not None
    assert sets.active_folder(settings).name == "Alice" and tab.gallery.digits() == []
    assert "“Alice” has no digits yet" in tab.summary.text()
    assert [tab.chooser.itemData(i) for i in range(tab.chooser.count())] == [
        str(sets.default_set_folder().parent / "Alice"), str(filled)]
    other = make_set(tmp_path / "elsewhere" / "bob", test_sample, per_label=1).folder
    tab.files.open_folder(str(other))  # any ImageFolder folder
    assert tab.chooser.currentData() == str(other) and len(tab.gallery.digits()) == 10
    tab.chooser.setCurrentIndex(tab.chooser.findData(str(filled)))
    tab.chooser.activated.emit(tab.chooser.currentIndex())
    assert sets.active_folder(settings) == filled and len(tab.gallery.digits()) == 32
    from PySide6.QtCore import QSettings

    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)  # the next start
    assert sets.active_folder(again) == filled and str(other) in [str(p) for p in sets.known_sets(again)]
    shown = []
    monkeypatch.setattr("mnist_desk.ui.handwriting.set_files.show_error", lambda *args: shown.append(args))
    assert tab.files.new_set("Alice") is None  # it exists: a message, nothing made
    assert "A set named 'Alice' already exists" in shown[0][2]


def test_import_and_export_a_zip_in_the_worker(qtbot, filled, handwriting_tab, tmp_path, test_sample, monkeypatch):
    tab = handwriting_tab
    archive = tmp_path / "mine.zip"
    with qtbot.waitSignal(tab.files.busy, check_params_cb=lambda busy: not busy, timeout=20_000):
        assert tab.files.export_to(str(archive), is_zip=True)
    assert tab.status.text() == f"Exported the 32 digits of “mine” to {archive}."
    with zipfile.ZipFile(archive) as zip_file:
        assert len(zip_file.namelist()) == 32
    tab.files.new_set("Bob")
    with qtbot.waitSignal(tab.files.busy, check_params_cb=lambda busy: not busy, timeout=20_000):
        assert tab.files.import_from(str(archive), is_zip=True)
    assert tab.status.text() == "Imported 32 digits from mine.zip into “Bob”."
    assert len(tab.gallery.digits()) == 32 and not tab.progress.isVisible()
    shown = []
    monkeypatch.setattr("mnist_desk.ui.handwriting.set_files.show_error", lambda *args: shown.append(args))
    bad = tmp_path / "slip.zip"
    with zipfile.ZipFile(bad, "w") as zip_file:
        zip_file.writestr("3/../../evil.png", b"x")
    with qtbot.waitSignal(tab.files.busy, check_params_cb=lambda busy: not busy, timeout=20_000):
        tab.files.import_from(str(bad), is_zip=True)
    assert shown and "a path that would leave the set's folder" in shown[0][2]
    assert len(tab.gallery.digits()) == 32
