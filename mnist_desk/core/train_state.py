"""A run's state, put back: a saved run resumed with other settings, and the last finite state after a divergence.

Resuming restores the weights, the optimizer's moments and the progress of a
saved run, but the *settings* are the new run's: another learning rate,
schedule, number of epochs or step budget, even another optimizer (whose
moments then start afresh). The one-cycle schedule is rebuilt for the new
length and moved to the step the run stands at, so "train a finished
one-cycle run for more epochs" stretches the cycle instead of stepping past
its end.

:class:`FiniteGuard` keeps a copy of the last state whose loss and weights
were finite numbers; when a step makes them NaN or infinite (a learning rate
far too high), the run puts that copy back and stops with a
:class:`~mnist_desk.core.errors.TrainingDiverged` that says so.
"""

from __future__ import annotations

import copy
import math
import warnings
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import torch

from .errors import ConfigError, TrainingDiverged
from .layers.batches import saved_layers_text
from .train_config import TrainConfig

if TYPE_CHECKING:
    from .training import Trainer
    from .weights import Checkpoint


class ResumeNote(str):
    """A note on what a resumed run could not carry over: English text, and a ``code`` with its ``fields``.

    It is a ``str`` so that the command line prints it as it is; the window
    says the same in the user's language from ``code`` and ``fields`` (plain
    data, sent across threads).
    """

    code: str
    fields: dict[str, Any]

    def __new__(cls, code: str, text: str, **fields: Any) -> ResumeNote:
        """The note ``code``, its English ``text`` (a str.format pattern) filled with ``fields``."""
        note = super().__new__(cls, text.format(**fields))
        note.code = code
        note.fields = fields
        return note


_LOAD_ERRORS = (ValueError, KeyError, TypeError, IndexError, RuntimeError)


def _saved_optimizer(checkpoint: Checkpoint) -> str | None:
    """Which optimizer made the saved state: the run's setting, else told by the moments it keeps."""
    named = checkpoint.hparams.get("optimizer")
    if isinstance(named, str):
        return named
    states = (checkpoint.optimizer_state or {}).get("state", {})
    keys = {key for state in states.values() if isinstance(state, dict) for key in state}
    if "exp_avg" in keys:
        return "adam"
    if "momentum_buffer" in keys:
        return "sgd"
    return None


def start_config(config: TrainConfig, resume: Checkpoint | None,
                 init: Checkpoint | None) -> tuple[TrainConfig, list[ResumeNote]]:
    """The settings a run trains with when it resumes ``resume`` or fine-tunes ``init``, and what to tell the user.

    The saved network (architecture, activation, layer list) overrides the
    form's; a resumed run also keeps the digits it held out at its start,
    since it has trained on all the others.
    """
    notes: list[ResumeNote] = []
    if resume is not None:
        saved = (resume.hparams or {}).get("hold_out", 0)
        saved = saved if isinstance(saved, int) and not isinstance(saved, bool) and saved >= 0 else 0
        if config.hold_out is not None and config.hold_out != saved:
            notes.append(ResumeNote("kept_hold_out", "the run keeps its {count:,} held-out digits (it has trained "
                                    "on the others)", count=saved))
        config = TrainConfig.from_dict({**config.to_dict(), "arch": resume.arch, "activation": resume.activation,
                                        "hold_out": saved, "layers": saved_layers_text(resume) or config.layers})
    elif init is not None:  # fine-tuning: the starting weights' network
        config = TrainConfig.from_dict({**config.to_dict(), "arch": init.arch, "activation": init.activation,
                                        "layers": saved_layers_text(init) or config.layers})
    return config, notes


def restore_optimizer(trainer: Trainer, checkpoint: Checkpoint) -> list[ResumeNote]:
    """Load the saved optimizer moments into ``trainer.optimizer``, keeping this run's settings.

    Returns
    -------
    list of ResumeNote
        Notes for the user on what could not be carried over.

    Raises
    ------
    ConfigError
        When the saved state does not fit the network (another size).
    """
    config = trainer.config
    if checkpoint.optimizer_state is None:
        return []
    saved = _saved_optimizer(checkpoint)
    if saved is not None and saved != config.optimizer:
        return [ResumeNote("fresh_moments", "the run was trained with {saved}: {optimizer} starts with fresh moments",
                           saved=saved, optimizer=config.optimizer)]
    optimizer = trainer.optimizer
    # This run's settings (learning rate, momentum, the schedule's own keys), as the optimizer was made with them.
    settings = [{key: value for key, value in group.items() if key != "params"} for group in optimizer.param_groups]
    try:
        optimizer.load_state_dict(checkpoint.optimizer_state)
    except _LOAD_ERRORS as error:
        raise ConfigError("The optimizer state saved with these weights does not fit this network; train it from "
                          "scratch instead.") from error
    for group, own in zip(optimizer.param_groups, settings):
        for key in [key for key in group if key != "params" and key not in own]:
            del group[key]  # e.g. the one-cycle schedule's keys, resuming with a constant one
        group.update(own)
    for group in optimizer.param_groups:
        for parameter in group["params"]:
            for value in optimizer.state.get(parameter, {}).values():
                if isinstance(value, torch.Tensor) and value.ndim and value.shape != parameter.shape:
                    raise ConfigError("The optimizer state saved with these weights does not fit this network; "
                                      "train it from scratch instead.")
    return []


def position_scheduler(scheduler: Any, step: int) -> None:
    """Move a freshly made schedule to ``step`` (as if it had been stepped that many times)."""
    if scheduler is None or step <= 0 or step >= getattr(scheduler, "total_steps", step + 1):
        return
    scheduler.last_epoch = step - 1
    with warnings.catch_warnings():  # "lr_scheduler.step() before optimizer.step()": on purpose here
        warnings.simplefilter("ignore")
        scheduler.step()


def _copied(value: Any) -> Any:
    """A deep copy in which tensors are cloned (``copy.deepcopy`` copies each tensor's whole storage, slowly)."""
    if isinstance(value, torch.Tensor):
        return value.detach().clone()
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_copied(item) for item in value)
    return copy.deepcopy(value)


class FiniteGuard:
    """The last state of a run whose loss and weights were finite, to go back to.

    :meth:`keep` copies the model, optimizer, schedule, progress and the
    length of the history; :meth:`restore` puts them back.
    """

    def __init__(self, trainer: Trainer) -> None:
        self.trainer = trainer
        self._kept: dict[str, Any] | None = None
        self.keep()

    @property
    def kept_step(self) -> int:
        """The step of the weights kept last (0 before any)."""
        return int(self._kept["progress"]["step"]) if self._kept is not None else 0

    def weights_finite(self) -> bool:
        """Whether every floating-point parameter and buffer is a finite number."""
        tensors = [t for t in self.trainer.model.state_dict().values() if t.is_floating_point()]
        return bool(torch.stack([torch.isfinite(t).all() for t in tensors]).all()) if tensors else True

    def keep(self) -> None:
        """Keep a copy of the trainer's weights, optimizer, schedule and progress, as they are now."""
        trainer = self.trainer
        self._kept = {
            "model": {k: v.detach().clone() for k, v in trainer.model.state_dict().items()},
            "optimizer": _copied(trainer.optimizer.state_dict()),
            "scheduler": trainer.scheduler.state_dict() if trainer.scheduler is not None else None,
            "progress": asdict(trainer.progress),
            "history": len(trainer.history),
        }

    def restore(self) -> None:
        """Put the kept copy back into the trainer (the last finite weights, after a divergence)."""
        trainer, kept = self.trainer, self._kept
        assert kept is not None
        trainer.model.load_state_dict(kept["model"])
        trainer.optimizer.load_state_dict(kept["optimizer"])
        if trainer.scheduler is not None and kept["scheduler"] is not None:
            trainer.scheduler.load_state_dict(kept["scheduler"])
        elapsed = trainer.progress.elapsed_s
        trainer.progress = type(trainer.progress)(**{**kept["progress"], "elapsed_s": elapsed})
        del trainer.history[kept["history"]:]

    def finite(self, loss: float) -> bool:
        """Whether the loss since the last record, and the weights now, are finite numbers."""
        return math.isfinite(loss) and self.weights_finite()

    def diverge(self) -> None:
        """Put the kept state back; ``trainer.diverged`` says what happened."""
        trainer = self.trainer
        step = trainer.progress.step
        self.restore()
        lr = trainer.config.lr
        if self.kept_step > 0:
            trainer.diverged = TrainingDiverged(
                "Training stopped at step {step:,}: the loss is no longer a finite number (NaN or infinity), so the "
                "learning rate ({lr:g}) is probably too high. The last finite weights, of step {kept:,}, are kept.",
                step=step, lr=lr, kept=self.kept_step)
        else:
            trainer.diverged = TrainingDiverged(
                "Training stopped at step {step:,}: the loss is no longer a finite number (NaN or infinity), so the "
                "learning rate ({lr:g}) is probably too high. No weights were trained before that.",
                step=step, lr=lr)
