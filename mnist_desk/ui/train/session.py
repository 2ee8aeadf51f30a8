"""One training run at a time, in a worker thread.

The :class:`~mnist_desk.core.training.Trainer` lives entirely on the worker
side: :func:`training_steps` builds it in the worker and drives it, and the GUI
only ever receives plain data: ``TrainRecord.to_dict()`` records and
:class:`~mnist_desk.core.weights.Checkpoint` copies (CPU tensor copies nobody
else holds). A checkpoint is sent at every epoch end, when the run is paused
(taken in the worker right before it blocks, so "Save" while paused saves
exactly where it stands) and when it stops.

Items the worker emits, as tuples:

``("status", code)``          "loading" (reading MNIST), "reading_set" (fine-tuning's handwriting set), "building",
                              "calibrating" (before a calibrated checkpoint), "training" (after an epoch's)
``("data", train, test)``     the splits just loaded, as :class:`DigitArrays` (cached for the next run)
``("started", info)``         device, steps, where a resumed run starts
``("record", record_dict)``   one ``TrainRecord.to_dict()``
``("checkpoint", why, ckpt)`` why: "epoch", "paused", "stopped" or "finished"
``("autosave_failed", text)`` the automatic checkpoint could not be written (the run goes on)

Each checkpoint is also written to the job's ``autosave`` file, in the worker
(see :mod:`.autosave`). A run stopped before its first step sends none: there
is nothing to save or resume.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from ..data_folder import DigitArrays, SplitLoader
from ..handwriting.fine_tune_job import FineTunePart, fine_tune_inputs
from ..worker import IteratorWorker, WorkerRunner

if TYPE_CHECKING:
    from ...core.training import Trainer
    from ...core.weights import Checkpoint

log = logging.getLogger(__name__)


@dataclass
class TrainJob:
    """What one run needs; built on the GUI thread, read-only afterwards."""

    config: dict[str, Any]  # TrainConfig.to_dict()
    root: Path
    loader: SplitLoader
    train: DigitArrays | None = None  # already loaded (a previous run's), else loaded in the worker
    test: DigitArrays | None = None
    resume: Checkpoint | None = None
    autosave: Path | None = None  # where the worker keeps the run's automatic checkpoint
    fine_tune: FineTunePart | None = None  # start from weights, mix in a handwriting set (ui/handwriting)


def _autosave(worker: IteratorWorker, job: TrainJob, checkpoint: Checkpoint) -> None:
    """Write the automatic checkpoint (worker thread); a failure is reported once per run, never fatal."""
    if job.autosave is None:
        return
    from ...core.errors import MnistDeskError
    from ...core.weights import save_checkpoint

    try:
        save_checkpoint(checkpoint, job.autosave)
    except (MnistDeskError, OSError) as error:
        log.warning("could not write the automatic checkpoint %s: %s", job.autosave, error)
        job.autosave = None  # no retry at every epoch: one message is enough
        worker.item.emit(("autosave_failed", str(error)))


class PauseControl:
    """Pause requests from the GUI, acknowledged by the worker with a checkpoint.

    The worker itself sets the worker's paused flag (after sending the
    checkpoint), under the same lock the GUI resumes under, so a resume can
    never be lost between the two.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requested = False
        self.acknowledged = False
        self.worker: IteratorWorker | None = None

    def request(self) -> None:
        with self.lock:
            self.requested = True

    def resume(self) -> None:
        with self.lock:
            self.requested = False
            self.acknowledged = False
            if self.worker is not None:
                self.worker.set_paused(False)


def _calibrated_checkpoint(worker: IteratorWorker, trainer: Trainer) -> Checkpoint:
    """``trainer.checkpoint(calibrate=True)``, said first: calibrating takes seconds (the first time, making the
    held-out digits' augmented copies: ~7 s), during which a pause or a stop would otherwise wait in silence."""
    if (trainer.config.hold_out or 0) >= 2:
        worker.item.emit(("status", "calibrating"))
    return trainer.checkpoint(calibrate=True)


def _interrupt_for(worker: IteratorWorker, trainer: Trainer, control: PauseControl, job: TrainJob):
    """The ``interrupt`` Trainer.run calls after every batch."""

    def interrupt() -> bool:
        with control.lock:
            if control.requested and not control.acknowledged:
                control.acknowledged = True
                # Emitted from the worker thread like every item; the state is consistent here
                # (the batch is fully applied), and the copy is the GUI's to keep.
                checkpoint = _calibrated_checkpoint(worker, trainer)
                worker.item.emit(("checkpoint", "paused", checkpoint))
                _autosave(worker, job, checkpoint)
                worker.set_paused(True)
        return worker.interrupt()  # blocks while paused; True once a stop was requested

    return interrupt


def training_steps(worker: IteratorWorker, job: TrainJob, control: PauseControl) -> Iterator[tuple[Any, ...]]:
    """The worker's side of a run (see the module docstring for the items)."""
    train, test = job.train, job.test
    if train is None or test is None:
        yield ("status", "loading")
        train = DigitArrays.from_split(job.loader(job.root, True))
        test = DigitArrays.from_split(job.loader(job.root, False))
        yield ("data", train, test)
    if worker.interrupt():  # stopped while loading: no run to start
        return
    from ...core.training import TrainConfig, Trainer

    config, train_split, tuning = TrainConfig.from_dict(job.config), train.to_split(), None
    if job.fine_tune is not None:
        yield ("status", "reading_set")
        tuning = fine_tune_inputs(job.fine_tune, job.config, train_split)
        config, train_split = tuning.config, tuning.train
    yield ("status", "building")
    trainer = Trainer(config, train_split, test.to_split(), job.resume,
                      init=job.fine_tune.init if job.fine_tune is not None and job.resume is None else None,
                      holdout=tuning.holdout if tuning is not None else None)
    yield ("started", {
        "device": str(trainer.device),
        "arch": trainer.config.arch,
        "activation": trainer.config.activation,
        "layers": trainer.config.layers,  # a built network's, as text ("" for the named ones)
        "steps_total": trainer.steps_total,
        "steps_per_epoch": trainer.steps_per_epoch,
        "start_step": trainer.progress.step,
        "start_epoch": trainer.progress.epoch,
        "start_step_in_epoch": trainer.progress.step_in_epoch,
        # Where the resumed checkpoint stood, to say so if the run continues elsewhere.
        "resumed_from": dict(job.resume.progress or {}) if job.resume is not None else None,
        "resume_notes": [(note.code, dict(note.fields)) for note in trainer.resume_notes],  # said in the tab's words
        "epochs": trainer.config.epochs,
        "train_size": len(trainer.train_split),  # the digits it trains on: the held-out ones are not
        "config": trainer.config.to_dict(),
        "fine_tune": tuning.facts if tuning is not None else None,
    })
    control.worker = worker
    last_sent_step = trainer.progress.step  # a run stopped before its first step has nothing new to send
    records = trainer.run(interrupt=_interrupt_for(worker, trainer, control, job))
    clean = False
    try:
        for record in records:
            yield ("record", record.to_dict())
            if record.kind == "epoch":
                last_sent_step = trainer.progress.step
                checkpoint = _calibrated_checkpoint(worker, trainer)
                _autosave(worker, job, checkpoint)
                yield ("checkpoint", "epoch", checkpoint)
                yield ("status", "training")  # the run goes on: its own line again
        clean = True
    except GeneratorExit:  # the worker stopped iterating (a stop between items): still a clean state
        clean = True
        raise
    finally:
        records.close()
        untrained = trainer.diverged is not None and trainer.progress.step == 0  # nothing worth keeping
        if clean and trainer.progress.step != last_sent_step and not untrained:
            why = "finished" if trainer.finished else "stopped"
            checkpoint = _calibrated_checkpoint(worker, trainer)
            # No yield is possible while closing; emit directly, still from the worker thread.
            worker.item.emit(("checkpoint", why, checkpoint))
            _autosave(worker, job, checkpoint)
    if trainer.diverged is not None:  # the loss went NaN: the last finite weights were sent just now
        raise trainer.diverged


class TrainingSession(QObject):
    """Starts, pauses, resumes and stops the one training run; re-emits its items as signals.

    Signals
    -------
    status(str)            "loading", "building"
    data_loaded(object, object)   train and test :class:`DigitArrays`
    started(dict)          the run's facts (device, steps ...)
    record(dict)           one TrainRecord as a dict
    checkpoint(object, str)  a Checkpoint and why it was taken
    autosave_failed(str)   the automatic checkpoint could not be written (why)
    state_changed(str)     "idle", "running", "pausing", "paused", "stopping"
    ended(str, str)        "completed", "stopped" or "failed", and the error message if failed
    """

    status = Signal(str)
    data_loaded = Signal(object, object)
    started = Signal(dict)
    record = Signal(dict)
    checkpoint = Signal(object, str)
    autosave_failed = Signal(str)
    state_changed = Signal(str)
    ended = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = WorkerRunner(self)
        self._control = PauseControl()
        self._state = "idle"
        self._outcome = ("completed", "")

    @property
    def state(self) -> str:
        return self._state

    def is_active(self) -> bool:
        """True from start until the worker has finished."""
        return self._state != "idle"

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def start(self, job: TrainJob) -> None:
        """Start a run; one at a time."""
        if self.is_active():
            raise RuntimeError("a training run is already active")
        control = self._control = PauseControl()
        self._outcome = ("completed", "")
        self._set_state("running")
        self._runner.start_job(lambda w: training_steps(w, job, control), on_item=self._on_item,
                               on_failed=self._on_failed, on_stopped=self._on_stopped, on_completed=self._on_completed,
                               on_finished=self._on_finished)

    def pause(self) -> None:
        if self._state == "running":
            self._control.request()
            self._set_state("pausing")

    def resume(self) -> None:
        if self._state in ("pausing", "paused"):
            self._control.resume()
            self._set_state("running")

    def stop(self) -> None:
        if self.is_active() and self._state != "stopping":
            self._runner.request_stop()  # also wakes a paused worker
            self._set_state("stopping")

    def shutdown(self, wait_ms: int | None = None) -> bool:
        """Stop the run and wait for the worker thread to end (closing the window; see :meth:`WorkerRunner.shutdown`).

        ``wait_ms`` instead of the close's short wait: when the user chose Save or Discard for the
        run, which may be in its test evaluation (seconds, with no stop looked at). What the worker sent last
        (the stopped run's checkpoint) is delivered before this returns, so the caller can save it.
        A run that does not stop in time is left behind, what it sent until then kept: the session
        is idle either way.
        """
        ended = self._runner.shutdown() if wait_ms is None else self._runner.stop_and_wait(wait_ms)
        if ended:
            QCoreApplication.sendPostedEvents(self)  # the queued items, then stopped and finished
        self._set_state("idle")
        return ended

    @Slot(object)
    def _on_item(self, item: Any) -> None:
        kind = item[0]
        if kind == "record":
            self.record.emit(item[1])
        elif kind == "checkpoint":
            why = item[1]
            if why == "paused" and self._state == "pausing":
                self._set_state("paused")
            self.checkpoint.emit(item[2], why)
        elif kind == "started":
            self.started.emit(item[1])
        elif kind == "status":
            if item[1] == "training" and self._state != "running":
                return  # paused or stopping since: that is what the progress line says
            self.status.emit(item[1])
        elif kind == "data":
            self.data_loaded.emit(item[1], item[2])
        elif kind == "autosave_failed":
            self.autosave_failed.emit(item[1])

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._outcome = ("failed", message)

    @Slot()
    def _on_stopped(self) -> None:
        self._outcome = ("stopped", "")

    @Slot()
    def _on_completed(self) -> None:
        # The loop may end by itself right after a stop request was noticed by the trainer.
        self._outcome = ("stopped", "") if self._state == "stopping" else ("completed", "")

    @Slot()
    def _on_finished(self) -> None:
        self._set_state("idle")
        self.ended.emit(*self._outcome)
