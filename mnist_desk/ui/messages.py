"""Message boxes that never block the event loop (so tests and workers keep running)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> QMessageBox:
    """Show a window-modal warning and return it at once.

    The box is opened with ``open()`` rather than ``exec()``: the caller's
    state is already consistent when it shows, and nothing waits on it.
    """
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorMessage")
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def ask_save_discard_cancel(parent: QWidget | None, title: str, text: str, detail: str = "") -> str:
    """Ask what to do with unsaved work, as desktop programs do: "save", "discard" or "cancel".

    Save is the default (Enter), Cancel the escape (Esc, closing the box). The caller waits for
    the answer (``exec()``): closing a window or starting a new run depends on it.
    """
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons.Save | buttons.Discard | buttons.Cancel, parent)
    box.setObjectName("unsavedQuestion")
    box.setTextFormat(Qt.TextFormat.PlainText)
    if detail:
        box.setInformativeText(detail)
    box.setDefaultButton(buttons.Save)
    box.setEscapeButton(buttons.Cancel)
    box.exec()
    clicked = box.clickedButton()
    answer = box.standardButton(clicked) if clicked is not None else buttons.Cancel
    box.deleteLater()
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")
