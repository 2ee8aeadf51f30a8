"""The Filter Lab's remembered kernel note follows the window's language."""

from __future__ import annotations

from mnist_desk.core.filters.presets import preset
from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.filter_lab.tab import FilterLabTab


def reopen(qtbot, settings) -> FilterLabTab:
    tab = FilterLabTab(ActiveModel(), settings)
    qtbot.addWidget(tab)
    return tab


def test_a_note_from_another_language_is_replaced(qtbot, settings):
    first = reopen(qtbot, settings)
    first.kernel_editor.apply_preset(preset("sharpen"))
    first.shutdown()  # saves the settings
    assert settings.value("filter_lab/kernel_note_language") == "en"
    settings.setValue("filter_lab/kernel_note", "锐化：……")  # as if saved by the Chinese window
    settings.setValue("filter_lab/kernel_note_language", "zh_CN")
    again = reopen(qtbot, settings)
    assert again.kernel_editor.note_label.text().startswith("Sharpen")  # the preset's, in English
    again.kernel_editor.cells[0][0].setText("7")  # no longer a preset
    again.kernel_editor.cells[0][0].textEdited.emit("7")
    again.shutdown()
    settings.setValue("filter_lab/kernel_note_language", "zh_CN")
    third = reopen(qtbot, settings)
    assert third.kernel_editor.note_label.text() == ""  # an edited kernel's foreign note is dropped
    third.shutdown()


def test_a_note_in_this_language_is_kept(qtbot, settings):
    first = reopen(qtbot, settings)
    first.kernel_editor.apply_preset(preset("emboss"))
    first.kernel_editor.cells[1][1].setText("3")
    first.kernel_editor.cells[1][1].textEdited.emit("3")
    note = first.kernel_editor.note_label.text()
    first.shutdown()
    assert note.startswith("Edited; started from: Emboss")
    again = reopen(qtbot, settings)
    assert again.kernel_editor.note_label.text() == note
    again.shutdown()
