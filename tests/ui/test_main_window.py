"""The main window: tabs, menus, status bar, one shared model, bad weights, drops, settings, errors."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest
from drawing import draw_seven
from PIL import Image, ImageDraw
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from mnist_desk import __version__
from mnist_desk.ui.about import about_text
from mnist_desk.ui.exception_hook import ExceptionHook
from mnist_desk.ui.main_window import MainWindow
from mnist_desk.ui.window_tab import WindowTab


def error_boxes(widget) -> list[QMessageBox]:
    return [box for box in widget.findChildren(QMessageBox) if box.objectName() == "errorMessage" and box.isVisible()]


def shortcuts(window: MainWindow, name: str) -> list[str]:
    return [s.toString(QKeySequence.SequenceFormat.PortableText) for s in getattr(window.actions_, name).shortcuts()]


def test_five_tabs_none_broken(window):
    names = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert names == ["Draw", "Filter Lab", "Train", "Evaluate", "My handwriting"]
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        assert window.tabs.currentWidget().isVisible()
        assert isinstance(window.tabs.currentWidget(), WindowTab)  # what the window asks of a tab
    assert [window.tab(i).works_on_pictures for i in range(4)] == [True, True, False, False]


def test_menus_have_the_usual_shortcuts(window):
    assert shortcuts(window, "open_picture") == ["Ctrl+O"]
    assert shortcuts(window, "quit") == ["Ctrl+Q"]
    assert shortcuts(window, "undo") == ["Ctrl+Z"]
    assert "Ctrl+Shift+Z" in shortcuts(window, "redo")
    assert set(shortcuts(window, "clear")) == {"Del", "Esc"}
    menus = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Help"]


def test_about_names_version_licence_and_mnist_credit(window, qtbot):
    text = about_text()
    for needed in (__version__, "MIT", "Yann LeCun", "Corinna Cortes", "Christopher J. C. Burges", "CC BY-SA 3.0"):
        assert needed in text
    window.actions_.about.trigger()
    box = window.findChild(QMessageBox, "aboutBox")
    assert box is not None and box.isVisible()
    box.close()


def test_status_bar_names_weights_and_accuracy(window, draw_weights):
    assert "No model loaded" in window.model_label.text() or "Loading" in window.model_label.text()
    assert window.load_weights(draw_weights)
    text = window.model_label.text()
    assert draw_weights.name in text
    accuracy = window.active_model.test_accuracy
    assert accuracy is not None and f"{accuracy * 100:.2f} %" in text


def test_bad_weights_show_message_and_keep_previous_model(window, draw_weights, tmp_path, qtbot):
    assert window.load_weights(draw_weights)
    previous = window.active_model.model
    draw_seven(qtbot, window.draw_tab.canvas)
    window.draw_tab.update_prediction()
    assert window.draw_tab.last_prediction.digit == 7
    bad = tmp_path / "broken.pt"
    bad.write_bytes(b"PK\x03\x04 definitely not torch")
    assert not window.load_weights(bad)
    boxes = error_boxes(window)
    assert boxes and "broken.pt" in boxes[0].text() and "previous model stays active" in boxes[0].text()
    assert window.active_model.model is previous
    assert draw_weights.name in window.model_label.text()
    window.draw_tab.update_prediction()
    assert window.draw_tab.last_prediction.digit == 7


def test_dropped_weights_switch_the_model_everywhere(window, draw_weights, qtbot):
    with qtbot.waitSignal(window.active_model.changed, timeout=5000):
        assert window.open_dropped(str(draw_weights))
    assert window.active_model.ready
    assert draw_weights.name in window.model_label.text()


def test_dropped_picture_goes_to_the_draw_tab(window, tmp_path, qtbot):
    from PIL import Image, ImageDraw

    picture = Image.new("L", (100, 100), 255)
    ImageDraw.Draw(picture).line([(50, 15), (50, 85)], fill=0, width=8)
    path = tmp_path / "one.png"
    picture.save(path)
    window.tabs.setCurrentIndex(2)
    with qtbot.waitSignal(window.draw_tab.picture_opened, timeout=20_000):
        assert window.open_dropped(str(path))
    assert window.tabs.currentWidget() is window.draw_tab
    assert window.draw_tab.document.ink_array().sum() > 0


def test_files_named_at_start_open_in_the_window(window, draw_weights, tmp_path, monkeypatch, qtbot):
    # mnist-desk one.png two.png weights.pt: the weights replace the shipped ones, the first picture opens.
    shipped = []
    monkeypatch.setattr(window, "start_loading", lambda: shipped.append(True))
    pictures = [tmp_path / "one.png", tmp_path / "two.png"]
    one = Image.new("L", (60, 60), 255)
    ImageDraw.Draw(one).line([(30, 10), (30, 50)], fill=0, width=6)
    one.save(pictures[0])
    Image.new("L", (60, 60), 255).save(pictures[1])
    with qtbot.waitSignals([window.active_model.changed, window.draw_tab.picture_opened], timeout=20000):
        window.open_at_start([str(pictures[0]), str(pictures[1]), str(draw_weights)])
    assert not shipped and draw_weights.name in window.model_label.text()
    assert window.tabs.currentWidget() is window.draw_tab and window.draw_tab.document.ink_array().sum() > 0
    assert "1 more file named at start was not opened" in window.statusBar().currentMessage()
    window.open_at_start([str(pictures[1]), str(pictures[0]), str(pictures[1])])
    assert "2 more files named at start were not opened" in window.statusBar().currentMessage()
    assert shipped == [True]  # no weights named this time: the shipped ones
    window.open_at_start([])
    assert shipped == [True, True]


def test_a_bad_weights_file_named_at_start_falls_back_to_the_shipped_ones(window, tmp_path, monkeypatch, qtbot):
    shipped = []
    monkeypatch.setattr(window, "start_loading", lambda: shipped.append(True))
    bad = tmp_path / "corrupt.pt"
    bad.write_bytes(b"not weights")
    with qtbot.waitSignal(window.active_model.load_failed, timeout=20000):
        window.open_at_start([str(bad)])
    qtbot.waitUntil(lambda: bool(shipped))
    assert [box.text() for box in error_boxes(window)] and "corrupt.pt" in error_boxes(window)[0].text()


def test_shipped_weights_load_in_the_background(window, draw_weights, monkeypatch, qtbot):
    monkeypatch.setattr("mnist_desk.core.paths.default_weights_path", lambda: draw_weights)
    with qtbot.waitSignal(window.active_model.changed, timeout=20000):
        window.start_loading()
        assert window.active_model.loading
        assert window.model_label.text() == "Loading the shipped weights…"
        assert "Loading model" in window.draw_tab.panel.note_label.text()
    assert window.active_model.ready and not window.active_model.loading
    assert draw_weights.name in window.model_label.text()


def test_missing_shipped_weights_are_said_plainly(window, tmp_path, monkeypatch):
    monkeypatch.setattr("mnist_desk.core.paths.default_weights_path", lambda: tmp_path / "none.pt")
    window.start_loading()
    assert not window.active_model.ready and not window.active_model.loading
    assert "No model loaded" in window.model_label.text()
    assert "No model loaded" in window.draw_tab.panel.note_label.text()
    assert not error_boxes(window)  # a fresh install without weights is not an error to click away


def test_bad_background_load_reports_and_keeps_previous(window, draw_weights, tmp_path, qtbot):
    assert window.load_weights(draw_weights)
    bad = tmp_path / "empty.pt"
    bad.write_bytes(b"")
    with qtbot.waitSignal(window.active_model.load_failed, timeout=10000):
        window.active_model.load_file_async(bad)
    assert error_boxes(window)
    assert window.active_model.source == str(draw_weights)


def test_edit_actions_act_on_the_drawing_only_on_the_draw_tab(window, qtbot):
    assert not window.actions_.undo.isEnabled()
    draw_seven(qtbot, window.draw_tab.canvas)
    assert window.actions_.undo.isEnabled() and window.actions_.clear.isEnabled()
    window.actions_.clear.trigger()
    assert window.draw_tab.document.ink_array().sum() == 0
    window.actions_.undo.trigger()
    assert window.draw_tab.document.ink_array().sum() > 0
    window.actions_.redo.trigger()
    assert window.draw_tab.document.ink_array().sum() == 0
    window.actions_.undo.trigger()
    window.tabs.setCurrentIndex(3)
    assert not window.actions_.undo.isEnabled() and not window.actions_.clear.isEnabled()


def test_geometry_and_tab_persist(qtbot, tmp_path):
    path = str(tmp_path / "persist.ini")
    first = MainWindow(QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    first.show()
    # The offscreen screen is 800×600 and restoring clamps to it: check what fits (the height).
    first.resize(first.width(), 560)
    assert first.height() == 560
    first.tabs.setCurrentIndex(2)
    first.close()
    second = MainWindow(QSettings(path, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    assert second.height() == 560
    assert second.tabs.currentIndex() == 2


def test_mnist_digit_from_evaluate_opens_in_draw(window, test_sample):
    field = test_sample.images[0].numpy().astype(np.float32) / 255.0
    window.tabs.setCurrentIndex(3)
    window.evaluate_tab.open_digit.emit(field, "Test digit #0, labelled 7", 7)
    assert window.tabs.currentWidget() is window.draw_tab
    np.testing.assert_array_equal(window.draw_tab.document.exact_field(), field)
    assert window.draw_tab.meant.digit == 7 and window.draw_tab.explain.loss.meant == 7


def test_exception_hook_logs_shows_and_keeps_running(window, qtbot, caplog):
    hook = ExceptionHook(window)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as error:
        hook.handle(type(error), error, error.__traceback__)
    qtbot.waitUntil(lambda: bool(error_boxes(window)), timeout=2000)
    box = error_boxes(window)[0]
    assert "boom in a slot" in box.text() and "still running" in box.text()
    assert "Traceback" in box.detailedText()
    assert "boom in a slot" in caplog.text
    # A second error while the box is open does not stack another box.
    hook.handle(ValueError, ValueError("again"), None)
    qtbot.wait(10)
    assert len(error_boxes(window)) == 1 and hook.count == 2
    box.close()


def test_an_uncaught_core_error_shows_its_message_only(window, qtbot):
    from mnist_desk.core.errors import ConfigError

    hook = ExceptionHook(window)
    hook.handle(ConfigError, ConfigError("The stride must be at least {low}.", low=1), None)
    qtbot.waitUntil(lambda: bool(error_boxes(window)), timeout=2000)
    assert "The stride must be at least 1." in error_boxes(window)[0].text()
    assert "ConfigError" not in error_boxes(window)[0].text()
    error_boxes(window)[0].close()


def test_window_paints_without_importing_torch(tmp_path):
    """The window must show before torch loads: building it may not import torch."""
    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from mnist_desk.ui.main_window import MainWindow
        window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
        window.show()
        app.processEvents()
        print("TORCH" if "torch" in sys.modules else "NO_TORCH")
    """)
    env_script = tmp_path / "probe.py"
    env_script.write_text(script)
    result = subprocess.run([sys.executable, str(env_script), str(tmp_path / "s.ini")], capture_output=True,
                            text=True, timeout=120, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "NO_TORCH" in result.stdout, result.stdout + result.stderr


def test_first_paint_and_the_model_are_reported_for_the_benchmarks(qtbot, settings, capsys, draw_weights):
    from mnist_desk.ui.start_report import StartReport

    win = MainWindow(settings)
    qtbot.addWidget(win)
    StartReport(win)  # what run_app attaches when MNIST_DESK_REPORT_PAINT is set
    with qtbot.waitSignal(win.first_painted, timeout=5000):
        win.show()
    out = capsys.readouterr().out
    assert "MNIST_DESK_PAINTED " in out and "MNIST_DESK_GEOMETRY {" in out and '"canvas": [' in out
    win.active_model.load_file(draw_weights)
    out = capsys.readouterr().out
    assert "MNIST_DESK_MODEL_READY " in out and "MNIST_DESK_LONGEST_STALL_MS " in out


def test_the_window_itself_reports_nothing(qtbot, settings, capsys, monkeypatch):
    monkeypatch.setenv("MNIST_DESK_REPORT_PAINT", "1")  # run_app's business, not the window's
    win = MainWindow(settings)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.first_painted, timeout=5000):
        win.show()
    assert "MNIST_DESK" not in capsys.readouterr().out


def test_other_tabs_are_built_after_the_first_paint(qtbot, settings):
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert set(win._built) == {0}  # only the Draw tab before the window shows
    win.show()
    qtbot.waitUntil(lambda: len(win._built) == 4, timeout=10000)
    assert win.tabs.currentIndex() == 0
    assert [win.tabs.widget(i) for i in range(4)] == [win.draw_tab, win.filter_lab_tab, win.train_tab,
                                                        win.evaluate_tab]


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_reaches_the_hook_and_the_app_goes_on(window, qtbot):
    from PySide6.QtCore import QTimer

    hook = ExceptionHook(window)
    hook.install()
    try:
        def broken_slot() -> None:
            raise ZeroDivisionError("a slot that divides by zero")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: bool(error_boxes(window)), timeout=3000)
    finally:
        hook.uninstall()
    assert "a slot that divides by zero" in error_boxes(window)[0].text()
    assert window.isVisible()
    window.draw_tab.update_prediction()  # still working


def test_picture_actions_follow_the_current_tab(window, monkeypatch):
    calls = []
    lab = window.filter_lab_tab
    monkeypatch.setattr(lab, "open_picture_dialog", lambda: calls.append("lab open"))
    monkeypatch.setattr(window.draw_tab, "open_picture_dialog", lambda: calls.append("draw open"))
    window.tabs.setCurrentWidget(lab)
    window.actions_.open_picture.trigger()
    assert calls == ["lab open"] and window.tabs.currentWidget() is lab
    assert "result" in window.actions_.save_drawing.text()
    window.tabs.setCurrentIndex(2)  # Train: no pictures there, so the Draw tab opens one
    window.actions_.open_picture.trigger()
    assert calls == ["lab open", "draw open"] and window.tabs.currentWidget() is window.draw_tab
    assert "drawing" in window.actions_.save_drawing.text()


def test_drop_event_on_the_window_opens_the_picture(window, tmp_path, qtbot):
    from PIL import Image, ImageDraw
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    picture = Image.new("L", (80, 100), 255)
    ImageDraw.Draw(picture).line([(40, 10), (40, 90)], fill=0, width=7)
    path = tmp_path / "dropped.png"
    picture.save(path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert "dropped.png" in window.draw_tab.caption.text()


def test_the_window_fits_a_laptop_screen(window, qtbot):
    """1366 × 768 minus a task bar and a title bar leaves about 700 × 690: every tab must fit."""
    qtbot.waitUntil(lambda: len(window._built) == 4, timeout=10000)
    for index in range(4):
        window.tabs.setCurrentIndex(index)
    qtbot.wait(50)
    hint = window.minimumSizeHint()
    assert hint.height() <= 640 and hint.width() <= 1366, hint
    from mnist_desk.ui.evaluate.pixel_table import PixelTable

    table = window.evaluate_tab.findChild(PixelTable)
    assert table.sizeHint().height() == table.maximumHeight() > table.minimumHeight()  # all 28 rows when there is room
