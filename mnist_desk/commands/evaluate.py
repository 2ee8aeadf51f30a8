"""``mnist-desk evaluate``: the tutorial's section 2.6 on the full test set."""

from __future__ import annotations

import argparse
import json

from .common import EXIT_OK, add_data_dir_option, add_weights_option, weights_argument


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("evaluate", help="accuracy of weights on the 10,000 MNIST test digits")
    add_weights_option(parser)
    add_data_dir_option(parser)
    parser.add_argument("--json", action="store_true", help="end with one JSON object on the last line")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.data import load_split
    from ..core.evaluation import evaluate
    from ..core.weights import load_model

    model, _ = load_model(weights_argument(args.weights))
    test_split = load_split(args.data_dir, train=False)
    result = evaluate(model, test_split)
    for line in result.tutorial_lines():
        print(line)
    print("per class: " + "  ".join(f"{digit}: {accuracy:.2%}" for digit, accuracy in enumerate(result.per_class)))
    if args.json:
        print(json.dumps(result.summary()))
    return EXIT_OK
