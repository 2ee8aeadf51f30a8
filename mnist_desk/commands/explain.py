"""``mnist-desk explain``: which pixels of each picture made the network answer as it did.

Per file: the 28×28 input the network saw (MNIST's preprocessing, as
``predict``), ``predict``'s answer (a digit, or "no digit" and why), a
saliency map of the class explained (the answer, the digit given with
``--target``, or for a picture of no digit the closest digit, named so) and
the deletion check of that map (:mod:`mnist_desk.core.explain.faithfulness`).
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from ..core.explain.choices import DEFAULT_METHOD, METHODS
from .common import add_weights_option, answer_each_file, weights_argument

if TYPE_CHECKING:  # numpy and torch come with these: imported where they are used, not to build the parser
    import numpy as np

METHOD_NAMES = {"integrated-gradients": "integrated gradients", "occlusion": "occlusion", "grad-cam": "Grad-CAM"}
# Text maps: a character per pixel, from strongly against the class to strongly for it.
_AGAINST, _FOR = "=-,", ".+#"
_LEVELS = (0.5, 0.2, 0.05)


def _digit(text: str) -> int:
    if text.strip() not in tuple("0123456789"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a digit 0 to 9")
    return int(text)


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("explain", help="which pixels made the network answer: a saliency map per picture")
    add_weights_option(parser)
    parser.add_argument("--method", choices=METHODS, default=DEFAULT_METHOD,
                        help=f"saliency method (default {DEFAULT_METHOD})")
    parser.add_argument("--target", type=_digit, metavar="D", help="the digit to explain (default: the answer)")
    parser.add_argument("--json", action="store_true", help="one JSON object per file: input, saliency, deletion")
    parser.add_argument("files", nargs="+", metavar="FILE", help="picture files (PNG, JPEG, ...)")
    parser.set_defaults(run=run)


def text_map(saliency: np.ndarray) -> list[str]:
    """28 lines picturing the map: ``#+.`` for the class, ``=-,`` against it, blank for about nothing."""
    import numpy as np

    peak = float(np.abs(saliency).max(initial=0.0))
    scaled = saliency / peak if peak > 0 else np.zeros_like(saliency)
    lines = []
    for row in scaled:
        characters = []
        for value in row:
            mark = " "
            for level, strong_for, strong_against in zip(_LEVELS, _FOR[::-1], _AGAINST):
                if value >= level:
                    mark = strong_for
                    break
                if value <= -level:
                    mark = strong_against
                    break
            characters.append(mark * 2)  # two characters a pixel: a terminal's cells are tall
        lines.append("".join(characters).rstrip())
    return lines


def _rounded(array: np.ndarray, digits: int) -> list[list[float]]:
    return [[round(float(v), digits) for v in row] for row in array]


def explain_file(prepared, predictor, name: str, method: str, target: int | None) -> dict:
    """The JSON object of one picture file (see the README's Command line section).

    ``digit``, ``unsure`` and ``reasons`` are ``predict``'s (``predictor`` holds the weights' "no
    digit" threshold): a picture refused as no digit has ``digit`` null, and what is explained is
    then the closest digit (``explained``: ``closest``) or the ``--target`` digit (``picked``).
    """
    from ..core.explain.explained import explained_digit
    from ..core.explain.faithfulness import deletion_test
    from ..core.explain.saliency import saliency_map
    from ..core.preprocess import WORKING_SIDE, open_image, preprocess

    prepared_input = preprocess(open_image(name, max_side=WORKING_SIDE))
    prediction = predictor.predict_prepared(prepared_input)
    row: dict = {"file": name, "input": _rounded(prepared_input.field28, 4), "digit": prediction.digit,
                 "probabilities": [round(float(p), 6) for p in prediction.probabilities],
                 "unsure": prediction.unsure, "reasons": list(prediction.reasons)}
    explained = None if prepared_input.empty else explained_digit(prediction.digit, prediction.probabilities,
                                                                    target)
    if explained is None:
        return {**row, "target": None, "explained": None, "method": method, "saliency": None, "deletion": None}
    field28 = prepared_input.field28
    result = saliency_map(prepared, field28, explained.digit, method)
    deletion = deletion_test(prepared, field28, result.map, explained.digit)
    return {**row, "target": explained.digit, "explained": explained.kind,
            "method": method, "measure": result.measure, "value": round(result.value, 6),
            "baseline": None if result.baseline is None else round(result.baseline, 6),
            "saliency": [[float(f"{v:.6g}") for v in line] for line in result.map],
            "deletion": deletion.to_json() if deletion is not None else None}


def _answer_text(row: dict) -> str:
    """What ``predict`` says of the picture: ``7 (98.2%)``, ``… — unsure: …``, or ``no digit: …``."""
    from ..core.predict import REASON_TEXT

    if row["digit"] is None:
        return REASON_TEXT[row["reasons"][0]]
    text = f"{row['digit']} ({row['probabilities'][row['digit']]:.1%})"
    if row["unsure"]:
        text += " — unsure: " + ", ".join(REASON_TEXT[r] for r in row["reasons"])
    return text


def summary_lines(row: dict) -> list[str]:
    """What the command prints for one file without ``--json``."""
    import numpy as np

    from ..core.explain.explained import CLOSEST, PICKED
    from ..core.explain.faithfulness import DELETED_FRACTION

    name = row["file"]
    if row["target"] is None:
        return [f"{name}: {_answer_text(row)}; nothing to explain"]
    target, chances, deletion = row["target"], row["probabilities"], row["deletion"]
    method = METHOD_NAMES[row["method"]]
    if row["explained"] == CLOSEST:  # no answer: the map is of the digit the network leans to most, said so
        subject = f"{method} for the closest digit, {target} ({chances[target]:.1%})"
    elif row["explained"] == PICKED:
        subject = f"{method} for {target} (--target, {chances[target]:.1%})"
    else:
        subject = f"{method} for {target}"
    head = f"{name}: {_answer_text(row)}; {subject}"
    if deletion is not None:
        verdict = "passed" if deletion["passed"] else "failed"
        head += (f"; setting the {deletion['pixels']} most salient pixels to background ({DELETED_FRACTION:.0%} of "
                 f"the ink) leaves p({target}) = {deletion['salient']:.1%}, as many random ink pixels "
                 f"{deletion['random']:.1%} (from {deletion['before']:.1%}): check {verdict}")
    legend = f"  (# + . for {target}, = - , against it)"
    return [head + legend, *text_map(np.asarray(row["saliency"], dtype=np.float32))]


def run(args: argparse.Namespace) -> int:
    from ..core.explain.saliency import prepare_model
    from ..core.predict import Predictor
    from ..core.weights import load_model

    model, checkpoint = load_model(weights_argument(args.weights))
    predictor = Predictor.from_checkpoint(checkpoint, model)  # with its "no digit" threshold, as predict
    prepared = prepare_model(model)

    def answer(name: str) -> str:
        row = explain_file(prepared, predictor, name, args.method, args.target)
        return json.dumps(row) if args.json else "\n".join(summary_lines(row))

    return answer_each_file(args.files, answer)
