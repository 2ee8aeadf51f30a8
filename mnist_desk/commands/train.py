"""``mnist-desk train``: train on MNIST with a progress bar, saving after every epoch.

With ``--init-weights`` it fine-tunes those weights, and with ``--extra-set``
it mixes a handwriting set's digits into MNIST's, holding a part of the set
out to measure (see :mod:`.fine_tune_options`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.choices import (
    ACTIVATION_NAMES,
    ARCHITECTURE_NAMES,
    AUGMENT_RECIPES,
    FINE_TUNE_BATCH_SIZE,
    FINE_TUNE_LR,
    OPTIMIZERS,
    SCHEDULES,
)
from ..core.errors import ConfigError, TrainingDiverged
from ..core.layers import LayerError, format_spec
from .common import (
    EXIT_OK,
    EXIT_USAGE,
    add_data_dir_option,
    non_negative_int,
    positive_float,
    positive_int,
    report_error,
)
from .fine_tune_options import (
    add_fine_tune_options,
    check_fine_tune_options,
    prepare_fine_tune,
    report_start,
    resume_options,
)
from .layers import add_spec_help, layers_argument

if TYPE_CHECKING:  # torch comes with these: imported where the run needs them, not to build the parser
    from ..core.training import TrainConfig, Trainer
    from ..core.weights import Checkpoint

# Command-line option → TrainConfig field, for options that default to "not given".
_OVERRIDES = {
    "epochs": "epochs", "max_steps": "max_steps", "batch_size": "batch_size", "lr": "lr", "arch": "arch",
    "activation": "activation",
    "optimizer": "optimizer", "schedule": "schedule", "label_smoothing": "label_smoothing",
    "seed": "seed", "device": "device", "test_every": "test_every", "outliers": "outliers",
    "outlier_weight": "outlier_weight", "hold_out": "hold_out",
}


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("train", help="train a CNN on MNIST and save its weights")
    add_data_dir_option(parser)
    # None means "not given": with --resume the saved run's own settings apply.
    parser.add_argument("--epochs", type=positive_int, metavar="N",
                        help="number of epochs (default 10; 1 with --init-weights)")
    parser.add_argument("--batch-size", type=positive_int, metavar="B",
                        help=f"digits per step (default 50; {FINE_TUNE_BATCH_SIZE} with --init-weights)")
    parser.add_argument("--max-steps", type=positive_int, metavar="S",
                        help="end after this many steps, even inside an epoch")
    parser.add_argument("--lr", type=positive_float, metavar="X",
                        help=f"learning rate (default 0.001; {FINE_TUNE_LR} with --init-weights)")
    parser.add_argument("--arch", choices=sorted(ARCHITECTURE_NAMES), help="architecture (default tutorial)")
    parser.add_argument("--layers", metavar="SPEC", help="train a network built from this layer list (the words "
                        "below, as 'mnist-desk layers' takes them), or a preset's name, instead of --arch")
    parser.add_argument("--activation", choices=sorted(ACTIVATION_NAMES), help="activation (default relu)")
    parser.add_argument("--optimizer", choices=OPTIMIZERS, help="optimizer (default adam)")
    parser.add_argument("--schedule", choices=SCHEDULES, help="learning-rate schedule (default constant)")
    parser.add_argument("--augment", nargs="?", const="basic", choices=AUGMENT_RECIPES, metavar="RECIPE",
                        help="augment each batch: 'basic' (the default: rotation, scale, shift, shear, stroke "
                        "width) or 'handwriting' (also pen from thin to marker, slant, elastic wobble, gaps, "
                        "blurred scans)")
    parser.add_argument("--outliers", type=_fraction_of_batch, metavar="F",
                        help="add F synthetic non-digits per digit to each batch, trained towards 'no digit' "
                        "(e.g. 0.25)")
    parser.add_argument("--outlier-weight", type=positive_float, metavar="W",
                        help="weight of the non-digits' loss (default 0.5)")
    parser.add_argument("--hold-out", type=non_negative_int, metavar="N",
                        help="keep the last N training digits out of training; they calibrate the 'no digit' answer "
                        "(default: 1/12 of them, 5,000 of MNIST's 60,000; 0: none, and no 'no digit' answer)")
    parser.add_argument("--label-smoothing", type=float, metavar="X", help="cross-entropy label smoothing (default 0)")
    parser.add_argument("--seed", type=int, metavar="N", help="random seed, 0 to 4294967295 (default 0)")
    parser.add_argument("--device", metavar="D", help="auto (default), cpu, cuda, cuda:1, mps")
    parser.add_argument("--test-every", type=positive_int, metavar="N",
                        help="also test on 1,000 test digits every N steps")
    parser.add_argument("--resume", metavar="W", help="continue the run saved in W")
    add_fine_tune_options(parser)
    parser.add_argument("--out", metavar="W", required=True, help="where to save the weights")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    add_spec_help(parser)
    parser.set_defaults(run=run)


def _fraction_of_batch(text: str) -> float:
    value = positive_float(text)
    if value > 4:
        raise argparse.ArgumentTypeError(f"{text} is too many (at most 4 non-digits per digit)")
    return value


def config_from_args(args: argparse.Namespace, base: TrainConfig | None = None) -> TrainConfig:
    """The run's settings: ``base`` (a resumed run's, or the defaults) with the given options on top.

    ``--layers SPEC`` (a layer list or a preset's name) makes it a custom network.
    """
    from ..core.models import CUSTOM
    from ..core.training import TrainConfig

    values = (base or TrainConfig()).to_dict()
    for option, name in _OVERRIDES.items():
        value = getattr(args, option, None)
        if value is not None:
            values[name] = value
    if getattr(args, "layers", None):
        if args.arch is not None:
            raise ConfigError("--arch {arch} and --layers both name a network: give one of them.", arch=args.arch)
        values["arch"], values["layers"] = CUSTOM, format_spec(layers_argument(args.layers))
    if base is None and getattr(args, "hold_out", None) is None:
        values["hold_out"] = None  # a new run holds the default share out (a resumed one keeps its own)
    recipe = getattr(args, "augment", None)
    if recipe is not None:  # --augment alone is the basic recipe; --augment handwriting names one
        values["augment"], values["augment_recipe"] = True, recipe
    config = TrainConfig.from_dict(values)
    config.log_every = 10
    config.validate()
    return config


def checkpoint_to_save(trainer: Trainer) -> Checkpoint:
    """The run's checkpoint, with its "no digit" calibration when the run held digits out.

    The calibration is made for the weights being saved (the last finite ones, should the
    last steps have diverged), on the held-out digits the run never trained on.
    """
    return trainer.checkpoint(calibrate=True)


def _check_out(out: Path) -> None:
    if out.is_dir():
        raise ConfigError("--out {path} is a folder; give a file name such as {example}.", path=out,
                          example=out / "weights.pt")
    if not out.parent.is_dir():
        raise ConfigError("The folder {folder} of --out does not exist.", folder=out.parent)


def _check_resume(args: argparse.Namespace, resume: Checkpoint) -> None:
    """A resumed run keeps its network: asking for another one is a mistake to say, not to ignore."""
    if not resume.resumable:
        raise ConfigError("{path} holds no optimizer state or progress; it cannot be resumed (train from scratch "
                          "instead).", path=args.resume)
    if getattr(args, "layers", None):
        from ..core.layers.batches import saved_layers_text

        saved_text = saved_layers_text(resume)
        if format_spec(layers_argument(args.layers)) != saved_text:
            raise ConfigError("{path} holds the network {saved}, which --resume continues as it is: leave out "
                              "--layers, or train the new network without --resume.", path=args.resume,
                              saved=saved_text or resume.arch)
    for option, asked, saved in (("--arch", args.arch, resume.arch), ("--activation", args.activation,
                                                                      resume.activation)):
        if asked is not None and asked != saved:
            raise ConfigError("{path} holds a {saved} network, which --resume continues as it is: leave out "
                              "{option} {asked}, or train a new {asked} network without --resume.",
                              path=args.resume, saved=saved, option=option, asked=asked)


def _finished_error(trainer: Trainer) -> ConfigError:
    if trainer.stopped_by_budget:
        return ConfigError("That run has already trained {steps:,} steps, its budget (--max-steps {budget}); pass a "
                           "larger --max-steps to continue it.", steps=trainer.progress.step,
                           budget=trainer.config.max_steps)
    return ConfigError("That run has already trained its {epochs} epochs; pass a larger --epochs to continue it.",
                       epochs=trainer.config.epochs)


def network_name(config: TrainConfig, parameters: int) -> str:
    """How the run's network is named in the first line: ``tutorial (relu)``, or a custom one's layers."""
    if config.layers and config.arch == "custom":
        return f"the network {config.layers} ({parameters:,} parameters)"
    return f"{config.arch} ({config.activation})"


def run(args: argparse.Namespace) -> int:
    if getattr(args, "layers", None) and args.arch is not None:  # two networks asked for: a malformed command
        report_error(ConfigError("--arch {arch} and --layers both name a network: give one of them.", arch=args.arch))
        return EXIT_USAGE
    try:
        return _run(args)
    except LayerError as error:  # an impossible --layers is a bad argument, as for 'mnist-desk layers'
        report_error(error)
        return EXIT_USAGE


def _run(args: argparse.Namespace) -> int:
    from ..core.data import load_split
    from ..core.layers.batches import saved_layers_text
    from ..core.models import count_parameters
    from ..core.training import TrainConfig, Trainer, pick_device
    from ..core.weights import load_checkpoint, save_checkpoint
    from .progress_bar import ProgressBar, format_duration

    out = Path(args.out).expanduser()
    _check_out(out)
    check_fine_tune_options(args)
    resume = load_checkpoint(args.resume) if args.resume else None
    if resume is not None:
        _check_resume(args, resume)
    init = load_checkpoint(args.init_weights) if args.init_weights else None
    base = TrainConfig.from_dict(resume.hparams) if resume else None
    if init is not None:  # the starting weights' recipe, smaller steps (see core.handwriting.fine_tune)
        from ..core.handwriting.fine_tune import fine_tune_config

        base = fine_tune_config(init)
    config = config_from_args(args, base)
    start_from = resume or init
    if start_from is not None:  # --resume continues the saved network (checked above), --init-weights tunes it
        config.arch, config.activation = start_from.arch, start_from.activation
        config.layers = saved_layers_text(start_from)
    pick_device(config.device)  # a device that cannot work is said before the data is read
    set_digits = prepare_fine_tune(args)  # a bad set is said before MNIST is read, and nothing is written
    train_split = load_split(args.data_dir, train=True)
    test_split = load_split(args.data_dir, train=False)
    holdout = None
    if set_digits is not None:
        train_split, holdout = set_digits.mix(train_split, config.seed)
    trainer = Trainer(config, train_split, test_split, resume, init=init if resume is None else None,
                      holdout=holdout)
    if trainer.finished:
        raise _finished_error(trainer)
    bar = None if args.quiet else ProgressBar()
    print(f"Training {network_name(config, count_parameters(trainer.model))} on {trainer.device} — {config.epochs} "
          "epochs, "
          f"batch {config.batch_size}, {config.optimizer} lr {config.lr}"
          + (f", augmented ({config.augment_recipe})" if config.augment else "")
          + (f", {config.outliers:g} non-digits per digit" if config.outliers else "")
          + (f", {trainer.config.hold_out:,} digits held out" if trainer.config.hold_out else "")
          + (f", resuming at epoch {trainer.progress.epoch + 1}" if resume else "")
          + "".join(f"; {note}" for note in trainer.resume_notes),
          file=sys.stderr)
    if set_digits is not None:
        print(set_digits.describe(), file=sys.stderr)
    try:
        for record in trainer.run():
            if record.kind == "start":
                report_start(record)
            elif record.kind == "epoch":
                save_checkpoint(checkpoint_to_save(trainer), out)
                if bar:
                    bar.finish()
                held = (f", held-out accuracy {record.holdout_accuracy:.2%}" if record.holdout_accuracy is not None
                        else "")
                print(f"epoch {record.epoch + 1}/{record.epochs}: train loss {record.loss:.4f}, "
                      f"train accuracy {record.train_accuracy:.2%}, test accuracy {record.test_accuracy:.2%}{held} "
                      f"({format_duration(record.elapsed_s)} elapsed) → {out}", file=sys.stderr)
            elif bar:
                fraction = record.step / record.steps_total
                bar.update(fraction, f"epoch {record.epoch + 1}/{record.epochs} loss {record.loss:.4f} "
                           f"acc {record.train_accuracy:.1%} {record.images_per_s:,.0f} img/s "
                           f"ETA {format_duration(record.eta_s)}")
    except KeyboardInterrupt:  # Ctrl+C: keep what was trained and say how to go on; cli.main gives the status
        # The last finite weights, should the last steps have diverged.
        save_checkpoint(checkpoint_to_save(trainer), out)
        if bar:
            bar.finish()
        print(f"Stopped at epoch {trainer.progress.epoch + 1}, step {trainer.progress.step_in_epoch}; saved to {out}. "
              f"Continue with: mnist-desk train --resume {out} --out {out}"
              + (f" --data-dir {args.data_dir}" if args.data_dir else "") + resume_options(args), file=sys.stderr)
        raise
    if bar:
        bar.finish()
    if trainer.diverged is not None:
        if trainer.progress.step == 0:
            raise trainer.diverged  # nothing trained before the loss went
        save_checkpoint(checkpoint_to_save(trainer), out)  # the last finite weights
        values = trainer.diverged.values
        raise TrainingDiverged("Training stopped at step {step:,}: the loss is no longer a finite number (NaN or "
                               "infinity), so the learning rate ({lr:g}) is probably too high. The last finite "
                               "weights, of step {kept:,}, are saved in {path}.", step=values["step"],
                               lr=values["lr"], kept=trainer.progress.step, path=out)
    progress = trainer.progress
    before = f" (before: {progress.start_test_accuracy:.2%})" if progress.start_test_accuracy is not None else ""
    held = ""
    if progress.last_holdout_accuracy is not None and progress.start_holdout_accuracy is not None:
        held = (f", held-out accuracy on {args.extra_set} {progress.last_holdout_accuracy:.2%} "
                f"(before: {progress.start_holdout_accuracy:.2%})")
    print(f"Done in {format_duration(progress.elapsed_s)}: test accuracy {progress.last_test_accuracy:.2%}{before}"
          f"{held}; weights saved to {out}")
    if (trainer.config.hold_out or 0) < 2:
        print("No digits were held out (--hold-out 0), so these weights have no 'no digit' calibration: "
              "pictures with ink get a digit or 'unsure', never 'no digit'.", file=sys.stderr)
    return EXIT_OK
