"""The My handwriting tab: the active set as a gallery grouped by label; relabel, delete, undo, open on the canvas.

Digits are added in the Draw tab (its "Add to my handwriting as" row, Alt+0 …
Alt+9); here they are looked at and put right. Keys, as a file manager's: a
digit key relabels the selected digits, Delete deletes them, Ctrl+Z undoes and
Ctrl+Shift+Z (Ctrl+Y) redoes, Enter or a double-click opens one on the Draw
tab's canvas, F5 reloads the folder (changed by another program). Sets: choose
one, make a new one (one per person), open any folder in the ImageFolder
layout, import or export a folder or a .zip. Constructing the tab imports no
torch.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QIcon, QKeySequence, QPixmap, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import MnistDeskError
from ...core.handwriting.store import Digit, HandwritingSet, Scan, scan_folder
from ..error_text import error_text
from ..images import gray_to_qimage
from ..latest_job import LatestJob
from ..messages import show_error
from ..window_tab import WindowTab
from .edits import DeleteDigits, RelabelDigits, SetEdit
from .gallery import THUMB, SetGallery
from .set_files import SetFiles
from .sets import active_folder, known_sets, set_active, set_hub


class HandwritingTab(WindowTab):
    """The active handwriting set, its digits, and what can be done with them.

    A digit opened on the canvas goes to the Draw tab as its picture file
    (:attr:`~mnist_desk.ui.window_tab.WindowTab.open_digit_file`).
    """

    def __init__(self, active_model: object, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handwritingTab")
        self.settings = settings
        self.scan: Scan | None = None
        self._stale = True
        self._icons: dict[tuple[str, int], QIcon] = {}
        self._thumbs = LatestJob(self)  # a reload while thumbnails load: the newest set's win
        self._thumbs.item.connect(self._on_thumbnails)
        self.undo_stack = QUndoStack(self)
        self.files = SetFiles(self, settings)

        self.chooser = QComboBox(self)
        self.chooser.setObjectName("setChooser")
        self.chooser.setMinimumContentsLength(24)
        self.chooser.setToolTip(self.tr("The active set: the Draw tab adds to it, Evaluate and Train can use it"))
        self.new_button = QPushButton(self.tr("New set…"), self)
        self.open_button = QPushButton(self.tr("Open folder…"), self)
        self.open_button.setToolTip(self.tr("Use any folder in torchvision's ImageFolder layout (0/ … 9/) as a set"))
        self.import_button = self._menu_button(self.tr("Import"), (
            (self.tr("From a folder…"), self.files.import_folder_dialog),
            (self.tr("From a zip archive…"), self.files.import_zip_dialog)))
        self.export_button = self._menu_button(self.tr("Export"), (
            (self.tr("To a folder…"), self.files.export_folder_dialog),
            (self.tr("To a zip archive…"), self.files.export_zip_dialog)))
        self.reveal_button = QPushButton(self.tr("Show folder"), self)
        self.reveal_button.setToolTip(self.tr("Open the set's folder in the file manager"))
        self.summary = QLabel(self)
        self.summary.setObjectName("setSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #a05a00;")
        self.problems.hide()

        self.relabel_button = self._menu_button(self.tr("Relabel as"), tuple(
            (str(digit), lambda _checked=False, digit=digit: self.relabel_selected(digit)) for digit in range(10)))
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.canvas_button = QPushButton(self.tr("Open on canvas"), self)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            # The whole window while this tab shows, whatever has the focus (the Draw tab's Undo is off then).
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        self.undo_button, self.redo_button = QToolButton(self), QToolButton(self)
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button.setDefaultAction(self.redo_action)
        self.hint = QLabel(self.tr("Select digits, then: a digit key relabels them, Delete deletes them, Ctrl+Z "
                                   "undoes; Enter or a double-click opens one on the canvas."), self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(mid);")
        self.gallery = SetGallery(self)
        self.status = QLabel(self)
        self.status.setObjectName("setStatus")
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.hide()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Set:"), self))
        top.addWidget(self.chooser, 1)
        for widget in (self.new_button, self.open_button, self.import_button, self.export_button, self.reveal_button):
            top.addWidget(widget)
        edit = QHBoxLayout()
        for widget in (self.relabel_button, self.delete_button, self.canvas_button, self.undo_button,
                       self.redo_button):
            edit.addWidget(widget)
        edit.addWidget(self.hint, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addLayout(edit)
        layout.addWidget(self.gallery, 1)
        layout.addLayout(bottom)

        for digit in range(10):
            shortcut = QShortcut(QKeySequence(str(digit)), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda digit=digit: self.relabel_selected(digit))
        for key, slot in ((QKeySequence.StandardKey.Delete, self.delete_selected), (Qt.Key.Key_F5, self.reload)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        self.chooser.activated.connect(self._on_chosen)
        self.new_button.clicked.connect(lambda: self.files.new_set())
        self.open_button.clicked.connect(lambda: self.files.open_folder())
        self.reveal_button.clicked.connect(self.reveal)
        self.delete_button.clicked.connect(self.delete_selected)
        self.canvas_button.clicked.connect(self.open_selected)
        self.gallery.activated.connect(self._open_digit)
        self.gallery.selection_changed.connect(self._update_buttons)
        self.files.busy.connect(self._on_busy)
        self.files.progress.connect(lambda done, total: (self.progress.setRange(0, total),
                                                         self.progress.setValue(done)))
        self.files.done.connect(self.status.setText)
        self.cancel_button.clicked.connect(self.files.cancel)
        set_hub().active_changed.connect(self._on_active_changed)
        set_hub().contents_changed.connect(self._on_contents_changed)
        self._fill_chooser()
        self._update_buttons()

    def _menu_button(self, text: str, entries) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for label, slot in entries:
            action = QAction(label, menu)
            action.triggered.connect(slot)
            menu.addAction(action)
        button.setMenu(menu)
        return button

    # -- the active set ------------------------------------------------------------------------
    @property
    def folder(self) -> Path:
        return active_folder(self.settings)

    def _fill_chooser(self) -> None:
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for folder in known_sets(self.settings):
            self.chooser.addItem(f"{folder.name} — {folder}", str(folder))
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(str(self.folder))))
        self.chooser.blockSignals(False)

    @Slot(int)
    def _on_chosen(self, index: int) -> None:
        folder = self.chooser.itemData(index)
        if folder and Path(folder) != self.folder:
            set_active(self.settings, folder)

    @Slot()
    def _on_active_changed(self) -> None:
        self.undo_stack.clear()  # undo belongs to the set it was done in
        self._fill_chooser()
        self._stale = True
        self.reload()

    @Slot(str)
    def _on_contents_changed(self, folder: str) -> None:
        if Path(folder) == self.folder:
            self._stale = True
            if self.isVisible():
                self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.reload()

    @Slot()
    def reload(self) -> None:
        """Read the set's folder again and show it (thumbnails load in the worker)."""
        self._stale = False
        folder = self.folder
        if not folder.exists():
            self.scan = Scan(folder)
        else:
            try:
                self.scan = scan_folder(folder)
            except MnistDeskError as error:
                self.scan = Scan(folder)
                self.problems.setText(error_text(error))
                self.problems.show()
                self.gallery.show_digits([])
                self._summarise()
                return
        keys = {digit: _key(digit) for digit in self.scan.digits}
        icons = {str(digit.path): self._icons[key] for digit, key in keys.items() if key in self._icons}
        self.gallery.show_digits(self.scan.digits, icons)
        self._summarise()
        missing = [str(digit.path) for digit, key in keys.items() if key not in self._icons]
        if missing:
            self._load_thumbnails(missing)

    def _summarise(self) -> None:
        scan = self.scan
        assert scan is not None
        counts = scan.counts()
        if not scan.digits:
            self.summary.setText(self.tr("“{set}” has no digits yet ({folder}). Draw one in the Draw tab and add it "
                                         "with its button or Alt+0 … Alt+9.").format(set=scan.folder.name,
                                                                                     folder=scan.folder))
        else:
            self.summary.setText(self.tr("“{set}”: {total:,} digits ({counts}) in {folder}").format(
                set=scan.folder.name, total=sum(counts), folder=scan.folder,
                counts=", ".join(f"{digit}: {count}" for digit, count in enumerate(counts))))
        if scan.problems:
            self.problems.setText(self.tr("{count:,} file(s) in this folder cannot be used; the first: "
                                          "{problem}").format(count=len(scan.problems),
                                                              problem=error_text(scan.problems[0])))
        self.problems.setVisible(bool(scan.problems))
        self.export_button.setEnabled(bool(scan.digits))

    def _load_thumbnails(self, paths: list[str]) -> None:
        self._thumbs.submit(lambda: _thumbnail_steps(paths))

    @Slot(object)
    def _on_thumbnails(self, batch) -> None:
        for path, key, picture in batch:
            if picture is None:
                continue
            icon = QIcon(QPixmap.fromImage(gray_to_qimage(picture)))
            self._icons[key] = icon
            self.gallery.set_icon(path, icon)

    # -- editing -------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        selected = self.gallery.selected()
        for button in (self.relabel_button, self.delete_button):
            button.setEnabled(bool(selected))
        self.canvas_button.setEnabled(len(selected) == 1)

    def _push(self, command: SetEdit) -> None:
        self.undo_stack.push(command)
        if command.error is not None:
            show_error(self, self.tr("Cannot change the set"), error_text(command.error))

    def _edited(self) -> None:
        self.reload()
        self.gallery.setFocus()  # an emptied section hides: the keys must still reach the gallery
        set_hub().contents_changed.emit(str(self.folder))

    @Slot()
    def delete_selected(self) -> None:
        digits = self.gallery.selected()
        if digits:
            self._push(DeleteDigits(HandwritingSet(self.folder), digits, self._edited))
            self.status.setText(self.tr("Deleted {count:,} digit(s). Ctrl+Z brings them back.").format(
                count=len(digits)))

    def relabel_selected(self, digit: int) -> None:
        digits = [d for d in self.gallery.selected() if d.label != digit]
        if digits:
            command = RelabelDigits(HandwritingSet(self.folder), digits, digit, self._edited)
            self._push(command)
            self.gallery.select(command.after)
            self.status.setText(self.tr("Relabelled {count:,} digit(s) as {digit}. Ctrl+Z undoes it.").format(
                count=len(command.after), digit=digit))

    @Slot()
    def open_selected(self) -> None:
        selected = self.gallery.selected()
        if len(selected) == 1:
            self._open_digit(selected[0])

    @Slot(object)
    def _open_digit(self, digit: Digit) -> None:
        self.open_digit_file.emit(str(digit.path))

    @Slot()
    def reveal(self) -> None:
        if not self.folder.is_dir():
            HandwritingSet.create(self.folder)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        for widget in (self.import_button, self.export_button, self.new_button, self.open_button, self.chooser):
            widget.setEnabled(not busy)
        if not busy:
            self._summarise()

    def shutdown(self) -> None:
        """Stop loading thumbnails and any import or export (closing the window)."""
        self._thumbs.shutdown()
        self.files.shutdown()


def _key(digit: Digit) -> tuple[str, int]:
    try:
        return str(digit.path), os.stat(digit.path).st_mtime_ns
    except OSError:
        return str(digit.path), 0


def _thumbnail_steps(paths: list[str]):
    from ...core.handwriting.reading import thumbnail_steps

    for batch in thumbnail_steps(paths, THUMB):
        yield [(path, _key(Digit(0, Path(path))), picture) for path, picture in batch]
