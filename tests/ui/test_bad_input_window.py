"""The bad-input corpus in the real window: a message, the cursor restored, the previous state kept.

Table-driven over tests/bad_input_corpus.py, through what the user does:
File → Load weights… and drops (``load_weights``), Open picture… and drops on
the Draw tab (``open_picture``), the data folder of the Train tab, Save
drawing and Export CSV on a full disk. Every case must end with one message
whose text is the core's sentence, no wait cursor left on, and nothing
changed: the same active model named in the status bar, the same drawing, no
file replaced.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from bad_input_corpus import bad_data_folders, bad_pictures, bad_weights, deny
from drawing import draw_one, open_picture_and_wait
from PIL import Image, ImageDraw
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from mnist_desk.ui.data_folder import DataFolderWidget
from mnist_desk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, settings, draw_weights) -> MainWindow:
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.load_weights(draw_weights)
    yield win
    win.close()


def error_boxes(widget) -> list[QMessageBox]:
    return [box for box in widget.findChildren(QMessageBox) if box.objectName() == "errorMessage" and box.isVisible()]


def close_boxes(widget) -> None:
    for box in error_boxes(widget):
        box.close()


def test_bad_weights_files_leave_the_active_model(qtbot, window, tmp_path, monkeypatch):
    cases = bad_weights(tmp_path)
    deny(monkeypatch, cases)
    model, label = window.active_model.model, window.model_label.text()
    wrong = []
    for case in cases:
        for how in ("menu", "drop"):
            answer = window.load_weights(case.path) if how == "menu" else window.open_dropped(str(case.path))
            boxes = error_boxes(window)
            text = boxes[0].text() if boxes else ""
            if answer or len(boxes) != 1 or not re.search(case.expect, text.split("\n")[0]) \
                    or not text.endswith("The previous model stays active."):
                wrong.append(f"{case.name} ({how}): answer {answer}, boxes {[b.text() for b in boxes]}")
            if QApplication.overrideCursor() is not None:
                wrong.append(f"{case.name} ({how}): the wait cursor is left on")
                while QApplication.overrideCursor() is not None:
                    QApplication.restoreOverrideCursor()
            if window.active_model.model is not model or window.model_label.text() != label:
                wrong.append(f"{case.name} ({how}): the active model changed ({window.model_label.text()})")
            close_boxes(window)
    assert not wrong, "\n".join(wrong)


def test_bad_weights_files_in_the_train_tab_change_nothing(qtbot, window, tmp_path, monkeypatch):
    cases = bad_weights(tmp_path)
    deny(monkeypatch, cases)
    panel = window.train_tab.weights
    shown = []
    monkeypatch.setattr(panel, "show_error", lambda title, message: shown.append(message))
    wrong = []
    for case in cases:
        shown.clear()
        if panel.load(case.path) or len(shown) != 1 or not re.search(case.expect, shown[0]):
            wrong.append(f"{case.name}: {shown}")
        if panel.checkpoint is not None:
            wrong.append(f"{case.name}: the panel took the file")
    assert not wrong, "\n".join(wrong)


@pytest.mark.timeout(120)
def test_bad_pictures_leave_the_drawing(qtbot, window, tmp_path, monkeypatch):
    tab = window.draw_tab
    draw_one(qtbot, tab.canvas)
    before = tab.document.ink_array().copy()
    cases = bad_pictures(tmp_path)
    deny(monkeypatch, cases)
    blank = tmp_path / "blank.png"
    Image.new("L", (80, 80), 128).save(blank)
    wrong = []
    for case in [*cases, type(cases[0])("flat colour", blank, r"single flat colour: there is no digit")]:
        opened = open_picture_and_wait(qtbot, tab, case.path)
        boxes = error_boxes(tab)
        if opened or len(boxes) != 1 or not re.search(case.expect, boxes[0].text()):
            wrong.append(f"{case.name}: opened {opened}, boxes {[b.text() for b in boxes]}")
        if not np.array_equal(tab.document.ink_array(), before) or "Opening" in tab.caption.text():
            wrong.append(f"{case.name}: the drawing or its caption changed ({tab.caption.text()!r})")
        if QApplication.overrideCursor() is not None:
            wrong.append(f"{case.name}: the wait cursor is left on")
        close_boxes(tab)
    assert not wrong, "\n".join(wrong)


def test_a_dark_digit_on_mid_grey_paper_is_a_digit(qtbot, window, tmp_path):
    for paper in (118, 128, 140):  # darker and lighter than mid-grey: the paper's shade says nothing of the ink
        picture = Image.new("L", (240, 240), paper)
        ImageDraw.Draw(picture).line([(122, 30), (118, 210)], fill=paper - 80, width=18)
        path = tmp_path / f"grey-{paper}.png"
        picture.save(path)
        assert open_picture_and_wait(qtbot, window.draw_tab, path), error_boxes(window.draw_tab)[0].text()
        window.draw_tab.update_prediction()
        assert window.draw_tab.last_prediction.digit == 1


@pytest.mark.timeout(120)
def test_a_144_megapixel_picture_opens_without_freezing_the_window(qtbot, window, tmp_path):
    path = tmp_path / "huge.png"
    picture = Image.new("L", (12_000, 12_000), 235)
    ImageDraw.Draw(picture).line([(6100, 1500), (5900, 10_500)], fill=20, width=900)
    picture.save(path, compress_level=1)
    del picture
    tab = window.draw_tab
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    with qtbot.waitSignal(tab.picture_opened, timeout=60_000) as opened:
        tab.open_picture(path)
        assert tab.caption.text() == "Opening huge.png…"  # the progress note, at once
        started = len(ticks)
    timer.stop()
    assert opened.args == [str(path), True]
    assert len(ticks) - started >= 3  # the event loop ran all along
    tab.update_prediction()
    assert tab.last_prediction.digit == 1 and tab.caption.text() == "Picture: huge.png"


def test_bad_data_folders_say_what_is_wrong(qtbot, settings, tmp_path, monkeypatch):
    cases = [case for case in bad_data_folders(tmp_path) if case.name != "labels above 9"]  # only reading finds that
    deny(monkeypatch, cases)
    widget = DataFolderWidget(settings)
    qtbot.addWidget(widget)
    wrong = []
    for case in cases:
        with qtbot.waitSignal(widget.status_changed, timeout=20_000) as status:
            widget.set_folder(case.path)
        text = widget.status_label.text() + " " + widget.status_label.toolTip()
        if status.args != [False] or not re.search(case.expect, text):
            wrong.append(f"{case.name}: {status.args} {text!r}")
    widget.shutdown()
    assert not wrong, "\n".join(wrong)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", ["named pipe", "labels above 9"])
def test_start_with_a_bad_data_file_says_so_in_the_train_tab(qtbot, window, tmp_path, name):
    case = {case.name: case for case in bad_data_folders(tmp_path)}[name]
    tab = window.train_tab
    tab.data_folder.set_folder(case.path)
    with qtbot.waitSignal(tab.session.ended, timeout=60_000) as ended:
        assert tab.start()
    assert ended.args[0] == "failed" and re.search(case.expect, tab.progress.status.text())
    assert tab.progress.status_is_error and tab.start_button.isEnabled()


def test_saving_a_drawing_over_a_picture_on_a_full_disk_keeps_the_picture(qtbot, window, full_disk):
    tab = window.draw_tab
    draw_one(qtbot, tab.canvas)
    target = full_disk.folder / "digit.png"
    assert tab.save_drawing(target)
    before = target.read_bytes()
    tab.clear()
    draw_one(qtbot, tab.canvas)
    draw_one(qtbot, tab.canvas)
    full_disk.fill()
    assert not tab.save_drawing(target)
    boxes = error_boxes(tab)
    assert len(boxes) == 1 and re.fullmatch(r"Could not save .*digit\.png: the disk is full\. Any file that was there "
                                            r"before is unchanged\.", boxes[0].text())
    assert target.read_bytes() == before
    assert not [p for p in full_disk.folder.iterdir() if p.name.endswith(".tmp")]


def test_exporting_the_chart_over_a_csv_on_a_full_disk_keeps_the_csv(qtbot, window, full_disk):
    tab = window.train_tab
    tab.store.new_run("run")
    tab.store.add({"kind": "progress", "step": 1, "loss": 2.0})
    target = full_disk.folder / "metrics.csv"
    assert tab.write_csv(target)
    before = target.read_bytes()
    for step in range(2, 20_000):
        tab.store.add({"kind": "progress", "step": step, "loss": 1.0})
    full_disk.fill()
    assert not tab.write_csv(target)
    boxes = error_boxes(tab)
    assert len(boxes) == 1 and "metrics.csv: the disk is full" in boxes[0].text()
    assert target.read_bytes() == before


@pytest.fixture
def chinese(qapp):
    from PySide6.QtCore import QLocale

    from mnist_desk.ui import translation

    previous = translation.active_language()
    installed = translation.install_translators(qapp, QLocale("zh_CN"))
    if not installed:
        pytest.skip("no Chinese translation compiled")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    translation._active_language = previous  # what later tests (the Filter Lab's remembered notes) read


def test_the_reasons_are_in_the_users_language(qtbot, window, full_disk, tmp_path, chinese):
    tab = window.draw_tab
    draw_one(qtbot, tab.canvas)
    full_disk.fill()
    assert not tab.save_drawing(full_disk.folder / "digit.png")
    assert error_boxes(tab)[0].text() == (f"无法保存 {full_disk.folder / 'digit.png'}：磁盘已满。"
                                          "该位置原有的文件保持不变。")
    close_boxes(tab)
    case = {case.name: case for case in bad_weights(tmp_path)}["hparams a list"]
    assert not window.load_weights(case.path)
    assert error_boxes(window)[0].text().startswith(f"{case.path} 不是有效的权重文件：它的字段 hparams 中是一个列表，"
                                                    "而这里应当是一个表。")
