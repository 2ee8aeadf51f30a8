"""What the Train tab's progress line says about a run: started, resumed (and where), stopped, finished.

The texts keep the Train tab's translation context ("TrainTab"), where they were first written.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ..names import activation_name, arch_name, device_name, optimizer_name

translate = QCoreApplication.translate


def then(first: str, second: str) -> str:
    """Two sentences one after the other: a space in English, none in Chinese."""
    return translate("TrainTab", "{first} {second}").format(first=first, second=second)


def started(info: dict[str, Any]) -> str:
    """The worker's "started" item, in words: what trains, on what, from which step."""
    names = (arch_name(info["arch"]), activation_name(info["activation"]), int(info["train_size"]),
             device_name(info["device"]))
    step = int(info["start_step"])
    if info.get("layers"):  # built layer by layer: named by its sizes, its activations are in its layers
        from ...core.layers import parse_spec
        from ..architecture.names import built_name

        names = (built_name(parse_spec(info["layers"])), *names[1:])
    tuned = info.get("fine_tune")
    if tuned and info.get("resumed_from") is None:
        return translate("TrainTab", "Fine-tuning {network} ({activation}) on {device}: {mnist:,} MNIST digits with "
                                     "{trained:,} of your digits from “{set}” mixed in, each {repeats:,} times an "
                                     "epoch; {held:,} of yours held out, never trained on.").format(
            network=names[0], activation=names[1], device=names[3], mnist=tuned["mnist"], trained=tuned["trained"],
            set=tuned["set"], repeats=tuned["repeats"], held=tuned["held_out"])
    if info.get("layers"):
        if info.get("resumed_from") is None:
            return translate("TrainTab", "Training from step {0:,}: {1} on {3:,} digits, {4}.").format(step, *names)
        text = translate("TrainTab", "Resumed at step {0:,}: training {1} on {3:,} digits, {4}.").format(step, *names)
    elif info.get("resumed_from") is None:
        return translate("TrainTab", "Training from step {0:,}: {1} ({2}) on {3:,} digits, {4}.").format(step, *names)
    else:
        text = translate("TrainTab", "Resumed at step {0:,}: training {1} ({2}) on {3:,} digits, {4}.").format(
            step, *names)
    for said in [resume_moved(info), *(resume_note(code, fields) for code, fields in info.get("resume_notes", []))]:
        if said:
            text = then(text, said)
    return text


def resume_note(code: str, fields: dict[str, Any]) -> str:
    """What a resumed run could not carry over (core.train_state.ResumeNote), in the user's language."""
    if code == "fresh_moments":
        return translate("TrainTab", "(It was trained with {saved}: {optimizer} starts with fresh moments.)").format(
            saved=optimizer_name(fields["saved"]), optimizer=optimizer_name(fields["optimizer"]))
    if code == "kept_hold_out":
        return translate("TrainTab", "(It keeps the {count:,} digits it held out at its start: it has trained on "
                                     "the others.)").format(count=int(fields["count"]))
    return ""


def resume_moved(info: dict[str, Any]) -> str:
    """Why a resumed run does not go on exactly where it stopped ("" when it does)."""
    stopped = info["resumed_from"]
    where = (int(stopped.get("step", 0)), int(stopped.get("epoch", 0)), int(stopped.get("step_in_epoch", 0)))
    now = (int(info["start_step"]), int(info["start_epoch"]), int(info.get("start_step_in_epoch", 0)))
    if where == now:
        return ""
    if where[0] != now[0]:
        return translate("TrainTab", "(It had stopped at step {0:,}; its steps are counted again for this run's "
                                     "settings.)").format(where[0])
    return translate("TrainTab", "(It had stopped in epoch {0} at a step past the end of an epoch with this run's "
                                 "batch size, so it goes on with epoch {1}.)").format(where[1] + 1, now[1] + 1)


def stopped(step: int) -> str:
    return translate("TrainTab", "Stopped at step {0:,}. Save the weights, or resume the run later (Resume stopped "
                                 "run).").format(step)


def stopped_before_training(resumed: bool) -> str:
    """A stop while MNIST loaded or before the first batch: nothing new to save or resume."""
    if resumed:
        return translate("TrainTab", "Stopped before any further step: the weights are as they were.")
    return translate("TrainTab", "Stopped before the first step: nothing was trained, so there is nothing to save or "
                                 "resume.")


def finished(accuracy: str, metrics: dict[str, Any] | None = None) -> str:
    """The run ended; a fine-tuning run's ``metrics`` also say both accuracies before and after."""
    from .progress_panel import format_percent

    if metrics and metrics.get("holdout_accuracy") is not None:
        return translate("TrainTab", "Finished fine-tuning: your held-out digits {held_before} → {held}, MNIST test "
                                     "accuracy {test_before} → {test}. Save the weights, or use them in every "
                                     "tab.").format(
            held_before=format_percent(metrics.get("holdout_accuracy_before")),
            held=format_percent(metrics["holdout_accuracy"]),
            test_before=format_percent(metrics.get("test_accuracy_before")), test=accuracy)
    return translate("TrainTab", "Finished: test accuracy {0}. Save the weights, or use them in every "
                                 "tab.").format(accuracy)


def calibrating(pausing: bool) -> str:
    """While the worker calibrates a checkpoint's "no digit" answer (seconds; the first time ~7 s more)."""
    text = translate("TrainTab", "Calibrating the “no digit” answer on the held-out digits (the first time, their "
                                 "augmented copies are made: a few seconds)…")
    return then(text, translate("TrainTab", "The run pauses when it is done.")) if pausing else text


def restored() -> str:
    return translate("TrainTab", "Restored the run that was left unsaved: save its weights, or train it further "
                                 "(Resume stopped run).")


def autosave_failed(running: str, message: str) -> str:
    note = translate("TrainTab", "(The automatic checkpoint could not be written: {0}. Save the weights "
                                 "yourself.)").format(message)
    return then(running, note) if running else note
