"""The Train tab: the tutorial's sections 2.3–2.5 in a window, and fine-tuning on handwriting (:mod:`.fine_tune_box`).

Settings on the left, the live chart on the right; a worker thread (:mod:`.session`) loads MNIST, trains and sends plain
records and checkpoints back. Constructing the tab imports neither torch nor matplotlib: both load when first needed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..active_model import ActiveModel
from ..data_folder import DataFolderWidget, DigitArrays, SplitLoader, default_split_loader
from ..error_text import error_text
from ..icons import icon
from ..messages import show_error
from ..window_tab import WindowTab
from . import run_texts
from .autosave import AutosaveSlot
from .chart import TrainChart
from .fine_tune_box import FineTuneBox
from .form import InvalidSetting, TrainForm
from .metrics import MetricsStore
from .network_choice import NetworkChoice
from .progress_panel import ProgressPanel, format_percent
from .run_guard import RunGuard
from .session import TrainingSession, TrainJob
from .weights_panel import WeightsPanel, dropped_weights_file

if TYPE_CHECKING:
    from ...core.weights import Checkpoint


class TrainTab(WindowTab):
    """Train a CNN on MNIST with a live chart; save, load, resume and use the weights.

    Parameters
    ----------
    active_model, settings, parent
        As every tab.
    split_loader
        Reads a split from the data folder (in the worker); tests pass one that
        returns the committed fixtures.
    autosave
        Where runs keep their automatic checkpoint (default: a slot in the user data folder).
    """

    def __init__(self, active_model: ActiveModel, settings: QSettings, parent: QWidget | None = None, *,
                 split_loader: SplitLoader | None = None, autosave: AutosaveSlot | None = None) -> None:
        super().__init__(parent)
        self.active_model = active_model
        self.settings = settings
        self.split_loader = split_loader or default_split_loader
        self.store = MetricsStore()
        self.session = TrainingSession(self)
        self._data: tuple[str, DigitArrays, DigitArrays] | None = None  # loaded splits, reused by later runs
        self._session_checkpoint: Checkpoint | None = None  # the newest one this tab's runs produced
        self._run_checkpoints = 0  # how many the current run has sent (none: it stopped before its first step)
        self._resuming: Checkpoint | None = None  # what the current run continues, if it is a resumed one
        self._running_text = ""  # what the progress says while the run trains (shown again after a pause)
        self._devices_listed = False
        self.guard = RunGuard(self, autosave)
        self.setAcceptDrops(True)

        self.data_folder = DataFolderWidget(settings, self)
        self.form = TrainForm(settings, self)
        self.fine_tune = FineTuneBox(active_model, settings, self.form, self)  # start from the active weights
        self.start_button = QPushButton(self.tr("Start"), self)
        self.start_button.setToolTip(self.tr("Train a new model with these settings (F5)"))
        self.pause_button = QPushButton(self.tr("Pause"), self)
        self.pause_button.setToolTip(self.tr("Pause or resume the run (F6)"))
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setToolTip(self.tr("Stop the run after the current batch; it can be resumed later (Shift+F5)"))
        self.progress = ProgressPanel(self)
        self.weights = WeightsPanel(active_model, settings, self)
        self.chart = TrainChart(self.store, self)
        self.network_choice = choice = NetworkChoice.beside(self.chart, self.form, settings, self)  # the Network panel
        self.network, self.panels, self.start_reason = choice.editor, choice.panels, choice.reason

        controls = QHBoxLayout()
        for button, picture in ((self.start_button, icon("train-start")), (self.pause_button, icon("train-pause")),
                                (self.stop_button, icon("train-stop"))):
            button.setIcon(picture)
            controls.addWidget(button)
        settings_box = QGroupBox(self.tr("Settings"), self)
        settings_layout = QVBoxLayout(settings_box)
        settings_layout.addWidget(self.form)
        settings_layout.addLayout(controls)
        settings_layout.addWidget(self.start_reason)
        progress_box = QGroupBox(self.tr("Progress"), self)
        QVBoxLayout(progress_box).addWidget(self.progress)
        weights_box = QGroupBox(self.tr("Weights"), self)
        QVBoxLayout(weights_box).addWidget(self.weights)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        for box in (self.fine_tune, settings_box, weights_box):  # fine-tuning above the settings, one line unticked
            left_layout.addWidget(box)
        left_layout.addStretch(1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(progress_box)
        right_layout.addWidget(self.panels, 1)
        scroll = QScrollArea(self)
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Wide enough for the whole form: the panel scrolls vertically only.
        scroll.setMinimumWidth(left.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 4)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(self.data_folder)
        layout.addWidget(splitter, 1)

        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.weights.loaded.connect(self._on_weights_loaded)
        self.network_choice.startable_changed.connect(lambda: self._on_state(self.session.state))
        self.weights.resume_requested.connect(self.resume_from)
        self.weights.saved.connect(self.guard.run_saved)
        self.chart.export_requested.connect(self.export_csv)
        self.data_folder.status_changed.connect(self._list_devices)
        self.session.status.connect(self._on_status)
        self.session.data_loaded.connect(self._on_data_loaded)
        self.session.started.connect(self._on_started)
        self.session.record.connect(self._on_record)
        self.session.checkpoint.connect(self._on_checkpoint)
        self.session.autosave_failed.connect(self._on_autosave_failed)
        self.session.state_changed.connect(self._on_state)
        self.session.ended.connect(self._on_ended)
        for keys, slot in ((QKeySequence(Qt.Key.Key_F5), self.start), (QKeySequence(Qt.Key.Key_F6), self.toggle_pause),
                           (QKeySequence("Shift+F5"), self.stop)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._on_state("idle")

    # -- starting -----------------------------------------------------------------------------
    def _job(self, resume: Checkpoint | None) -> TrainJob | None:
        try:
            config, fine_tune = self.network_choice.config(self.form.values()), self.fine_tune.part()
        except InvalidSetting as error:
            self._error(str(error))
            return None
        root = self.data_folder.folder()
        train = test = None
        if self._data is not None and self._data[0] == str(root):
            _, train, test = self._data
        return TrainJob(config, root, self.split_loader, train, test, resume, self.guard.autosave.claim(), fine_tune)

    @Slot()
    def start(self) -> bool:
        """Start a new run with the form's settings; False (with a message) if it cannot start."""
        if self.session.is_active() or not self.network_choice.can_start():
            return False
        job = self._job(None)  # a wrong setting is said before anything is asked or discarded
        if job is None or not self.guard.may_start_new_run():
            return False
        self._session_checkpoint = None
        self.network_choice.run_starts()
        self._begin_run(None)
        self.store.new_run(self.fine_tune.describe(self.network_choice.describe()))
        self.weights.new_run()
        self.chart.redraw_now()
        self.session.start(job)
        return True

    def _begin_run(self, resuming: Checkpoint | None) -> None:
        self._run_checkpoints = 0
        self._resuming = resuming
        self._running_text = ""

    @Slot(object)
    def resume_from(self, checkpoint: Checkpoint) -> bool:
        """Continue a stopped run (this tab's, or a loaded file's) where it stopped."""
        if self.session.is_active():
            return False
        if not checkpoint.resumable:
            self._error(self.tr("These weights hold no optimizer state or progress, so their run cannot be resumed."))
            return False
        done = int((checkpoint.progress or {}).get("epoch", 0))
        if done >= self.form.epochs.value():
            self._error(self.tr("That run has already trained {0} epochs: raise Epochs above {0} to train it further.")
                        .format(done))
            return False
        self.form.set_values({"arch": checkpoint.arch, "activation": checkpoint.activation})
        self.network_choice.show_checkpoint(checkpoint)
        job = self._job(checkpoint)
        if job is None:
            return False
        if checkpoint is not self._session_checkpoint or self.store.current is None:
            # A loaded file: draw its history as a run of its own, then continue it.
            self.store.new_run(self.tr("{0} (resumed)").format(self.weights.checkpoint_label
                                                               or self.network_choice.describe()), checkpoint.history)
        self.network_choice.run_starts()
        self._begin_run(checkpoint)
        self.weights.resumed(int((checkpoint.progress or {}).get("step", 0)))
        self.chart.redraw_now()
        self.session.start(job)
        return True

    @Slot()
    def toggle_pause(self) -> None:
        if self.session.state == "running":
            self.session.pause()
        elif self.session.state in ("pausing", "paused"):
            self.session.resume()

    @Slot()
    def stop(self) -> None:
        self.session.stop()

    # -- what the run reports -----------------------------------------------------------------
    @Slot(str)
    def _on_status(self, code: str) -> None:
        texts = {"loading": self.tr("Loading MNIST from {0}…").format(self.data_folder.folder()),
                 "building": self.tr("Building the model…"), "reading_set": self.fine_tune.reading_text(),
                 "calibrating": run_texts.calibrating(self.session.state == "pausing"), "training": self._running_text}
        self.progress.show_status(texts.get(code, code))

    @Slot(object, object)
    def _on_data_loaded(self, train: DigitArrays, test: DigitArrays) -> None:
        self._data = (str(self.data_folder.folder()), train, test)

    @Slot(dict)
    def _on_started(self, info: dict[str, Any]) -> None:
        self._list_devices()
        self.progress.reset(info)
        self._running_text = run_texts.started(info)
        self.progress.show_status(self._running_text)

    @Slot(dict)
    def _on_record(self, record: dict[str, Any]) -> None:
        self.store.add(record)
        self.chart.mark_dirty()  # drawn by the chart's timer, not per record
        self.progress.show_record(record)

    @Slot(object, str)
    def _on_checkpoint(self, checkpoint: Checkpoint, why: str) -> None:
        self._session_checkpoint = checkpoint
        self._run_checkpoints += 1
        run = self.store.current
        label = self.tr("Training run #{0}").format(run.number if run else "?")
        self.weights.take_checkpoint(checkpoint, why, label)
        if why in ("paused", "stopped"):
            self.progress.show_position(checkpoint.progress or {}, int(checkpoint.hparams.get("epochs", 1) or 1))

    @Slot(str)
    def _on_autosave_failed(self, message: str) -> None:
        self._running_text = run_texts.autosave_failed(self._running_text, message)
        self.progress.show_status(self._running_text)

    @Slot(str)
    def _on_state(self, state: str) -> None:
        active = state != "idle"
        self.start_button.setEnabled(not active and self.network_choice.can_start())
        self.pause_button.setEnabled(state in ("running", "paused"))
        paused = state in ("paused", "pausing")
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.pause_button.setIcon(icon("train-start" if paused else "train-pause"))
        if state == "pausing":
            self.pause_button.setText(self.tr("Pausing…"))
        self.stop_button.setEnabled(active and state != "stopping")
        focused = QApplication.focusWidget()
        for widget in (self.form, self.data_folder, self.fine_tune):
            widget.setEnabled(not active)
        self.network_choice.set_running(active)
        if active and self.stop_button.isEnabled() and (focused is None or not focused.isEnabled()):
            # The field the user was in is now disabled: without a focus inside the tab, F6 and
            # Shift+F5 (shortcuts of this tab) would not reach it.
            self.stop_button.setFocus()
        self.weights.set_run_state(active, state == "paused")
        self.progress.set_paused(state == "paused")
        if state == "paused":
            self.progress.show_status(self.tr("Paused. Save the weights now, or Resume."))
        elif state == "stopping":
            self.progress.show_status(self.tr("Stopping after the current batch…"))
        elif state == "running" and self._running_text:  # resumed after a pause
            self.progress.show_status(self._running_text)

    @Slot(str, str)
    def _on_ended(self, outcome: str, message: str) -> None:
        self.chart.redraw_now()
        if outcome == "failed":
            self._error(message)
            return
        checkpoint = self._session_checkpoint
        accuracy = format_percent(checkpoint.test_accuracy if checkpoint is not None else None)
        if outcome == "completed":
            self.progress.show_status(run_texts.finished(accuracy, checkpoint.metrics if checkpoint else None))
        elif self._run_checkpoints == 0:  # stopped while loading, or before the first step
            self.weights.nothing_trained(resumed=self._resuming is not None)
            self.progress.show_status(run_texts.stopped_before_training(resumed=self._resuming is not None))
        else:
            step = int((checkpoint.progress or {}).get("step", 0)) if checkpoint is not None else 0
            self.progress.show_status(run_texts.stopped(step))

    def _error(self, message: str) -> None:
        self.progress.show_status(message, error=True)

    @Slot()
    def _list_devices(self) -> None:
        # CUDA / MPS are only known once torch is loaded (the data check loads it in a worker).
        if not self._devices_listed and "torch" in sys.modules:
            self._devices_listed = True
            self.form.add_available_devices()

    # -- weights files and CSV ----------------------------------------------------------------
    @Slot(object, str)
    def _on_weights_loaded(self, checkpoint: Checkpoint, path: str) -> None:
        if checkpoint.hparams:
            self.form.set_values(checkpoint.hparams)
        self.form.set_values({"arch": checkpoint.arch, "activation": checkpoint.activation})
        self.network_choice.show_checkpoint(checkpoint)
        self.store.new_run(Path(path).name, checkpoint.history)
        self.chart.redraw_now()

    @Slot()
    def export_csv(self) -> None:
        start = Path(self.weights.weights_dir()) / "mnist-training-metrics.csv"
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export metrics as CSV"), str(start),
                                                self.tr("CSV files (*.csv);;All files (*)"))
        if chosen:
            self.write_csv(Path(chosen))

    def write_csv(self, path: Path) -> bool:
        from ...core.errors import FileSaveError

        try:
            rows = self.store.write_csv(path)
        except FileSaveError as error:  # a file there before is unchanged (written atomically)
            show_error(self, self.tr("Could not export the metrics"), error_text(error))
            return False
        self.progress.show_status(self.tr("Exported {0:,} records to {1}.").format(rows, path))
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if dropped_weights_file(event.mimeData()) is not None and not self.session.is_active():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        path = dropped_weights_file(event.mimeData())
        if path is not None and not self.session.is_active():
            event.acceptProposedAction()
            self.weights.load(path)

    # -- closing ------------------------------------------------------------------------------
    def has_unsaved_run(self) -> bool:
        """True while a run trains or its newest weights are not saved (the window may ask first)."""
        panel = self.weights
        if self.session.is_active():
            return True
        return (self._session_checkpoint is not None and panel.checkpoint is self._session_checkpoint
                and panel.saved_step != (self._session_checkpoint.progress or {}).get("step"))

    def show_restored_run(self, checkpoint: Checkpoint) -> None:
        """A run left unsaved, restored from its automatic checkpoint: this tab's stopped run now."""
        self.form.set_values({**(checkpoint.hparams or {}), "arch": checkpoint.arch,
                              "activation": checkpoint.activation})
        self.network_choice.show_checkpoint(checkpoint)
        label = self.tr("Restored run")
        self._session_checkpoint = checkpoint
        self.store.new_run(label, checkpoint.history)
        self.weights.take_checkpoint(checkpoint, "recovered", label)
        self.chart.redraw_now()
        self.progress.show_status(run_texts.restored())

    def may_close(self) -> bool:
        """Ask what to do with a run that trains or is unsaved (Save / Discard / Cancel); True to close."""
        return self.guard.may_close()

    def shutdown(self) -> None:
        """Stop the run and wait for its worker; stop the data folder's workers; give the autosave slot up."""
        self.session.shutdown()
        self.data_folder.shutdown()
        self.chart.shutdown()
        self.guard.close()
