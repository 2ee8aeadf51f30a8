"""What the Train tab shows while a run trains, pauses, stops and resumes, as a user meets it:
the learning-rate field, Stop right after Start, the settings a finished run leaves editable,
images/s, the time left, the Resume button and the exact step a run stops and resumes at."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from PySide6.QtCore import Qt
from training_runs import records_of, stop_and_wait

from mnist_desk.ui.icons import icon
from mnist_desk.ui.train.progress_panel import ProgressPanel, format_duration


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pause_and_wait(qtbot, tab) -> None:
    with qtbot.waitSignal(tab.session.checkpoint, timeout=10_000, check_params_cb=lambda _c, why: why == "paused"):
        click(qtbot, tab.pause_button)
    qtbot.waitUntil(lambda: tab.session.state == "paused", timeout=5000)


def test_a_typed_minus_stays_and_start_says_why_it_cannot_start(qtbot, tab):
    field = tab.form.lr.lineEdit()
    field.selectAll()
    qtbot.keyClicks(field, "-1")
    assert tab.form.lr.currentText() == "-1"  # nothing swallowed: what was typed is what is shown
    assert tab.form.lr.property("invalid") is True and "positive number" in tab.form.lr.toolTip()
    click(qtbot, tab.start_button)
    assert not tab.session.is_active()
    assert tab.progress.status_is_error and "positive number" in tab.progress.status.text()
    assert "-1" in tab.progress.status.text()
    field.selectAll()
    qtbot.keyClicks(field, "1e-3")
    assert tab.form.lr.property("invalid") is False and tab.form.learning_rate() == 0.001
    assert tab.form.lr.count() == 7  # typing never adds entries to the list


def test_stop_right_after_start_leaves_nothing_to_save_or_resume(qtbot, tab, train_sample, test_sample, questions):
    release = threading.Event()

    def slow_loading(root: Path, train: bool):
        release.wait(10)  # reading MNIST takes a while on a real machine
        return train_sample if train else test_sample

    tab.split_loader = slow_loading
    click(qtbot, tab.start_button)
    with qtbot.waitSignal(tab.session.ended, timeout=20_000) as ended:
        click(qtbot, tab.stop_button)
        release.set()
    assert ended.args[0] == "stopped"
    assert "nothing to save or resume" in tab.progress.status.text()
    assert "Save the weights" not in tab.progress.status.text()
    assert tab.weights.checkpoint is None and not tab.weights.save_button.isEnabled()
    assert not tab.weights.resume_button.isEnabled() and "No weights yet" in tab.weights.status.text()
    assert not tab.has_unsaved_run()
    click(qtbot, tab.start_button)  # nothing to lose: no question
    assert tab.session.is_active() and not questions.asked and not questions.unexpected
    stop_and_wait(qtbot, tab)


def test_a_resumed_run_leaves_architecture_and_activation_editable(qtbot, tab):
    click(qtbot, tab.start_button)
    records_of(qtbot, tab, 2)
    stop_and_wait(qtbot, tab)
    assert tab.form.arch.isEnabled() and tab.form.activation.isEnabled()
    with qtbot.waitSignal(tab.session.started, timeout=30_000):
        click(qtbot, tab.weights.resume_button)
    assert not tab.form.isEnabled()  # nothing is edited while a run trains
    records_of(qtbot, tab, 1)
    stop_and_wait(qtbot, tab)
    assert tab.form.isEnabled() and tab.form.arch.isEnabled() and tab.form.activation.isEnabled()
    tab.form.activation.setCurrentIndex(tab.form.activation.findData("sigmoid"))  # "train both and compare"
    assert tab.form.values()["activation"] == "sigmoid"


def test_resuming_with_another_optimizer_says_its_moments_start_afresh(qtbot, tab):
    click(qtbot, tab.start_button)
    records_of(qtbot, tab, 1)
    stop_and_wait(qtbot, tab)
    tab.form.optimizer.setCurrentIndex(tab.form.optimizer.findData("sgd"))
    with qtbot.waitSignal(tab.session.started, timeout=30_000):
        click(qtbot, tab.weights.resume_button)
    assert tab.progress.status.text().endswith("(It was trained with Adam: SGD starts with fresh moments.)")
    stop_and_wait(qtbot, tab)


def test_pause_resume_and_stop_readouts(qtbot, tab):
    click(qtbot, tab.start_button)
    records_of(qtbot, tab, 3)
    assert "images/s" in tab.progress.speed.text() and not tab.progress.speed.text().startswith("–")
    # (An epoch end says "Calibrating …" while its checkpoint is calibrated, then the run's own line again.)
    qtbot.waitUntil(lambda: not tab.progress.status.text().startswith("Calibrating"), timeout=10_000)
    running_text = tab.progress.status.text()
    assert running_text.startswith("Training from step 0: Fast CNN (ReLU) on 917 digits, CPU.")  # 83 (1/12) held out
    pause_and_wait(qtbot, tab)
    assert tab.pause_button.text() == "Resume"
    assert tab.pause_button.icon().cacheKey() != icon("train-pause").cacheKey()
    assert tab.progress.speed.text().startswith("– images/s")  # nothing trains, nothing to measure
    times = tab.progress.times.text()
    qtbot.wait(600)
    assert tab.progress.times.text() == times  # the time left does not run while paused
    paused_step = tab.weights.checkpoint.progress["step"]
    assert tab.progress.total_bar.value() == paused_step  # the bar shows where it paused, not the last record
    assert re.match(rf"Paused (at step {paused_step:,}, in|after) epoch \d+", tab.weights.status.text())
    assert f"step {paused_step:,}" in tab.weights.status.text()

    click(qtbot, tab.pause_button)  # Resume
    assert tab.session.state == "running" and tab.progress.status.text() == running_text
    assert tab.pause_button.text() == "Pause"
    records_of(qtbot, tab, 1)
    stop_and_wait(qtbot, tab)
    stopped_step = tab.weights.checkpoint.progress["step"]
    assert tab.progress.total_bar.value() == stopped_step
    assert f"Stopped at step {stopped_step:,}." in tab.progress.status.text()
    assert re.match(rf"Stopped (at step {stopped_step:,}, in|after) epoch \d+", tab.weights.status.text())
    assert f"step {stopped_step:,}" in tab.weights.status.text()

    with qtbot.waitSignal(tab.session.started, timeout=30_000) as started:
        click(qtbot, tab.weights.resume_button)
    assert started.args[0]["start_step"] == stopped_step
    assert tab.progress.status.text().startswith(f"Resumed at step {stopped_step:,}: training Fast CNN")
    assert tab.weights.status.text().startswith(f"Training again from step {stopped_step:,}")
    assert "Stopped" not in tab.weights.status.text()
    stop_and_wait(qtbot, tab)


def test_images_per_second_are_smoothed_over_seconds(qtbot):
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.reset({"steps_total": 10_000, "steps_per_epoch": 1000, "start_step": 0, "start_epoch": 0, "epochs": 10,
                 "device": "cpu"})
    # 1,000 images/s on average, but each record's own rate swings 20-fold (tests, a busy machine).
    seen, elapsed = 0, 0.0
    for index in range(60):
        seconds = 0.05 if index % 2 else 0.45
        elapsed += seconds
        seen += 250
        panel.show_record({"epoch": 0, "epochs": 10, "step": index * 5, "steps_total": 10_000, "step_in_epoch": index,
                           "steps_per_epoch": 1000, "images_per_s": 250 / seconds, "elapsed_s": elapsed,
                           "eta_s": 100.0, "samples_seen": seen})
        shown = float(panel.speed.text().split()[0].replace(",", ""))
        if elapsed > 6:
            assert 850 <= shown <= 1150, (index, shown)
    assert panel.speed.text().endswith("images/s on CPU")


def test_the_training_status_names_things_in_chinese(qtbot, tab, chinese):
    """No raw keys ("fast (relu) … cpu") in the Chinese window."""
    click(qtbot, tab.start_button)
    records_of(qtbot, tab, 2)
    status = tab.progress.status.text()
    assert "快速 CNN" in status and "CPU" in status, status
    assert not re.search(r"\bfast\b|\brelu\b|\bcpu\b", status), status
    assert tab.progress.speed.text().endswith("（CPU）"), tab.progress.speed.text()
    stop_and_wait(qtbot, tab)


def test_pause_right_after_start_says_what_it_waits_for_and_the_wait_is_not_training_time(qtbot, tab, monkeypatch):
    """QA: Pause pressed at once sat on a bare "Pausing…" for ~10 s (the calibration digits being made), and the
    time and rate after Resume counted that wait."""
    import time

    import mnist_desk.core.novelty as novelty

    made = novelty.calibration_digits

    def slow_digits(*args, **kwargs):
        time.sleep(1.5)  # ~7 s for 5,000 held-out digits on a real machine
        return made(*args, **kwargs)

    monkeypatch.setattr(novelty, "calibration_digits", slow_digits)
    started = time.perf_counter()
    click(qtbot, tab.start_button)
    click(qtbot, tab.pause_button)  # at once: the run pauses after its first batch
    assert tab.pause_button.text() == "Pausing…"
    qtbot.waitUntil(lambda: "Calibrating" in tab.progress.status.text(), timeout=30_000)
    assert tab.session.state == "pausing"
    assert tab.progress.status.text().startswith("Calibrating the “no digit” answer on the held-out digits")
    assert tab.progress.status.text().endswith("The run pauses when it is done.")
    qtbot.waitUntil(lambda: tab.session.state == "paused", timeout=30_000)
    assert tab.progress.status.text() == "Paused. Save the weights now, or Resume."
    click(qtbot, tab.pause_button)  # Resume
    running_text = tab.progress.status.text()
    assert running_text.startswith("Training from step 0")
    record = records_of(qtbot, tab, 2)[-1]
    assert record["elapsed_s"] < time.perf_counter() - started - 1.5  # the wait is not training time
    assert tab.progress.times.text().startswith(f"trained for {format_duration(record['elapsed_s'])}, about")
    assert "pauses" in tab.progress.times.toolTip()
    # An epoch end calibrates its checkpoint too (the digits are made by now): said, then the run's own line again.
    with qtbot.waitSignal(tab.session.checkpoint, timeout=60_000, check_params_cb=lambda _c, why: why == "epoch"):
        pass
    qtbot.waitUntil(lambda: tab.progress.status.text() == running_text, timeout=10_000)
    stop_and_wait(qtbot, tab)


def test_before_a_run_the_bars_say_what_they_are_not_empty_fields(qtbot, tab):
    """QA: with no value a QProgressBar shows no text, and looked like an empty text field."""
    for bar, text in ((tab.progress.epoch_bar, "epoch –"), (tab.progress.total_bar, "step –")):
        assert bar.text() == text and bar.isTextVisible()
