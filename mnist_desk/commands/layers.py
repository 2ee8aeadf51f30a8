"""``mnist-desk layers SPEC``: what a layer list makes of a digit, layer by layer.

Prints each layer's output shape, parameters and multiply-adds, and the
totals; an impossible network ends with the first problem on stderr and exit
status 2, the table showing where. SPEC is the layer list's text form (see
:mod:`mnist_desk.core.layers.spec`) or the name of a preset.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..core.layers import (
    PRESETS,
    PRESETS_BY_KEY,
    Layer,
    LayerError,
    NetworkPlan,
    parse_spec,
    plan_network,
    shape_text,
)
from ..core.layers.shapes import INPUT_SHAPE
from .common import EXIT_OK, EXIT_USAGE, report_error

LAYER_WORDS = """layer words (comma-separated):
  conv N KxK [stride S] [pad P]   N filters of KxK (stride 1, no padding unless given)
  relu | sigmoid | tanh           an activation
  maxpool K [stride S]            max pooling over KxK windows (stride K unless given)
  avgpool K [stride S]            average pooling
  batchnorm                       batch normalisation
  dropout P                       drops a fraction P while training
  flatten                         maps to one list of numbers
  linear N                        a fully connected layer of N outputs
presets: """ + ", ".join(preset.key for preset in PRESETS)


def add_spec_help(parser: argparse.ArgumentParser) -> None:
    """The layer words under a parser's help (``layers`` and ``train``)."""
    parser.epilog = LAYER_WORDS
    parser.formatter_class = argparse.RawDescriptionHelpFormatter


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``layers`` command to ``mnist-desk``'s sub-parsers (an impossible network: status 2)."""
    parser = commands.add_parser("layers", help="each layer's output shape and parameter count for a layer list",
                                   description="What a network built from SPEC makes of a 1x28x28 digit.")
    parser.add_argument("spec", metavar="SPEC", help='e.g. "conv 4 5x5 pad 2, relu, maxpool 2, conv 6 5x5 pad 2, '
                        'relu, maxpool 2, flatten, linear 50, relu, linear 10", or a preset name')
    parser.add_argument("--json", action="store_true", help="one JSON object: layers, total_parameters ...")
    add_spec_help(parser)
    parser.set_defaults(run=run)


def layers_argument(text: str) -> list[Layer]:
    """A SPEC argument: a preset's name or a layer list's text form.

    Raises
    ------
    LayerError
        When it cannot be read.
    """
    preset = PRESETS_BY_KEY.get(text.strip().lower())
    return preset.layers if preset is not None else parse_spec(text)


def plan_json(plan: NetworkPlan) -> dict[str, Any]:
    """The plan as plain JSON data."""
    problem = plan.problem
    return {
        "layers": [{"spec": row.layer.text, "block": row.block,
                    "output_shape": list(row.output_shape) if row.output_shape is not None else None,
                    "parameters": row.parameters, "multiply_adds": row.multiply_adds} for row in plan.rows],
        "total_parameters": plan.total_parameters,
        "multiply_adds": plan.multiply_adds,
        "ok": plan.ok,
        "problem": None if problem is None else {
            "layer": None if problem.index is None else problem.index + 1, "message": str(problem)},
        "notes": [str(note) for note in plan.notes],
    }


def plan_table(plan: NetworkPlan) -> list[str]:
    """The plan as lines of a table, the first bad layer marked."""
    bad = plan.problem.index if plan.problem is not None else None
    width = max([len("layer"), *(len(row.layer.text) for row in plan.rows)])
    shapes = [shape_text(row.output_shape) if row.output_shape is not None else "-" for row in plan.rows]
    wide = max([len("output"), *map(len, shapes)])
    lines = [f"{'#':>3}  {'layer':<{width}}  {'block':<6} {'output':<{wide}} {'parameters':>11} {'multiply-adds':>14}"]
    for index, (row, shape) in enumerate(zip(plan.rows, shapes)):
        counts = (f"{row.parameters:>11,} {row.multiply_adds:>14,}" if row.output_shape is not None
                  else f"{'-':>11} {'-':>14}")
        line = f"{index + 1:>3}  {row.layer.text:<{width}}  {row.block:<6} {shape:<{wide}} {counts}"
        lines.append(line + ("   <- here" if index == bad else ""))
    if plan.ok:
        lines.append(f"input {shape_text(INPUT_SHAPE)}; total: {plan.total_parameters:,} parameters, "
                     f"{plan.multiply_adds:,} multiply-adds per digit")
    lines += [f"note: {note}" for note in plan.notes]
    return lines


def run(args: argparse.Namespace) -> int:
    try:
        layers = layers_argument(args.spec)
    except LayerError as error:
        report_error(error)
        return EXIT_USAGE
    plan = plan_network(layers)
    if args.json:
        print(json.dumps(plan_json(plan)))
    else:
        print("\n".join(plan_table(plan)))
    sys.stdout.flush()
    if plan.problem is not None:
        report_error(plan.problem)
        return EXIT_USAGE
    return EXIT_OK
