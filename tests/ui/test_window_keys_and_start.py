"""The window as a user meets it at start and from the keyboard: tab shortcuts, Ctrl+O into the
current tab, the weights remembered across restarts, the loading message, a restored Train tab
that paints before its heavy parts, the Draw tab's steady layout and the saved-drawing message."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from drawing import draw_seven
from PIL import Image, ImageDraw
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from mnist_desk.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def open_window(qtbot, settings, announce: bool = False) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    if announce:
        window.announce_start([])  # what the app does before show()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)  # shortcuts need it active
    return window


def press(window: MainWindow, key, modifier=Qt.KeyboardModifier.ControlModifier) -> None:
    QTest.keyClick(QApplication.focusWidget() or window, key, modifier)


def test_ctrl_number_and_ctrl_page_keys_switch_tabs(qtbot, settings):
    window = open_window(qtbot, settings)
    window.draw_tab.canvas.setFocus()
    for key, index in ((Qt.Key.Key_3, 2), (Qt.Key.Key_2, 1), (Qt.Key.Key_4, 3), (Qt.Key.Key_5, 4), (Qt.Key.Key_1, 0)):
        press(window, key)
        assert window.tabs.currentIndex() == index
    press(window, Qt.Key.Key_PageDown)
    assert window.tabs.currentIndex() == 1
    press(window, Qt.Key.Key_PageUp)
    press(window, Qt.Key.Key_PageUp)  # round from the first to the last
    assert window.tabs.currentIndex() == 4
    window.tabs.setCurrentIndex(2)
    window.train_tab.form.lr.lineEdit().setFocus()  # even from inside a text field
    press(window, Qt.Key.Key_1)
    assert window.tabs.currentIndex() == 0


def test_ctrl_o_opens_into_the_tab_you_are_in(qtbot, settings, monkeypatch, tmp_path):
    asked = []

    def dialog(parent, title, *args, **kwargs):
        asked.append((title, parent))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)  # the system's dialog: answered "Cancel"
    window = open_window(qtbot, settings)
    press(window, Qt.Key.Key_2)
    lab = window.filter_lab_tab
    lab.setFocus()
    press(window, Qt.Key.Key_O)
    assert asked[-1][0] == "Open a picture" and lab.isAncestorOf(asked[-1][1]) or asked[-1][1] is lab
    assert window.tabs.currentWidget() is lab  # stays in the Filter Lab
    press(window, Qt.Key.Key_1)
    press(window, Qt.Key.Key_O)
    assert asked[-1][0] == "Open a picture of a digit" and window.tabs.currentWidget() is window.draw_tab


def test_the_filter_lab_restored_at_start_takes_ctrl_o(qtbot, settings, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda parent, title, *a, **k: asked.append(title) or ("", ""))
    settings.setValue("window/tab", 1)
    window = open_window(qtbot, settings)
    assert window.tabs.currentIndex() == 1
    press(window, Qt.Key.Key_O)
    assert asked == ["Open a picture"] and window.tabs.currentIndex() == 1


def test_the_active_weights_are_remembered_across_restarts(qtbot, settings, draw_weights, tmp_path):
    import shutil

    mine = tmp_path / "my-weights.pt"
    shutil.copy(draw_weights, mine)
    first = open_window(qtbot, settings)
    assert first.load_weights(mine)
    first.close()

    second = open_window(qtbot, QSettings(settings.fileName(), QSettings.Format.IniFormat), announce=True)
    assert second.model_label.text() == "Loading my-weights.pt…"
    with qtbot.waitSignal(second.active_model.changed, timeout=20_000):
        second.open_at_start([])
    assert second.active_model.source == str(mine) and "my-weights.pt" in second.model_label.text()
    second.close()

    mine.unlink()  # gone by the next start: the shipped weights, and a word about it
    third = open_window(qtbot, QSettings(settings.fileName(), QSettings.Format.IniFormat), announce=True)
    assert third.model_label.text() == "Loading the shipped weights…"
    with qtbot.waitSignal(third.active_model.changed, timeout=20_000):
        third.open_at_start([])
    assert third.active_model.display_name() == "mnist_desk.pt"
    assert "my-weights.pt" in third.statusBar().currentMessage() and "gone" in third.statusBar().currentMessage()


def test_the_status_bar_says_the_shipped_weights_are_loading_from_the_first_paint(qtbot, settings):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.announce_start([])
    seen = []
    window.first_painted.connect(lambda: seen.append(window.model_label.text()))
    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        window.show()
    assert seen == ["Loading the shipped weights…"]
    assert window.draw_tab.panel.note_label.text().startswith("Loading")


def test_a_restored_train_tab_paints_before_matplotlib_and_the_data_check(qtbot, settings):
    settings.setValue("window/tab", 2)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    tab = window.train_tab
    state = []
    window.first_painted.connect(lambda: state.append((tab.chart.canvas is None, tab.data_folder.ready is None,
                                                       tab.data_folder._status_busy)))
    with qtbot.waitSignal(window.first_painted, timeout=10_000):
        window.show()
    assert state == [(True, True, False)]  # neither had started when the window was first on screen
    qtbot.waitUntil(lambda: tab.chart.canvas is not None and tab.data_folder.ready is not None, timeout=30_000)


def test_a_restored_train_tab_imports_neither_torch_nor_matplotlib_before_it_paints(tmp_path):
    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from mnist_desk.ui.main_window import MainWindow
        settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
        settings.setValue("window/tab", 2)
        window = MainWindow(settings)
        seen = []
        window.first_painted.connect(lambda: seen.append([m for m in ("torch", "matplotlib") if m in sys.modules]))
        window.first_painted.connect(app.quit)
        window.show()
        app.exec()
        print("HEAVY", seen)
    """)
    probe = tmp_path / "probe.py"
    probe.write_text(script)
    result = subprocess.run([sys.executable, str(probe), str(tmp_path / "s.ini")], capture_output=True, text=True,
                            timeout=120, cwd=ROOT, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "HEAVY [[]]" in result.stdout, result.stdout + result.stderr


def test_the_draw_buttons_stay_put_when_a_picture_caption_appears(qtbot, settings, tmp_path):
    window = open_window(qtbot, settings)
    draw = window.draw_tab
    qtbot.wait(50)
    before = draw.tools.open_button.mapTo(window, draw.tools.open_button.rect().topLeft())
    picture = Image.new("L", (100, 100), 255)
    ImageDraw.Draw(picture).line([(50, 15), (50, 85)], fill=0, width=8)
    path = tmp_path / ("a-very-long-name-for-a-picture-of-the-digit-one-scanned-at-the-office" * 2 + ".png")
    picture.save(path)
    assert draw.open_picture(path)
    qtbot.wait(50)
    assert draw.caption.text() == f"Picture: {path.name}"
    assert draw.tools.open_button.mapTo(window, draw.tools.open_button.rect().topLeft()) == before
    assert path.name in draw.caption.toolTip()  # elided on screen, whole in the tooltip


def test_saving_a_drawing_says_where_in_the_status_bar(qtbot, settings, tmp_path, monkeypatch):
    window = open_window(qtbot, settings)
    draw_seven(qtbot, window.draw_tab.canvas)
    target = tmp_path / "my seven.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(window.draw_tab.tools.save_button, Qt.MouseButton.LeftButton)
    assert target.is_file()
    assert window.statusBar().currentMessage() == f"Drawing saved as {target}"


@pytest.mark.parametrize("shortcut", ["Ctrl+1", "Ctrl+5", "Ctrl+PgDown"])
def test_the_view_menu_lists_the_tab_shortcuts(qtbot, settings, shortcut):
    window = open_window(qtbot, settings)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View")
    found = [s.toString() for a in menu.actions() for s in a.shortcuts()]
    assert shortcut in found


def test_no_tab_shortcut_clashes_with_the_windows(qtbot, settings, qtlog):
    """A key both the window and a tab claim does nothing at all in Qt ("Ambiguous shortcut overload"):
    the tab keys must work in every tab."""
    from PySide6.QtGui import QShortcut

    window = open_window(qtbot, settings)
    for index in range(1, window.tabs.count()):  # every tab built, its shortcuts made
        window.tab(index)
    actions = window.actions_
    window_keys = {s.toString() for action in [*actions.show_tab, actions.next_tab, actions.previous_tab]
                   for s in action.shortcuts()}
    for index in range(window.tabs.count()):
        tab = window.tabs.widget(index)
        clashes = {k.toString() for s in tab.findChildren(QShortcut) for k in s.keys()} & window_keys
        assert not clashes, (window.tabs.tabText(index), clashes)
        window.tabs.setCurrentIndex(index)
        for number in (1, 2, 3, 4, 5):
            press(window, getattr(Qt.Key, f"Key_{number}"))
            assert window.tabs.currentIndex() == number - 1
        window.tabs.setCurrentIndex(index)
    assert not [r for r in qtlog.records if "Ambiguous shortcut" in r.message]


def test_the_filter_lab_fits_again_when_the_window_is_maximised(qtbot, settings):
    settings.setValue("window/tab", 1)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(640, 480)
    window.show()
    qtbot.waitExposed(window)
    lab = window.filter_lab_tab
    views = lab.views
    qtbot.waitUntil(lambda: views.original_view.image is not None, timeout=20_000)  # the sample picture
    qtbot.wait(100)
    fitted = views.state.zoom
    window.showMaximized()
    qtbot.waitUntil(lambda: views.state.zoom > fitted * 1.05, timeout=5000)  # the whole picture, larger
    qtbot.mouseClick(lab.zoom_in_button, Qt.MouseButton.LeftButton)  # zoomed by hand: a resize keeps it
    zoomed = views.state.zoom
    window.showNormal()
    window.resize(640, 480)
    qtbot.wait(200)
    assert views.state.zoom == zoomed
