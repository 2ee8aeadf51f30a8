"""The handwriting augmentation, the preprocessing it imitates on tensors, and the synthetic non-digits."""

import numpy as np
import pytest
import torch

from mnist_desk.core.augment import handwriting_batch, normalize_like_preprocess
from mnist_desk.core.data import to_input
from mnist_desk.core.outliers import KINDS, outlier_batch, uniform_target_loss
from mnist_desk.core.preprocess import preprocess


def test_handwriting_batch_is_reproducible_in_range_and_changes_digits(train_sample):
    x = to_input(train_sample.images[:128])
    out = handwriting_batch(x, torch.Generator().manual_seed(0))
    assert out.shape == x.shape and out.dtype == x.dtype
    assert float(out.min()) >= 0 and float(out.max()) <= 1
    assert torch.equal(out, handwriting_batch(x, torch.Generator().manual_seed(0)))
    changed = (out - x).abs().flatten(1).amax(1) > 0.05
    assert 0.6 < float(changed.float().mean()) < 0.95  # a share is kept as it is (clean_probability)
    assert bool((out.flatten(1).amax(1) > 0.3).all())  # no digit vanishes


def test_handwriting_strokes_range_from_thin_to_thick(train_sample):
    x = to_input(train_sample.images[:256])
    ink = handwriting_batch(x, torch.Generator().manual_seed(1)).sum(dim=(1, 2, 3)) / x.sum(dim=(1, 2, 3))
    assert float(ink.min()) < 0.75 and float(ink.max()) > 1.5  # a thin pen and a marker both come up


def test_tensor_preprocessing_matches_the_apps_preprocessing(train_sample):
    """A digit shown large is cropped, fitted and centred as preprocess() does (up to resampling)."""
    digits = train_sample.images[:32].numpy()
    big = torch.nn.functional.interpolate(to_input(train_sample.images[:32]), size=(56, 56), mode="bilinear",
                                          align_corners=False)
    ours = normalize_like_preprocess(big)[:, 0].numpy()
    theirs = np.stack([preprocess(d).field28 for d in digits])
    assert np.abs(ours - theirs).mean() < 0.05
    centre = np.indices((28, 28)).reshape(2, -1) @ ours.reshape(32, -1).T / ours.reshape(32, -1).sum(1)
    assert np.allclose(centre, 13.5, atol=0.6)  # centre of mass in the middle, as MNIST's


def test_an_empty_picture_stays_empty():
    assert float(normalize_like_preprocess(torch.zeros(2, 1, 56, 56)).abs().sum()) == 0.0


@pytest.mark.parametrize("seed", range(len(KINDS) * 2))
def test_outliers_are_preprocessed_non_digit_inputs(seed):
    batch = outlier_batch(16, torch.Generator().manual_seed(seed))
    assert batch.shape == (16, 1, 28, 28)
    assert float(batch.min()) >= 0 and float(batch.max()) <= 1
    assert bool((batch.flatten(1).amax(1) > 0.2).all())  # every one has ink
    ink = (batch > 0.2).float()
    rows, cols = ink.amax(dim=3)[:, 0], ink.amax(dim=2)[:, 0]
    assert bool(((rows.sum(1) <= 21) & (cols.sum(1) <= 21)).all())  # fitted into the 20×20 box


def test_uniform_target_loss_is_lowest_for_equal_probabilities():
    flat = torch.zeros(4, 10)
    peaked = torch.zeros(4, 10)
    peaked[:, 3] = 8.0
    assert float(uniform_target_loss(flat)) == pytest.approx(np.log(10), rel=1e-5)
    assert float(uniform_target_loss(peaked)) > float(uniform_target_loss(flat)) + 1
