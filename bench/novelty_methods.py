"""Which "no digit" score to ship: the comparison behind mnist_desk.core.novelty.

For each weights file and each score, the threshold is calibrated the way the
app calibrates its own (:func:`mnist_desk.core.novelty.calibration_digits`:
held-out MNIST training digits 55,000–57,499, as they are and through the
handwriting augmentation; at most 0.5 % of them refused), then the score is
judged on the *dev* sets only (``redrawn-dev``, ``nondigits-dev`` and the
held-out digits 57,500–58,499 as they are): the reported sets of
bench/robustness.py play no part in the choice.

Scores (higher = more like a digit):

- ``msp``: the top softmax probability (Hendrycks & Gimpel 2017);
- ``max-logit``: the top logit (Hendrycks et al. 2022);
- ``energy``: log Σ exp(logits), the negative free energy (Liu et al. 2020);
- ``mahalanobis``: minus the smallest Mahalanobis distance of the last conv
  block's average-pooled features to a class mean, with one shared covariance
  (Lee et al. 2018), fitted on 20,000 training digits (plain and augmented);
- ``msp+mahalanobis``, ``energy+mahalanobis``: refused when either says so, each at 0.25 %.

``--rates`` shows, for the top probability, what each calibration rate refuses on
the dev sets; the app's rate (:data:`mnist_desk.core.novelty.FALSE_REFUSAL`,
0.4 %) is the largest at which the shipped weights refuse at most 1 % of the
re-drawn dev digits.

Usage::

    python bench/novelty_methods.py WEIGHTS [WEIGHTS ...] [--data-dir D] [--json | --rates]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import data_dir_argument  # noqa: E402

FALSE_REFUSAL = 0.005  # the comparison's rate (the app's own is chosen with --rates)
RATES = (0.001, 0.002, 0.0025, 0.003, 0.004, 0.005)
LOW_CONFIDENCE = 0.6  # mnist_desk.core.predict's "unsure" rule


@torch.inference_mode()
def logits_and_features(model, fields: np.ndarray, batch: int = 1000) -> tuple[np.ndarray, np.ndarray]:
    from mnist_desk.core.models import conv_blocks

    logits, features = [], []
    for start in range(0, len(fields), batch):
        x = torch.as_tensor(fields[start:start + batch], dtype=torch.float32).view(-1, 1, 28, 28)
        h = x
        for _name, block in conv_blocks(model):
            h = block(h)
        logits.append(model.head(h).numpy())
        features.append(h.mean(dim=(2, 3)).numpy())
    return np.concatenate(logits), np.concatenate(features)


class Mahalanobis:
    def __init__(self, features: np.ndarray, labels: np.ndarray) -> None:
        self.means = np.stack([features[labels == k].mean(0) for k in range(10)])
        centred = features - self.means[labels]
        covariance = centred.T @ centred / len(features) + 1e-4 * np.eye(features.shape[1])
        self.precision = np.linalg.inv(covariance)

    def score(self, features: np.ndarray) -> np.ndarray:
        d = features[:, None, :] - self.means[None]
        return -np.einsum("nkd,de,nke->nk", d, self.precision, d).min(1)


def scores(logits: np.ndarray, features: np.ndarray, maha: Mahalanobis) -> dict[str, np.ndarray]:
    z = torch.as_tensor(logits)
    return {
        "msp": torch.softmax(z, 1).amax(1).numpy(),
        "max-logit": z.amax(1).numpy(),
        "energy": torch.logsumexp(z, 1).numpy(),
        "mahalanobis": maha.score(features),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("weights", nargs="+")
    data_dir_argument(parser)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rates", action="store_true",
                        help="instead: the top probability's refusals on the dev sets for each calibration rate")
    args = parser.parse_args()

    import bench.sets as sets
    from mnist_desk.core.augment import handwriting_batch
    from mnist_desk.core.data import load_split, to_input
    from mnist_desk.core.novelty import calibration_digits
    from mnist_desk.core.preprocess import preprocess
    from mnist_desk.core.weights import load_model

    torch.set_num_threads(2)
    train = load_split(args.data_dir, train=True)
    calibration = calibration_digits(train).numpy()[:, 0]
    held = train.images[57_500:58_500].numpy()
    held_fields = np.stack([preprocess(d).field28 for d in held])
    fit_x = to_input(train.images[:20_000])
    fit_fields = torch.cat([fit_x[:10_000], handwriting_batch(fit_x[10_000:], torch.Generator().manual_seed(7))])
    fit_labels = train.labels[:20_000].numpy()
    redrawn, nondigits = sets.load("redrawn-dev", args.data_dir), sets.load("nondigits-dev", args.data_dir)
    results = []
    for path in args.weights:
        model, _ = load_model(path)
        _, fit_features = logits_and_features(model, fit_fields[:, 0].numpy())
        maha = Mahalanobis(fit_features, fit_labels)
        table = {name: scores(*logits_and_features(model, fields), maha) for name, fields in (
            ("calibration", calibration), ("held-out", held_fields), ("redrawn", redrawn.fields),
            ("nondigits", nondigits.fields))}
        probabilities = {name: torch.softmax(torch.as_tensor(logits_and_features(model, f)[0]), 1).numpy()
                         for name, f in (("held-out", held_fields), ("redrawn", redrawn.fields),
                                         ("nondigits", nondigits.fields))}
        blobs = {"held-out": np.ones(len(held_fields)), "redrawn": redrawn.blobs, "nondigits": nondigits.blobs}
        empty = {"held-out": np.zeros(len(held_fields), bool), "redrawn": redrawn.empty, "nondigits": nondigits.empty}
        methods = ["msp", "max-logit", "energy", "mahalanobis", "msp+mahalanobis", "energy+mahalanobis"]
        if args.rates:
            print(f"{Path(path).name}: the top probability, threshold refusing this share of the calibration digits:")
            for rate in RATES:
                threshold = float(np.quantile(table["calibration"]["msp"], rate))
                drawn = empty["redrawn"] | (table["redrawn"]["msp"] < threshold)
                other = empty["nondigits"] | (table["nondigits"]["msp"] < threshold)
                print(f"  {rate:.2%}: threshold {threshold:.3f}; redrawn-dev refused {drawn.mean():.2%}, "
                      f"nondigits-dev 'no digit' {other.mean():.1%}")
            continue
        for method in methods:
            parts = method.split("+")
            rate = FALSE_REFUSAL / len(parts)
            thresholds = {p: float(np.quantile(table["calibration"][p], rate)) for p in parts}

            def refused(name: str) -> np.ndarray:
                out = empty[name].copy()
                for p in parts:
                    out |= table[name][p] < thresholds[p]
                return out

            row = {"weights": Path(path).name, "method": method}
            for name in ("held-out", "redrawn", "nondigits"):
                no = refused(name)
                unsure = (probabilities[name].max(1) < LOW_CONFIDENCE) | (blobs[name] > 1)
                row[f"{name} refused"] = float(no.mean())
                row[f"{name} refused or unsure"] = float((no | unsure).mean())
            labels = redrawn.labels
            right = (probabilities["redrawn"].argmax(1) == labels) & ~refused("redrawn")
            row["redrawn read right"] = float(right.mean())
            no = refused("nondigits")
            row["per category"] = {c: float(no[nondigits.group == c].mean()) for c in np.unique(nondigits.group)}
            results.append(row)
    if args.rates:
        return 0
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    print(f"thresholds: at most {FALSE_REFUSAL:.1%} of {len(calibration):,} calibration digits refused; "
          "dev sets only")
    print(f"{'weights':<22} {'score':<19} {'non-digits: no digit':>21} {'(or unsure)':>12} {'re-drawn refused':>17} "
          f"{'held-out refused':>17} {'re-drawn right':>15}")
    for row in results:
        print(f"{row['weights']:<22} {row['method']:<19} {row['nondigits refused']:>21.1%} "
              f"{row['nondigits refused or unsure']:>12.1%} {row['redrawn refused']:>17.2%} "
              f"{row['held-out refused']:>17.2%} {row['redrawn read right']:>15.2%}")
    print("\nnon-digits answered 'no digit', per category:")
    categories = list(results[0]["per category"])
    print(f"{'weights':<22} {'score':<19} " + " ".join(f"{c[:10]:>10}" for c in categories))
    for row in results:
        print(f"{row['weights']:<22} {row['method']:<19} "
              + " ".join(f"{row['per category'][c]:>10.1%}" for c in categories))
    return 0


if __name__ == "__main__":
    sys.exit(main())
