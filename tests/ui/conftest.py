"""pytest-qt fixtures: QSettings in a temp file, a main window, an active model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Every QSettings() of the app goes to a temp INI file, never the user's real settings; the user
    data folder (the training runs' automatic checkpoints, the log) is a temp folder too."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    QCoreApplication.setOrganizationName("MNIST Desk Tests")
    QCoreApplication.setApplicationName("MNIST Desk Tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture
def settings(tmp_path) -> QSettings:
    """A QSettings backed by a temp INI file."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def active_model(qtbot):
    """An ActiveModel holding the shipped weights (skips if none are shipped yet)."""
    from mnist_desk.core.paths import default_weights_path
    from mnist_desk.ui.active_model import ActiveModel

    path = default_weights_path()
    if not path.exists():
        pytest.skip(f"no shipped weights at {path}")
    model = ActiveModel()
    model.load_file(path)
    return model


class Questions:
    """Answers the app's modal questions (Save / Discard / Cancel, Restore a run) by clicking their buttons.

    A question nobody queued an answer for is recorded in ``unexpected`` and cancelled (Esc), so a
    test never hangs on a box that ``exec()`` holds open.
    """

    NAMES = ("unsavedQuestion", "restoreRunQuestion")

    def __init__(self, qtbot) -> None:
        from PySide6.QtCore import QTimer

        self.qtbot = qtbot
        self.answers: list = []
        self.asked: list[str] = []  # the text of every question answered
        self.unexpected: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def answer(self, *buttons) -> None:
        """Queue answers: a QMessageBox.StandardButton, or a button's text (e.g. "Restore")."""
        self.answers.extend(buttons)

    def _poll(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QMessageBox

        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible() and w.objectName() in self.NAMES]
        if not boxes:
            return
        box = boxes[0]
        if not self.answers:
            self.unexpected.append(box.text())
            box.reject()
            return
        wanted = self.answers.pop(0)
        self.asked.append(box.text())
        if isinstance(wanted, QMessageBox.StandardButton):
            button = box.button(wanted)
        else:
            button = next(b for b in box.buttons() if b.text().replace("&", "") == wanted)
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture(autouse=True)
def questions(qtbot):
    """The app's modal questions, answered by clicking (see :class:`Questions`); none left unanswered."""
    answerer = Questions(qtbot)
    yield answerer
    answerer.stop()
