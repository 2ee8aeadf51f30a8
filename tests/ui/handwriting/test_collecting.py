"""Collecting digits in the Draw tab: the "Add as" buttons and Alt+0 … Alt+9, as a user presses them."""

from __future__ import annotations

import numpy as np
from drawing import draw_one, draw_seven
from PIL import Image
from PySide6.QtCore import Qt

from mnist_desk.core.handwriting.reading import picture_input
from mnist_desk.ui.handwriting.sets import active_folder, default_set_folder


def pngs(folder, label):
    return sorted((folder / str(label)).glob("*.png"))


def test_the_add_button_stores_the_drawing_as_drawn_with_the_users_label(qtbot, draw_tab, settings, tmp_path):
    assert not draw_tab.collect.buttons[3].isEnabled()  # nothing drawn, nothing to add
    draw_seven(qtbot, draw_tab.canvas)
    draw_tab.update_prediction()  # the answer for the whole drawing (the one shown once the pen is up)
    drawn = draw_tab.document.ink_array()
    answer = draw_tab.last_prediction.digit
    qtbot.mouseClick(draw_tab.collect.buttons[3], Qt.MouseButton.LeftButton)  # the user says: a 3 (it is a 7)
    folder = active_folder(settings)
    assert folder == default_set_folder() and folder.is_relative_to(tmp_path / "user-data")
    [stored] = pngs(folder, 3)
    picture = np.asarray(Image.open(stored))
    assert picture.shape == (448, 448) and picture.dtype == np.uint8  # the drawing, not the 28x28 input
    assert np.abs((255 - picture.astype(np.float32)) / 255 - drawn).max() < 1 / 255 + 1e-6
    status = draw_tab.collect.status.text()
    assert status.startswith("Added as 3 to “mine”: 1 of 3, 1 digits in all.")
    assert f"The network read it as {answer}." in status and answer != 3
    assert draw_tab.document.state.empty  # cleared, ready for the next digit ...
    draw_tab.undo()
    assert np.array_equal(draw_tab.document.ink_array(), drawn)  # ... and Ctrl+Z on the canvas brings it back
    # what the network sees of the stored picture (evaluating, training) is what it saw on the canvas
    draw_tab.update_prediction()
    on_canvas = draw_tab.last_prediction.preprocessed.field28
    assert np.abs(picture_input(stored).astype(np.float32) / 255 - on_canvas).max() < 2 / 255


def test_alt_digit_keys_add_and_then_clear_can_be_turned_off(qtbot, draw_tab, settings):
    draw_one(qtbot, draw_tab.canvas)
    qtbot.keyClick(draw_tab.canvas, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(draw_tab.canvas, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # an empty canvas adds nothing
    folder = active_folder(settings)
    assert len(pngs(folder, 1)) == 1
    assert draw_tab.collect.status.text() == "Draw a digit first: the canvas is empty."
    draw_tab.collect.clear_after.click()
    assert settings.value("handwriting/clear_after_add") in (False, "false")
    draw_one(qtbot, draw_tab.canvas)
    keypad = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.KeypadModifier
    qtbot.keyClick(draw_tab.canvas, Qt.Key.Key_3, keypad)
    assert len(pngs(folder, 3)) == 1 and not draw_tab.document.state.empty
    qtbot.keyClick(draw_tab.canvas, Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)
    assert len(pngs(folder, 7)) == 1
    assert draw_tab.collect.status.text().startswith("Added as 7 to “mine”: 1 of 7, 3 digits in all.")


def test_a_failing_disk_says_why_and_adds_nothing(qtbot, draw_tab, settings, monkeypatch):
    from mnist_desk.ui.handwriting import sets

    blocker = settings.fileName() + ".file"
    open(blocker, "w").close()  # a file where the set's folder should be
    sets.set_active(settings, blocker)
    draw_one(qtbot, draw_tab.canvas)
    shown = []
    monkeypatch.setattr("mnist_desk.ui.draw.collect_row.show_error",
                        lambda parent, title, text: shown.append((title, text)))
    assert draw_tab.collect.add(4) is None
    assert shown and shown[0][0] == "Cannot add the digit" and "Could not make the folder" in shown[0][1]
    assert not draw_tab.document.state.empty  # the drawing is kept
