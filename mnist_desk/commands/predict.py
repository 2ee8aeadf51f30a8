"""``mnist-desk predict``: classify picture files."""

from __future__ import annotations

import argparse
import json

from ..core.errors import ImageError
from .common import EXIT_ERROR, EXIT_OK, add_weights_option, report_error, weights_argument


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("predict", help="classify pictures of digits")
    add_weights_option(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("files", nargs="+", metavar="FILE", help="picture files (PNG, JPEG, ...)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.predict import REASON_TEXT, Predictor
    from ..core.preprocess import WORKING_SIDE, open_image
    from ..core.weights import load_model

    model, _ = load_model(weights_argument(args.weights))
    predictor = Predictor(model)
    failures = 0
    for name in args.files:
        try:
            prediction = predictor.predict(open_image(name, max_side=WORKING_SIDE))
        except ImageError as error:
            # One picture that cannot be read must not cost the answers for the others: its line
            # here, in order, and the failing status at the end.
            failures += 1
            report_error(error)
            continue
        if args.json:
            print(json.dumps({"file": name, **prediction.to_json()}), flush=True)
        elif prediction.digit is None:
            print(f"{name}: no digit")
        else:
            line = f"{name}: {prediction.digit} ({prediction.confidence:.1%})"
            if prediction.unsure:
                line += " — unsure: " + ", ".join(REASON_TEXT[r] for r in prediction.reasons)
            print(line, flush=True)
    return EXIT_ERROR if failures else EXIT_OK
