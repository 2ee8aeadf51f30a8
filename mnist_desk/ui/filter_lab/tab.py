"""The Filter Lab tab: the tutorial's section 1 as a hands-on lab.

Open any picture, see it in grayscale (the tutorial's ``convert('L')``),
slide a kernel over it with a stride and padding, pool the result, and see
every shape and, under the mouse, every multiplication. All computing runs
in a worker thread and the latest edit wins (:mod:`mnist_desk.ui.latest_job`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QProgressBar, QToolButton, QVBoxLayout, QWidget

from ...core.errors import MnistDeskError
from ...core.filters.pictures import Picture
from ...core.filters.pipeline import FilterResult, plan_stages, run_filter
from ..active_model import ActiveModel
from ..after_paint import after_paint
from ..error_text import error_text
from ..latest_job import LatestJob
from ..window_tab import WindowTab
from .controls import ChainControls, format_chain
from .kernel_grid import KernelEditor
from .learned import LearnedKernelBox
from .picture_io import PictureIO, is_weights_drop
from .remembered import restore_lab, save_lab
from .side_panel import SidePanel
from .texts import display_note, picture_summary
from .views_panel import LabViews


class FilterLabTab(WindowTab):
    """Picture, kernel, stride, padding, pooling; the result beside the picture, in step."""

    result_shown = Signal(int)  # the request number of a result now on screen
    works_on_pictures = True  # the window's Open, Paste, Save and dropped pictures are this tab's

    def __init__(self, active_model: ActiveModel, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.active_model = active_model
        self.settings = settings
        self.picture: Picture | None = None
        self.result: FilterResult | None = None
        self._first_show = True
        self._wants_colour = False  # the per-channel choice, kept while a grayscale picture disables it
        self.setAcceptDrops(True)

        self.io = PictureIO(settings, self)
        self.compute = LatestJob(self)
        self._build()
        self._restore()
        self._wire()

    # -- building -----------------------------------------------------------------------------
    def _tool(self, text: str, tip: str, slot, *shortcuts: QKeySequence | str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for shortcut in shortcuts:
            # Scoped to this tab, so other tabs can use the same keys for their own actions.
            QShortcut(QKeySequence(shortcut), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if shortcuts:
            tip += f" ({QKeySequence(shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText)})"
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        # Open, paste and save have no keys of their own here: the main window's File and Edit menus own
        # Ctrl+O, Ctrl+V and Ctrl+S (a second shortcut on the same keys would make both ambiguous).
        self.open_button = self._tool(self.tr("Open…"), self.tr("Open a picture: PNG, JPEG, BMP, GIF, TIFF, WebP"),
                                      self.open_picture_dialog)
        self.paste_button = self._tool(self.tr("Paste"), self.tr("Use the picture on the clipboard"),
                                       self.paste_picture)
        self.sample_button = self._tool(self.tr("Sample picture"), self.tr("A built-in picture to try filters on"),
                                        self.io.open_sample)
        self.save_button = self._tool(self.tr("Save result…"),
                                      self.tr("Save the result as PNG, or its raw numbers as .npy"), self.save_dialog)
        self.fit_button = self._tool(self.tr("Fit"), self.tr("Show the whole picture (or double-click it)"), self.fit,
                                     "Ctrl+0")
        self.actual_button = self._tool(self.tr("1:1"), self.tr("One screen pixel per picture pixel"), self.actual_size,
                                        "Ctrl+Alt+0")  # Ctrl+1 … Ctrl+4 switch the window's tabs
        self.zoom_in_button = self._tool("+", self.tr("Zoom in (or the mouse wheel)"), lambda: self.zoom_by(1.5),
                                         "Ctrl++", "Ctrl+=")
        self.zoom_out_button = self._tool("−", self.tr("Zoom out"), lambda: self.zoom_by(1 / 1.5), "Ctrl+-")
        self.zoom_label = QLabel(self)
        # A busy bar (no percentage: a filter is one step) while a picture loads or a result computes.
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(140)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName(self.tr("Working"))
        self.busy_bar.setVisible(False)
        keep = self.busy_bar.sizePolicy()
        keep.setRetainSizeWhenHidden(True)  # coming and going, it must not move the pictures below it
        self.busy_bar.setSizePolicy(keep)
        bar = QHBoxLayout()
        for widget in (self.open_button, self.paste_button, self.sample_button, self.save_button):
            bar.addWidget(widget)
        bar.addSpacing(16)
        for widget in (self.fit_button, self.actual_button, self.zoom_out_button, self.zoom_in_button,
                       self.zoom_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.busy_bar)

        self.info_label = QLabel(self.tr("No picture yet."), self)
        self.info_label.setWordWrap(True)
        self.per_channel = QCheckBox(self.tr("Filter the colour channels separately"), self)
        self.per_channel.setToolTip(self.tr("Filter red, green and blue one by one and show the colour result; "
                                       "off: the grayscale picture, as the tutorial"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")
        self.message.setVisible(False)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.kernel_editor = KernelEditor(self)
        self.learned = LearnedKernelBox(self.active_model, self)
        kernel_group = QGroupBox(self.tr("Kernel"), self)
        kernel_layout = QVBoxLayout(kernel_group)
        kernel_layout.addWidget(self.kernel_editor)
        kernel_layout.addWidget(self.learned)
        self.chain_controls = ChainControls(self)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 6, 0)
        side_layout.addWidget(kernel_group)
        side_layout.addWidget(self.chain_controls)
        side_layout.addStretch(1)

        self.views = LabViews(self)
        # Short names for what tests and the main window reach for.
        views = self.views
        self.state, self.original_view, self.result_view = views.state, views.original_view, views.result_view
        self.arithmetic, self.chain_label, self.channel_box = views.arithmetic, views.chain_label, views.channel_box
        # The display choice goes under the result (before the panel takes the wheel from its fields).
        self.views.add_display_choice(self.chain_controls.display)
        scroll = SidePanel(side, self)

        main = QVBoxLayout()
        main.addLayout(bar)
        info_row = QHBoxLayout()
        info_row.addWidget(self.info_label, 1)
        info_row.addWidget(self.per_channel)
        main.addLayout(info_row)
        main.addWidget(self.message)
        main.addWidget(self.views, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll)
        layout.addLayout(main, 1)
        self._update_zoom_label(self.state.zoom)
        self._update_enabled()

    def _wire(self) -> None:
        self.kernel_editor.changed.connect(self.recompute)
        # A preset brings the display that shows it best (a sharpened photo clipped, edges as |x| ...).
        self.kernel_editor.preset_chosen.connect(lambda item: self.chain_controls.set_display(item.display))
        self.chain_controls.changed.connect(self.recompute)
        self.per_channel.toggled.connect(self._on_per_channel)
        self.learned.chosen.connect(self._use_learned)
        self.io.loaded.connect(self.set_picture)
        self.io.failed.connect(self.show_message)
        self.io.saved.connect(lambda path: self.show_message(self.tr("Saved {path}").format(path=path), error=False))
        self.io.busy_changed.connect(lambda _busy: self._update_busy())
        self.compute.item.connect(self._on_item)
        self.compute.failed.connect(self._on_compute_failed)
        self.compute.busy_changed.connect(lambda _busy: self._update_busy())
        self.views.zoom_changed.connect(self._update_zoom_label)

    # -- settings -----------------------------------------------------------------------------
    def _restore(self) -> None:
        self._wants_colour = restore_lab(self.settings, self.kernel_editor, self.chain_controls)
        self.per_channel.setChecked(self._wants_colour)

    def _save_settings(self) -> None:
        save_lab(self.settings, self.kernel_editor, self.chain_controls, self._wants_colour)

    # -- pictures -----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            after_paint(self, self._open_first_picture)  # the tab on screen first (a restored tab: the window)

    def _open_first_picture(self) -> None:
        if self.picture is None and not self.io.busy():
            remembered = self.io.remembered_file()
            if remembered:
                self.io.open_file(remembered)
            else:
                self.io.open_sample()

    @Slot()
    def open_picture_dialog(self) -> None:
        """Ask for a picture file (the main window's Open calls this when this tab is current)."""
        self.io.open_dialog(self)

    def open_picture(self, path: str | Path) -> bool:
        """Open a picture file in the background; problems end up as a message in the tab."""
        self.io.open_file(str(path))
        return True

    @Slot()
    def paste_picture(self) -> bool:
        if self.io.paste():
            return True
        self.show_message(self.tr("The clipboard holds no picture and no picture file."))
        return False

    @Slot(object)
    def set_picture(self, picture: Picture) -> None:
        self.picture = picture
        self.show_message("")
        has_colour = picture.color is not None
        self.per_channel.setEnabled(has_colour)
        blocked = self.per_channel.blockSignals(True)
        self.per_channel.setChecked(self._wants_colour and has_colour)  # a grayscale picture: not ticked
        self.per_channel.blockSignals(blocked)
        self._drop_result()  # the last result belongs to another picture
        self._show_original()
        self.recompute()
        self._update_enabled()

    def _show_original(self) -> None:
        if self.picture is None:
            return
        colour = self.per_channel.isChecked() and self.picture.color is not None
        self.info_label.setText(picture_summary(self.picture, colour))
        gray = self.picture.gray
        if colour:
            self.views.show_picture(self.picture.color, self.picture.color, True)
        else:
            shown = gray if gray.dtype == np.uint8 else np.clip(gray + 0.5, 0, 255).astype(np.uint8)
            self.views.show_picture(shown, gray, False)

    def _source(self) -> np.ndarray | None:
        if self.picture is None:
            return None
        if self.per_channel.isChecked() and self.picture.color is not None:
            return self.picture.color
        return self.picture.gray

    @Slot(bool)
    def _on_per_channel(self, checked: bool) -> None:
        self._wants_colour = checked
        self._drop_result()  # grayscale and colour results are different pictures
        self._show_original()
        self.recompute()

    # -- computing ----------------------------------------------------------------------------
    @Slot()
    def recompute(self) -> None:
        self._save_settings()
        source = self._source()
        if source is None:
            return
        problem = self.kernel_editor.problem()
        kernel = self.kernel_editor.kernel()
        if problem or kernel is None:
            # The editor says why; the last result of this picture stays on screen, if there is one.
            if self.result is None:
                self.views.clear_result(self.tr("No result: the kernel needs fixing (see its message)."))
            return
        settings = self.chain_controls.settings(kernel, self.kernel_editor.divisor(), self.kernel_editor.offset())
        try:
            stages = plan_stages(settings, source.shape[:2])
        except MnistDeskError as error:
            self.compute.cancel()
            self._drop_result(error_text(error))
            return
        self.show_message("")
        self.chain_label.setText(format_chain(stages, settings))
        version = self.compute.version + 1  # the number submit() gives this request
        self.compute.submit(lambda: run_filter(source, settings, version))

    @Slot(object)
    def _on_item(self, item) -> None:
        if not isinstance(item, FilterResult):
            return  # a step's name: progress only
        self.result = item
        self._set_result_kept(True)
        self.views.show_result(item)
        self.chain_label.setText(format_chain(item.stages, item.settings))
        self.views.display_note.setText(display_note(item.settings.display, item.low, item.high))
        self._update_enabled()
        self.result_shown.emit(item.version)

    @Slot(str)
    def _on_compute_failed(self, message: str) -> None:
        self._drop_result(message)  # a stale result must not stay on screen, nor be saved

    def _drop_result(self, message: str = "") -> None:
        """No result on screen (and nothing to save); ``message`` says why, in the view and above it."""
        self.result = None
        self._set_result_kept(False)
        self.views.clear_result(message)
        self.chain_label.setText("")  # its shapes were the dropped result's (recompute writes the new ones)
        self.show_message(message)
        self._update_enabled()

    def _set_result_kept(self, kept: bool) -> None:
        if self.kernel_editor.result_kept != kept:
            self.kernel_editor.result_kept = kept
            self.kernel_editor.refresh()  # its message says whether a result is still shown

    @Slot(object, str)
    def _use_learned(self, rows, note: str) -> None:
        # A learned kernel's sums are small numbers of both signs: rescaled, its pattern shows.
        self.chain_controls.set_display("rescale")
        self.kernel_editor.set_kernel(rows, None, 0.0, note)

    def use_kernel(self, rows, note: str) -> None:
        """A learned kernel sent from elsewhere (the Draw tab's opened feature map) into the grid, with its note."""
        self._use_learned(rows, note)

    # -- zoom ---------------------------------------------------------------------------------
    @Slot()
    def fit(self) -> None:
        self.views.fit()

    def actual_size(self) -> None:
        self.views.actual_size()

    def zoom_by(self, factor: float) -> None:
        self.views.zoom_by(factor)

    @Slot(float)
    def _update_zoom_label(self, zoom: float) -> None:
        self.zoom_label.setText(self.tr("{percent} %").format(percent=f"{zoom * 100:.0f}"))

    # -- saving, messages, state --------------------------------------------------------------
    @Slot()
    def save_dialog(self) -> None:
        if self.result is None:
            self.show_message(self.tr("There is no result to save yet."))
            return
        stem = (self.picture.name.rsplit(".", 1)[0] if self.picture and self.picture.name else "result") + "-filtered"
        self.io.save_dialog(self, self.result.display, self.result.result, stem.replace(" ", "_"))

    def show_message(self, text: str, error: bool = True) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828; font-weight: bold;" if error else "color: #2e7d32;")
        self.message.setVisible(bool(text))

    def _update_busy(self) -> None:
        busy = self.compute.busy() or self.io.busy()
        self.busy_bar.setVisible(busy)
        self.busy_bar.setToolTip(self.tr("Opening the picture…") if self.io.busy() else self.tr("Computing…"))

    def can_save(self) -> bool:
        return self.result is not None

    def _update_enabled(self) -> None:
        if self.save_button.isEnabled() != self.can_save():
            self.save_button.setEnabled(self.can_save())
            self.can_save_changed.emit(self.can_save())

    # -- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        mime = event.mimeData()
        if is_weights_drop(mime):
            event.ignore()  # the main window loads weights files wherever they are dropped
        elif mime.hasUrls() or mime.hasImage():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if self.io.open_mime(event.mimeData(), self.tr("dropped picture")):
            event.acceptProposedAction()
        else:
            self.show_message(self.tr("Only picture files can be dropped here."))

    # -- closing ------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the workers and wait for them (the window is closing); remember the settings."""
        self._save_settings()
        self.compute.shutdown()
        self.io.shutdown()
