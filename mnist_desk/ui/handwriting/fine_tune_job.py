"""The worker's side of fine-tuning in the Train tab: the run's settings, the set read, split and mixed.

Called from :func:`mnist_desk.ui.train.session.training_steps` in the worker
thread when the job fine-tunes (:class:`FineTunePart`); nothing here touches a
widget. The settings are the form's on top of the starting weights' recipe
(:func:`~mnist_desk.core.handwriting.fine_tune.fine_tune_config`) and the set's
held-out part is measured beside MNIST's test digits; every checkpoint gets
its "no digit" threshold calibrated again on the MNIST digits the run held out
(``Trainer.checkpoint(calibrate=True)``, as for any run: the fine-tuned
weights are not the weights the old threshold was made for).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ...core.data import MnistSplit
    from ...core.train_config import TrainConfig
    from ...core.weights import Checkpoint


@dataclass(frozen=True)
class FineTunePart:
    """What a fine-tuning job adds to a training job (built on the GUI thread, read-only after)."""

    init: Checkpoint  # the weights to start from (the active ones)
    folder: Path  # the handwriting set
    share: float  # of the training digits, the set's
    holdout: float  # of each digit of the set, held out
    name: str = ""  # how the run is called on the chart


@dataclass
class FineTuneInputs:
    """A fine-tuning run's settings and data, made in the worker."""

    config: TrainConfig
    train: MnistSplit  # MNIST with the set's training part mixed in (the set's digits first)
    holdout: MnistSplit
    facts: dict[str, Any]  # for the "started" line: the set, how many digits on each side


def fine_tune_inputs(part: FineTunePart, form: dict[str, Any], mnist_train: MnistSplit) -> FineTuneInputs:
    """Read the set (raising naming the first bad file), split it, mix its training part into MNIST's.

    Parameters
    ----------
    part
        The fine-tuning job.
    form
        The Train form's settings (its network is ignored: the starting weights' is trained).
    mnist_train
        MNIST's training digits.
    """
    from ...core.handwriting.fine_tune import fine_tune_config, fine_tune_data
    from ...core.handwriting.reading import read_set

    # The form's network is the weights'; its hold_out (None: the default share) would replace the weights' own,
    # whose digits are the ones they never trained on (MNIST's last, the set's digits come first in the mix).
    settings = {key: value for key, value in form.items()
                if key not in ("arch", "activation", "layers") and not (key == "hold_out" and value is None)}
    config = fine_tune_config(part.init, **settings)
    data = fine_tune_data(read_set(part.folder), mnist_train, share=part.share, holdout=part.holdout,
                          seed=config.seed)
    facts = {"set": part.folder.name, "trained": len(data.trained_paths), "held_out": len(data.held_out_paths),
             "repeats": data.repeats, "mnist": len(mnist_train) - config.held_out_count(len(data.train))}
    return FineTuneInputs(config, data.train, data.holdout, facts)
