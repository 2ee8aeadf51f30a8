"""The held-out split: stratified by label, deterministic, never trained on; a set too small is told what to add;
fine-tuning mixes the set's training part into MNIST and measures the held-out part before and after."""

from __future__ import annotations

import math
import random

import pytest
import torch
from handwriting_sets import make_set

from mnist_desk.core.data import mixed_split
from mnist_desk.core.errors import ConfigError, HandwritingSetError
from mnist_desk.core.handwriting.fine_tune import fine_tune_data
from mnist_desk.core.handwriting.reading import read_set
from mnist_desk.core.handwriting.split import (
    check_splittable,
    digits_needed,
    held_out_count,
    holdout_split,
    least_needed,
)
from mnist_desk.core.training import TrainConfig, Trainer


def names_and_labels(per_label: list[int]) -> tuple[list[str], list[int]]:
    names, labels = [], []
    for label, count in enumerate(per_label):
        for k in range(count):
            names.append(f"{label}-{k:03d}.png")
            labels.append(label)
    return names, labels


@pytest.mark.parametrize("holdout", [0.1, 0.25, 0.5, 0.9])
def test_each_label_gives_its_share_and_the_parts_are_disjoint(holdout):
    per_label = [4, 7, 10, 13, 20, 31, 45, 50, 60, 99]
    names, labels = names_and_labels(per_label)
    if digits_needed(per_label, holdout):
        with pytest.raises(HandwritingSetError):
            holdout_split(names, labels, holdout)
        return
    train, held = holdout_split(names, labels, holdout)
    assert sorted(train + held) == list(range(len(names))) and not set(train) & set(held)
    for label, count in enumerate(per_label):
        held_here = sum(1 for i in held if labels[i] == label)
        assert held_here == held_out_count(count, holdout)
        assert abs(held_here - count * holdout) <= 0.5 + 1e-9 or held_here == 1


def test_the_split_depends_on_the_names_and_seed_not_the_order_files_are_listed_in():
    names, labels = names_and_labels([12] * 10)
    train, held = holdout_split(names, labels, 0.25, seed=3)
    order = list(range(len(names)))
    random.Random(1).shuffle(order)
    shuffled_train, shuffled_held = holdout_split([names[i] for i in order], [labels[i] for i in order], 0.25, seed=3)
    assert sorted(names[order[i]] for i in shuffled_held) == sorted(names[i] for i in held)
    assert holdout_split(names, labels, 0.25, seed=4)[1] != held  # another seed, another split
    # a digit added later moves at most one other digit of its label to the other side
    grown_names, grown_labels = names + ["3-new.png"], labels + [3]
    grown_held = {grown_names[i] for i in holdout_split(grown_names, grown_labels, 0.25, seed=3)[1]}
    assert len({names[i] for i in held} ^ (grown_held - {"3-new.png"})) <= 1


def test_a_set_too_small_says_how_many_more_of_which_digits():
    assert least_needed(0.5) == 4 and least_needed(0.25) == 6 and least_needed(0.1) == 15
    counts = [6, 6, 6, 2, 6, 6, 6, 0, 6, 5]
    assert digits_needed(counts, 0.25) == {3: 4, 7: 6, 9: 1}
    with pytest.raises(HandwritingSetError) as caught:
        check_splittable(counts, 0.25)
    message = str(caught.value)
    assert "each digit 0 to 9 needs at least 6 pictures (2 held out, never trained on, and 2 to train on)" in message
    assert "Add 11 more, of these digits (digit: how many more): 3: 4, 7: 6, 9: 1." in message
    check_splittable([6] * 10, 0.25)
    for bad in (0.0, 0.95, math.nan, -1):
        with pytest.raises(ConfigError, match="held-out share"):
            check_splittable([6] * 10, bad)


def test_mixing_repeats_the_set_to_its_share():
    base = torch.zeros(1000, 28, 28, dtype=torch.uint8), torch.zeros(1000, dtype=torch.int64)
    from mnist_desk.core.data import MnistSplit

    extra = MnistSplit(torch.full((30, 28, 28), 255, dtype=torch.uint8), torch.full((30,), 7))
    mixed = mixed_split(MnistSplit(*base), extra, 0.25)
    assert len(mixed) == 1000 + 30 * 11 and int((mixed.labels == 7).sum()) == 330  # 330 / 1330 = 24.8 %
    assert torch.equal(mixed.images[:30], extra.images)  # first: a hold-out at the end stays MNIST's
    assert torch.equal(mixed.images[-1000:], base[0])


@pytest.fixture(scope="module")
def small_set(tmp_path_factory, test_sample):
    return read_set(make_set(tmp_path_factory.mktemp("sets") / "mine", test_sample, per_label=6).folder)


def test_fine_tuning_never_trains_on_the_held_out_part_and_measures_it_before_and_after(small_set, train_sample,
                                                                                        test_sample, trained_looking):
    from mnist_desk.core.weights import Checkpoint

    data = fine_tune_data(small_set, train_sample, share=0.2, holdout=0.5, seed=0)
    assert len(data.held_out_paths) == 30 and len(data.trained_paths) == 30
    assert not set(data.held_out_paths) & set(data.trained_paths)
    held_images = {bytes(image.numpy().tobytes()) for image in data.holdout.images}
    train_images = {bytes(image.numpy().tobytes()) for image in data.train.images[:-len(train_sample)]}
    assert not held_images & train_images  # no held-out digit among the digits trained on
    assert len(data.train) == len(train_sample) + 30 * data.repeats and data.repeats == 8
    init = Checkpoint({k: v.clone() for k, v in trained_looking("fast", seed=4).state_dict().items()}, arch="fast")
    config = TrainConfig(arch="tutorial", epochs=1, max_steps=6, batch_size=50, lr=1e-4, device="cpu", log_every=3,
                         test_every=3, test_subset=100)
    trainer = Trainer(config, data.train, test_sample, init=init, holdout=data.holdout)
    assert (trainer.config.arch, trainer.config.activation) == (init.arch, init.activation)
    start_weights = {k: v.clone() for k, v in trainer.model.state_dict().items()}
    assert all(torch.equal(start_weights[k], v) for k, v in init.state_dict.items())  # it starts from the weights
    records = list(trainer.run())
    assert records[0].kind == "start" and records[0].step == 0 and math.isnan(records[0].loss)
    assert records[0].holdout_accuracy is not None and records[0].test_accuracy is not None
    from mnist_desk.core.evaluation import accuracy_of

    assert records[0].holdout_accuracy == accuracy_of(init.build(), data.holdout)
    tested = [r for r in records if r.kind in ("test", "epoch")]
    assert tested and all(r.holdout_accuracy is not None for r in tested)
    metrics = trainer.checkpoint().metrics
    assert metrics["holdout_accuracy_before"] == records[0].holdout_accuracy
    assert metrics["holdout_accuracy"] == records[-1].holdout_accuracy


def test_fine_tuning_needs_an_honest_split(small_set, train_sample):
    with pytest.raises(HandwritingSetError, match="too small"):
        fine_tune_data(small_set, train_sample, holdout=0.1)
    with pytest.raises(ConfigError, match="share of your digits"):
        fine_tune_data(small_set, train_sample, share=0.95)
