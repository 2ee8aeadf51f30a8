"""``mnist-desk evaluate``: the tutorial's section 2.6 on the full test set, or on a handwriting set."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .common import EXIT_OK, add_data_dir_option, add_weights_option, weights_argument


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("evaluate", help="accuracy of weights on the 10,000 MNIST test digits, or on a set "
                                 "of your own")
    add_weights_option(parser)
    add_data_dir_option(parser)
    parser.add_argument("--set", metavar="DIR", dest="set_dir",
                        help="evaluate on this handwriting set instead (an ImageFolder folder: DIR/0/*.png … "
                             "DIR/9/*.png), each picture preprocessed as the Draw tab does")
    parser.add_argument("--json", action="store_true", help="end with one JSON object on the last line")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.evaluation import evaluate
    from ..core.weights import load_model

    if args.set_dir:
        from ..core.handwriting.reading import read_set

        set_dir = Path(args.set_dir).expanduser()
        split = read_set(set_dir).split()  # a bad folder is said before the weights are read
        model, _ = load_model(weights_argument(args.weights))
    else:
        from ..core.data import load_split

        model, _ = load_model(weights_argument(args.weights))
        split = load_split(args.data_dir, train=False)
    result = evaluate(model, split)
    for line in result.tutorial_lines():
        print(line)
    counts = [sum(row) for row in result.confusion]
    print("per class: " + "  ".join(f"{digit}: {accuracy:.2%}" if counts[digit] else f"{digit}: -"
                                    for digit, accuracy in enumerate(result.per_class)))
    if args.json:
        summary = result.summary()
        if args.set_dir:
            summary["set"] = str(set_dir)
            # A digit the set has none of has no accuracy (MNIST's test split has every digit).
            summary["per_class"] = [value if counts[digit] else None for digit, value in
                                    enumerate(summary["per_class"])]
        print(json.dumps(summary))
    return EXIT_OK
