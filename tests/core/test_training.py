"""The training iterator on real MNIST digits (the committed fixture)."""

import math

import numpy as np
import pytest
import torch

from mnist_desk.core.augment import augment_batch
from mnist_desk.core.errors import ConfigError
from mnist_desk.core.novelty import Calibration, calibrate_held_out, calibration_digits
from mnist_desk.core.predict import Predictor
from mnist_desk.core.training import TrainConfig, Trainer, pick_device, train
from mnist_desk.core.weights import load_checkpoint, save_checkpoint


def _config(**overrides):
    values = dict(arch="tutorial", batch_size=50, epochs=2, log_every=5, device="cpu", seed=3)
    values.update(overrides)
    return TrainConfig(**values)


def test_loss_goes_down_and_records_carry_every_metric(train_sample, test_sample):
    records = list(train(_config(), train_sample, test_sample))
    progress = [r for r in records if r.kind == "progress"]
    epochs = [r for r in records if r.kind == "epoch"]
    assert [r.epoch for r in epochs] == [0, 1]
    assert progress[-1].loss < progress[0].loss * 0.6
    assert all(0 <= r.test_accuracy <= 1 for r in epochs)
    assert epochs[-1].test_accuracy > 0.6  # 2 epochs on 1,000 digits, tested on 300 real test digits
    last = records[-1]
    assert last.step == last.steps_total == 40 and last.samples_seen == 2000
    assert last.images_per_s > 0 and last.eta_s == 0
    assert all(math.isfinite(r.loss) for r in records)


def test_runs_are_reproducible_with_a_seed(train_sample):
    first = [r.loss for r in train(_config(epochs=1), train_sample)]
    second = [r.loss for r in train(_config(epochs=1), train_sample)]
    assert first == second
    other = [r.loss for r in train(_config(epochs=1, seed=4), train_sample)]
    assert other != first


def test_stopping_and_resuming_continues_where_it_stopped(train_sample, tmp_path):
    trainer = Trainer(_config(), train_sample)
    for record in trainer.run():
        if record.step >= 25:
            break  # the consumer simply stops iterating
    assert trainer.progress.step == 25 and trainer.progress.epoch == 1
    path = save_checkpoint(trainer.checkpoint(), tmp_path / "run.pt")
    resumed = Trainer(_config(), train_sample, resume=load_checkpoint(path))
    assert resumed.progress.step == 25 and len(resumed.history) == len(trainer.history)
    assert resumed.optimizer.state_dict()["state"][0]["step"] == 25
    records = list(resumed.run())
    assert records[0].step == 30 and records[-1].step == 40
    assert resumed.finished



def test_a_run_of_the_earlier_wider_fast_cnn_resumes_at_its_own_size(train_sample, tmp_path):
    from mnist_desk.core.models import FastCNN

    trainer = Trainer(_config(arch="fast", epochs=1), train_sample)
    trainer.model = FastCNN(channels=(32, 64)).to(memory_format=trainer.memory_format)  # as an old version built it
    trainer.optimizer = trainer._make_optimizer()
    for record in trainer.run():
        if record.step >= 5:
            break
    path = save_checkpoint(trainer.checkpoint(), tmp_path / "old_fast_run.pt")
    resumed = Trainer(_config(arch="fast", epochs=1), train_sample, resume=load_checkpoint(path))
    assert resumed.model.conv2[0].out_channels == 64 and resumed.progress.step == 5
    assert list(resumed.run())[-1].step == 20

def test_interrupt_stops_within_one_batch(train_sample):
    calls = []

    def interrupt():
        calls.append(1)
        return len(calls) >= 3

    trainer = Trainer(_config(log_every=100), train_sample)
    assert list(trainer.run(interrupt)) == []
    assert trainer.progress.step == 3


def test_time_paused_or_spent_on_a_record_is_not_training_time(train_sample):
    """A pause (inside interrupt) and an epoch end's saving and calibrating (between records) leave elapsed_s,
    the rate and the time left alone: a run paused for a while does not look slow after it resumes."""
    import time

    calls = []

    def pause_once():
        calls.append(1)
        if len(calls) == 3:
            time.sleep(1.0)  # paused, or a pause's calibration
        return False

    trainer = Trainer(_config(arch="fast", epochs=2, log_every=5), train_sample)
    started = time.perf_counter()
    records = []
    for record in trainer.run(pause_once):
        records.append(record)
        if record.kind == "epoch" and record.epoch == 0:
            time.sleep(1.0)  # the window's epoch-end checkpoint: calibrating it, autosaving it
    wall = time.perf_counter() - started
    assert records[-1].elapsed_s < wall - 1.8, (records[-1].elapsed_s, wall)
    for r in records:  # the time left is the time a step trains, not counting the waits, times the steps left
        assert r.eta_s <= 1.2 * r.elapsed_s / r.step * (r.steps_total - r.step) + 0.05, r


def test_sgd_one_cycle_sigmoid_and_augmentation_run(train_sample):
    config = _config(epochs=1, optimizer="sgd", lr=0.05, schedule="onecycle", activation="sigmoid", augment=True)
    trainer = Trainer(config, train_sample)
    lrs = [r.lr for r in trainer.run()]
    assert max(lrs) > lrs[-1]  # one-cycle anneals
    assert isinstance(trainer.model.conv1[1], torch.nn.Sigmoid)


def test_test_subset_every_k_steps(train_sample, test_sample):
    records = list(train(_config(epochs=1, test_every=10, test_subset=100), train_sample, test_sample))
    tests = [r for r in records if r.kind == "test"]
    assert [r.step for r in tests] == [10, 20]


def test_bad_settings_are_config_errors(train_sample):
    for bad in (dict(lr=0), dict(lr=float("nan")), dict(batch_size=0), dict(epochs=0), dict(optimizer="lbfgs"),
                dict(arch="vgg"), dict(activation="tanh"), dict(schedule="cosine")):
        with pytest.raises(ConfigError):
            Trainer(_config(**bad), train_sample)
    with pytest.raises(ConfigError):
        pick_device("cuda:7" if not torch.cuda.is_available() else "nonsense")


def test_augmentation_keeps_shape_range_and_the_digit(train_sample):
    x = train_sample.images[:64].unsqueeze(1).float() / 255
    out = augment_batch(x, torch.Generator().manual_seed(0))
    assert out.shape == x.shape and out.min() >= 0 and out.max() <= 1
    assert not torch.equal(out, x)
    ink_ratio = out.sum(dim=(1, 2, 3)) / x.sum(dim=(1, 2, 3))
    assert bool(((ink_ratio > 0.5) & (ink_ratio < 2.0)).all())
    again = augment_batch(x, torch.Generator().manual_seed(0))
    assert torch.equal(out, again)


def test_a_step_budget_ends_the_run_inside_an_epoch_and_tests_there(train_sample, test_sample):
    trainer = Trainer(_config(epochs=3, max_steps=30, schedule="onecycle", lr=0.01), train_sample, test_sample)
    records = list(trainer.run())
    assert trainer.steps_total == 30 and trainer.finished
    assert records[-1].kind == "epoch" and records[-1].step == 30 and records[-1].test_accuracy is not None
    assert [r.epoch for r in records if r.kind == "epoch"] == [0, 1]
    assert trainer.progress.epoch == 1 and trainer.progress.step_in_epoch == 10
    assert records[-1].lr < 0.001  # the one-cycle schedule spans the budget


def test_handwriting_augmentation_outlier_exposure_and_a_hold_out_run(train_sample):
    config = _config(epochs=1, arch="fast", augment=True, augment_recipe="handwriting", outliers=0.25, hold_out=200)
    trainer = Trainer(config, train_sample)
    assert len(trainer.train_split) == 800 and trainer.steps_per_epoch == 16  # the last 200 are held out
    records = list(trainer.run())
    assert records[-1].samples_seen == 800  # digits only: the non-digits are extra
    assert all(math.isfinite(r.loss) for r in records)
    # The non-digits' uniform-target loss is part of the loss: at least log(10) × weight at the start.
    assert records[0].loss > 0.5 * math.log(10)
    assert trainer.checkpoint().hparams["outliers"] == 0.25


def test_a_run_holds_the_default_share_out_and_its_weights_refuse_as_the_shipped_ones(train_sample):
    trainer = Trainer(_config(epochs=1, arch="fast", hold_out=None), train_sample)
    assert trainer.config.hold_out == 83 and len(trainer.train_split) == 917  # 1/12 of the 1,000 digits
    list(trainer.run())
    assert trainer.checkpoint().novelty is None  # only when asked: it costs a pass over the held-out digits
    checkpoint = trainer.checkpoint(calibrate=True)
    assert checkpoint.hparams["hold_out"] == 83  # what resuming keeps
    model = checkpoint.build()
    expected = calibrate_held_out(model, train_sample, 83)
    calibration = Calibration.from_dict(checkpoint.novelty)
    assert calibration.threshold == pytest.approx(expected.threshold) and calibration.digits == expected.digits
    assert "917" in calibration.source  # the first held-out digit, never one it trained on
    # The Predictor built from these weights refuses what the threshold says, as for the shipped weights.
    predictor = Predictor.from_checkpoint(checkpoint, model)
    digits = calibration_digits(train_sample, 83)
    answers = predictor.answer_fields(digits[:, 0].numpy(), np.ones(len(digits)))
    with torch.inference_mode():
        below = torch.softmax(model.eval()(digits), 1).amax(1).numpy() < calibration.threshold
    assert np.array_equal(answers.refused, below) and 0 < answers.refused.sum() <= 0.05 * len(digits) + 1
    assert Trainer(_config(epochs=1, hold_out=0), train_sample).checkpoint(calibrate=True).novelty is None


def test_a_resumed_run_keeps_the_digits_it_held_out(train_sample):
    first = Trainer(_config(epochs=2, max_steps=3, hold_out=0), train_sample)
    list(first.run())
    resumed = Trainer(_config(epochs=2, hold_out=None), train_sample, resume=first.checkpoint())
    assert resumed.config.hold_out == 0 and len(resumed.train_split) == 1000  # it has trained on them all
    told = Trainer(_config(epochs=2, hold_out=100), train_sample, resume=first.checkpoint())
    assert told.config.hold_out == 0 and any("held-out" in note for note in told.resume_notes)


def test_bad_outlier_and_hold_out_settings_are_config_errors(train_sample):
    for bad in (dict(outliers=-1.0), dict(outliers=9.0), dict(outlier_weight=-0.5), dict(hold_out=-1),
                dict(hold_out=1000), dict(augment_recipe="extreme")):
        with pytest.raises(ConfigError):
            Trainer(_config(**bad), train_sample)
