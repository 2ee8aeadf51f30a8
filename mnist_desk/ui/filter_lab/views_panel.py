"""The picture and the result side by side, in step, with the hovered pixel's arithmetic below."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt, Signal, Slot
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from ...core.filters.pipeline import FilterResult
from ...core.filters.windows import result_geometry
from .arithmetic import explain
from .arithmetic_panel import ArithmeticPanel
from .view import PictureView, ViewState


class OneLineLabel(QLabel):
    """A label that keeps to one line: a text too long for it ends in "…" (the whole text in its tooltip).

    It never asks for the width of its text, so a long text cannot widen the views above it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.setToolTip(text)

    def shown_text(self) -> str:
        """What is drawn: the text, shortened to the label's width."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         self.shown_text())


class LabViews(QWidget):
    """Two :class:`PictureView` sharing one :class:`ViewState`, titles, and the arithmetic panel."""

    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = ViewState(self)
        self.result: FilterResult | None = None
        self._hover: tuple[float, float] | None = None
        self._fit_shape: tuple[int, int] | None = None  # a fit waiting for the views to get their size
        self._fitted_zoom: float | None = None  # while the zoom is the last fit's, a resize (maximising) fits again
        self.original_view = PictureView(self.state, self)
        self.result_view = PictureView(self.state, self)
        self.original_view.partner, self.result_view.partner = self.result_view, self.original_view
        self.original_view.placeholder = self.tr("Open a picture, drop one here or paste one.")
        self.result_view.placeholder = self.tr("The result appears here.")
        self.original_title = QLabel(self.tr("Picture"), self)
        self.result_title = QLabel(self.tr("Result"), self)
        for title in (self.original_title, self.result_title):
            title.setStyleSheet("font-weight: bold;")
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for title, view in ((self.original_title, self.original_view), (self.result_title, self.result_view)):
            holder = QWidget(splitter)
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            holder_layout.addWidget(title)
            holder_layout.addWidget(view, 1)
            splitter.addWidget(holder)
        self.chain_label = QLabel(self)
        self.chain_label.setWordWrap(True)
        self.chain_label.setStyleSheet("font-weight: bold;")
        self.chain_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.arithmetic = ArithmeticPanel(self)
        self.channel_box = QComboBox(self)
        for name in (self.tr("red"), self.tr("green"), self.tr("blue")):
            self.channel_box.addItem(name)
        self.channel_box.setToolTip(self.tr("The channel whose arithmetic is shown"))
        self.channel_box.setVisible(False)
        below = QHBoxLayout()
        below.addWidget(self.arithmetic, 1)
        below.addWidget(self.channel_box, 0, Qt.AlignmentFlag.AlignTop)
        # Under the result: how it is shown, and what that does with values below 0 and above 255.
        self.display_row = QHBoxLayout()
        self.display_label = QLabel(self.tr("Display:"), self)
        self.display_note = OneLineLabel(self)
        self.display_row.addWidget(self.display_label)
        self.display_row.addWidget(self.display_note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addLayout(self.display_row)
        layout.addWidget(self.chain_label)
        layout.addLayout(below)

        for view in (self.original_view, self.result_view):
            view.hovered.connect(self.hover_at)
            view.left.connect(self.clear_hover)
            view.fit_requested.connect(self.fit)
        self.original_view.resized.connect(self._on_resized)
        self.channel_box.currentIndexChanged.connect(lambda _i: self._refresh_hover())
        self.state.changed.connect(lambda: self.zoom_changed.emit(self.state.zoom))

    def add_display_choice(self, box: QComboBox) -> None:
        """Put the display choice (made by the tab's controls) under the result, before its note."""
        self.display_row.insertWidget(1, box)
        self.display_label.setBuddy(box)

    # -- content ------------------------------------------------------------------------------
    def show_picture(self, shown: np.ndarray, values: np.ndarray, colour: bool) -> None:
        """The picture (uint8 to show, the numbers it stands for) and whether it is filtered per colour."""
        self.original_view.set_array(shown, values=values)
        self.channel_box.setVisible(colour)
        self._fit_shape = (int(shown.shape[0]), int(shown.shape[1]))
        self.fit()

    def show_result(self, result: FilterResult) -> None:
        self.result = result
        scale, offset = result_geometry(result.settings)
        self.result_view.set_array(result.display, scale, offset, values=result.result)
        self.result_title.setText(self.tr("Result — {height} × {width}").format(height=result.result.shape[0],
                                                                               width=result.result.shape[1]))
        self._refresh_hover()

    def clear_result(self, reason: str) -> None:
        self.result = None
        self.display_note.setText("")
        self.result_view.set_array(None)
        self.result_view.placeholder = reason or self.tr("The result appears here.")
        self.result_title.setText(self.tr("Result"))
        self._refresh_hover()

    # -- hover --------------------------------------------------------------------------------
    @Slot(float, float)
    def hover_at(self, x: float, y: float) -> None:
        """The mouse is over picture point (x, y) (in either view)."""
        self._hover = (x, y)
        self._refresh_hover()

    @Slot()
    def clear_hover(self) -> None:
        self._hover = None
        self._refresh_hover()

    def _refresh_hover(self) -> None:
        explanation = None
        if self._hover is not None and self.result is not None:
            explanation = explain(self.result, *self._hover, channel=self.channel_box.currentIndex(),
                                  measure=self.arithmetic.measure)
        if explanation is None:
            self.original_view.set_marks(None, None)
            self.result_view.set_marks(None, None)
            if self._hover is None:
                self.arithmetic.show_lines([])
            return
        field, pixel = QRectF(*explanation.field), QRectF(*explanation.pixel)
        self.original_view.set_marks(field, pixel)
        self.result_view.set_marks(None, pixel)
        self.arithmetic.show_lines(explanation.lines)

    # -- zoom ---------------------------------------------------------------------------------
    @Slot()
    def fit(self) -> None:
        """Show the whole picture (later, if the views have no size yet)."""
        view = self.original_view
        if self.original_view.image is None:
            return
        if view.width() < 10 or view.height() < 10:
            return  # _on_resized fits once the layout has given the view its size
        height, width = self.original_view.image.height(), self.original_view.image.width()
        self._fit_shape = None
        self.state.fit(width, height, view.width(), view.height())
        self._fitted_zoom = self.state.zoom

    @Slot()
    def _on_resized(self) -> None:
        if self._fit_shape is not None or self._fitted_zoom == self.state.zoom:  # not zoomed by hand since
            self.fit()

    def actual_size(self) -> None:
        self.state.set(1.0, self.state.cx, self.state.cy)

    def zoom_by(self, factor: float) -> None:
        self.state.zoom_about(factor, self.state.cx, self.state.cy)
