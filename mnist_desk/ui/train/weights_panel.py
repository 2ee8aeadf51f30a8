"""Save, Save as, keep best, Load, Resume and "Use these weights" for the Train tab.

The panel keeps the newest :class:`Checkpoint` the run sent (plain data: CPU
tensor copies) and writes it with the core's atomic ``save_checkpoint`` on the
GUI thread: the files are small, and an atomic write never leaves a
half-written file, even if the window closes right after.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QSettings, QStandardPaths, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ..active_model import ActiveModel
from ..error_text import error_text
from ..icons import icon

if TYPE_CHECKING:
    from ...core.weights import Checkpoint

DEFAULT_WEIGHTS_FOLDER = "MNIST Desk"  # in the Documents folder (README: Train)



def default_file_name(checkpoint: Checkpoint, when: _dt.datetime | None = None) -> str:
    """e.g. ``mnist-tutorial-relu-2024-05-01-1432-acc98.35.pt``."""
    stamp = (when or _dt.datetime.now()).strftime("%Y-%m-%d-%H%M")
    accuracy = checkpoint.test_accuracy
    tail = f"-acc{accuracy * 100:.2f}" if accuracy is not None else ""
    return f"mnist-{checkpoint.arch}-{checkpoint.activation}-{stamp}{tail}.pt"


def best_file_name(checkpoint: Checkpoint, when: _dt.datetime | None = None) -> str:
    """e.g. ``mnist-tutorial-relu-2024-05-01-1432-best.pt`` ("Keep best" overwrites it)."""
    stamp = (when or _dt.datetime.now()).strftime("%Y-%m-%d-%H%M")
    return f"mnist-{checkpoint.arch}-{checkpoint.activation}-{stamp}-best.pt"


WEIGHT_SUFFIXES = (".pt", ".pth", ".pkl")


def default_weights_dir() -> Path:
    """Where trained weights go until the user picks another folder: "MNIST Desk" in the Documents folder.

    Its own folder, so that weights files never land loose among the user's
    documents (or in the home folder); created when first saved into
    (:func:`make_default_weights_dir`).
    """
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home() / "Documents") / DEFAULT_WEIGHTS_FOLDER


def make_default_weights_dir(folder: Path) -> None:
    """Create :func:`default_weights_dir` if ``folder`` is it and it is missing (any other folder is the user's)."""
    if folder == default_weights_dir():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # the save that follows says what is wrong with the folder


def dropped_weights_file(data: QMimeData) -> Path | None:
    """The weights file a drag brings (one local file with a weights suffix), or None."""
    urls = data.urls()
    if len(urls) == 1 and urls[0].isLocalFile() and Path(urls[0].toLocalFile()).suffix.lower() in WEIGHT_SUFFIXES:
        return Path(urls[0].toLocalFile())
    return None


class WeightsPanel(QWidget):
    """The run's weights: where they are saved and what to do with them.

    Signals
    -------
    loaded(object, str)
        A weights file was loaded (Checkpoint, path): the tab shows its settings and history.
    resume_requested(object)
        Continue training from this Checkpoint.
    saved(str)
        The weights were written to this path (by Save, Save as or a question's Save).
    """

    loaded = Signal(object, str)
    resume_requested = Signal(object)
    saved = Signal(str)

    def __init__(self, active_model: ActiveModel, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.active_model = active_model
        self.settings = settings
        self.checkpoint: Checkpoint | None = None
        self.checkpoint_label = ""  # e.g. "run #2, epoch 3" for the active-model source name
        self.saved_path: Path | None = None  # this run's file (Save writes here again)
        self.saved_step: int | None = None  # the step of the checkpoint last saved there
        self.best_path: Path | None = None
        self.best_accuracy: float | None = None
        self.running = False
        self.paused = False

        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setToolTip(self.tr("Save the weights (Ctrl+S); the first time into the weights folder "
                                            "with a name holding the date and accuracy"))
        self.save_as_button = QPushButton(self.tr("Save as…"), self)
        self.save_as_button.setToolTip(self.tr("Choose where to save the weights (Ctrl+Shift+S)"))
        self.keep_best = QCheckBox(self.tr("Keep best"), self)
        self.keep_best.setToolTip(self.tr("At each epoch end, save the weights when the test accuracy is the best "
                                          "of this run"))
        self.keep_best.setChecked(settings.value("train/keep_best", False, type=bool))
        self.keep_best.toggled.connect(lambda on: self.settings.setValue("train/keep_best", on))
        self.load_button = QPushButton(icon("load-weights"), self.tr("Load weights…"), self)
        self.load_button.setToolTip(self.tr("Open a weights file to look at its run, resume it or use it"))
        self.resume_button = QPushButton(self.tr("Resume stopped run"), self)
        self.resume_button.setToolTip(self.tr("Continue training these weights where their run stopped "
                                              "(raise Epochs to train a finished run further)"))
        self.use_button = QPushButton(self.tr("Use these weights"), self)
        self.use_button.setToolTip(self.tr("Make these weights the active model in every tab"))
        self.status = QLabel(self.tr("No weights yet: train, or load a weights file."), self)
        self.status.setWordWrap(True)
        self.save_button.clicked.connect(self.save)
        self.save_as_button.clicked.connect(self.save_as)
        self.load_button.clicked.connect(self.choose_and_load)
        self.resume_button.clicked.connect(self._on_resume)
        self.use_button.clicked.connect(self.use_weights)

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.save_button, 0, 0)
        layout.addWidget(self.save_as_button, 0, 1)
        layout.addWidget(self.keep_best, 0, 2)
        layout.addWidget(self.load_button, 1, 0)
        layout.addWidget(self.resume_button, 1, 1, 1, 2)
        layout.addWidget(self.use_button, 2, 0, 1, 3)
        layout.addWidget(self.status, 3, 0, 1, 3)
        self.update_buttons()

    # -- state --------------------------------------------------------------------------------
    def new_run(self) -> None:
        """A fresh run starts: it gets its own files."""
        self.checkpoint = None
        self.saved_path = self.best_path = None
        self.saved_step = None
        self.best_accuracy = None
        self.status.setText(self.tr("Training… the weights can be saved at each epoch end, when paused or stopped."))
        self.update_buttons()

    def resumed(self, step: int) -> None:
        """The panel's checkpoint trains again: what it says must not be its stopped state any more."""
        self.status.setText(self.tr("Training again from step {0:,}… the weights can be saved at each epoch end, "
                                    "when paused or stopped.").format(step))

    def nothing_trained(self, resumed: bool) -> None:
        """The run stopped before its first step."""
        if resumed:
            self.status.setText(self.tr("Stopped before any further step: the weights are as they were."))
        else:
            self.status.setText(self.tr("No weights yet: the run stopped before its first step."))
        self.update_buttons()

    def set_run_state(self, running: bool, paused: bool) -> None:
        self.running, self.paused = running, paused
        self.update_buttons()

    def update_buttons(self) -> None:
        have = self.checkpoint is not None
        # While the run trains, the newest checkpoint is an epoch's; saving it then is fine too,
        # but Resume and Load must wait until the run has stopped.
        self.save_button.setEnabled(have)
        self.save_as_button.setEnabled(have)
        self.use_button.setEnabled(have)
        self.load_button.setEnabled(not self.running)
        self.resume_button.setEnabled(have and not self.running and bool(self.checkpoint and self.checkpoint.resumable))

    def _then(self, first: str, second: str) -> str:
        """Two sentences one after the other: a space in English, none in Chinese."""
        return self.tr("{first} {second}").format(first=first, second=second)

    def take_checkpoint(self, checkpoint: Checkpoint, why: str, label: str) -> None:
        """The run sent a checkpoint ("epoch", "paused", "stopped", "finished"), or "recovered" (an autosave)."""
        self.checkpoint = checkpoint
        self.checkpoint_label = label
        step = (checkpoint.progress or {}).get("step")
        accuracy = checkpoint.test_accuracy
        done = int(checkpoint.metrics.get("epochs_completed", 0))
        if why in ("paused", "stopped") and not (checkpoint.progress or {}).get("step_in_epoch"):
            why += "_after"  # right at an epoch's end: "after epoch 2", as the progress panel says
        # The exact step: a stop lands between two records, so the bar alone may show an earlier one.
        text = {
            "epoch": self.tr("Epoch {0} done."),
            "paused": self.tr("Paused at step {1:,}, in epoch {0}."),
            "stopped": self.tr("Stopped at step {1:,}, in epoch {0}."),
            "paused_after": self.tr("Paused after epoch {0} (step {1:,})."),
            "stopped_after": self.tr("Stopped after epoch {0} (step {1:,})."),
            "finished": self.tr("Finished after epoch {0}."),
            "recovered": self.tr("Restored the unsaved run at step {1:,} ({0} epochs done)."),
        }.get(why, "{0}").format(done + (why in ("paused", "stopped")), int(step or 0))
        if accuracy is not None:
            text = self._then(text, self.tr("Test accuracy at the last epoch end: {0:.2f} %.").format(accuracy * 100))
        if self.saved_path is not None and self.saved_step == step:
            text = self._then(text, self.tr("Saved in {0}.").format(self.saved_path))
        else:
            text = self._then(text, self.tr("Not saved yet."))
        if why == "epoch" and self.keep_best.isChecked():
            text = self._keep_if_best(checkpoint) or text
        self.status.setText(text.replace(" %", "\u00a0%"))  # "96.72 %" never wraps before its %
        self.update_buttons()

    def _keep_if_best(self, checkpoint: Checkpoint) -> str | None:
        accuracy = checkpoint.test_accuracy
        if accuracy is None or (self.best_accuracy is not None and accuracy <= self.best_accuracy):
            return None
        if self.best_path is None:  # one file per run, overwritten by each better epoch
            self.best_path = self.weights_dir() / best_file_name(checkpoint)
        if self._write(checkpoint, self.best_path, quiet=True):
            self.best_accuracy = accuracy
            return self.tr("Best so far ({0:.2f} % at epoch {1}) kept in {2}.").format(
                accuracy * 100, checkpoint.metrics.get("epochs_completed", "?"), self.best_path)
        return None

    # -- files --------------------------------------------------------------------------------
    def _filter(self) -> str:
        return self.tr("Weights (*.pt *.pth *.pkl);;All files (*)")

    def weights_dir(self) -> Path:
        """The folder the last weights were saved in or loaded from, else :func:`default_weights_dir`."""
        stored = self.settings.value("train/weights_dir", "", type=str)
        if stored and Path(stored).is_dir():
            return Path(stored)
        return default_weights_dir()

    def _write(self, checkpoint: Checkpoint, path: Path, quiet: bool = False) -> bool:
        from ...core.errors import WeightsError
        from ...core.weights import save_checkpoint

        try:
            make_default_weights_dir(path.parent)
            save_checkpoint(checkpoint, path)
        except WeightsError as error:
            if quiet:
                self.status.setText(error_text(error))
            else:
                self.show_error(self.tr("Could not save the weights"), error_text(error))
            return False
        return True

    @Slot()
    def save(self) -> Path | None:
        """Save to this run's file (the first time: the weights folder, default name)."""
        if self.checkpoint is None:
            return None
        path = self.saved_path or self.weights_dir() / default_file_name(self.checkpoint)
        return self.save_to(path)

    @Slot()
    def save_as(self) -> Path | None:
        if self.checkpoint is None:
            return None
        start = self.saved_path or self.weights_dir() / default_file_name(self.checkpoint)
        make_default_weights_dir(start.parent)  # the dialog opens in it, not in the current folder
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save weights as"), str(start), self._filter())
        if not chosen:
            return None
        return self.save_to(Path(chosen))

    def save_to(self, path: Path) -> Path | None:
        assert self.checkpoint is not None
        if path.suffix == "":
            path = path.with_suffix(".pt")
        if not self._write(self.checkpoint, path):
            return None
        self.saved_path = path
        self.saved_step = (self.checkpoint.progress or {}).get("step")
        self.settings.setValue("train/weights_dir", str(path.parent))
        self.status.setText(self.tr("Saved in {0}.").format(path))
        self.saved.emit(str(path))
        return path

    @Slot()
    def choose_and_load(self) -> None:
        make_default_weights_dir(self.weights_dir())
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Load weights"), str(self.weights_dir()),
                                                self._filter())
        if chosen:
            self.load(Path(chosen))

    def load(self, path: Path) -> bool:
        """Load a weights file into the panel (not yet the active model); False with a message if bad."""
        from ...core.errors import WeightsError
        from ...core.weights import load_checkpoint

        try:
            checkpoint = load_checkpoint(path)
        except WeightsError as error:
            self.show_error(self.tr("Could not load the weights"), error_text(error))
            return False
        self.checkpoint = checkpoint
        self.checkpoint_label = path.name
        self.saved_path, self.saved_step = path, (checkpoint.progress or {}).get("step")
        self.best_path, self.best_accuracy = None, None
        self.settings.setValue("train/weights_dir", str(path.parent))
        accuracy = checkpoint.test_accuracy
        # Whole sentences (no pieces glued with ASCII punctuation): a translation has its own.
        if accuracy is None:
            text = self.tr("Loaded {0} ({1}, {2}).").format(path.name, checkpoint.arch, checkpoint.activation)
        else:
            text = self.tr("Loaded {0} ({1}, {2}, test accuracy {3:.2f} %).").format(
                path.name, checkpoint.arch, checkpoint.activation, accuracy * 100)
        if checkpoint.resumable:
            text = self._then(text, self.tr("Its run can be resumed."))
        else:
            text = self._then(text, self.tr("It holds no optimizer state, so its run cannot be resumed."))
        self.status.setText(text.replace(" %", "\u00a0%"))  # "96.72 %" never wraps before its %
        self.update_buttons()
        self.loaded.emit(checkpoint, str(path))
        return True

    @Slot()
    def _on_resume(self) -> None:
        if self.checkpoint is not None and self.checkpoint.resumable:
            self.resume_requested.emit(self.checkpoint)

    @Slot()
    def use_weights(self) -> None:
        """Make the checkpoint the active model in every tab."""
        if self.checkpoint is None:
            return
        from ...core.errors import MnistDeskError

        source = str(self.saved_path) if (self.saved_path and self.saved_step ==
                                          (self.checkpoint.progress or {}).get("step")) else self.checkpoint_label
        try:
            self.active_model.set_checkpoint(self.checkpoint, source)
        except MnistDeskError as error:
            self.show_error(self.tr("Could not use these weights"), error_text(error))
            return
        self.status.setText(self.tr("These weights are now the active model in every tab ({0}).").format(
            self.active_model.display_name() or source))

    def show_error(self, title: str, message: str) -> None:
        """A plain message box (tests replace it)."""
        QMessageBox.warning(self, title, message)
