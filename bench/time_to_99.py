"""Seconds from the first training step to >= 99.0 % accuracy on the 10,000 MNIST test digits.

The project's fastest recipe on a CPU: the ``fast`` architecture (two
strided conv layers with batch norm), batch 128, Adam with a one-cycle
schedule over two epochs.
The full test set is evaluated at each epoch end; the clock includes it.
Loading the data is reported separately.

    python bench/time_to_99.py --data-dir ../shared/datasets
"""

from __future__ import annotations

import argparse
import time

from _common import data_dir_argument, machine_line

RECIPE = dict(arch="fast", batch_size=128, lr=0.01, schedule="onecycle", optimizer="adam", epochs=2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    data_dir_argument(parser)
    parser.add_argument("--target", type=float, default=0.99)
    parser.add_argument("--epochs", type=int, default=RECIPE["epochs"])
    parser.add_argument("--batch-size", type=int, default=RECIPE["batch_size"])
    parser.add_argument("--lr", type=float, default=RECIPE["lr"])
    parser.add_argument("--arch", default=RECIPE["arch"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-steps", type=int, default=RECIPE.get("max_steps", 0),
                        help="step budget (0: whole epochs)")
    args = parser.parse_args()

    from mnist_desk.core.data import load_split
    from mnist_desk.core.training import TrainConfig, Trainer

    print(machine_line())
    start = time.perf_counter()
    train_split = load_split(args.data_dir, train=True)
    test_split = load_split(args.data_dir, train=False)
    print(f"loading MNIST: {time.perf_counter() - start:.1f} s")
    config = TrainConfig(**{**RECIPE, "epochs": args.epochs, "batch_size": args.batch_size, "lr": args.lr,
                            "arch": args.arch, "seed": args.seed, "max_steps": args.max_steps},
                          device="cpu", log_every=1000)
    print(f"recipe: {config.arch}, batch {config.batch_size}, {config.optimizer} one-cycle lr {config.lr}, "
          f"{config.epochs} epoch(s)")
    trainer = Trainer(config, train_split, test_split)
    start = time.perf_counter()
    for record in trainer.run():
        if record.kind == "epoch":
            seconds = time.perf_counter() - start
            where = f"epoch {record.epoch + 1}" + ("" if record.step_in_epoch == record.steps_per_epoch
                                                     else f" (step budget {record.step})")
            print(f"{where}: test accuracy {record.test_accuracy:.2%} after {seconds:.1f} s")
            if record.test_accuracy >= args.target:
                print(f"time to {args.target:.1%}: {seconds:.1f} s")
                return
    print(f"did not reach {args.target:.1%} in {config.epochs} epoch(s)")


if __name__ == "__main__":
    main()
