"""``mnist-desk evaluate``: the tutorial's section 2.6 on the full test set."""

from __future__ import annotations

import argparse
import json

from ..cli import weights_argument
from ..core.data import load_split
from ..core.evaluation import evaluate
from ..core.weights import load_model


def run_evaluate(args: argparse.Namespace) -> int:
    path = weights_argument(args.weights)
    model, _ = load_model(path)
    test_split = load_split(args.data_dir, train=False)
    result = evaluate(model, test_split)
    for line in result.tutorial_lines():
        print(line)
    print("per class: " + "  ".join(f"{digit}: {accuracy:.2%}" for digit, accuracy in enumerate(result.per_class)))
    if args.json:
        print(json.dumps(result.summary()))
    return 0
