"""A global exception hook: unexpected errors are logged and shown, and the app keeps running.

Exceptions raised in Qt slots and event handlers reach ``sys.excepthook``;
those in plain Python threads reach ``threading.excepthook``. Both are logged
with their traceback (to the ``mnist_desk`` logger and a log file) and shown
in a dialog from the GUI thread. Errors the user can fix
(:class:`~mnist_desk.core.errors.MnistDeskError`) show their message only, in
the user's language (made in the GUI thread: see :mod:`mnist_desk.ui.error_text`).
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ..core.errors import MnistDeskError
from .error_text import error_text
from .messages import show_error

log = logging.getLogger("mnist_desk")

LOG_FILE_NAME = "mnist-desk.log"


def log_file_path() -> Path:
    """Where the log goes: the user data folder (see :mod:`mnist_desk.core.paths`)."""
    from ..core.paths import user_data_dir

    return user_data_dir() / LOG_FILE_NAME


def setup_logging() -> Path | None:
    """Log warnings and errors to stderr and to a small rotating log file; returns its path."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    path = log_file_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=512_000, backupCount=2, encoding="utf-8")
    except OSError:
        return None  # a read-only home folder must not stop the app
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    root.addHandler(handler)
    return path


class ExceptionHook(QObject):
    """Installs itself as ``sys.excepthook`` / ``threading.excepthook``.

    ``caught`` carries (the exception, traceback text); it is queued to the
    GUI thread, where the summary is worded and the dialog is shown. At most one dialog is open at a time:
    an error that repeats in a paint event must not bury the user in boxes.
    """

    caught = Signal(object, str)

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__()
        self.parent_widget = parent_widget
        self.count = 0
        self.last_summary = ""
        self._box: QMessageBox | None = None
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self.caught.connect(self._show)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def handle(self, kind: type[BaseException], value: BaseException,
               tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            # Ctrl+C in the terminal: quit as a console program would.
            app = QCoreApplication.instance()
            if app is not None:
                app.quit()
            return
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("Unexpected error:\n%s", text)
        self.count += 1
        self.caught.emit(value, text)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        self.handle(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    @Slot(object, str)
    def _show(self, error: BaseException, details: str) -> None:
        if isinstance(error, MnistDeskError):
            summary = error_text(error)
        else:
            summary = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        self.last_summary = summary
        if QApplication.instance() is None or self._box is not None:
            return
        translate = QCoreApplication.translate
        where = log_file_path()
        text = translate("ExceptionHook", "Something went wrong, but MNIST Desk is still running.\n\n{summary}\n\n"
                                   "The details are in the log: {log}").format(summary=summary, log=where)
        parent = self.parent_widget if self.parent_widget is not None and self.parent_widget.isVisible() else None
        self._box = show_error(parent, translate("ExceptionHook", "Unexpected error"), text, details)
        self._box.finished.connect(self._on_box_closed)

    @Slot()
    def _on_box_closed(self) -> None:
        self._box = None
