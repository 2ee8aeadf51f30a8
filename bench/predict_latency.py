"""Latency of classifying one picture (preprocessing + model) with the shipped weights.

A 280x280 canvas with a drawn digit (dark ink on white, as the Draw tab
hands it over) goes through ``Predictor.predict``: polarity, crop, 20x20
fit, centring, the forward pass, softmax. Prints median and 95th percentile.

    python bench/predict_latency.py [--runs 500]
"""

from __future__ import annotations

import argparse
import statistics
import time

from _common import machine_line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--weights", default=None)
    args = parser.parse_args()

    import torch
    from PIL import Image, ImageDraw

    from mnist_desk.core.paths import default_weights_path
    from mnist_desk.core.predict import Predictor
    from mnist_desk.core.weights import load_model

    print(machine_line())
    model, checkpoint = load_model(args.weights or default_weights_path())
    predictor = Predictor.from_checkpoint(checkpoint, model)  # with its 'no digit' threshold, as the app
    canvas = Image.new("L", (280, 280), 255)
    ImageDraw.Draw(canvas).line([(70, 60), (210, 60), (120, 230)], fill=0, width=18, joint="curve")
    for with_features in (False, True):
        for _ in range(20):  # warm-up
            predictor.predict(canvas, with_features=with_features)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            prediction = predictor.predict(canvas, with_features=with_features)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        label = "with feature maps" if with_features else "prediction only  "
        print(f"{checkpoint.arch} {label}: median {statistics.median(times):.2f} ms, "
              f"p95 {times[int(0.95 * len(times))]:.2f} ms → digit {prediction.digit} ({prediction.confidence:.1%})"
              f" [threads {torch.get_num_threads()}]")


if __name__ == "__main__":
    main()
