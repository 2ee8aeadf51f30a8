"""What the Filter Lab's tests do to the tab and wait for (no tests here): a picture in, an edit, a typed cell."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mnist_desk.core.filters.pictures import picture_from_array


def load(qtbot, tab, array, name="test"):
    """Put a picture in and wait for its first result."""
    with qtbot.waitSignal(tab.result_shown, timeout=10_000):
        tab.set_picture(picture_from_array(array, name))
    return tab.result


def edit_and_wait(qtbot, tab, action):
    with qtbot.waitSignal(tab.result_shown, timeout=10_000):
        action()
    return tab.result


def type_cell(tab, row, col, text):
    cell = tab.kernel_editor.cells[row][col]
    cell.selectAll()
    if not text:
        QTest.keyClick(cell, Qt.Key.Key_Backspace)
    elif text.isascii():
        QTest.keyClicks(cell, text)
    else:  # QTest types ASCII only
        cell.insert(text)
