"""The My handwriting tab's set commands: new set, open a folder, import and export a folder or a .zip.

Dialogs on the GUI thread; importing and exporting (every picture decoded and
checked first, then written) in the worker, with progress and Cancel. A
refused archive or folder says why in one message and leaves the set as it
was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from ...core.errors import MnistDeskError
from ...core.handwriting.sets import make_set
from ...core.handwriting.store import HandwritingSet
from ...core.paths import handwriting_dir
from ..error_text import error_text
from ..messages import show_error
from ..worker import IteratorWorker, WorkerRunner
from .sets import active_folder, contents_changed, set_active

FOLDER_KEY = "folders/handwriting"


def _import_steps(source: str, target: str, is_zip: bool) -> Iterator[tuple[int, int, Any]]:
    from ...core.handwriting.archive import import_folder_steps, import_zip_steps

    target_set = HandwritingSet.create(target) if not Path(target).is_dir() else HandwritingSet(target)
    yield from (import_zip_steps if is_zip else import_folder_steps)(source, target_set)


def _export_steps(source: str, target: str, is_zip: bool) -> Iterator[tuple[int, int, Any]]:
    from ...core.handwriting.archive import export_folder, export_zip

    count = (export_zip if is_zip else export_folder)(HandwritingSet(source), target)
    yield count, count, count


class SetFiles(QObject):
    """Runs the set commands for ``parent`` (the tab) and says how they went.

    Signals
    -------
    busy(bool)
        A job started (True) or ended (False).
    progress(int, int)
        Done and total of the job's steps.
    done(str)
        The job's outcome, in a sentence for the status line.
    """

    busy = Signal(bool)
    progress = Signal(int, int)
    done = Signal(str)

    def __init__(self, parent: QWidget, settings: QSettings) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.settings = settings
        self.runner = WorkerRunner(self)
        self._success: Callable[[int], str] = str
        self._changed = ""

    def _start_folder(self) -> str:
        value = self.settings.value(FOLDER_KEY, "", type=str)
        return value if value and Path(value).is_dir() else str(Path.home())

    def _remember(self, path: str) -> None:
        self.settings.setValue(FOLDER_KEY, str(Path(path).parent))

    # -- sets ---------------------------------------------------------------------------------
    @Slot()
    def new_set(self, name: str | None = None) -> Path | None:
        """Make a set in the user data folder and make it active (``name`` asked for when not given)."""
        if name is None:
            name, ok = QInputDialog.getText(self.parent_widget, self.tr("New handwriting set"),
                                            self.tr("Name of the new set (one per person, say):"),
                                            QLineEdit.EchoMode.Normal, "")
            if not ok:
                return None
        try:
            folder = make_set(handwriting_dir(), name)
        except MnistDeskError as error:
            show_error(self.parent_widget, self.tr("Cannot make the set"), error_text(error))
            return None
        set_active(self.settings, folder)
        self.done.emit(self.tr("Made the set “{set}” in {folder}.").format(set=folder.name, folder=folder.parent))
        return folder

    @Slot()
    def open_folder(self, folder: str | None = None) -> None:
        """Make any folder in the ImageFolder layout the active set (it is remembered in the list)."""
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self.parent_widget, self.tr("Open a handwriting set's folder"),
                                                      self._start_folder())
            if not folder:
                return
        self._remember(str(Path(folder) / "x"))
        set_active(self.settings, folder)

    # -- import and export --------------------------------------------------------------------
    def import_from(self, source: str, is_zip: bool) -> bool:
        """Add the digits of a folder or a zip to the active set (in the worker); False if busy."""
        target = active_folder(self.settings)
        return self._run(lambda _w: _import_steps(source, str(target), is_zip), str(target),
                         lambda count: self.tr("Imported {count:,} digits from {source} into “{set}”.").format(
                             count=count, source=Path(source).name, set=target.name))

    def export_to(self, target: str, is_zip: bool) -> bool:
        """Write the active set to a folder or a zip (in the worker); False if busy."""
        source = active_folder(self.settings)
        return self._run(lambda _w: _export_steps(str(source), target, is_zip), "",
                         lambda count: self.tr("Exported the {count:,} digits of “{set}” to {target}.").format(
                             count=count, set=source.name, target=target))

    @Slot()
    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.parent_widget, self.tr("Import the digits of a folder"),
                                                  self._start_folder())
        if folder:
            self._remember(str(Path(folder) / "x"))
            self.import_from(folder, is_zip=False)

    @Slot()
    def import_zip_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.parent_widget, self.tr("Import the digits of a zip archive"),
                                              self._start_folder(), self.tr("Zip archives (*.zip);;All files (*)"))
        if path:
            self._remember(path)
            self.import_from(path, is_zip=True)

    @Slot()
    def export_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.parent_widget, self.tr("Export the set into an empty folder"),
                                                  self._start_folder())
        if folder:
            self._remember(str(Path(folder) / "x"))
            self.export_to(folder, is_zip=False)

    @Slot()
    def export_zip_dialog(self) -> None:
        start = str(Path(self._start_folder()) / f"{active_folder(self.settings).name}.zip")
        path, _ = QFileDialog.getSaveFileName(self.parent_widget, self.tr("Export the set as a zip archive"), start,
                                              self.tr("Zip archives (*.zip)"))
        if path:
            if not path.lower().endswith(".zip"):
                path += ".zip"
            self._remember(path)
            self.export_to(path, is_zip=True)

    def _run(self, steps: Callable[[IteratorWorker], Iterator[tuple[int, int, Any]]], changed: str,
             success: Callable[[int], str]) -> bool:
        if self.runner.is_running():
            return False
        self._success, self._changed = success, changed
        self.busy.emit(True)
        self.runner.start_job(steps, on_item=self._on_item, on_failed=self._on_failed, on_stopped=self._on_stopped,
                              on_finished=self._on_finished)
        return True

    @Slot(object)
    def _on_item(self, item: tuple[int, int, Any]) -> None:
        done, total, count = item
        self.progress.emit(done, total)
        if count is not None:
            self.done.emit(self._success(count))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        show_error(self.parent_widget, self.tr("Import or export refused"), message)
        self.done.emit(message)

    @Slot()
    def _on_stopped(self) -> None:
        self.done.emit(self.tr("Cancelled."))

    @Slot()
    def _on_finished(self) -> None:
        if self._changed:
            contents_changed(self._changed)
        self.busy.emit(False)

    def cancel(self) -> None:
        self.runner.request_stop()

    def shutdown(self) -> None:
        self.runner.shutdown()
