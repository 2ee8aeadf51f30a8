"""The MNIST data-folder field shared by the Train and Evaluate tabs.

It shows where MNIST is looked for (the ``data/dir`` setting, else
``$MNIST_DESK_DATA``, else the user data folder: :func:`resolve_data_dir`'s
order), whether the four files are there, and offers "Choose folder…" and
"Download" (with a progress bar and Cancel). Every instance follows the same
setting: changing the folder in one tab updates the other.

Checking the files needs :mod:`mnist_desk.core.data`, which imports torch; so
the check runs in a worker (it is cheap once torch is loaded, and never
freezes the window while torch loads).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core.paths import resolve_data_dir
from ..after_paint import after_paint
from ..error_text import error_text
from ..worker import WorkerRunner

SETTINGS_KEY = "data/dir"


def describe_folder(option: str) -> str:
    """The folder MNIST is looked for in, as the user should read it."""
    return str(resolve_data_dir(option or None))


def _status_steps(root: Path) -> Iterator[tuple[str, BaseException | None, str]]:
    """Worker side: ``(state, error, raw folder)`` with state "found", "missing" or "bad".

    The error itself, not its text: the GUI thread makes the message (see
    :func:`mnist_desk.ui.error_text.error_text`).
    """
    from ...core.data import SPLIT_FILES, check_data_dir, raw_folder
    from ...core.errors import DataError

    folder = raw_folder(root)
    try:
        check_data_dir(root)
    except DataError as error:
        names = [name for pair in SPLIT_FILES.values() for name in pair]
        # A broken link is there, but bad; a data folder that is a file is "bad": the core's message says so.
        missing = not root.is_file() and any(not os.path.lexists(folder / name) for name in names)
        yield ("missing" if missing else "bad"), error, str(folder)
        return
    yield "found", None, str(folder)


class _DataFolderHub(QObject):
    """Tells every data-folder widget that the folder or its contents changed."""

    folder_changed = Signal()  # another folder was chosen
    contents_changed = Signal()  # a download ended: the files may have changed


_hub: _DataFolderHub | None = None


def _data_folder_hub() -> _DataFolderHub:
    global _hub
    if _hub is None:
        _hub = _DataFolderHub(QCoreApplication.instance())
    return _hub


class DataFolderWidget(QWidget):
    """Folder field, live status, Choose folder… and Download for the MNIST files.

    Signals
    -------
    folder_changed(str)
        The resolved data folder changed (another tab may have changed it).
    status_changed(bool)
        Whether MNIST is usable in the folder, after each check.
    """

    folder_changed = Signal(str)
    status_changed = Signal(bool)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.ready: bool | None = None  # None until the first check has finished
        self._checked_once = False
        self._recheck = False
        self._closed = False  # set by shutdown(): no new work after it
        self._status_busy = False
        self._status_runner = WorkerRunner(self)
        self._download_runner = WorkerRunner(self)
        self._cancelling = False
        self._downloading = False
        self._download_error: str | None = None
        self._download_message: str | None = None  # why the last download failed; kept until the folder changes
        self.setAcceptDrops(True)

        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip(self.tr("The folder that holds MNIST/raw with the four MNIST files. "
                                     "Empty: $MNIST_DESK_DATA, else your user data folder. "
                                     "You can also drop a folder here."))
        self.edit.editingFinished.connect(self._on_edited)
        self.choose_button = QPushButton(self.tr("Choose folder…"), self)
        self.choose_button.clicked.connect(self.choose_folder)
        self.download_button = QPushButton(self.tr("Download"), self)
        self.download_button.setToolTip(self.tr("Download MNIST (about 12 MB) into this folder with torchvision"))
        self.download_button.clicked.connect(self.start_download)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 4)
        self.progress.setFormat(self.tr("%v of %m files"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel_download)
        self.progress.hide()
        self.cancel_button.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("MNIST data folder:"), self)
        label.setBuddy(self.edit)
        row.addWidget(label)
        row.addWidget(self.edit, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.download_button)
        status_row = QHBoxLayout()
        status_row.setContentsMargins(0, 0, 0, 0)
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.progress)
        status_row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addLayout(status_row)

        self._show_option()
        self.status_label.setText(self.tr("Checking {0}…").format(self.folder()))
        _data_folder_hub().folder_changed.connect(self._on_hub_changed)
        _data_folder_hub().contents_changed.connect(self.refresh)

    # -- the folder ---------------------------------------------------------------------------
    def option(self) -> str:
        """The folder chosen in the app ("" when none: the default applies)."""
        return str(self.settings.value(SETTINGS_KEY, "", type=str) or "")

    def folder(self) -> Path:
        """The data folder in effect (option, else $MNIST_DESK_DATA, else the user folder)."""
        return resolve_data_dir(self.option() or None)

    def set_folder(self, path: str | Path) -> None:
        """Use ``path`` as the data folder (empty: back to the default) and re-check it."""
        text = str(path).strip()
        if text == self.option():
            return
        self.settings.setValue(SETTINGS_KEY, text)
        self.settings.sync()
        _data_folder_hub().folder_changed.emit()  # every widget, this one included, re-reads the setting

    @Slot()
    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the MNIST data folder"), str(self.folder()))
        if chosen:
            self.set_folder(chosen)

    @Slot()
    def _on_edited(self) -> None:
        self.set_folder(self.edit.text())

    @Slot()
    def _on_hub_changed(self) -> None:
        self._download_message = None
        self._show_option()
        self.folder_changed.emit(str(self.folder()))
        self.refresh()

    def _show_option(self) -> None:
        self.edit.setText(self.option())
        self.edit.setPlaceholderText(describe_folder(""))

    # -- checking -----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._checked_once:
            self._checked_once = True
            after_paint(self, self.refresh)  # the check imports torch: the tab is on screen first

    @Slot()
    def refresh(self) -> None:
        """Check the folder again (in a worker); ``status_changed`` reports the answer."""
        self._checked_once = True
        if self._closed:
            return
        if self._status_busy:
            self._recheck = True
            return
        self._recheck = False
        self._status_busy = True
        root = self.folder()
        self._status_runner.start_job(lambda _worker: _status_steps(root), on_item=self._on_status,
                                      on_failed=self._on_status_failed, on_finished=self._on_status_finished)

    @Slot(object)
    def _on_status(self, item: Any) -> None:
        state, error, raw = item
        detail = "" if error is None else error_text(error)
        if state == "found":
            self.status_label.setText(self.tr("MNIST found: 60,000 training + 10,000 test digits"))
            self.status_label.setToolTip(raw)
            self.status_label.setStyleSheet("color: #1b7a2f;")
        elif state == "missing":
            self.status_label.setText(self.tr("MNIST not found in {0}: choose the folder that holds "
                                              "MNIST/raw, or Download it.").format(raw))
            self.status_label.setToolTip(detail)
            self.status_label.setStyleSheet("color: #a05a00;")
        else:  # truncated or corrupted: the core's message says which file and what to do
            self.status_label.setText(detail)
            self.status_label.setToolTip(raw)
            self.status_label.setStyleSheet("color: #b00020;")
        if state == "found":
            self._download_message = None
        elif self._download_message:
            # A failed or cancelled download: its reason says more than "not found".
            self.status_label.setText(self._download_message)
            self.status_label.setStyleSheet("color: #b00020;")
        self._set_ready(state == "found")

    @Slot(str)
    def _on_status_failed(self, message: str) -> None:
        self.status_label.setText(self.tr("Could not check the data folder: {0}").format(message))
        self.status_label.setStyleSheet("color: #b00020;")
        self._set_ready(False)

    @Slot()
    def _on_status_finished(self) -> None:
        self._status_busy = False
        if self._recheck and not self._closed:
            QTimer.singleShot(0, self.refresh)

    def _set_ready(self, ready: bool) -> None:
        self.ready = ready
        self.download_button.setEnabled(not ready and not self._downloading)
        self.status_changed.emit(ready)

    # -- downloading --------------------------------------------------------------------------
    def is_downloading(self) -> bool:
        return self._downloading

    @Slot()
    def start_download(self) -> None:
        """Download MNIST into the folder (the Download button).

        It takes no arguments: ``clicked(bool)`` would fill any optional one.
        """
        if self._downloading or self._closed:
            return
        self._downloading = True
        root = self.folder()
        from ...core import data  # noqa: PLC0415 (torch: only when asked)

        self._cancelling = False
        self._download_message = None
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.download_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.edit.setEnabled(False)
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.tr("Downloading MNIST into {0}…").format(root))
        self._download_runner.start_job(lambda _worker: data.download(root), on_item=self._on_download_item,
                                        on_failed=self._on_download_failed, on_stopped=self._on_download_cancelled,
                                        on_finished=self._on_download_finished)

    @Slot()
    def cancel_download(self) -> None:
        self._cancelling = True
        self.cancel_button.setEnabled(False)
        self.status_label.setText(self.tr("Cancelling after the current file…"))
        self._download_runner.request_stop()

    @Slot(object)
    def _on_download_item(self, item: Any) -> None:
        done, total, name = item
        self.progress.setRange(0, int(total))
        self.progress.setValue(int(done))
        if not self._cancelling:
            self.status_label.setText(self.tr("Downloaded {0} ({1} of {2})").format(name, done, total))

    @Slot(str)
    def _on_download_failed(self, message: str) -> None:
        self._download_error = message

    @Slot()
    def _on_download_cancelled(self) -> None:
        self._download_error = self.tr("Download cancelled; the files already downloaded are kept.")

    @Slot()
    def _on_download_finished(self) -> None:
        self._downloading = False
        self.progress.hide()
        self.cancel_button.hide()
        self.choose_button.setEnabled(True)
        self.edit.setEnabled(True)
        if self._download_error:
            self._download_message, self._download_error = self._download_error, None
        _data_folder_hub().contents_changed.emit()  # both tabs re-check the files

    # -- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if self._dropped_folder(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        folder = self._dropped_folder(event)
        if folder is not None:
            self.set_folder(folder)
            event.acceptProposedAction()

    @staticmethod
    def _dropped_folder(event: QDragEnterEvent | QDropEvent) -> str | None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile() and Path(urls[0].toLocalFile()).is_dir():
            return urls[0].toLocalFile()
        return None

    # -- closing ------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the status check and any download, and wait a moment (see :meth:`WorkerRunner.shutdown`).

        A download stops after its current file, a check reads no more than the
        four files' headers: one that takes longer is stuck on a file or a
        server that does not answer, and must not hold the window open (a
        file a download leaves half written is found damaged and fetched
        again by the next one). Afterwards the widget starts no more work,
        whatever other tabs change.
        """
        if not self._closed:
            self._closed = True
            _data_folder_hub().folder_changed.disconnect(self._on_hub_changed)
            _data_folder_hub().contents_changed.disconnect(self.refresh)
        self._download_runner.shutdown()
        self._status_runner.shutdown()
