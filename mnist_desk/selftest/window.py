"""The self-test's checks that need Qt: the translations load, and the main window opens, paints and closes."""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from .context import SelfTestContext, require

WINDOW_TIMEOUT_S = 20.0
MODEL_LOAD_TIMEOUT_S = 60.0


def check_translations(ctx: SelfTestContext) -> str:
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from ..ui.translation import FILE_PREFIX, translations_dir

    translations = translations_dir()
    ours, qts = QTranslator(), QTranslator()
    require(ours.load(QLocale("zh_CN"), FILE_PREFIX, "_", str(translations)) and not ours.isEmpty(),
            f"the Chinese translation is missing or empty in {translations}")
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_loaded = qts.load(QLocale("zh_CN"), "qtbase", "_", qt_folder)
    from ..core.paths import is_frozen

    # A packaged app must carry Qt's own (the file dialogs' texts): build.spec checks it, and so does this.
    require(qt_loaded or not is_frozen(), f"Qt's Chinese translation (qtbase_zh_CN.qm) is missing in {qt_folder}")
    qt_note = "and Qt's" if qt_loaded else f"(Qt's own not in {qt_folder})"
    return f"the Chinese translation {qt_note} in {translations}"


def _has_display() -> bool:
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True  # Windows and macOS always have a screen session


# What Qt's offscreen platform says whenever a window is shown: a note for its developers, not a fault here.
OFFSCREEN_NOTE = "This plugin does not support propagateSizeHints()"


def _quiet_offscreen_notes(_mode: object, _context: object, message: str) -> None:
    """Qt's messages while the window is checked, less the offscreen platform's note (printed three times)."""
    if OFFSCREEN_NOTE not in message:
        sys.stderr.write(message + "\n")


def check_window(ctx: SelfTestContext) -> str:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None and not os.environ.get("QT_QPA_PLATFORM") and not _has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "mnist-desk"])
    errors: dict[str, int] = {}  # message -> how often (a timer may retry what failed)
    previous_hook = sys.excepthook

    def record(kind, value, tb) -> None:  # exceptions raised in Qt slots end here
        message = "".join(traceback.format_exception_only(kind, value)).strip()
        if message not in errors:
            previous_hook(kind, value, tb)  # the first traceback of each kind, on stderr
        errors[message] = errors.get(message, 0) + 1

    def process_until(done: Callable[[], bool], timeout_s: float) -> bool:
        deadline = time.monotonic() + timeout_s
        while not done() and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        return done()

    with tempfile.TemporaryDirectory() as folder:
        # Nothing the window saves may touch the user's real settings.
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        if not QCoreApplication.organizationName():
            QCoreApplication.setOrganizationName("MNIST Desk self-test")
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        sys.excepthook = record
        previous_messages = qInstallMessageHandler(_quiet_offscreen_notes)
        try:
            from ..ui.main_window import MainWindow

            started = time.perf_counter()
            window = MainWindow(settings)
            window.offer_left_behind_runs = False  # a run the user's own window left unsaved stays theirs
            painted: list[float] = []
            window.first_painted.connect(lambda: painted.append(time.perf_counter() - started))
            window.show()
            require(process_until(lambda: bool(painted), WINDOW_TIMEOUT_S),
                     f"the window did not paint within {WINDOW_TIMEOUT_S:.0f} s")
            tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
            # Show every tab once: what a tab builds when first shown (the Train tab's matplotlib
            # chart, for one) then runs too, so a library missing from a bundle shows up here.
            for index in range(window.tabs.count()):
                window.tabs.setCurrentIndex(index)
                shown_until = time.monotonic() + 0.3
                process_until(lambda: time.monotonic() > shown_until, 1.0)
            window.tabs.setCurrentIndex(0)
            require(not window.windowIcon().isNull(), "the window has no icon")
            loaded = "not loaded (no usable shipped weights)"
            if ctx.model is not None:
                active = window.active_model
                active.load_file_async(ctx.weights_path)  # what the window does once it has painted
                process_until(lambda: active.ready or bool(active.load_error), MODEL_LOAD_TIMEOUT_S)
                require(active.ready,
                        f"the window did not load the shipped weights: {active.load_error or 'timed out'}")
                loaded = "loaded the shipped weights"
            window.close()
            process_until(lambda: not window.isVisible(), 5.0)
            require(not window.isVisible(), "the window did not close")
            window.deleteLater()
            app.processEvents()
            app.sendPostedEvents(None, 0)
        finally:
            sys.excepthook = previous_hook
            qInstallMessageHandler(previous_messages)
            settings.sync()
    require(not errors, "errors while the window was open: " + " | ".join(
        message + (f" ({count} times)" if count > 1 else "") for message, count in errors.items()))
    platform = QApplication.platformName()
    return (f"opened on '{platform}', painted in {painted[0]:.2f} s; showed each tab ({', '.join(tabs)}); "
            f"{loaded}; closed")
