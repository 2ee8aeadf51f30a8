import pytest
import torch

from mnist_desk.core.evaluation import evaluate, evaluate_steps
from mnist_desk.core.models import build_model
from mnist_desk.core.paths import default_weights_path
from mnist_desk.core.weights import load_model


class _Constant(torch.nn.Module):
    """Always answers ``digit``: makes the expected numbers obvious."""

    def __init__(self, digit):
        super().__init__()
        self.digit = digit
        self.dummy = torch.nn.Parameter(torch.zeros(1))

    def forward(self, x):
        logits = torch.zeros(x.shape[0], 10)
        logits[:, self.digit] = 5.0
        return logits


def test_counts_confusion_and_misclassified_indices(test_sample):
    result = evaluate(_Constant(3), test_sample, batch_size=64)
    labels = test_sample.labels
    assert result.total == 300 and result.wrong == int((labels != 3).sum())
    assert result.accuracy == pytest.approx(30 / 300)
    assert result.per_class == [1.0 if d == 3 else 0.0 for d in range(10)]
    assert sum(map(sum, result.confusion)) == 300
    assert all(result.confusion[t][3] == 30 for t in range(10))
    assert result.misclassified == torch.nonzero(labels != 3).flatten().tolist()
    assert result.indices_for(7, 3) == torch.nonzero(labels == 7).flatten().tolist()
    assert result.tutorial_lines()[0] == f"总个数:300,不相等的个数{result.wrong}"
    summary = result.summary()
    assert set(summary) == {"accuracy", "wrong", "total", "per_class", "confusion"}


def test_steps_report_progress_then_the_result(test_sample):
    steps = list(evaluate_steps(build_model("tutorial").eval(), test_sample, batch_size=100))
    assert [(d, t) for d, t, _ in steps] == [(100, 300), (200, 300), (300, 300)]
    assert steps[-1][2] is not None and all(r is None for _, _, r in steps[:-1])


def test_shipped_weights_reach_99_5_percent_on_the_full_test_set(full_test_split):
    path = default_weights_path()
    assert path.exists(), f"shipped weights missing: {path}"
    assert path.stat().st_size < 2 * 1024 * 1024
    model, checkpoint = load_model(path)
    result = evaluate(model, full_test_split)
    assert result.total == 10_000
    assert result.accuracy >= 0.995, result.tutorial_lines()
    assert checkpoint.test_accuracy == pytest.approx(result.accuracy, abs=1e-4)
