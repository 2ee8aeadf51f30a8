"""The Filter Lab never shows (or saves) a result that is not the current picture's, and refuses
numbers that cannot work: an invalid cell, a failing padding, a divisor too close to 0, "1,000"."""

from __future__ import annotations

import numpy as np
import pytest
from filter_lab_actions import load as show

from mnist_desk.core.errors import ConfigError, ImageError
from mnist_desk.core.filters import convolve
from mnist_desk.core.filters.pictures import picture_from_array
from mnist_desk.core.filters.pipeline import FilterSettings, plan_stages
from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.filter_lab.kernel_grid import AMBIGUOUS, kernel_sum, parse_number
from mnist_desk.ui.filter_lab.tab import FilterLabTab

RNG = np.random.default_rng(31)


def type_into(edit, text):
    edit.setText(text)
    edit.textEdited.emit(text)


def test_a_new_picture_with_an_invalid_kernel_shows_no_old_result(qtbot, tab):
    show(qtbot, tab, RNG.integers(0, 256, (30, 40)).astype("uint8"))
    type_into(tab.kernel_editor.cells[1][1], "abc")
    assert tab.result is not None  # this picture's last result stays while the cell is fixed
    assert "still shows the last valid kernel" in tab.kernel_editor.error_label.text()
    tab.set_picture(picture_from_array(RNG.integers(0, 256, (60, 50)).astype("uint8"), "other"))
    assert tab.result is None and tab.result_view.image is None
    assert "kernel needs fixing" in tab.result_view.placeholder
    assert not tab.save_button.isEnabled()
    assert "abc" in tab.kernel_editor.error_label.text()
    assert "still shows" not in tab.kernel_editor.error_label.text()  # there is no result to speak of
    with qtbot.waitSignal(tab.result_shown, timeout=10_000):
        type_into(tab.kernel_editor.cells[1][1], "-8")
    assert tab.result.source.shape == (60, 50)


def test_switching_to_colour_drops_the_grayscale_result(qtbot, tab):
    colour = RNG.integers(0, 256, (20, 24, 3)).astype("uint8")
    show(qtbot, tab, colour)
    type_into(tab.kernel_editor.cells[0][0], "x")
    tab.per_channel.setChecked(True)
    assert tab.result is None and not tab.save_button.isEnabled()


def test_the_colour_choice_is_kept_but_not_shown_for_a_grayscale_picture(qtbot, tab):
    show(qtbot, tab, RNG.integers(0, 256, (20, 24, 3)).astype("uint8"))
    with qtbot.waitSignal(tab.result_shown, timeout=10_000):
        tab.per_channel.setChecked(True)
    show(qtbot, tab, RNG.integers(0, 256, (20, 24)).astype("uint8"), "gray")
    assert not tab.per_channel.isEnabled() and not tab.per_channel.isChecked()
    show(qtbot, tab, RNG.integers(0, 256, (20, 24, 3)).astype("uint8"), "colour again")
    assert tab.per_channel.isChecked() and tab.result.result.ndim == 3


def test_padding_that_cannot_work_clears_the_result(qtbot, tab):
    controls = tab.chain_controls
    controls.padding.setCurrentIndex(controls.padding.findData("same"))
    show(qtbot, tab, np.full((1, 1), 77, np.uint8), "one pixel")
    assert tab.result.result.shape == (1, 1) and tab.save_button.isEnabled()
    controls.padding_mode.setCurrentIndex(controls.padding_mode.findData("reflect"))
    assert tab.result is None and not tab.save_button.isEnabled()
    assert "Reflect padding of 1" in tab.message.text() and tab.chain_label.text() == ""
    with pytest.raises(ImageError, match="Reflect padding"):  # the plan says so before computing
        plan_stages(FilterSettings(kernel=((1, 1, 1),) * 3, padding="same", padding_mode="reflect"), (1, 1))


def test_a_divisor_too_close_to_zero_is_refused(qtbot, tab):
    show(qtbot, tab, RNG.integers(0, 256, (16, 16)).astype("uint8"))
    type_into(tab.kernel_editor.divisor_edit, "1e-300")
    assert "too close to 0" in tab.kernel_editor.error_label.text()
    assert tab.kernel_editor.divisor() is None
    with pytest.raises(ConfigError, match="too close to 0"):
        convolve(np.ones((5, 5)), np.ones((3, 3)), divisor=1e-300)
    assert np.isfinite(convolve(np.ones((5, 5)), np.ones((3, 3)), divisor=1e-6)).all()


def test_a_sum_that_is_zero_but_for_rounding_is_zero(qtbot, tab):
    editor = tab.kernel_editor
    editor.set_kernel([[0.1, 0.2, -0.3], [0, 0, 0], [0, 0, 0]], normalise=True)
    assert kernel_sum(editor.kernel()) == 0.0 and editor.divisor() is None
    assert "nothing to divide by" in editor.sum_label.text()
    editor.set_kernel([[-1, -1, -1], [-1, -8, -1], [-1, -1, -1]])
    assert editor.sum_label.text().endswith("\u221216")  # the minus sign, not a hyphen


@pytest.mark.parametrize("text, value", [("1,000", AMBIGUOUS), ("-12,500", AMBIGUOUS), ("0,5", 0.5),
                                         ("1,5", 1.5), ("1,0001", 1.0001), ("1000", 1000.0)])
def test_a_comma_is_a_decimal_comma_unless_it_could_be_thousands(text, value):
    assert parse_number(text) == value


def test_typing_the_numbers_back_brings_the_preset_note_back(qtbot, tab):
    editor = tab.kernel_editor
    assert editor.note_label.text().startswith("The tutorial's kernel")
    type_into(editor.cells[1][1], "-7")
    assert editor.note_label.text().startswith("Edited; started from: The tutorial's kernel")
    type_into(editor.cells[1][1], "-8")
    assert editor.note_label.text().startswith("The tutorial's kernel")


def test_the_side_panel_asks_for_its_content_s_width_but_scrolls_in_a_narrow_window(qtbot):
    """A 5 × 5 grid (or a translation's labels) widens the controls: the panel asks for the room,
    and where the window has none it scrolls sideways instead of cutting them off or growing the window."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from mnist_desk.ui.filter_lab.side_panel import MIN_WIDTH, SidePanel

    content = QWidget()
    label = QLabel("short", content)
    label.setMinimumWidth(200)
    QVBoxLayout(content).addWidget(label)
    panel = SidePanel(content)
    qtbot.addWidget(panel)
    panel.show()
    narrow = panel.sizeHint().width()
    label.setMinimumWidth(600)  # like a 5 × 5 grid of wide cells
    qtbot.waitUntil(lambda: panel.sizeHint().width() > narrow)
    assert panel.sizeHint().width() >= 600 and panel.minimumSizeHint().width() == MIN_WIDTH
    panel.resize(MIN_WIDTH, 300)
    qtbot.waitUntil(lambda: panel.horizontalScrollBar().isVisible())


def test_the_wheel_scrolls_the_panel_not_the_setting_under_the_mouse(qtbot, tab):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    padding = tab.chain_controls.padding
    before = padding.currentIndex()
    wheel = QWheelEvent(QPointF(5, 5), QPointF(5, 5), QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(padding, wheel)
    assert padding.currentIndex() == before


def test_a_learned_number_shows_whole_in_its_cell(qtbot, tab):
    editor = tab.kernel_editor
    editor.set_kernel([[-0.0060606] * 5] * 5)
    cell = editor.cells[4][4]
    assert cell.text() == "-0.0060606"
    assert cell.width() >= cell.fontMetrics().horizontalAdvance(cell.text()) + 8


def test_editing_the_divisor_is_an_edit_too_and_a_restart_keeps_the_note(qtbot, settings):
    from mnist_desk.core.filters.presets import preset

    first = FilterLabTab(ActiveModel(), settings)
    qtbot.addWidget(first)
    first.kernel_editor.apply_preset(preset("gaussian"))
    assert first.kernel_editor.note_label.text().startswith("Gaussian")
    type_into(first.kernel_editor.divisor_edit, "8")
    assert first.kernel_editor.note_label.text().startswith("Edited; started from: Gaussian")
    type_into(first.kernel_editor.divisor_edit, "16")
    note = first.kernel_editor.note_label.text()
    assert note.startswith("Gaussian")
    first.shutdown()
    again = FilterLabTab(ActiveModel(), settings)  # the remembered preset with its divisor: not "edited"
    qtbot.addWidget(again)
    assert again.kernel_editor.note_label.text() == note
    again.shutdown()


def test_normalising_a_sum_too_close_to_zero_divides_by_nothing(qtbot, tab):
    editor = tab.kernel_editor
    editor.set_kernel([[0, 0, 0], [0, 1e-7, 0], [0, 0, 0]], normalise=True)
    assert editor.divisor() is None and editor.problem() == ""
    assert "nothing to divide by" in editor.sum_label.text()


def test_the_window_can_save_only_what_exists(qtbot, settings):
    from mnist_desk.ui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    save = window.actions_.save_drawing
    assert not save.isEnabled()  # a blank canvas
    field = np.zeros((28, 28), np.float32)
    field[6:22, 12:16] = 1.0  # a "1"
    window.show_mnist_digit(field, "a one")
    assert save.isEnabled()
    lab = window.filter_lab_tab
    window.tabs.setCurrentWidget(lab)
    assert save.text().replace("&", "") == "Save result…"
    qtbot.waitUntil(lambda: lab.result is not None, timeout=10_000)  # the sample picture's result
    assert save.isEnabled()
    type_into(lab.kernel_editor.cells[0][0], "x")
    lab.set_picture(picture_from_array(RNG.integers(0, 256, (9, 9)).astype("uint8"), "small"))
    assert lab.result is None and not save.isEnabled()
    window.close()


def test_a_long_number_gets_a_smaller_font_in_its_pixel(qtbot):
    from mnist_desk.ui.filter_lab.view import MIN_VALUE_PIXELS, PictureView, ViewState, fitting_pixel_size

    assert fitting_pixel_size(30, 10, 46) == 10  # fits: as is
    assert fitting_pixel_size(84, 10, 46) == MIN_VALUE_PIXELS  # 5 would be unreadable: 6
    assert fitting_pixel_size(60, 12, 46) == 8  # 60 px at 12 px → 40 px at 8 px
    state = ViewState()
    view = PictureView(state)
    qtbot.addWidget(view)
    view.resize(200, 200)
    values = np.array([[-23456.7, 1.5], [3, -0.000123]], np.float32)
    view.set_array(np.zeros((2, 2), np.uint8), values=values)
    state.set(80.0, 1.0, 1.0)  # 80 screen pixels per picture pixel: the numbers are written
    view.show()
    assert not view.grab().isNull()  # painted at any zoom without error
