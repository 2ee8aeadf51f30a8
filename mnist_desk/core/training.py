"""Training as a plain iterator.

Like ``train()`` in pytorch/examples' ``mnist/main.py``, but it yields a
:class:`TrainRecord` every few steps instead of printing, so the command line
draws a progress bar and the window a live chart from the same loop. Stopping
is cooperative and needs no flag: the consumer simply stops iterating
(``break`` or ``close()``); the :class:`Trainer` then still holds a consistent
state that :meth:`Trainer.checkpoint` saves and a later run resumes.

Batches are sliced from the split held in memory as one uint8 tensor; the
test set is evaluated at each epoch end (and optionally on a fixed subset
every ``test_every`` steps), not on all 10,000 digits every 100 steps as the
tutorial does.

Fine-tuning starts from given weights (``init``) and may measure a held-out
split beside the test split (``holdout``, a part of the user's own
handwriting set): its accuracy is reported wherever the test accuracy is, and
once before the first step (a ``"start"`` record), so a chart shows both
before and after.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from .augment import augment
from .data import MnistSplit, to_input
from .errors import ConfigError, TrainingDiverged
from .evaluation import accuracy_of
from .layers.batches import check_batches, training_threads
from .models import build_model
from .outliers import outlier_batch, uniform_target_loss
from .torch_threads import one_thread
from .train_checkpoint import make_checkpoint
from .train_config import OPTIMIZERS, SCHEDULES, TrainConfig, TrainRecord, make_optimizer, pick_device
from .train_state import FiniteGuard, ResumeNote, position_scheduler, restore_optimizer, start_config
from .weights import Checkpoint, load_state_dict_checked

__all__ = ["OPTIMIZERS", "SCHEDULES", "TrainConfig", "TrainRecord", "Trainer", "pick_device", "train"]

@dataclass
class _Progress:
    epoch: int = 0
    step_in_epoch: int = 0
    step: int = 0
    samples_seen: int = 0
    elapsed_s: float = 0.0
    best_test_accuracy: float | None = None
    last_test_accuracy: float | None = None
    last_holdout_accuracy: float | None = None
    start_test_accuracy: float | None = None  # before the first step of a fine-tuning run
    start_holdout_accuracy: float | None = None


class Trainer:
    """Holds one run's model, optimizer and progress; :meth:`run` is the loop.

    Parameters
    ----------
    config
        The settings.
    train_split, test_split
        Data in memory (see :func:`mnist_desk.core.data.load_split`). The test
        split may be ``None`` (no test accuracy is then reported).
    resume
        A checkpoint saved by :meth:`checkpoint`; its weights, optimizer state,
        progress and history are restored and the run continues where it
        stopped. Its architecture and activation override ``config``'s.
    init
        Weights to start from (fine-tuning), with a fresh optimizer and
        progress; their architecture and activation override ``config``'s.
    holdout
        Digits never trained on whose accuracy is measured with the test
        split's (the held-out part of a handwriting set).
    """

    def __init__(self, config: TrainConfig, train_split: MnistSplit, test_split: MnistSplit | None = None,
                 resume: Checkpoint | None = None, *, init: Checkpoint | None = None,
                 holdout: MnistSplit | None = None) -> None:
        start_from = resume if resume is not None else init
        config, notes = start_config(config, resume, init)
        config.validate()
        config = TrainConfig.from_dict({**config.to_dict(), "hold_out": config.held_out_count(len(train_split))})
        self.all_training_digits = train_split  # the held-out ones too: they calibrate the "no digit" answer
        self.calibration_inputs: torch.Tensor | None = None  # held-out digits augmented: at the first calibration
        if config.hold_out:
            if config.hold_out >= len(train_split):
                raise ConfigError("Cannot hold out {count} of {total} training digits.",
                                  count=config.hold_out, total=len(train_split))
            train_split = train_split.subset(len(train_split) - config.hold_out)
        self.config = config
        self.train_split = train_split
        self.test_split = test_split
        self.holdout_split = holdout
        self.fine_tuning = init is not None or holdout is not None
        self.device = pick_device(config.device)
        torch.manual_seed(config.seed)
        sizes_from = start_from.state_dict if start_from is not None else None
        self.layers = config.network_layers()  # a custom network's, else None
        self.model: nn.Module = build_model(config.arch, config.activation, sizes_from, self.layers).to(self.device)
        self.memory_format = torch.channels_last if config.channels_last else torch.contiguous_format
        self.model = self.model.to(memory_format=self.memory_format)
        if init is not None and resume is None:
            load_state_dict_checked(self.model, init.state_dict, init.arch)
        self.optimizer = self._make_optimizer()
        self.steps_per_epoch = math.ceil(len(train_split) / config.batch_size)
        check_batches(self.layers, config.batch_size, len(train_split))
        self.steps_total = self.steps_per_epoch * config.epochs
        if config.max_steps:
            self.steps_total = min(self.steps_total, config.max_steps)
        self.scheduler = (
            torch.optim.lr_scheduler.OneCycleLR(self.optimizer, max_lr=config.lr, total_steps=self.steps_total)
            if config.schedule == "onecycle" else None
        )
        self.history: list[dict[str, Any]] = []
        self.progress = _Progress()
        self.diverged: TrainingDiverged | None = None
        self.resume_notes: list[ResumeNote] = []
        if resume is not None:
            self._restore(resume)
            self.resume_notes += notes
        self.guard = FiniteGuard(self)

    def _make_optimizer(self) -> torch.optim.Optimizer:
        return make_optimizer(self.config, self.model.parameters(), self.device)

    def _restore(self, checkpoint: Checkpoint) -> None:
        load_state_dict_checked(self.model, checkpoint.state_dict, checkpoint.arch)
        self.history = list(checkpoint.history)
        # The saved moments with this run's settings; the schedule is made for this run's length, at its step.
        self.resume_notes = restore_optimizer(self, checkpoint)
        if checkpoint.progress:
            known = {f.name for f in fields(_Progress)}
            self.progress = _Progress(**{k: v for k, v in checkpoint.progress.items() if k in known})
            if self.progress.step_in_epoch >= self.steps_per_epoch:  # batch size changed since
                self.progress.epoch += 1
                self.progress.step_in_epoch = 0
        position_scheduler(self.scheduler, self.progress.step)

    @property
    def finished(self) -> bool:
        """Whether the run has done its epochs or its step budget."""
        return self.progress.epoch >= self.config.epochs or self.progress.step >= self.steps_total

    @property
    def stopped_by_budget(self) -> bool:
        """Finished because the step budget (``max_steps``) is used up, not the epochs."""
        return bool(self.config.max_steps) and self.progress.step >= self.config.max_steps \
            and self.progress.epoch < self.config.epochs

    def _epoch_order(self, epoch: int) -> torch.Tensor:
        # One generator per epoch, seeded from (seed, epoch), so a resumed run
        # sees the same order for the rest of the interrupted epoch.
        generator = torch.Generator().manual_seed((self.config.seed * 1_000_003 + epoch) % 2**63)
        return torch.randperm(len(self.train_split), generator=generator)

    def _current_lr(self) -> float:
        return float(self.optimizer.param_groups[0]["lr"])

    def evaluate_accuracy(self, split: MnistSplit) -> float:
        """Accuracy of the current model on ``split`` (eval mode, then back to training)."""
        self.model.eval()
        try:
            return accuracy_of(self.model, split, device=self.device)
        finally:
            self.model.train()

    def run(self, interrupt: Callable[[], bool] | None = None) -> Iterator[TrainRecord]:
        """Train, yielding a :class:`TrainRecord` every ``log_every`` steps and at each epoch end.

        See :meth:`_run`. A small built network trains on this thread alone
        (:func:`~mnist_desk.core.layers.batches.training_threads`); the count is
        put back when the run ends or is closed.
        """
        threads = training_threads(self.layers, self.config.batch_size, self.device.type)
        previous = torch.get_num_threads()
        if threads:
            torch.set_num_threads(threads)
        try:
            yield from self._run(interrupt)
        finally:
            if threads:
                torch.set_num_threads(previous)

    def _run(self, interrupt: Callable[[], bool] | None = None) -> Iterator[TrainRecord]:
        """Train, yielding a :class:`TrainRecord` every ``log_every`` steps and at each epoch end.

        Parameters
        ----------
        interrupt
            Called after every batch. It may block (that is how a window
            pauses the run); returning True ends the run right there, so a stop
            takes effect within one batch even between records.

        Stop at any time by no longer iterating (or through ``interrupt``); the
        state stays consistent for :meth:`checkpoint`.
        """
        config = self.config
        progress = self.progress
        images, labels = self.train_split.images, self.train_split.labels
        test_subset = (self.test_split.subset(config.test_subset) if (self.test_split and config.test_every > 0)
                       else None)
        self.model.train()
        session_start = time.perf_counter()
        session_steps = 0
        elapsed_before = progress.elapsed_s
        if self.fine_tuning and progress.step == 0 and not self.history:
            yield self._start_record()
        while not self.finished:
            order = self._epoch_order(progress.epoch)
            augment_generator = torch.Generator().manual_seed(
                (config.seed * 7919 + progress.epoch * 104_729 + progress.step_in_epoch) % 2**63)
            # Loss and hits are summed on the device and read only when a record is made:
            # reading them at every step would make a GPU wait for each batch to finish.
            interval_loss = torch.zeros((), device=self.device)
            epoch_loss = torch.zeros((), device=self.device)
            epoch_correct = torch.zeros((), dtype=torch.int64, device=self.device)
            interval_steps, interval_samples = 0, 0
            interval_start = time.perf_counter()
            epoch_seen = 0
            epoch_start = time.perf_counter()
            while progress.step_in_epoch < self.steps_per_epoch and progress.step < self.steps_total:
                start = progress.step_in_epoch * config.batch_size
                index = order[start:start + config.batch_size]
                x = to_input(images[index], self.device)
                y = labels[index].to(self.device)
                # Augmentation is many small operations on small tensors: on all threads a batch of 32
                # synthetic non-digits took 300 ms instead of 10 ms on 2 busy cores.
                with one_thread():
                    if config.augment:
                        x = augment(x, config.augment_recipe, augment_generator)
                    if config.outliers > 0:
                        extra = outlier_batch(max(1, round(config.outliers * len(y))), augment_generator)
                if config.outliers > 0:  # outlier exposure: non-digits in the same batch, towards uniform
                    both = torch.cat([x, extra.to(self.device)]).contiguous(memory_format=self.memory_format)
                    both = self.model(both)
                    output = both[:len(y)]
                    loss = (F.cross_entropy(output, y, label_smoothing=config.label_smoothing)
                            + config.outlier_weight * uniform_target_loss(both[len(y):]))
                else:
                    output = self.model(x.contiguous(memory_format=self.memory_format))
                    loss = F.cross_entropy(output, y, label_smoothing=config.label_smoothing)
                self.optimizer.zero_grad(set_to_none=True)
                loss.backward()
                self.optimizer.step()
                if self.scheduler is not None:
                    self.scheduler.step()

                batch = int(y.shape[0])
                progress.step_in_epoch += 1
                progress.step += 1
                progress.samples_seen += batch
                session_steps += 1
                batch_loss = loss.detach() * batch
                interval_loss += batch_loss
                epoch_loss += batch_loss
                interval_samples += batch
                interval_steps += 1
                epoch_correct += (output.detach().argmax(1) == y).sum()
                epoch_seen += batch
                progress.elapsed_s = elapsed_before + (time.perf_counter() - session_start)
                if interrupt is not None:
                    paused_from = time.perf_counter()
                    stop = interrupt()
                    # Time spent paused inside interrupt() is not training time.
                    paused = time.perf_counter() - paused_from
                    session_start += paused
                    interval_start += paused
                    epoch_start += paused
                    if stop:
                        if not self.guard.finite(float(interval_loss)):
                            self.guard.diverge()
                        return

                test_accuracy = holdout_accuracy = None
                if test_subset is not None and progress.step % config.test_every == 0:
                    test_accuracy = self.evaluate_accuracy(test_subset)
                    holdout_accuracy = self._holdout_accuracy()
                last_in_epoch = progress.step_in_epoch == self.steps_per_epoch or progress.step == self.steps_total
                if interval_steps >= config.log_every or test_accuracy is not None or last_in_epoch:
                    now = time.perf_counter()
                    interval_mean = float(interval_loss) / max(interval_samples, 1)
                    if not self.guard.finite(interval_mean):
                        self.guard.diverge()
                        return  # the last finite state is back; self.diverged says why
                    record = self._record(
                        "test" if test_accuracy is not None else "progress",
                        interval_mean, int(epoch_correct) / max(epoch_seen, 1),
                        interval_samples / max(now - interval_start, 1e-9), session_steps, session_start, test_accuracy,
                        holdout_accuracy=holdout_accuracy,
                    )
                    interval_loss.zero_()
                    interval_steps, interval_samples = 0, 0
                    interval_start = time.perf_counter()
                    self.guard.keep()  # a finite state, its record included: the one to go back to
                    handed_at = time.perf_counter()
                    yield record
                    waited = time.perf_counter() - handed_at  # what the caller does with a record is not training
                    session_start += waited
                    epoch_start += waited

            test_accuracy = self.evaluate_accuracy(self.test_split) if self.test_split is not None else None
            progress.last_test_accuracy = test_accuracy
            holdout_accuracy = self._holdout_accuracy()
            best = progress.best_test_accuracy
            if test_accuracy is not None and (best is None or test_accuracy > best):
                progress.best_test_accuracy = test_accuracy
            # An epoch cut short by the step budget stays unfinished, so a longer budget resumes inside it.
            completed = progress.step_in_epoch >= self.steps_per_epoch
            if completed:
                progress.epoch += 1
                progress.step_in_epoch = 0
            progress.elapsed_s = elapsed_before + (time.perf_counter() - session_start)
            # For a resumed epoch these cover only the part run in this session.
            epoch_record = self._record(
                "epoch", float(epoch_loss) / max(epoch_seen, 1), int(epoch_correct) / max(epoch_seen, 1),
                epoch_seen / max(time.perf_counter() - epoch_start, 1e-9), session_steps, session_start,
                test_accuracy, epoch=progress.epoch - 1 if completed else None, holdout_accuracy=holdout_accuracy)
            self.guard.keep()
            handed_at = time.perf_counter()
            yield epoch_record
            session_start += time.perf_counter() - handed_at  # the caller's saving and calibrating, not training
        self.model.eval()

    def _holdout_accuracy(self) -> float | None:
        if self.holdout_split is None:
            return None
        self.progress.last_holdout_accuracy = self.evaluate_accuracy(self.holdout_split)
        return self.progress.last_holdout_accuracy

    def _start_record(self) -> TrainRecord:
        """The accuracies of the weights a fine-tuning run starts from, at step 0 (no loss yet)."""
        progress = self.progress
        if self.test_split is not None:
            progress.start_test_accuracy = self.evaluate_accuracy(self.test_split)
        progress.start_holdout_accuracy = self._holdout_accuracy()
        return self._record("start", math.nan, math.nan, 0.0, 0, time.perf_counter(), progress.start_test_accuracy,
                            holdout_accuracy=progress.start_holdout_accuracy)

    def _record(self, kind: str, loss: float, train_accuracy: float, images_per_s: float, session_steps: int,
                session_start: float, test_accuracy: float | None, epoch: int | None = None,
                holdout_accuracy: float | None = None) -> TrainRecord:
        progress = self.progress
        per_step = (time.perf_counter() - session_start) / max(session_steps, 1)
        record = TrainRecord(
            kind=kind,
            epoch=progress.epoch if epoch is None else epoch,
            epochs=self.config.epochs,
            step=progress.step,
            steps_total=self.steps_total,
            step_in_epoch=progress.step_in_epoch if epoch is None else self.steps_per_epoch,
            steps_per_epoch=self.steps_per_epoch,
            samples_seen=progress.samples_seen,
            loss=loss,
            train_accuracy=train_accuracy,
            lr=self._current_lr(),
            images_per_s=images_per_s,
            elapsed_s=progress.elapsed_s,
            eta_s=per_step * max(self.steps_total - progress.step, 0),
            test_accuracy=test_accuracy,
            holdout_accuracy=holdout_accuracy,
        )
        self.history.append(record.to_dict())
        return record

    def checkpoint(self, include_resume_state: bool = True, calibrate: bool = False) -> Checkpoint:
        """The current weights, settings, history and (optionally) what resuming needs.

        Never weights that are not finite: should the run have been stopped
        (Ctrl+C) after a step that made them so, the last finite ones are put
        back first and :attr:`diverged` is set. With ``calibrate``, and when
        the run holds digits out, the weights get their "no digit" threshold,
        calibrated on the held-out digits (:func:`~.novelty.calibrate_held_out`):
        what a saved weights file needs to refuse as the shipped weights do.
        For 5,000 held out on 2 busy cores, their augmented copies take about
        7 s the first time (kept for the run), then each calibration is one
        pass over 10,000 inputs: 0.2 s (``fast``) to 2–6 s (``desk``).
        """
        return make_checkpoint(self, include_resume_state, calibrate)


def train(config: TrainConfig, train_split: MnistSplit, test_split: MnistSplit | None = None,
          resume: Checkpoint | None = None) -> Iterator[TrainRecord]:
    """Shorthand for ``Trainer(...).run()`` when the caller needs no checkpoint."""
    return Trainer(config, train_split, test_split, resume).run()
