"""``mnist-desk predict``: classify picture files."""

from __future__ import annotations

import argparse
import json

from .common import add_weights_option, answer_each_file, weights_argument


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

    model, checkpoint = load_model(weights_argument(args.weights))
    predictor = Predictor.from_checkpoint(checkpoint, model)  # with its "no digit" threshold

    def answer(name: str) -> str:
        prediction = predictor.predict(open_image(name, max_side=WORKING_SIDE))
        if args.json:
            return json.dumps({"file": name, **prediction.to_json()})
        if prediction.digit is None:  # "no digit: the picture is empty" / "... does not look like a digit"
            return f"{name}: {REASON_TEXT[prediction.reasons[0]]}"
        line = f"{name}: {prediction.digit} ({prediction.confidence:.1%})"
        if prediction.unsure:
            line += " — unsure: " + ", ".join(REASON_TEXT[r] for r in prediction.reasons)
        return line

    return answer_each_file(args.files, answer)
