"""Filter Lab (pytest-qt): each preset shown the way that shows it best, the line under the result saying what
the display does, and a layout that holds still (issue 13, points 6 and 7)."""

from __future__ import annotations

import numpy as np
import pytest
from filter_lab_actions import load
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from mnist_desk.core.filters import DISPLAY_MODES
from mnist_desk.core.filters.pictures import picture_from_array, sample_picture
from mnist_desk.core.filters.presets import PRESETS, preset

PHOTO = sample_picture().gray  # the built-in picture: a house, a sun, stripes, digits


def choose(qtbot, tab, key):
    """Pick a preset from the Presets menu, as the user does, and wait for its result."""
    action = next(a for a in tab.kernel_editor.presets_menu.actions() if a.data() == key)
    with qtbot.waitSignal(tab.result_shown, timeout=10_000):
        action.trigger()
    return tab.result


def test_every_preset_says_how_it_is_shown():
    assert {item.display for item in PRESETS} <= set(DISPLAY_MODES)
    assert preset("tutorial").display == "rescale"  # all its sums are negative: as the tutorial's plt.imshow
    assert preset("sharpen").display == "clip" and preset("gaussian").display == "clip"
    assert preset("sobel_x").display == "abs" and preset("outline").display == "abs"


def test_a_preset_brings_its_display_and_the_line_under_the_result_says_what_it_does(qtbot, tab):
    load(qtbot, tab, PHOTO)
    for key, mode, words in [("sharpen", "clip", "below 0 → black, above 255 → white"),
                             ("sobel_x", "abs", "−40 looks like 40"),
                             ("tutorial", "rescale", "below 0 and above 255 still show")]:
        result = choose(qtbot, tab, key)
        assert result.settings.display == mode and tab.chain_controls.display.currentData() == mode
        note = tab.views.display_note.text()
        assert words in note, note
        assert tab.views.display_note.isVisible() or not tab.isVisible()
    # The user's own choice then stays while the kernel is edited.
    display = tab.chain_controls.display
    with qtbot.waitSignal(tab.result_shown, timeout=10_000):
        display.setCurrentIndex(display.findData("abs"))
    with qtbot.waitSignal(tab.result_shown, timeout=10_000):
        tab.kernel_editor.cells[1][1].setText("-7")
        tab.kernel_editor.cells[1][1].textEdited.emit("-7")
    assert tab.result.settings.display == "abs" and tab.views.display_note.text().startswith("Absolute value")


def test_a_sharpened_photo_looks_sharp_not_faded(qtbot, tab):
    load(qtbot, tab, PHOTO)
    shown = choose(qtbot, tab, "sharpen").display.astype(float)
    inside = PHOTO[1:-1, 1:-1].astype(float)
    # The photo itself, with crisper edges: its own brightness and contrast, not a faded grey.
    assert abs(shown.mean() - inside.mean()) < 5 and shown.std() >= inside.std()
    assert np.corrcoef(shown.ravel(), inside.ravel())[0, 1] > 0.9
    blurred = choose(qtbot, tab, "gaussian").display.astype(float)
    assert abs(blurred.mean() - inside.mean()) < 2
    tutorial = choose(qtbot, tab, "tutorial").display
    assert tutorial.std() > 20  # rescaled: the tutorial's negative picture, not all black


def test_the_kernel_panel_keeps_its_width_between_3x3_and_5x5(qtbot, window):
    lab = window.filter_lab_tab
    window.tabs.setCurrentWidget(lab)
    qtbot.waitUntil(lambda: lab.result is not None, timeout=20_000)
    editor = lab.kernel_editor

    def places():
        return (lab.original_view.mapTo(window, lab.original_view.rect().topLeft()),
                lab.original_view.width(), editor.presets_button.mapTo(window, editor.presets_button.rect().topLeft()))

    before = places()
    for size in (5, 3, 5):
        editor.size_box.setCurrentIndex(editor.size_box.findData(size))
        qtbot.wait(50)  # the layout settles
        assert places() == before, f"{size}×{size}"


def test_the_5x5_arithmetic_fits_the_first_window_without_scrolling_sideways(qtbot, window):
    lab = window.filter_lab_tab
    window.tabs.setCurrentWidget(lab)
    qtbot.waitUntil(lambda: lab.result is not None, timeout=20_000)
    with qtbot.waitSignal(lab.result_shown, timeout=10_000):  # a learned kernel's kind of numbers
        lab.kernel_editor.set_kernel(np.random.default_rng(5).normal(0, 0.2, (5, 5)).round(5).tolist())
    with qtbot.waitSignal(lab.result_shown, timeout=10_000):
        lab.set_picture(picture_from_array(PHOTO, "photo"))
    qtbot.waitUntil(lambda: lab.state.zoom > 0.1)
    view = lab.result_view
    point = view.to_screen(320.5, 240.5)
    QApplication.sendEvent(view, QMouseEvent(QEvent.Type.MouseMove, point, view.mapToGlobal(point),
                                             Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                             Qt.KeyboardModifier.NoModifier))
    panel = lab.arithmetic
    assert "Sum of the products" in panel.toPlainText()
    assert sum(line.startswith(" ") for line in panel.toPlainText().split("\n")) >= 6  # the 5 × 5 tables
    assert panel.horizontalScrollBar().maximum() == 0
    assert panel.font().pointSizeF() >= 6.0 or panel.font().pixelSize() >= 8


@pytest.mark.parametrize("key", ["tutorial", "sharpen", "sobel_y", "gaussian5"])
def test_the_display_note_is_one_whole_line_in_the_first_window(qtbot, window, key):
    lab = window.filter_lab_tab
    window.tabs.setCurrentWidget(lab)
    qtbot.waitUntil(lambda: lab.result is not None, timeout=20_000)
    choose(qtbot, lab, key)
    note = lab.views.display_note
    assert "\n" not in note.text() and note.height() <= note.fontMetrics().height() * 1.6
    assert note.shown_text() == note.text()  # nothing cut off at the window's first size
    assert note.toolTip() == note.text()  # and the whole line in a window too narrow for it
