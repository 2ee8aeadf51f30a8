"""The Draw tab: draw a digit, watch the prediction, see what the network sees and does, and why.

Predictions run on the GUI thread, at most once per screen refresh: the
canvas's changes only mark the prediction stale and a single-shot timer
coalesces them. One update (preprocessing, the model, the views) stays well
under 10 ms (see bench/draw_update.py), so the GUI never stutters.

torch is not imported here: the predictor comes from the shared
:class:`~mnist_desk.ui.active_model.ActiveModel` once it has loaded it.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from ...core.atomic_files import save_file
from ...core.errors import FileSaveError, ImageError
from ...core.preprocess import WORKING_SIDE, Preprocessed
from ...core.torch_threads import one_thread
from .. import settings_keys as keys
from ..active_model import ActiveModel
from ..error_text import error_text
from ..explain.pages import ExplainPages
from ..images import picture_to_gray, png_bytes
from ..messages import show_error
from ..window_tab import WindowTab
from .canvas import DEFAULT_PEN, MAX_PEN, MIN_PEN, Canvas
from .collect_row import CollectRow
from .document import Document
from .inspector import Answer, Inspector
from .network_view import NetworkView
from .opening import PictureOpener
from .picture import ink_from_field28, ink_from_picture
from .prediction_panel import PredictionPanel
from .preparing import prepare, prepare_pair
from .tools import DrawTools, drawing_column

PICTURE_FILTER = "*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp *.pgm *.ppm"
PAGE_PREPROCESSING, PAGE_NETWORK, PAGE_WHY, PAGE_LOSS = 0, 1, 2, 3
COMPARISON_INTERVAL_S = 0.1
# Likewise "Inside the network": every 0.1 s while the pen moves (the answer stays live), at once when it is up.
NETWORK_INTERVAL_S = 0.1
PREDICT_DOWNSCALE = 4  # preprocess a 112×112 copy of the 448×448 canvas (see Document.ink_array)


class DrawTab(WindowTab):
    """Canvas, live prediction, preprocessing inspector and the network's insides.

    ``picture_opened(str, bool)``: a picture file asked for with :meth:`open_picture` is on the
    canvas (True), or could not be used (False, after its message). ``kernel_for_filter_lab(rows, note)``:
    a learned kernel the user sends to the Filter Lab from an opened feature map.
    """

    picture_opened = Signal(str, bool)
    kernel_for_filter_lab = Signal(object, str)
    drawing_saved = Signal(str)  # the path a drawing was written to (the window's status bar says so)
    works_on_pictures = True  # the window's Open, Paste, Save and dropped pictures end up on the canvas

    def __init__(self, active_model: ActiveModel, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawTab")
        self.active_model = active_model
        self.settings = settings
        self.document = Document(self)
        self.canvas = Canvas(self.document, self)
        self.tools = DrawTools(self)
        self.caption = self.tools.caption  # "Picture: …", one line that never moves the buttons below
        self.panel = PredictionPanel(self)
        self.inspector = Inspector(self)
        self.network = NetworkView(self)
        self.details = QTabWidget(self)
        self.details.setDocumentMode(True)
        inspector_scroll = QScrollArea(self)  # small windows scroll rather than squeeze the steps
        inspector_scroll.setWidgetResizable(True)
        inspector_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        inspector_scroll.setWidget(self.inspector)
        self.details.addTab(inspector_scroll, self.tr("What the network sees"))
        self.details.addTab(self.network, self.tr("Inside the network"))
        self.explain = ExplainPages(active_model, settings, self)
        self.details.addTab(self.explain.why_page, self.tr("Why this answer"))
        self.details.addTab(self.explain.loss_page, self.tr("Loss"))
        self.last_prediction = None  # the core Prediction last shown (tests and scripts read it)
        self.last_plain_prediction = None
        self._last_update = 0.0
        self._comparison: tuple | None = None  # (recipe on?, other Preprocessed, its Prediction)
        self._comparison_time = 0.0
        self._network_time = 0.0

        self.collect = CollectRow(self, settings)  # "Add to my handwriting as 0 … 9", under Open and Save
        left = drawing_column(self, self.tools, self.canvas, self.tools.file_row, self.collect)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.panel)
        right_layout.addWidget(self.details, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        # At most one prediction per screen refresh; see _schedule.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.update_prediction)

        self.opener = PictureOpener(self)
        self.opener.opened.connect(self._on_picture_opened)
        self.opener.failed.connect(self._on_picture_failed)

        self._restore_settings()
        self.tools.width_changed.connect(self._on_width)
        self.tools.eraser_toggled.connect(lambda on: setattr(self.canvas, "eraser", on))
        self.tools.undo_button.clicked.connect(self.undo)
        self.tools.redo_button.clicked.connect(self.redo)
        self.tools.clear_button.clicked.connect(self.clear)
        self.tools.open_button.clicked.connect(self.open_picture_dialog)
        self.tools.save_button.clicked.connect(self.save_dialog)
        self.inspector.recipe_toggled.connect(self._on_recipe_toggled)
        self.details.currentChanged.connect(self._on_page_changed)
        self.splitter.splitterMoved.connect(self._save_splitter)
        self.document.changed.connect(self._schedule)
        self.document.history_changed.connect(self._on_history)
        self.canvas.digit_pressed.connect(self.say_meant)
        self.panel.bars.digit_clicked.connect(self.say_meant)
        self.network.kernel_chosen.connect(self.kernel_for_filter_lab)
        active_model.changed.connect(self._on_model_changed)
        active_model.status_changed.connect(self._on_model_status)
        self._on_history()
        self._on_model_status()
        if active_model.ready:  # loaded before this tab was made
            self._on_model_changed()

    # -- settings -----------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        width = keys.read_int(self.settings, keys.DRAW_PEN_WIDTH, DEFAULT_PEN, MIN_PEN, MAX_PEN)
        self.tools.width_slider.setValue(width)
        self.tools._on_width(width)  # show the value even when it equals the slider's default
        self.canvas.pen_width = float(width)
        self.inspector.recipe_switch.setChecked(keys.read_bool(self.settings, keys.DRAW_MNIST_RECIPE, True))
        self.details.setCurrentIndex(keys.read_int(self.settings, keys.DRAW_DETAIL_PAGE, 0, 0, PAGE_LOSS))
        state = self.settings.value(keys.DRAW_SPLITTER)
        if state is None or not self.splitter.restoreState(state):
            self.splitter.setSizes([560, 620])  # a canvas about as wide as it can be tall

    @Slot(int)
    def _on_width(self, width: int) -> None:
        self.canvas.pen_width = float(width)
        self.settings.setValue(keys.DRAW_PEN_WIDTH, width)

    def _save_splitter(self) -> None:
        self.settings.setValue(keys.DRAW_SPLITTER, self.splitter.saveState())

    # -- editing (the window's Edit menu calls these) -------------------------------------------
    @property
    def mnist_recipe(self) -> bool:
        return self.inspector.recipe_switch.isChecked()

    def undo(self) -> None:
        self.document.undo()

    def redo(self) -> None:
        self.document.redo()

    def clear(self) -> None:
        self.document.clear()
        self.caption.clear()

    def can_save(self) -> bool:
        return not self.document.state.empty

    def _on_history(self) -> None:
        self.tools.undo_button.setEnabled(self.document.can_undo)
        self.tools.redo_button.setEnabled(self.document.can_redo)
        self.tools.clear_button.setEnabled(not self.document.state.empty)
        self.tools.save_button.setEnabled(not self.document.state.empty)
        self.caption.setText(self.document.caption())

    # -- pictures -----------------------------------------------------------------------------
    def open_picture(self, path: str | Path) -> bool:
        """Start putting a picture of a digit on the canvas, opened in a worker (a large photo takes seconds);
        ``picture_opened(path, ok)`` tells the outcome. A bad file shows a message and changes nothing."""
        self.caption.setText(self.tr("Opening {name}…").format(name=Path(path).name))
        self.opener.open(str(path))
        return True

    @Slot(str, object)
    def _on_picture_opened(self, path: str, ink: np.ndarray) -> None:
        keys.remember_folder(self.settings, keys.FOLDER_PICTURES, path)
        self.document.set_background(ink, caption=self.tr("Picture: {name}").format(name=Path(path).name))
        self.picture_opened.emit(path, True)

    @Slot(str, str)
    def _on_picture_failed(self, path: str, message: str) -> None:
        self.caption.setText(self.document.caption())
        show_error(self, self.tr("Cannot open picture"), message)
        self.picture_opened.emit(path, False)

    def open_picture_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a picture of a digit"), keys.last_folder(self.settings, keys.FOLDER_PICTURES),
            self.tr("Pictures ({patterns});;All files (*)").format(patterns=PICTURE_FILTER))
        if path:
            self.open_picture(path)

    def paste_picture(self) -> bool:
        """Paste a picture (or a picture file) from the clipboard onto the canvas."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None and mime.hasImage():
            image = QImage(mime.imageData())
            if not image.isNull():
                return self.open_qimage(image, self.tr("Pasted picture"))
        if mime is not None and mime.hasUrls():
            local = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
            if local:
                return self.open_picture(local[0])
        show_error(self, self.tr("Nothing to paste"), self.tr("The clipboard holds no picture."))
        return False

    def open_qimage(self, image: QImage, caption: str) -> bool:
        """Put a QImage (pasted or dropped) on the canvas."""
        try:
            ink = ink_from_picture(picture_to_gray(image, WORKING_SIDE))
        except ImageError as error:
            show_error(self, self.tr("Cannot use picture"), error_text(error))
            return False
        self.document.set_background(ink, caption=caption)
        return True

    def show_mnist_digit(self, field28: np.ndarray, caption: str = "") -> None:
        """Show an MNIST digit (28×28, ink bright, 0..1) on the canvas, ready to draw over.

        Until drawn over it is classified as is, not preprocessed again: as the Evaluate tab does.
        """
        field = np.clip(np.nan_to_num(np.asarray(field28, dtype=np.float32)), 0.0, 1.0)
        self.document.set_background(ink_from_field28(field), field28=field.copy(), caption=caption)

    def save_drawing(self, path: str | Path) -> bool:
        """Save the drawing as a PNG (dark ink on white), atomically; a failure shows a message."""
        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_suffix(target.suffix + ".png") if target.suffix else target.with_suffix(".png")
        data = png_bytes(self.document.to_qimage_for_saving())
        try:  # a full disk leaves a picture that was there before as it was
            save_file(target, lambda handle: handle.write(data))
        except FileSaveError as error:
            show_error(self, self.tr("Cannot save drawing"), error_text(error))
            return False
        keys.remember_folder(self.settings, keys.FOLDER_DRAWINGS, str(target))
        self.drawing_saved.emit(str(target))
        return True

    def save_dialog(self) -> None:
        start = str(Path(keys.last_folder(self.settings, keys.FOLDER_DRAWINGS)) / "digit.png")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save drawing"), start, self.tr("PNG pictures (*.png)"))
        if path:
            self.save_drawing(path)

    # -- model --------------------------------------------------------------------------------
    def _no_model_text(self) -> str:
        if self.active_model.loading:
            return self.tr("Loading model…")
        return self.tr("No model loaded — load weights (File → Load weights…) or train one.")

    @Slot()
    def _on_model_status(self) -> None:
        if not self.active_model.ready:
            self.panel.show_message(self._no_model_text())
            self.network.clear_stages(self._no_model_text())
            self.network.set_model(None)

    @Slot()
    def _on_model_changed(self) -> None:
        self._comparison = None
        checkpoint = self.active_model.checkpoint
        self.network.set_model(self.active_model.model, checkpoint.arch if checkpoint else "",
                               self.active_model.display_name())
        self._schedule()

    def say_meant(self, digit: int) -> None:
        """The user says which digit the drawing is (a key 0–9 on the canvas, a click on a bar): its loss."""
        self.panel.bars.set_meant(digit)
        self.explain.set_meant(digit)
        self.details.setCurrentIndex(PAGE_LOSS)

    # -- prediction ---------------------------------------------------------------------------
    def _frame_interval_ms(self) -> float:
        screen = self.screen() or QGuiApplication.primaryScreen()
        rate = screen.refreshRate() if screen is not None else 60.0
        return 1000.0 / (rate if rate and rate > 1 else 60.0)

    @Slot()
    def _schedule(self) -> None:
        """Mark the prediction stale; it is redone at the next screen refresh, not per mouse event."""
        if self._timer.isActive():
            return
        since = (time.perf_counter() - self._last_update) * 1000.0
        self._timer.start(max(0, int(self._frame_interval_ms() - since)))

    @Slot(bool)
    def _on_recipe_toggled(self, on: bool) -> None:
        self.settings.setValue(keys.DRAW_MNIST_RECIPE, on)
        self._schedule()

    @Slot(int)
    def _on_page_changed(self, index: int) -> None:
        self.settings.setValue(keys.DRAW_DETAIL_PAGE, index)
        self._schedule()

    def update_prediction(self) -> None:
        """Preprocess the canvas, classify it and refresh the visible views (one throttled update)."""
        self._timer.stop()
        now = self._last_update = time.perf_counter()
        ink = self.document.ink_array(PREDICT_DOWNSCALE)
        exact = self.document.exact_field()
        use_recipe = self.mnist_recipe
        page = self.details.currentIndex() if self.details.isVisible() else -1
        unused: Preprocessed | None = None
        if page == PAGE_PREPROCESSING and self._comparison_due(use_recipe, now):
            used, unused = prepare_pair(ink, exact, use_recipe)
        else:
            used = prepare(ink, exact, use_recipe)
        predictor = self.active_model.predictor
        prediction = None
        network_due = page == PAGE_NETWORK and (
            not self.document.drawing or now - self._network_time >= NETWORK_INTERVAL_S)
        if predictor is not None:
            with one_thread():
                prediction = predictor.predict_prepared(used, with_features=network_due)
            self.panel.show_answer(prediction, self.document.drawing)  # a "no digit" waits for the pen to lift
        else:
            self.panel.show_message(self._no_model_text())
        self.last_prediction = prediction
        if page == PAGE_PREPROCESSING:
            unused, other = self._comparison_for(unused, use_recipe, now)
            self.last_plain_prediction = prediction if not use_recipe else other
            recipe, plain = (used, unused) if use_recipe else (unused, used)
            shown = self.panel.held_answer if prediction is not None else None  # as the panel shows it
            recipe_prediction, plain_prediction = (shown, other) if use_recipe else (other, shown)
            self.inspector.show_steps(recipe, plain, _answer(recipe_prediction), _answer(plain_prediction),
                                      use_recipe, exact_digit=exact is not None)
        else:
            self.last_plain_prediction = prediction if not use_recipe else None
            if network_due:
                self._network_time = now
                self.network.show_prediction(prediction, self._no_model_text())
            self.explain.follow(prediction, self.document.drawing, page == PAGE_WHY, page == PAGE_LOSS,
                                self._no_model_text())

    def _comparison_due(self, use_recipe: bool, now: float) -> bool:
        """Whether the side-by-side view's other preprocessing is redone in this update.

        While the pen moves it is redone at most every COMPARISON_INTERVAL_S (the main
        answer stays live at every frame): this halves the cost of a frame. Whenever
        the pen is up it is redone at once.
        """
        return (self._comparison is None or self._comparison[0] != use_recipe or not self.document.drawing
                or now - self._comparison_time >= COMPARISON_INTERVAL_S)

    def _comparison_for(self, unused: Preprocessed | None, use_recipe: bool, now: float):
        """The other preprocessing and its answer: ``unused`` classified when given, else the last ones."""
        if unused is not None:
            predictor = self.active_model.predictor
            other = None
            if predictor is not None:
                with one_thread():
                    other = predictor.predict_prepared(unused)
            self._comparison = (use_recipe, unused, other)
            self._comparison_time = now
        assert self._comparison is not None
        return self._comparison[1], self._comparison[2]

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._schedule()  # views hidden meanwhile were not updated

    def shutdown(self) -> None:
        """Called by the window on close: stop opening a picture; keep the layout."""
        self._timer.stop()
        self.opener.shutdown()
        self.explain.shutdown()
        self._save_splitter()


def _answer(prediction) -> Answer | None:
    return None if prediction is None else Answer(prediction.digit, prediction.confidence, prediction.unsure)
