"""Do the saliency maps point at the pixels the network uses? The deletion check on MNIST test digits.

For each method the app ships, averaged over 1,000 MNIST test digits (a fixed
random choice of the 10,000): the answer's probability as it is, after its 10 %
most salient pixels are set to background, and after as many random ink pixels
are (the mean of 10 draws). The target: the salient deletion lowers the
probability at least twice as much as the random one.

"10 %" counts the digit's ink pixels (above zero), the same number for both
deletions (see mnist_desk/core/explain/faithfulness.py). ``--of image`` counts
10 % of all 784 pixels instead (78 pixels, about half of a digit's ink), a
harsher test in which random deletion already wipes out most of the answer.

Usage::

    python bench/saliency_faithfulness.py [--weights W] [--count 1000] [--of ink|image] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

from _common import data_dir_argument, machine_line

TARGET_RATIO = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", help="weights file (default: the shipped weights)")
    parser.add_argument("--count", type=int, default=1000, help="test digits (default 1,000)")
    parser.add_argument("--of", choices=("ink", "image"), default="ink",
                        help="10 %% of the ink pixels or of all pixels")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    data_dir_argument(parser)
    args = parser.parse_args()

    import numpy as np

    from mnist_desk.core.data import load_split
    from mnist_desk.core.explain.faithfulness import deletion_test
    from mnist_desk.core.explain.saliency import METHODS, prepare_model, probabilities, saliency_map
    from mnist_desk.core.paths import default_weights_path
    from mnist_desk.core.weights import load_model

    weights = args.weights or str(default_weights_path())
    model, checkpoint = load_model(weights)
    prepared = prepare_model(model)
    test = load_split(args.data_dir, train=False)
    chosen = np.random.default_rng(args.seed).choice(len(test), size=min(args.count, len(test)), replace=False)
    fields = [test.images[int(i)].numpy().astype(np.float32) / 255.0 for i in chosen]
    answers = [int(np.argmax(probabilities(prepared, field))) for field in fields]
    rows = []
    for method in METHODS:
        before, salient, random, times = [], [], [], []
        for index, (field, answer) in enumerate(zip(fields, answers)):
            start = time.perf_counter()
            result = saliency_map(prepared, field, answer, method)
            times.append((time.perf_counter() - start) * 1000.0)
            fraction = 0.1 if args.of == "ink" else min(1.0, 78.4 / max(1, int((field > 0).sum())))
            check = deletion_test(prepared, field, result.map, answer, fraction=fraction, seed=args.seed + index)
            before.append(check.before)
            salient.append(check.salient)
            random.append(check.random)
        drop_salient = statistics.mean(before) - statistics.mean(salient)
        drop_random = statistics.mean(before) - statistics.mean(random)
        ordered = sorted(times)
        rows.append({"method": method, "before": round(statistics.mean(before), 4),
                     "salient": round(statistics.mean(salient), 4), "random": round(statistics.mean(random), 4),
                     "drop_salient": round(drop_salient, 4), "drop_random": round(drop_random, 4),
                     "ratio": round(drop_salient / drop_random, 2) if drop_random > 0 else float("inf"),
                     "map_ms_median": round(statistics.median(times), 2),
                     "map_ms_p95": round(ordered[int(0.95 * (len(ordered) - 1))], 2)})
    ok = all(row["ratio"] >= TARGET_RATIO for row in rows)
    if args.json:
        print(json.dumps({"weights": weights, "arch": checkpoint.arch, "digits": len(fields), "of": args.of,
                          "target_ratio": TARGET_RATIO, "results": rows, "ok": ok}))
    else:
        print(f"deletion check, {len(fields)} MNIST test digits, 10 % of the {'ink' if args.of == 'ink' else 'image'}"
              f"'s pixels; weights {weights} ({checkpoint.arch}); {machine_line()}")
        for row in rows:
            print(f"  {row['method']:<21} p(answer) {row['before']:.3f} → salient deleted {row['salient']:.3f}, "
                  f"random deleted {row['random']:.3f}: drops {row['drop_salient']:.3f} vs {row['drop_random']:.3f}"
                  f" = {row['ratio']:.2f}×   (map {row['map_ms_median']:.1f} ms median, {row['map_ms_p95']:.1f} p95)")
        print(f"target: ratio ≥ {TARGET_RATIO:.0f}× for every method: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
