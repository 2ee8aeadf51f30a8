"""The main window: five tabs over one shared active model, menus, status bar, drops.

It paints before torch is imported: only the Draw tab is built before, and the
weights load in the background once the window has painted (what happens then,
and in which order, is :mod:`.start_up`'s), while the status bar says so. It
talks to its tabs through :class:`~.window_tab.WindowTab` alone.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QImage, QPaintEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMainWindow, QTabWidget, QWidget

from . import settings_keys as keys
from .about import make_about_box
from .active_model import ActiveModel
from .icons import icon
from .menus import build_menus
from .messages import show_error
from .model_status import model_status_text
from .start_up import ACTIVE_WEIGHTS, StartUp
from .window_tab import WindowTab
from .worker import closing

if TYPE_CHECKING:  # built on demand: not imported before they are
    from .evaluate.tab import EvaluateTab
    from .filter_lab.tab import FilterLabTab
    from .train.tab import TrainTab

WEIGHTS_SUFFIXES = (".pt", ".pth", ".pkl", ".ckpt")
TAB_DRAW, TAB_FILTER_LAB, TAB_TRAIN, TAB_EVALUATE, TAB_HANDWRITING = 0, 1, 2, 3, 4
# Built on demand: (module, class), each a WindowTab constructed as Cls(active_model, settings, parent).
LAZY_TABS = {
    TAB_FILTER_LAB: (".filter_lab.tab", "FilterLabTab"),
    TAB_TRAIN: (".train.tab", "TrainTab"),
    TAB_EVALUATE: (".evaluate.tab", "EvaluateTab"),
    TAB_HANDWRITING: (".handwriting.tab", "HandwritingTab"),
}


class MainWindow(QMainWindow):
    """Tabs Draw, Filter Lab, Train and Evaluate, sharing one :class:`ActiveModel`."""

    first_painted = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from .draw.tab import DrawTab

        self.settings = settings
        self.active_model = ActiveModel(self)
        self.painted = False
        self.offer_left_behind_runs = True  # offer a training run a crash left unsaved (the self-test says no)
        self._start_weights = ""  # a weights file named at start (or remembered), while it loads
        self.setWindowTitle(self.tr("MNIST Desk"))
        self._set_icon()
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.draw_tab = DrawTab(self.active_model, settings, self)
        self.tabs.addTab(self.draw_tab, icon("draw"), self.tr("Draw"))
        # The other tabs are built when first needed (shown, or asked for by name) and, at the
        # latest, once the model has loaded after the first paint: the window is on screen sooner.
        self._built: dict[int, WindowTab] = {TAB_DRAW: self.draw_tab}
        for picture, title in ((icon("filter-lab"), self.tr("Filter Lab")), (icon("train-start"), self.tr("Train")),
                               (icon("evaluate"), self.tr("Evaluate")),
                               (icon("handwriting"), self.tr("My handwriting"))):
            self.tabs.addTab(QWidget(), picture, title)
        self.setCentralWidget(self.tabs)
        self.setAcceptDrops(True)
        self._build_timer = QTimer(self)  # a child: it dies with the window, never firing after
        self._build_timer.setInterval(30)
        self._build_timer.timeout.connect(self._build_next_tab)

        self.actions_ = build_menus(self, [self.tabs.tabText(i) for i in range(self.tabs.count())])
        self._connect_actions()
        self.start_up = StartUp(self)
        self.model_label = QLabel(self)
        self.model_label.setObjectName("activeModelLabel")
        self.statusBar().addPermanentWidget(self.model_label)
        self.active_model.changed.connect(self._update_model_label)
        self.active_model.status_changed.connect(self._update_model_label)
        self.active_model.load_failed.connect(self._on_load_failed)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.draw_tab.document.history_changed.connect(self._update_edit_actions)
        self.draw_tab.drawing_saved.connect(
            lambda path: self.statusBar().showMessage(self.tr("Drawing saved as {path}").format(path=path), 15_000))
        self._restore_geometry()
        self._update_model_label()
        self._update_edit_actions()

    # -- tabs, built on demand -------------------------------------------------------------------
    @property
    def filter_lab_tab(self) -> FilterLabTab:
        return cast("FilterLabTab", self.tab(TAB_FILTER_LAB))

    @property
    def train_tab(self) -> TrainTab:
        return cast("TrainTab", self.tab(TAB_TRAIN))

    @property
    def evaluate_tab(self) -> EvaluateTab:
        return cast("EvaluateTab", self.tab(TAB_EVALUATE))

    def current_tab(self) -> WindowTab:
        return self.tab(self.tabs.currentIndex())

    def tab(self, index: int) -> WindowTab:
        """The tab at ``index``, built now if it was not yet."""
        built = self._built.get(index)
        if built is not None:
            return built
        module_name, class_name = LAZY_TABS[index]
        module = importlib.import_module(module_name, __package__)
        widget: WindowTab = getattr(module, class_name)(self.active_model, self.settings, self)
        self._built[index] = widget
        # Swap the empty page for the real one without the tab bar noticing a change of tab.
        current = self.tabs.currentIndex()
        title, picture = self.tabs.tabText(index), self.tabs.tabIcon(index)
        empty = self.tabs.widget(index)
        blocked = self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, picture, title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(blocked)
        empty.deleteLater()
        widget.open_digit.connect(self.show_mnist_digit)
        widget.open_digit_file.connect(self.show_digit_file)  # a set's picture (Evaluate, My handwriting)
        widget.can_save_changed.connect(self._update_edit_actions)  # File → Save result… follows it
        return widget

    def start_building_tabs(self) -> None:
        """Build the tabs not built yet, one per turn of the event loop (start-up calls it once the model is in)."""
        if not self._build_timer.isActive() and any(index not in self._built for index in LAZY_TABS):
            self._build_timer.start()

    @Slot()
    def _build_next_tab(self) -> None:
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return  # a stroke is being drawn: a tab built now would stall it, its moves merged into a line
        remaining = [index for index in LAZY_TABS if index not in self._built]
        if remaining:
            self.tab(remaining[0])
        if len(remaining) <= 1:
            self._build_timer.stop()

    def _set_icon(self) -> None:
        if not icon("app").isNull():
            self.setWindowIcon(icon("app"))

    def _connect_actions(self) -> None:
        a = self.actions_
        a.open_picture.triggered.connect(lambda: self._show_picture_tab().open_picture_dialog())
        a.paste_picture.triggered.connect(lambda: self._show_picture_tab().paste_picture())
        a.save_drawing.triggered.connect(lambda: self._show_picture_tab().save_dialog())
        a.load_weights.triggered.connect(self.load_weights_dialog)
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(self.draw_tab.undo)
        a.redo.triggered.connect(self.draw_tab.redo)
        a.clear.triggered.connect(self.draw_tab.clear)
        a.about.triggered.connect(self.show_about)
        for index, item in enumerate(a.show_tab):
            item.triggered.connect(lambda _checked=False, index=index: self.tabs.setCurrentIndex(index))
        a.next_tab.triggered.connect(
            lambda: self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % self.tabs.count()))
        a.previous_tab.triggered.connect(
            lambda: self.tabs.setCurrentIndex((self.tabs.currentIndex() - 1) % self.tabs.count()))
        self.draw_tab.kernel_for_filter_lab.connect(lambda rows, note: (  # into the lab's grid, and the lab shown
            self.filter_lab_tab.use_kernel(rows, note), self.tabs.setCurrentIndex(TAB_FILTER_LAB)))

    def _picture_tab(self) -> WindowTab:
        """What open, paste, save and a dropped picture act on: the current tab when it works on pictures
        (the Filter Lab leaves Ctrl+O, Ctrl+V and Ctrl+S to the window's menu), else the Draw tab."""
        current = self.current_tab()
        return current if current.works_on_pictures else self.draw_tab

    def _show_picture_tab(self) -> WindowTab:
        tab = self._picture_tab()
        self.tabs.setCurrentWidget(tab)
        return tab

    # -- geometry and settings ------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value(keys.WINDOW_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 800)
        state = self.settings.value(keys.WINDOW_STATE)
        if state is not None:
            self.restoreState(state)
        index = keys.read_int(self.settings, keys.WINDOW_TAB, TAB_DRAW, 0, self.tabs.count() - 1)
        if index != TAB_DRAW:
            self.tab(index)
        self.tabs.setCurrentIndex(index)

    def _save_geometry(self) -> None:
        self.settings.setValue(keys.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.setValue(keys.WINDOW_STATE, self.saveState())
        self.settings.setValue(keys.WINDOW_TAB, self.tabs.currentIndex())

    # -- the active model -------------------------------------------------------------------------
    def start_loading(self) -> None:
        """Load the weights active at the last close, else the shipped ones, in the background (once painted)."""
        from ..core.paths import default_weights_path

        if self.active_model.ready or self.active_model.is_loading():
            return
        path, gone = self.start_up.weights_to_load()
        if gone:  # moved or deleted since: said once, then forgotten
            self.settings.remove(ACTIVE_WEIGHTS)
            self.statusBar().showMessage(self.tr("The weights used last, {path}, are gone: the shipped weights are "
                                                 "active.").format(path=gone), 15_000)
        if path != default_weights_path():
            self._start_weights = str(path)  # a bad file: _on_load_failed says why, then the shipped ones
        if path.is_file():
            self.active_model.load_file_async(path)
        else:
            self.active_model.loading = False
            self.active_model.load_error = self.tr("no weights file at {path}").format(path=path)
            self.active_model.status_changed.emit()

    def announce_start(self, paths: Sequence[str]) -> None:
        """Before the first paint: the status bar names the weights :meth:`open_at_start` is about to load."""
        weights = [p for p in paths if Path(p).suffix.lower() in WEIGHTS_SUFFIXES]
        self.start_up.announce(str(Path(weights[0]).expanduser().absolute()) if weights else "")

    def open_at_start(self, paths: Sequence[str]) -> None:
        """Files named on the command line (the desktop's "Open with"): a weights file is loaded
        instead of the shipped weights (which load after all if it fails); the first picture
        opens as if dropped on the window."""
        files = [str(Path(p).expanduser().absolute()) for p in paths]
        weights = [p for p in files if Path(p).suffix.lower() in WEIGHTS_SUFFIXES]
        pictures = [p for p in files if Path(p).suffix.lower() not in WEIGHTS_SUFFIXES]
        if weights:
            self._start_weights = weights[0]
            self.active_model.load_file_async(weights[0])  # a bad file: _on_load_failed says why
        else:
            self.start_loading()
        if pictures:
            self.open_dropped(pictures[0])
        left = len(weights[1:]) + len(pictures[1:])
        if left:
            text = (self.tr("One picture and one weights file at a time: 1 more file named at start was not opened.")
                    if left == 1 else self.tr("One picture and one weights file at a time: {count} more files named "
                                              "at start were not opened.").format(count=left))
            self.statusBar().showMessage(text, 15_000)

    def load_weights(self, path: str | Path) -> bool:
        """Make a weights file the active model everywhere; a bad file shows why and changes nothing."""
        from ..core.errors import MnistDeskError
        from .error_text import error_text

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            try:
                self.active_model.load_file(path)
            finally:  # whatever happens, the cursor is back
                QApplication.restoreOverrideCursor()
        except MnistDeskError as error:
            show_error(self, self.tr("Cannot load weights"),
                       self.tr("{error}\n\nThe previous model stays active.").format(error=error_text(error)))
            return False
        keys.remember_folder(self.settings, keys.FOLDER_WEIGHTS, str(path))
        self.statusBar().showMessage(self.tr("Loaded {name}").format(name=Path(path).name), 5000)
        return True

    def load_weights_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Load weights"), keys.last_folder(self.settings, keys.FOLDER_WEIGHTS),
            self.tr("Weights files ({patterns});;All files (*)").format(
                patterns=" ".join(f"*{suffix}" for suffix in WEIGHTS_SUFFIXES)))
        if path:
            self.load_weights(path)

    @Slot(str, str)
    def _on_load_failed(self, path: str, message: str) -> None:
        show_error(self, self.tr("Cannot load weights"), message)
        if path == self._start_weights:  # named at start (or used last) and unusable: the shipped weights instead
            self._start_weights = ""
            if path == self.start_up.remembered_weights():
                self.settings.remove(ACTIVE_WEIGHTS)
            self.start_loading()

    @Slot()
    def _update_model_label(self) -> None:
        if self.active_model.ready:
            self._start_weights = ""
        self.model_label.setText(model_status_text(self.active_model))
        self.model_label.setToolTip(self.active_model.source)

    # -- drawing, across tabs -------------------------------------------------------------------
    @Slot(object, str, int)
    def show_mnist_digit(self, field28, caption: str = "", label: int = -1) -> None:
        """An MNIST digit from another tab (Evaluate): show it on the Draw tab, its label as the digit meant."""
        self.draw_tab.show_mnist_digit(field28, caption, label if label >= 0 else None)
        self.tabs.setCurrentWidget(self.draw_tab)

    @Slot(str, int)
    def show_digit_file(self, path: str, label: int = -1) -> None:
        """A picture file of a handwriting set from another tab: open it on the Draw tab's canvas, labelled."""
        self.tabs.setCurrentWidget(self.draw_tab)
        self.draw_tab.open_picture(path, label if label >= 0 else None)

    def _on_tab_changed(self, index: int) -> None:
        if index not in self._built and index in LAZY_TABS:
            self.tab(index)
        self._update_edit_actions()

    def _update_edit_actions(self) -> None:
        # Undo, Redo and Clear act on the drawing; elsewhere (a text field in another tab) they must not.
        on_draw = self.tabs.currentWidget() is self.draw_tab
        saves = self._picture_tab()
        self.actions_.save_drawing.setText(self.tr("&Save drawing…") if saves is self.draw_tab else
                                           self.tr("&Save result…"))
        # Nothing to save, nothing to click: a blank canvas or no filter result yet.
        self.actions_.save_drawing.setEnabled(saves.can_save())
        document = self.draw_tab.document
        self.actions_.undo.setEnabled(on_draw and document.can_undo)
        self.actions_.redo.setEnabled(on_draw and document.can_redo)
        self.actions_.clear.setEnabled(on_draw and not document.state.empty)

    def show_about(self) -> None:
        box = make_about_box(self)
        box.open()

    # -- drag and drop --------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        mime = event.mimeData()
        if mime.hasUrls() and any(url.isLocalFile() for url in mime.urls()) or mime.hasImage():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        mime = event.mimeData()
        files = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
        if files:
            self.open_dropped(files[0])
        elif mime.hasImage():
            self.tabs.setCurrentWidget(self.draw_tab)
            self.draw_tab.open_qimage(QImage(mime.imageData()), self.tr("Dropped picture"))
        event.acceptProposedAction()

    def open_dropped(self, path: str) -> bool:
        """A dropped file: weights become the active model; a picture goes to the Filter Lab when
        that tab is showing, else to the Draw tab."""
        if Path(path).suffix.lower() in WEIGHTS_SUFFIXES:
            return self.load_weights(path)
        return self._show_picture_tab().open_picture(path)

    # -- painting and closing -------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            # Deferred: the whole window (children included) is on screen when this runs.
            QTimer.singleShot(0, self._after_first_paint)

    @Slot()
    def _after_first_paint(self) -> None:
        self.start_up.after_first_paint()
        self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        # A tab may ask first (the Train tab, when closing would lose a run: Save / Discard / Cancel).
        if not all(self._built[index].may_close() for index in sorted(self._built)):
            event.ignore()
            return
        self._build_timer.stop()
        self._save_geometry()
        # Every job is asked to stop, then each tab waits for its own, all within one short deadline:
        # no thread outlives the window, and one stuck on a file that never answers is left behind.
        with closing(self):
            for tab in list(self._built.values()):  # tabs never built have nothing to stop
                tab.shutdown()
            self.active_model.shutdown()
        self.settings.sync()
        super().closeEvent(event)
