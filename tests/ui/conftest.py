"""pytest-qt fixtures: QSettings in a temp file, a main window, an active model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Every QSettings() of the app goes to a temp INI file, never the user's real settings."""
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
