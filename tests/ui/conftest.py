"""pytest-qt fixtures shared by the window's tests: QSettings in a temp file, an active model, weights that
read clear digits, the main window.

Fixtures of one tab's tests live in that tab's folder (tests/ui/draw, filter_lab, train); helpers that are
not fixtures in modules named for what they do (tests/ui/drawing.py). Test modules keep unique names across
folders (test_draw_tab.py, test_filter_lab.py ...): pytest imports them by their base name.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

TRAINED_STEPS = 200


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Every QSettings() of the app goes to a temp INI file, never the user's real settings; the user
    data folder (the training runs' automatic checkpoints, the log, the handwriting sets) is a temp folder too."""
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


@pytest.fixture(scope="session")
def draw_weights(request, train_sample, test_sample) -> Path:
    """Weights good enough to read clear digits: the shipped weights when present, else a ``fast`` model
    trained for 200 steps on the committed training sample (cached between runs in pytest's cache folder)."""
    from mnist_desk.core.paths import default_weights_path

    shipped = default_weights_path()
    if shipped.is_file():
        return shipped
    from mnist_desk.core.training import TrainConfig, Trainer
    from mnist_desk.core.weights import save_checkpoint

    cache = getattr(request.config, "cache", None)  # absent with -p no:cacheprovider
    folder = (Path(cache.mkdir("mnist_desk_draw")) if cache is not None
              else request.getfixturevalue("tmp_path_factory").mktemp("mnist_desk_draw"))
    path = folder / f"fast_{TRAINED_STEPS}_steps.pt"
    if not path.is_file():
        config = TrainConfig(arch="fast", epochs=TRAINED_STEPS * 50 // len(train_sample), batch_size=50,
                             seed=0, device="cpu", log_every=50)
        trainer = Trainer(config, train_sample, test_sample)
        for _record in trainer.run():
            pass
        save_checkpoint(trainer.checkpoint(include_resume_state=False), path)
    return path


@pytest.fixture
def loaded_model(qtbot, draw_weights):
    """An ActiveModel holding :func:`draw_weights`, loaded."""
    from mnist_desk.ui.active_model import ActiveModel

    model = ActiveModel()
    model.load_file(draw_weights)
    return model


@pytest.fixture
def draw_tab_of_size(qtbot, loaded_model, settings):
    """``draw_tab_of_size(width, height)``: the Draw tab over :func:`loaded_model` at that size, shown."""
    from mnist_desk.ui.draw.tab import DrawTab

    def make(width: int, height: int) -> DrawTab:
        widget = DrawTab(loaded_model, settings)
        widget.resize(width, height)
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    return make


@pytest.fixture
def window(qtbot, settings):
    """The main window at its first size, shown."""
    from mnist_desk.ui.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


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
        self.details: list[str] = []  # and its informative text
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
        self.details.append(box.informativeText())
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


@pytest.fixture
def chinese(qapp):
    """The shipped Simplified Chinese translation, installed for one test (and the language put back after)."""
    from PySide6.QtCore import QLocale

    from mnist_desk.ui import translation

    before = translation._active_language
    installed = translation.install_translators(qapp, QLocale("zh_CN"))
    if not installed:
        pytest.skip("no Chinese translation compiled")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    translation._active_language = before  # later tests must not think the window is Chinese
