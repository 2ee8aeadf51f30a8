"""``mnist-desk predict``: classify picture files."""

from __future__ import annotations

import argparse
import json

from ..cli import report_error, weights_argument
from ..core.errors import ImageError
from ..core.predict import REASON_TEXT, Predictor
from ..core.preprocess import WORKING_SIDE, open_image
from ..core.weights import load_model


def run_predict(args: argparse.Namespace) -> int:
    model, _ = load_model(weights_argument(args.weights))
    predictor = Predictor(model)
    failures = 0
    for name in args.files:
        try:
            prediction = predictor.predict(open_image(name, max_side=WORKING_SIDE))
        except ImageError as error:  # one line for this file; the others are still answered
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
    return 1 if failures else 0
