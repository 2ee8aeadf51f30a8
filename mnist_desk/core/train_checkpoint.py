"""A training run's checkpoint: weights, settings, history and what resuming needs (a :class:`~.weights.Checkpoint`).

Made apart from the loop in :mod:`.training` (which calls it at every epoch end,
pause and stop): what a weights file holds, and the "no digit" threshold it
is calibrated with, are the file's concern, not the loop's.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import torch

from .layers.spec import layers_to_data
from .weights import Checkpoint

if TYPE_CHECKING:
    from .training import Trainer


def make_checkpoint(trainer: Trainer, include_resume_state: bool = True, calibrate: bool = False) -> Checkpoint:
    """``trainer``'s checkpoint now; see :meth:`~.training.Trainer.checkpoint`."""
    if trainer.diverged is None and not trainer.guard.weights_finite():
        trainer.guard.diverge()
    progress = asdict(trainer.progress)
    metrics: dict[str, Any] = {
        "test_accuracy": trainer.progress.last_test_accuracy,
        "best_test_accuracy": trainer.progress.best_test_accuracy,
        "epochs_completed": trainer.progress.epoch,
        "training_seconds": round(trainer.progress.elapsed_s, 1),
    }
    if trainer.holdout_split is not None:  # fine-tuned on a handwriting set: its held-out part, before and after
        metrics.update(holdout_accuracy=trainer.progress.last_holdout_accuracy,
                       holdout_accuracy_before=trainer.progress.start_holdout_accuracy,
                       test_accuracy_before=trainer.progress.start_test_accuracy)
    checkpoint = Checkpoint(
        state_dict={k: v.detach().cpu().clone() for k, v in trainer.model.state_dict().items()},
        arch=trainer.config.arch,
        activation=trainer.config.activation,
        layers=layers_to_data(trainer.layers) if trainer.layers else None,
        hparams=trainer.config.to_dict(),
        history=list(trainer.history),
        metrics=metrics,
        optimizer_state=_to_cpu(trainer.optimizer.state_dict()) if include_resume_state else None,
        scheduler_state=trainer.scheduler.state_dict() if (include_resume_state and trainer.scheduler) else None,
        progress=progress if include_resume_state else None,
    )
    held_out = trainer.config.hold_out or 0
    if calibrate and held_out >= 2:
        from .novelty import calibrate_held_out, calibration_digits

        if trainer.calibration_inputs is None:  # made once a run: the same digits at every epoch
            trainer.calibration_inputs = calibration_digits(trainer.all_training_digits, held_out)
        checkpoint.novelty = calibrate_held_out(checkpoint.build(), trainer.all_training_digits, held_out,
                                                trainer.calibration_inputs).to_dict()
    return checkpoint


def _to_cpu(value: Any) -> Any:
    if isinstance(value, torch.Tensor):
        return value.detach().cpu()
    if isinstance(value, dict):
        return {k: _to_cpu(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_cpu(v) for v in value]
    return value
