"""``mnist-desk train``: train on MNIST with a progress bar, saving after every epoch."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.data import load_split
from ..core.novelty import calibrate_held_out
from ..core.training import TrainConfig, Trainer
from ..core.weights import load_checkpoint, save_checkpoint
from .progress_bar import ProgressBar, format_duration

# Command-line option → TrainConfig field, for options that default to "not given".
_OVERRIDES = {
    "epochs": "epochs", "max_steps": "max_steps", "batch_size": "batch_size", "lr": "lr", "arch": "arch", "activation": "activation",
    "optimizer": "optimizer", "schedule": "schedule", "label_smoothing": "label_smoothing",
    "seed": "seed", "device": "device", "test_every": "test_every", "outliers": "outliers",
    "outlier_weight": "outlier_weight", "hold_out": "hold_out",
}


def config_from_args(args: argparse.Namespace, base: TrainConfig | None = None) -> TrainConfig:
    """The run's settings: ``base`` (a resumed run's, or the defaults) with the given options on top."""
    values = (base or TrainConfig()).to_dict()
    for option, name in _OVERRIDES.items():
        value = getattr(args, option, None)
        if value is not None:
            values[name] = value
    recipe = getattr(args, "augment", None)
    if recipe is not None:  # --augment alone is the basic recipe; --augment handwriting names one
        values["augment"], values["augment_recipe"] = True, recipe
    config = TrainConfig.from_dict(values)
    config.log_every = 10
    config.validate()
    return config


def checkpoint_to_save(trainer: Trainer, train_split):
    """The run's checkpoint, with its "no digit" calibration when the run held digits out."""
    checkpoint = trainer.checkpoint()
    if trainer.config.hold_out >= 2:
        checkpoint.novelty = calibrate_held_out(trainer.model, train_split, trainer.config.hold_out).to_dict()
    return checkpoint


def run_train(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    if out.is_dir():
        print(f"mnist-desk: error: --out {out} is a folder; give a file name such as {out / 'weights.pt'}", file=sys.stderr)
        return 2
    if not out.parent.exists():
        print(f"mnist-desk: error: the folder {out.parent} does not exist", file=sys.stderr)
        return 2
    resume = load_checkpoint(args.resume) if args.resume else None
    if resume is not None and not resume.resumable:
        print(f"mnist-desk: error: {args.resume} holds no optimizer state or progress; it cannot be resumed "
              "(train from scratch instead)", file=sys.stderr)
        return 2
    config = config_from_args(args, TrainConfig.from_dict(resume.hparams) if resume else None)
    train_split = load_split(args.data_dir, train=True)
    test_split = load_split(args.data_dir, train=False)
    trainer = Trainer(config, train_split, test_split, resume)
    if trainer.finished:
        print(f"mnist-desk: error: that run already finished its {config.epochs} epochs; "
              "pass a larger --epochs to continue it", file=sys.stderr)
        return 2
    bar = None if args.quiet else ProgressBar()
    print(f"Training {config.arch} ({config.activation}) on {trainer.device} — {config.epochs} epochs, "
          f"batch {config.batch_size}, {config.optimizer} lr {config.lr}"
          + (f", augmented ({config.augment_recipe})" if config.augment else "")
          + (f", {config.outliers:g} non-digits per digit" if config.outliers else "")
          + (f", {config.hold_out:,} digits held out" if config.hold_out else "") + (f", resuming at epoch {trainer.progress.epoch + 1}" if resume else ""),
          file=sys.stderr)
    try:
        for record in trainer.run():
            if record.kind == "epoch":
                save_checkpoint(checkpoint_to_save(trainer, train_split), out)
                if bar:
                    bar.finish()
                print(f"epoch {record.epoch + 1}/{record.epochs}: train loss {record.loss:.4f}, "
                      f"train accuracy {record.train_accuracy:.2%}, test accuracy {record.test_accuracy:.2%} "
                      f"({format_duration(record.elapsed_s)} elapsed) → {out}", file=sys.stderr)
            elif bar:
                fraction = record.step / record.steps_total
                bar.update(fraction, f"epoch {record.epoch + 1}/{record.epochs} loss {record.loss:.4f} "
                           f"acc {record.train_accuracy:.1%} {record.images_per_s:,.0f} img/s "
                           f"ETA {format_duration(record.eta_s)}")
    except KeyboardInterrupt:
        save_checkpoint(checkpoint_to_save(trainer, train_split), out)
        if bar:
            bar.finish()
        print(f"Stopped at epoch {trainer.progress.epoch + 1}, step {trainer.progress.step_in_epoch}; saved to {out}. "
              f"Continue with: mnist-desk train --resume {out} --out {out}"
              + (f" --data-dir {args.data_dir}" if args.data_dir else ""), file=sys.stderr)
        return 130
    accuracy = trainer.progress.last_test_accuracy
    print(f"Done in {format_duration(trainer.progress.elapsed_s)}: test accuracy {accuracy:.2%}; weights saved to {out}")
    if config.hold_out < 2:
        print("No digits were held out (--hold-out), so these weights have no 'no digit' calibration: "
              "pictures with ink get a digit or 'unsure', never 'no digit'.", file=sys.stderr)
    return 0
