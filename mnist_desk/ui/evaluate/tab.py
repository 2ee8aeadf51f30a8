"""The Evaluate tab: the tutorial's section 2.6 (verify the weights on the 10,000 test digits), and more.

Evaluates a private copy of the active model in a worker, shows the
tutorial's printout, per-class accuracy and the confusion matrix; clicking a
cell lists those test digits, clicking a digit opens it in the Draw tab. It
tests on MNIST's test digits or on a handwriting set (:mod:`.source`), with
the same views: a set's digit opens on the canvas as its picture file. A
second page browses the data set (section 2.3). Constructing the tab imports
neither torch nor matplotlib.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..active_model import ActiveModel
from ..data_folder import DataFolderWidget, DigitArrays, SplitLoader, default_split_loader
from ..window_tab import WindowTab
from ..worker import WorkerRunner
from .browser import DatasetBrowser
from .confusion import ConfusionMatrixWidget
from .gallery import DigitGrid
from .jobs import EvaluationJob, SetArrays, dataset_steps, evaluation_steps
from .results import ResultsPanel
from .source import SourceChooser, set_texts

if TYPE_CHECKING:
    from ...core.evaluation import EvaluationResult

GALLERY_LIMIT = 400  # thumbnails per cell (the diagonal holds ~1,000 digits per class)


class DigitsProgressBar(QProgressBar):
    """"1,234 of 10,000 test digits": Qt's own %v and %m have no thousands separator."""

    set_name = ""  # evaluating a handwriting set: "12 of 87 digits of “mine”"

    def text(self) -> str:
        if self.set_name:
            return set_texts()["progress"].format(done=self.value(), total=self.maximum(), set=self.set_name)
        return self.tr("{0:,} of {1:,} test digits").format(self.value(), self.maximum())


class EvaluateTab(WindowTab):
    """Evaluate the active weights; confusion matrix, gallery and dataset browser.

    A test digit clicked is sent to the Draw tab (``open_digit``), with a
    caption saying which digit it is and its true label; a handwriting set's
    digit as its picture file (``open_digit_file``).
    """

    def __init__(self, active_model: ActiveModel, settings: QSettings, parent: QWidget | None = None, *,
                 split_loader: SplitLoader | None = None) -> None:
        super().__init__(parent)
        self.active_model = active_model
        self.settings = settings
        self.split_loader = split_loader or default_split_loader
        self.result: EvaluationResult | None = None
        self.result_checkpoint: object | None = None  # the checkpoint evaluated, to notice a change
        self._test: tuple[str, DigitArrays] | None = None
        self._train: tuple[str, DigitArrays] | None = None
        self._evaluating = False
        self._loading_data = False
        self._job_checkpoint: object | None = None
        self._job_source = ""
        self._job_set: str | None = None  # the set the running evaluation is on (None: MNIST)
        self._set: SetArrays | None = None  # the set the shown result is on (None: MNIST's test digits)
        self._reading: SetArrays | None = None
        self._eval_runner = WorkerRunner(self)
        self._data_runner = WorkerRunner(self)

        self.data_folder = DataFolderWidget(settings, self)
        self.source = SourceChooser(settings, self)
        self.evaluate_button = QPushButton(self.tr("Evaluate active weights"), self)
        self.evaluate_button.setToolTip(self.tr("Classify the 10,000 test digits with the active weights (F5)"))
        self.progress = DigitsProgressBar(self)
        self.progress.setRange(0, 10_000)  # the MNIST test set, until a run reports its own size
        self.progress.setValue(0)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.results = ResultsPanel(self)
        self.matrix = ConfusionMatrixWidget(self)
        self.gallery_title = QLabel(self.tr("Click a cell of the matrix to see its test digits."), self)
        self.gallery_title.setWordWrap(True)
        self.gallery = DigitGrid(56, 2, self)
        self.gallery.setToolTip(self.tr("Click a digit to open it in the Draw tab"))
        self.browser = DatasetBrowser(self)

        row = QHBoxLayout()
        row.addWidget(self.source)
        row.addWidget(self.evaluate_button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        gallery_box = QWidget(self)
        gallery_layout = QVBoxLayout(gallery_box)
        gallery_layout.setContentsMargins(0, 0, 0, 0)
        gallery_layout.addWidget(self.gallery_title)
        gallery_layout.addWidget(self.gallery, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.results)
        splitter.addWidget(self.matrix)
        splitter.addWidget(gallery_box)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([250, 430, 380])
        results_page = QWidget(self)
        results_layout = QVBoxLayout(results_page)
        results_layout.addLayout(row)
        results_layout.addWidget(self.status)
        results_layout.addWidget(splitter, 1)
        self.pages = QTabWidget(self)
        self.pages.addTab(results_page, self.tr("Test results"))
        self.pages.addTab(self.browser, self.tr("Dataset browser"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.data_folder)
        layout.addWidget(self.pages, 1)

        self.evaluate_button.clicked.connect(self.evaluate)
        self.cancel_button.clicked.connect(self.cancel)
        self.matrix.cell_selected.connect(self.show_cell)
        self.gallery.digit_clicked.connect(self._open_test_digit)
        self.gallery.digit_activated.connect(self._open_test_digit)
        self.browser.load_requested.connect(self.load_dataset)
        self.browser.digit_opened.connect(self.open_digit)
        self.active_model.changed.connect(self._on_active_model_changed)
        self.data_folder.folder_changed.connect(self._on_folder_changed)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.evaluate)
        self._update_controls()

    # -- evaluating ---------------------------------------------------------------------------
    def _update_controls(self) -> None:
        ready = self.active_model.model is not None
        self.evaluate_button.setEnabled(ready and not self._evaluating)
        self.cancel_button.setEnabled(self._evaluating)
        if not ready and not self._evaluating:
            self.status.setText(self.tr("No active weights yet: load a weights file, or train and press "
                                        "“Use these weights” in the Train tab."))

    def _cached(self, which: tuple[str, DigitArrays] | None) -> DigitArrays | None:
        if which is not None and which[0] == str(self.data_folder.folder()):
            return which[1]
        return None

    @Slot()
    def evaluate(self) -> bool:
        """Evaluate the active weights on the test digits (in the worker); False if it cannot start."""
        if self._evaluating or self.active_model.model is None:
            return False
        # A private copy: the active model may be replaced (or used by other tabs) meanwhile.
        model = copy.deepcopy(self.active_model.model)
        source = self.active_model.display_name() or self.tr("the active weights")
        folder = self.source.folder()
        job = EvaluationJob(model, source, self.data_folder.folder(), self.split_loader, self._cached(self._test),
                            folder)
        self._job_set = str(folder) if folder is not None else None
        self._job_checkpoint = self.active_model.checkpoint
        self._evaluating = True
        self._job_source = source
        self.progress.setRange(0, 10_000)
        self.progress.setValue(0)
        self.progress.set_name = folder.name if folder is not None else ""
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Evaluating {0}…").format(source))
        self._update_controls()
        self._eval_runner.start_job(lambda w: evaluation_steps(w, job), on_item=self._on_eval_item,
                                    on_failed=self._on_eval_failed, on_stopped=self._on_eval_stopped,
                                    on_finished=self._on_eval_finished)
        return True

    @Slot()
    def cancel(self) -> None:
        self._eval_runner.request_stop()

    @Slot(object)
    def _on_eval_item(self, item: Any) -> None:
        kind = item[0]
        if kind == "status":
            self.status.setText(self.tr("Loading the test digits from {0}…").format(self.data_folder.folder()))
        elif kind == "reading":
            self.status.setText(set_texts()["reading"].format(set=Path(self._job_set or "").name, folder=self._job_set))
            self.progress.setRange(0, int(item[2]))
            self.progress.setValue(int(item[1]))
        elif kind == "set":
            self._reading = item[1]
            self.status.setText(self.tr("Evaluating {0}…").format(self._job_source))
        elif kind == "data":
            self._test = (str(self.data_folder.folder()), item[1])
            self.browser.set_splits(None, item[1])
            self.status.setText(self.tr("Evaluating {0}…").format(self._job_source))
        elif kind == "progress":
            self.progress.setRange(0, int(item[2]))
            self.progress.setValue(int(item[1]))
        elif kind == "result":
            self._show_result(item[1])

    def _show_result(self, result: EvaluationResult) -> None:
        self.result = result
        self.result_checkpoint = self._job_checkpoint
        self._set = self._reading if self._job_set is not None else None
        self.progress.setRange(0, result.total)
        self.progress.setValue(result.total)
        self.results.show_result(result, self._job_source, self._set.folder.name if self._set else "")
        self.results.mark_stale(self.active_model.checkpoint is not self.result_checkpoint)
        self.matrix.set_confusion(result.confusion)
        first, second = result.tutorial_lines()  # Chinese in every language: the tutorial's own print
        if self._set is not None:
            self.status.setText(set_texts()["done"].format(
                right=result.total - result.wrong, total=result.total, set=self._set.folder.name,
                accuracy=result.accuracy * 100, first=first, second=second))
        else:
            self.status.setText(self.tr("Done: {0:,} of {1:,} test digits recognised ({2:.2f} %). The tutorial prints "
                                        "this as: {3}  {4}").format(result.total - result.wrong, result.total,
                                                                    result.accuracy * 100, first, second))
        # Start with the most frequent confusion: usually the most instructive cell.
        mistakes = [(result.confusion[t][p], t, p) for t in range(10) for p in range(10) if t != p]
        count, true_digit, predicted = max(mistakes)
        if count:
            self.matrix.select(true_digit, predicted)
        else:
            self.gallery.clear()

    @Slot(str)
    def _on_eval_failed(self, message: str) -> None:
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(message)

    @Slot()
    def _on_eval_stopped(self) -> None:
        self.status.setText(self.tr("Evaluation cancelled."))

    @Slot()
    def _on_eval_finished(self) -> None:
        self._evaluating = False
        self._update_controls()

    @Slot()
    def _on_active_model_changed(self) -> None:
        self._update_controls()
        if self.result is not None:
            self.results.mark_stale(self.active_model.checkpoint is not self.result_checkpoint)
        if self.active_model.model is not None and not self._evaluating and self.result is None:
            self.status.setText(self.tr("Active weights: {0}. Press Evaluate.").format(
                self.active_model.display_name()))

    @Slot(str)
    def _on_folder_changed(self, _folder: str) -> None:
        # Cached splits are keyed by folder: the browser shows the new folder's digits (loaded when shown).
        self.browser.clear()
        if self.browser.isVisible():
            self.load_dataset()

    # -- the gallery --------------------------------------------------------------------------
    @Slot(int, int)
    def show_cell(self, true_digit: int, predicted: int) -> None:
        """List the test digits of class ``true_digit`` predicted as ``predicted``."""
        result = self.result
        test = self._set.digits if self._set is not None else self._cached(self._test)
        if result is None or test is None:
            return
        if self._set is not None:
            self._show_set_cell(result, test, true_digit, predicted)
            return
        indices = result.indices_for(true_digit, predicted)
        probabilities = result.probabilities
        # Mistakes: the most confident first; correct ones: the least sure first (both the instructive end).
        indices.sort(key=lambda i: float(probabilities[i]), reverse=true_digit != predicted)
        shown = indices[:GALLERY_LIMIT]
        captions = [self.tr("{0} → {1}\n{2:.0f} %").format(true_digit, predicted, float(probabilities[i]) * 100)
                    for i in shown]
        tips = [self.tr("Test digit #{0}: true {1}, predicted {2} with probability {3:.1f} %").format(
            i, true_digit, predicted, float(probabilities[i]) * 100) for i in shown]
        self.gallery.show_digits(test.images, shown, captions, tips)
        if true_digit == predicted:
            title = self.tr("{0:,} test digits {1} recognised correctly (least sure first)").format(
                len(indices), true_digit)
        else:
            title = self.tr("{0:,} test digits {1} taken for a {2} (most confident first)").format(
                len(indices), true_digit, predicted)
        if len(indices) > len(shown):
            title += self.tr(", showing {0:,}").format(len(shown))
        self.gallery_title.setText(title + self.tr(". Click one to open it in the Draw tab."))

    def _show_set_cell(self, result: EvaluationResult, digits: DigitArrays, true_digit: int, predicted: int) -> None:
        """A cell of a set's result: its digits, each opening its picture file on the canvas."""
        assert self._set is not None
        texts, name = set_texts(), self._set.folder.name
        indices = result.indices_for(true_digit, predicted)
        probabilities = result.probabilities
        indices.sort(key=lambda i: float(probabilities[i]), reverse=true_digit != predicted)
        shown = indices[:GALLERY_LIMIT]
        values = [dict(true=true_digit, predicted=predicted, probability=float(probabilities[i]) * 100,
                       name=Path(self._set.paths[i]).name) for i in shown]
        self.gallery.show_digits(digits.images, shown, [texts["caption"].format(**v) for v in values],
                                 [texts["tip"].format(**v) for v in values])
        title = texts["right_title" if true_digit == predicted else "wrong_title"].format(
            count=len(indices), true=true_digit, predicted=predicted, set=name)
        if len(indices) > len(shown):
            title += self.tr(", showing {0:,}").format(len(shown))
        self.gallery_title.setText(title + self.tr(". Click one to open it in the Draw tab."))

    @Slot(int)
    def _open_test_digit(self, index: int) -> None:
        if self._set is not None:
            self.open_digit_file.emit(self._set.paths[index])
            return
        test = self._cached(self._test)
        if test is not None:
            caption = self.tr("Test digit #{0:,}, labelled {1}").format(index, int(test.labels[index]))
            self.open_digit.emit(np.asarray(test.images[index], dtype=np.float32) / 255.0, caption)

    # -- the dataset browser ------------------------------------------------------------------
    @Slot()
    def load_dataset(self) -> None:
        """Load the splits the browser lacks (in the worker)."""
        train, test = self._cached(self._train), self._cached(self._test)
        if train is not None or test is not None:
            self.browser.set_splits(train, test)
        if self._loading_data or (train is not None and test is not None):
            return
        root = self.data_folder.folder()
        self._loading_data = True
        self.browser.set_status(self.tr("Loading MNIST from {0}…").format(root))
        self._data_runner.start_job(lambda _w: dataset_steps(root, self.split_loader, train is None, test is None),
                                    on_item=self._on_data_item, on_failed=self._on_data_failed,
                                    on_finished=self._on_data_finished)

    @Slot(object)
    def _on_data_item(self, item: Any) -> None:
        which, arrays = item
        key = str(self.data_folder.folder())
        if which == "train":
            self._train = (key, arrays)
            self.browser.set_splits(arrays, None)
        else:
            self._test = (key, arrays)
            self.browser.set_splits(None, arrays)

    @Slot(str)
    def _on_data_failed(self, message: str) -> None:
        self.browser.set_status(message, error=True)

    @Slot()
    def _on_data_finished(self) -> None:
        self._loading_data = False

    # -- closing ------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the evaluation and data loading and wait for their threads."""
        self._eval_runner.shutdown()
        self._data_runner.shutdown()
        self.data_folder.shutdown()
