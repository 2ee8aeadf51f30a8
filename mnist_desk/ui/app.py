"""Starting the window: QApplication, settings, the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

ORGANIZATION = "MNIST Desk"
APPLICATION = "MNIST Desk"


def run_app(argv: Sequence[str] | None = None) -> int:
    """Open the main window and run the event loop; returns the exit status."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from .. import __version__
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(list(argv or sys.argv))
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    settings = QSettings()
    window = MainWindow(settings)
    window.show()
    return app.exec()
