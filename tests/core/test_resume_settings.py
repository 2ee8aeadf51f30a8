"""Resuming a saved run with other settings, and a run whose loss stops being a number.

A resumed run keeps its weights, moments and progress and takes the new
settings: more epochs of a one-cycle run (what the app advises when a run
has finished), another schedule, another optimizer, another learning rate
or step budget. A loss that becomes NaN stops the run with the last finite
weights back in place.
"""

from __future__ import annotations

import math

import pytest
import torch

from mnist_desk.core.errors import ConfigError
from mnist_desk.core.training import TrainConfig, Trainer
from mnist_desk.core.weights import load_checkpoint, save_checkpoint


@pytest.fixture
def train_sample(train_sample):
    """500 digits: 10 steps an epoch."""
    return train_sample.subset(500)


def _config(**overrides) -> TrainConfig:
    values = dict(arch="tutorial", batch_size=50, epochs=1, log_every=5, device="cpu", seed=3)
    values.update(overrides)
    return TrainConfig(**values)


def _saved(tmp_path, train_sample, stop_at: int | None = None, **settings):
    trainer = Trainer(_config(**settings), train_sample)
    for record in trainer.run():
        if stop_at is not None and record.step >= stop_at:
            break
    return load_checkpoint(save_checkpoint(trainer.checkpoint(), tmp_path / "run.pt"))


def _lrs(trainer: Trainer) -> list[float]:
    return [record.lr for record in trainer.run()]


def test_an_unchanged_one_cycle_run_resumes_exactly(tmp_path, train_sample):
    settings = dict(schedule="onecycle", lr=0.01, epochs=2)
    whole = Trainer(_config(**settings), train_sample)
    whole_records = [(r.step, r.lr, r.loss) for r in whole.run() if r.kind == "progress"]
    resumed = Trainer(_config(**settings), train_sample, resume=_saved(tmp_path, train_sample, 5, **settings))
    # Epoch records of a resumed epoch cover only its resumed part; every other number is the same.
    tail = [(r.step, r.lr, r.loss) for r in resumed.run() if r.kind == "progress"]
    assert tail == [r for r in whole_records if r[0] > 5]


def test_more_epochs_of_a_finished_one_cycle_run_stretch_the_cycle(tmp_path, train_sample):
    finished = _saved(tmp_path, train_sample, schedule="onecycle", lr=0.01, epochs=1)
    trainer = Trainer(_config(schedule="onecycle", lr=0.01, epochs=3), train_sample, resume=finished)
    assert trainer.progress.step == 10 and not trainer.finished
    lrs = _lrs(trainer)
    assert trainer.progress.step == 30 and trainer.finished
    assert max(lrs) <= 0.01 and lrs[-1] < lrs[0] / 10  # on the new, longer cycle's way down, to its end


@pytest.mark.parametrize(("saved", "new"), [
    (dict(schedule="onecycle", lr=0.01), dict(schedule="constant", lr=0.002)),
    (dict(schedule="constant", lr=0.001), dict(schedule="onecycle", lr=0.01)),
    (dict(optimizer="adam", lr=0.001), dict(optimizer="sgd", lr=0.05)),
    (dict(optimizer="sgd", lr=0.05), dict(optimizer="adam", lr=0.001)),
    (dict(optimizer="adam", schedule="onecycle", lr=0.01), dict(optimizer="sgd", schedule="onecycle", lr=0.05)),
    (dict(batch_size=50), dict(batch_size=80)),
])
def test_another_schedule_optimizer_or_batch_size_resumes(tmp_path, train_sample, saved, new):
    checkpoint = _saved(tmp_path, train_sample, 10, epochs=2, **saved)
    trainer = Trainer(_config(epochs=2, **new), train_sample, resume=checkpoint)
    records = list(trainer.run())
    assert trainer.finished and records and all(math.isfinite(r.loss) for r in records)
    if new.get("schedule", "constant") == "constant":
        assert {r.lr for r in records} == {new.get("lr", 0.001)}  # the new learning rate, not the saved one
    if saved.get("optimizer", "adam") != new.get("optimizer", "adam"):
        assert trainer.resume_notes and "fresh moments" in trainer.resume_notes[0]


def test_a_larger_step_budget_continues_a_budget_run(tmp_path, train_sample):
    budget = _saved(tmp_path, train_sample, epochs=3, max_steps=10, schedule="onecycle", lr=0.01)
    again = Trainer(_config(epochs=3, max_steps=10, schedule="onecycle", lr=0.01), train_sample, resume=budget)
    assert again.finished and again.stopped_by_budget
    longer = Trainer(_config(epochs=3, max_steps=25, schedule="onecycle", lr=0.01), train_sample, resume=budget)
    assert not longer.finished
    list(longer.run())
    assert longer.progress.step == 25 and longer.finished


def test_saved_moments_that_do_not_fit_the_network_are_refused_plainly(tmp_path, train_sample):
    checkpoint = _saved(tmp_path, train_sample, 5)
    state = checkpoint.optimizer_state["state"]
    state[0]["exp_avg"] = torch.zeros(3, 3)  # another network's
    with pytest.raises(ConfigError, match="optimizer state saved with these weights does not fit this network"):
        Trainer(_config(), train_sample, resume=checkpoint)


def test_a_loss_that_is_not_finite_stops_the_run_with_the_last_finite_weights(train_sample):
    trainer = Trainer(_config(epochs=3), train_sample)
    records = []
    for record in trainer.run():
        records.append(record)
        if record.step == 10:
            for group in trainer.optimizer.param_groups:  # what --lr 1e308 does from the first step
                group["lr"] = 1e308
    assert trainer.diverged is not None and not trainer.finished
    assert "Training stopped at step 15" in str(trainer.diverged) and "of step 10, are kept" in str(trainer.diverged)
    assert trainer.progress.step == 10 and [(r.kind, r.step) for r in records] == [
        ("progress", 5), ("progress", 10), ("epoch", 10)]
    assert len(trainer.history) == 3  # the records of the lost steps are gone too
    checkpoint = trainer.checkpoint()
    assert all(bool(torch.isfinite(t).all()) for t in checkpoint.state_dict.values() if t.is_floating_point())
    resumed = Trainer(_config(epochs=3, lr=0.0005), train_sample, resume=checkpoint)  # ... and it resumes
    assert resumed.progress.step == 10 and next(iter(resumed.run())).step == 15


def test_a_run_that_diverges_at_once_says_nothing_was_trained(train_sample):
    trainer = Trainer(_config(lr=1e308), train_sample)
    assert list(trainer.run()) == []
    assert "No weights were trained before that" in str(trainer.diverged) and trainer.progress.step == 0


def test_weights_made_non_finite_before_a_stop_are_never_saved(train_sample):
    trainer = Trainer(_config(), train_sample)
    for record in trainer.run():
        if record.step == 5:
            break
    with torch.no_grad():
        trainer.model.out.bias.fill_(float("nan"))  # as a step cut off by Ctrl+C could leave it
    checkpoint = trainer.checkpoint()
    assert trainer.diverged is not None and checkpoint.progress["step"] == 5
    assert bool(torch.isfinite(checkpoint.state_dict["out.bias"]).all())


@pytest.mark.parametrize("seed", [-1, 2**32, 2**70, True])
def test_seeds_outside_the_range_are_config_errors(train_sample, seed):
    with pytest.raises(ConfigError, match="seed must be a whole number from 0 to 4,294,967,295"):
        Trainer(_config(seed=seed), train_sample)


def test_the_largest_seed_trains(train_sample):
    assert list(Trainer(_config(seed=2**32 - 1, epochs=1), train_sample).run())
