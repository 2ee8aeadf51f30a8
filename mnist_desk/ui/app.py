"""Starting the window: QApplication, settings, the exception hook, the main window.

Order matters for the time to a painted window: only Qt and the cheap parts of
MNIST Desk are imported before ``show()``; the model (and torch with it) is
loaded in the background once the window has painted (see :mod:`.start_up`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

ORGANIZATION = "MNIST Desk"
APPLICATION = "MNIST Desk"
DESKTOP_FILE = "mnist-desk"


def run_app(argv: Sequence[str] | None = None, files: Sequence[str] = ()) -> int:
    """Open the main window (with ``files`` opened in it) and run the event loop; returns the exit status."""
    # numpy and Pillow first: once PySide6 is imported, shiboken inspects every module
    # imported after it, which makes numpy's many modules load noticeably slower.
    import numpy  # noqa: F401
    import PIL.Image  # noqa: F401
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from .. import __version__

    if QApplication.instance() is None:
        # Fractional scale factors (125 %, 150 %) as the system sets them, not rounded to whole numbers.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(list(argv or sys.argv))
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(DESKTOP_FILE)

    from .exception_hook import ExceptionHook, setup_logging
    from .main_window import MainWindow
    from .start_report import REPORT_PAINT_ENV, StartReport
    from .translation import install_translators, use_chosen_language_everywhere

    setup_logging()
    use_chosen_language_everywhere()
    # Before any widget exists, so every tr() call sees them; parented to the app, which keeps them.
    install_translators(app)
    settings = QSettings()
    window = MainWindow(settings)
    if os.environ.get(REPORT_PAINT_ENV):  # the benchmarks and screenshot tools read when it painted
        StartReport(window)
    hook = ExceptionHook(window)
    hook.install()
    window.first_painted.connect(lambda: window.open_at_start(list(files)))
    window.announce_start(list(files))  # the first paint already says which weights are loading
    window.show()
    try:
        status = app.exec()
    finally:
        hook.uninstall()
    from .stuck_jobs import leave_if_jobs_are_stuck

    settings.sync()
    leave_if_jobs_are_stuck(status)  # a read that never returns must not turn quitting into an abort
    return status
