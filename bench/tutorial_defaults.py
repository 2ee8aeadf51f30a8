"""The tutorial's settings (tutorial model, Adam 0.001, batch 50, 10 epochs) through MNIST Desk's trainer.

Checks the tutorial's claim of >= 99 % test accuracy after 10 epochs, on the
real 10,000 test digits, and reports per-epoch accuracy and time.

    python bench/tutorial_defaults.py --data-dir ../shared/datasets
"""

from __future__ import annotations

import argparse
import time

from _common import data_dir_argument, machine_line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    data_dir_argument(parser)
    parser.add_argument("--activation", default="relu")
    args = parser.parse_args()

    from mnist_desk.core.data import load_split
    from mnist_desk.core.training import TrainConfig, Trainer

    print(machine_line())
    trainer = Trainer(TrainConfig(activation=args.activation, device="cpu", log_every=1000),
                      load_split(args.data_dir, True), load_split(args.data_dir, False))
    start = time.perf_counter()
    for record in trainer.run():
        if record.kind == "epoch":
            print(f"epoch {record.epoch + 1:2d}: test accuracy {record.test_accuracy:.2%} "
                  f"({time.perf_counter() - start:.0f} s)", flush=True)
    final = trainer.progress.last_test_accuracy
    print(f"after 10 epochs: {final:.2%} ({'meets' if final >= 0.99 else 'MISSES'} the tutorial's 99 %)")


if __name__ == "__main__":
    main()
