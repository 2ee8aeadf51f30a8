"""Dataset browser: page through the training and test digits; one digit's pixel values as a table.

It starts where the tutorial's section 2.3 starts: training digit #0, a 5,
with its 28×28 values.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..data_folder import DigitArrays
from .gallery import DigitGrid
from .pixel_table import PixelTable, tutorial_printout

PAGE_SIZE = 48


class DatasetBrowser(QWidget):
    """Pages of digits with labels; the selected digit's values in a :class:`PixelTable`.

    Signals
    -------
    load_requested
        Shown without data: the tab loads the splits in its worker.
    digit_opened(object, str, int)
        A digit was double-clicked: 28×28 float32, ink bright, 0..1 (for the Draw tab),
        a caption saying which digit it is and its label, and the label.
    """

    load_requested = Signal()
    digit_opened = Signal(object, str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.splits: dict[str, DigitArrays] = {}
        self.current_index = 0
        self.split = QComboBox(self)
        self.split.addItem(self.tr("Training digits"), "train")
        self.split.addItem(self.tr("Test digits"), "test")
        self.previous_button = QPushButton(self.tr("◀ Previous"), self)
        self.next_button = QPushButton(self.tr("Next ▶"), self)
        self.page = QSpinBox(self)
        self.page.setPrefix(self.tr("page "))
        self.pages_label = QLabel(self)
        self.jump = QSpinBox(self)
        self.jump.setPrefix(self.tr("digit #"))
        self.jump.setToolTip(self.tr("Show this digit's pixel values"))
        self.status = QLabel(self.tr("The data set loads when this page is first shown."), self)
        self.status.setWordWrap(True)
        self.grid = DigitGrid(40, 1, self)
        self.grid.setToolTip(self.tr("Click a digit to see its pixel values; double-click to open it in the Draw tab"))
        self.title = QLabel(self)
        self.table = PixelTable(self)
        self.copy_button = QPushButton(self.tr("Copy as the tutorial prints it"), self)
        self.copy_button.setToolTip(self.tr("Copy label, shape and the float32 array, as section 2.3 prints them"))

        top = QHBoxLayout()
        for widget in (self.split, self.previous_button, self.page, self.pages_label, self.next_button, self.jump):
            top.addWidget(widget)
        top.addStretch(1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.grid)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.table)
        right_layout.addWidget(self.copy_button)
        right_layout.addStretch(1)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setCollapsible(1, False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

        self.split.currentIndexChanged.connect(self._on_split)
        self.previous_button.clicked.connect(lambda: self.page.setValue(self.page.value() - 1))
        self.next_button.clicked.connect(lambda: self.page.setValue(self.page.value() + 1))
        self.page.valueChanged.connect(self._show_page)
        self.jump.valueChanged.connect(self.show_digit)
        self.grid.digit_clicked.connect(self.show_digit)
        self.grid.digit_activated.connect(self._open)
        self.copy_button.clicked.connect(self.copy_printout)
        self._set_enabled(False)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if len(self.splits) < 2:  # the test digits may already be there (an evaluation loaded them)
            self.load_requested.emit()

    def set_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status.setVisible(bool(text))

    def set_splits(self, train: DigitArrays | None, test: DigitArrays | None) -> None:
        """Show these splits (either may be None when not loaded)."""
        if train is not None:
            self.splits["train"] = train
        if test is not None:
            self.splits["test"] = test
        self.set_status("")
        self._on_split()

    def clear(self) -> None:
        """Forget the splits (another data folder was chosen)."""
        self.splits.clear()
        self._on_split()

    def current_split(self) -> DigitArrays | None:
        return self.splits.get(self.split.currentData())

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.previous_button, self.next_button, self.page, self.jump, self.copy_button):
            widget.setEnabled(enabled)

    @Slot()
    def _on_split(self) -> None:
        data = self.current_split()
        self._set_enabled(data is not None)
        if data is None:
            self.grid.clear()
            self.title.setText("")
            return
        pages = max(1, -(-len(data) // PAGE_SIZE))
        self.page.blockSignals(True)
        self.page.setRange(1, pages)
        self.page.setValue(1)
        self.page.blockSignals(False)
        self.pages_label.setText(self.tr("of {0:,}").format(pages))
        self.jump.blockSignals(True)
        self.jump.setRange(0, len(data) - 1)
        self.jump.blockSignals(False)
        self._show_page(1)
        self.show_digit(0)

    @Slot(int)
    def _show_page(self, page: int) -> None:
        data = self.current_split()
        if data is None:
            return
        start = (page - 1) * PAGE_SIZE
        indices = list(range(start, min(start + PAGE_SIZE, len(data))))
        captions = [self.tr("#{0}: {1}").format(i, int(data.labels[i])) for i in indices]
        self.grid.show_digits(data.images, indices, captions)
        self.previous_button.setEnabled(page > 1)
        self.next_button.setEnabled(page < self.page.maximum())

    @Slot(int)
    def show_digit(self, index: int) -> None:
        """Show digit ``index`` of the current split in the pixel table."""
        data = self.current_split()
        if data is None or not 0 <= index < len(data):
            return
        self.current_index = index
        self.table.set_image(data.images[index])
        name = self.tr("Training digit") if self.split.currentData() == "train" else self.tr("Test digit")
        self.title.setText(self.tr("{0} #{1:,} of {2:,}: label {3}").format(name, index, len(data),
                                                                             int(data.labels[index])))
        self.jump.blockSignals(True)
        self.jump.setValue(index)
        self.jump.blockSignals(False)

    def printout(self) -> str:
        data = self.current_split()
        if data is None:
            return ""
        return tutorial_printout(data.images[self.current_index], int(data.labels[self.current_index]))

    @Slot()
    def copy_printout(self) -> None:
        QGuiApplication.clipboard().setText(self.printout())

    @Slot(int)
    def _open(self, index: int) -> None:
        data = self.current_split()
        if data is not None:
            label = int(data.labels[index])
            caption = (self.tr("Training digit #{0:,}, labelled {1}") if self.split.currentData() == "train"
                       else self.tr("Test digit #{0:,}, labelled {1}")).format(index, label)
            self.digit_opened.emit(np.asarray(data.images[index], dtype=np.float32) / 255.0, caption, label)
