"""The Train tab with the committed fixtures (1,000 training and 300 test digits) and the `fast` CNN.

Runs are real: a worker thread trains, records reach the chart, Stop, Pause,
Save, Load and Resume act on the real Trainer.
"""

from __future__ import annotations

import csv
import math
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from training_runs import records_of, stop_and_wait

from mnist_desk.core.errors import DataError
from mnist_desk.core.weights import load_checkpoint
from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.data_folder import DigitArrays
from mnist_desk.ui.train.metrics import MetricsStore
from mnist_desk.ui.train.session import PauseControl, TrainJob, training_steps
from mnist_desk.ui.train.tab import TrainTab
from mnist_desk.ui.worker import IteratorWorker

ROOT = Path(__file__).resolve().parents[3]


def test_tab_constructs_without_torch_or_matplotlib(tmp_path):
    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication; from PySide6.QtCore import QSettings\n"
        "app = QApplication([])\n"
        "from mnist_desk.ui.active_model import ActiveModel\n"
        "from mnist_desk.ui.train.tab import TrainTab\n"
        "from mnist_desk.ui.evaluate.tab import EvaluateTab\n"
        "s = QSettings(sys.argv[1], QSettings.Format.IniFormat)\n"
        "m = ActiveModel(); t = TrainTab(m, s); e = EvaluateTab(m, s)\n"
        "heavy = [n for n in ('torch', 'matplotlib', 'torchvision') if n in sys.modules]\n"
        "t.shutdown(); e.shutdown()\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "settings.ini")], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


def test_defaults_are_the_tutorials(qtbot, settings):
    widget = TrainTab(ActiveModel(), settings)
    qtbot.addWidget(widget)
    values = widget.form.values()
    assert (values["optimizer"], values["lr"], values["batch_size"], values["epochs"]) == ("adam", 0.001, 50, 10)
    assert (values["arch"], values["activation"]) == ("tutorial", "relu")
    widget.shutdown()


def test_run_feeds_chart_and_stops_within_a_second(qtbot, tab, loader):
    tab.form.batch_size.setValue(20)  # Stop waits for the batch in progress: keep it short on a busy CI machine
    assert tab.start()
    assert not tab.start()  # one run at a time
    assert not tab.start_button.isEnabled() and not tab.form.isEnabled()
    records = records_of(qtbot, tab, 3)
    assert loader.calls == [True, False]  # loaded in the worker, once each
    assert [r["step"] for r in records] == sorted(r["step"] for r in records)
    assert all(math.isfinite(r["loss"]) and r["loss"] > 0 for r in records)
    qtbot.waitUntil(lambda: tab.chart.canvas is not None and len(tab.chart.current_line_data()[0]) >= 3,
                    timeout=10_000)
    xs, ys = tab.chart.current_line_data()
    assert xs == tab.store.current.steps[:len(xs)]
    assert tab.chart.redraws >= 1
    assert "images/s" in tab.progress.speed.text() and "trained for" in tab.progress.times.text()
    assert tab.progress.total_bar.value() == tab.store.current.last_step

    assert stop_and_wait(qtbot, tab) < 1.0
    checkpoint = tab.weights.checkpoint
    assert checkpoint is not None and checkpoint.resumable
    assert checkpoint.progress["step"] >= records[-1]["step"]
    assert tab.start_button.isEnabled() and tab.weights.resume_button.isEnabled()
    assert tab.has_unsaved_run()


def test_pause_blocks_training_and_saves_exactly_there(qtbot, tab, tmp_path):
    tab.start()
    records_of(qtbot, tab, 2)
    with qtbot.waitSignal(tab.session.checkpoint, timeout=10_000,
                          check_params_cb=lambda checkpoint, why: why == "paused"):
        tab.pause_button.click()
    assert tab.session.state == "paused" and tab.pause_button.text() == "Resume"
    paused_step = tab.weights.checkpoint.progress["step"]
    seen: list[dict] = []
    tab.session.record.connect(seen.append)
    qtbot.wait(400)
    assert seen == []  # nothing trains while paused
    path = tab.weights.save_to(tmp_path / "paused.pt")
    assert load_checkpoint(path).progress["step"] == paused_step
    tab.pause_button.click()  # resume
    # The record of the batch before the pause may come only now (carrying the paused step): a later step must follow.
    qtbot.waitUntil(lambda: any(r["step"] > paused_step for r in seen), timeout=10_000)
    assert seen[0]["step"] >= paused_step
    stop_and_wait(qtbot, tab)


def test_save_load_and_resume_continue_the_run(qtbot, tab, settings, loader, tmp_path):
    tab.start()
    records_of(qtbot, tab, 2)
    stop_and_wait(qtbot, tab)
    saved = tab.weights.save()
    assert saved is not None and saved.parent == tmp_path and saved.name.startswith("mnist-fast-relu-")
    assert not tab.has_unsaved_run()
    stopped_at = load_checkpoint(saved).progress["step"]

    other = TrainTab(ActiveModel(), settings, None, split_loader=loader)
    qtbot.addWidget(other)
    try:
        other.form.epochs.setValue(30)
        assert other.weights.load(saved)
        assert other.form.arch.currentData() == "fast"
        assert other.store.current.records  # the file's history is on the chart
        with qtbot.waitSignal(other.session.started, timeout=30_000) as started:
            other.weights.resume_button.click()
        assert started.args[0]["start_step"] == stopped_at
        resumed = records_of(qtbot, other, 1)
        assert resumed[0]["step"] > stopped_at
        stop_and_wait(qtbot, other)
    finally:
        other.shutdown()


def test_finished_run_becomes_the_active_model(qtbot, tab, small):
    tab.split_loader = small
    tab.form.epochs.setValue(1)
    with qtbot.waitSignal(tab.session.ended, timeout=60_000) as ended:
        tab.start()
    assert ended.args[0] == "completed"
    assert "Finished" in tab.progress.status.text()
    checkpoint = tab.weights.checkpoint
    assert checkpoint.metrics["epochs_completed"] == 1 and checkpoint.test_accuracy is not None
    assert tab.store.current.epoch_steps == [4]  # 184 digits / batch 50: 16 (1/12) are held out
    assert checkpoint.hparams["hold_out"] == 16 and checkpoint.novelty is not None  # they calibrate 'no digit'
    assert "184" in checkpoint.novelty["source"]
    with qtbot.waitSignal(tab.active_model.changed, timeout=5000):
        tab.weights.use_button.click()
    assert tab.active_model.checkpoint is checkpoint and tab.active_model.ready
    assert tab.active_model.display_name() == "Training run #1"
    assert tab.active_model.predictor.calibration.threshold == checkpoint.novelty["threshold"]  # it refuses too


def test_earlier_runs_stay_faded_and_export_as_csv(qtbot, tab, small, tmp_path, questions):
    questions.answer(QMessageBox.StandardButton.Discard)  # run 1 is unsaved when run 2 starts
    tab.split_loader = small
    tab.form.epochs.setValue(1)
    tab.form.test_every.setValue(2)
    for activation in ("relu", "sigmoid"):
        tab.form.activation.setCurrentIndex(tab.form.activation.findData(activation))
        with qtbot.waitSignal(tab.session.ended, timeout=60_000):
            tab.start()
    tab.chart.ensure_built()
    tab.chart.redraw_now()
    runs = tab.store.runs
    assert [("ReLU" in r.label, "Sigmoid" in r.label) for r in runs] == [(True, False), (False, True)]
    lines = tab.chart.canvas.lines
    assert lines[runs[0].number].smoothed.get_alpha() < lines[runs[1].number].smoothed.get_alpha()
    assert len(lines[runs[0].number].smoothed.get_xdata()) == len(runs[0].steps)
    assert tab.write_csv(tmp_path / "metrics.csv")
    with open(tmp_path / "metrics.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["run"] for row in rows} == {str(runs[0].number), str(runs[1].number)}
    assert sum(1 for row in rows if row["kind"] == "epoch") == 2


def test_keep_best_saves_at_epoch_ends(qtbot, tab, small, tmp_path):
    tab.split_loader = small
    tab.weights.keep_best.setChecked(True)
    tab.form.epochs.setValue(2)
    with qtbot.waitSignal(tab.session.ended, timeout=90_000):
        tab.start()
    best = list(tmp_path.glob("*-best.pt"))
    assert len(best) == 1
    kept = load_checkpoint(best[0])
    assert kept.test_accuracy == max(r["test_accuracy"] for r in tab.store.current.records if r["kind"] == "epoch")


def test_bad_learning_rate_and_missing_data_are_explained(qtbot, settings):
    def no_data(root: Path, train: bool):
        raise DataError(f"MNIST not found in {root}/MNIST/raw")

    widget = TrainTab(ActiveModel(), settings, None, split_loader=no_data)
    qtbot.addWidget(widget)
    try:
        widget.form.lr.setCurrentText("fast")
        assert not widget.start()
        assert "not a number" in widget.progress.status.text() and widget.progress.status_is_error
        widget.form.lr.setCurrentText("0.001")
        with qtbot.waitSignal(widget.session.ended, timeout=10_000) as ended:
            assert widget.start()
        assert ended.args[0] == "failed"
        assert widget.progress.status.text().startswith("MNIST not found in")
        assert widget.start_button.isEnabled()
    finally:
        widget.shutdown()


def test_shutdown_during_training_waits_for_the_thread(qtbot, tab, qtlog):
    tab.start()
    records_of(qtbot, tab, 1)
    runner = tab.session._runner
    assert runner.is_running()
    start = time.perf_counter()
    tab.shutdown()
    assert time.perf_counter() - start < 5
    assert not runner.is_running()
    assert tab.session.state == "idle"
    assert not [r for r in qtlog.records if "Destroyed while thread" in r.message]


def test_worker_loop_on_the_main_thread(train_sample, test_sample):
    """The worker's side of a run, driven synchronously: loading, records, pause snapshot, stop."""
    control = PauseControl()
    job = TrainJob({"arch": "fast", "epochs": 2, "log_every": 5, "test_every": 0}, Path("."),
                   lambda root, train: train_sample if train else test_sample)
    worker = IteratorWorker(lambda w: training_steps(w, job, control))
    items: list[tuple] = []

    def on_item(item: tuple) -> None:
        items.append(item)
        records = [i for i in items if i[0] == "record"]
        if item[0] == "record" and len(records) == 2:
            control.request()  # the next batch end sends a "paused" checkpoint first
        if item[0] == "checkpoint" and item[1] == "paused":
            worker.request_stop()  # stops instead of blocking the main thread

    worker.item.connect(on_item)
    stopped: list[bool] = []
    worker.stopped.connect(lambda: stopped.append(True))
    worker.run()  # on this (the main) thread
    kinds = [item[0] for item in items]
    assert kinds[:4] == ["status", "data", "status", "started"]
    assert isinstance(items[1][1], DigitArrays) and len(items[1][1]) == 1000
    whys = [item[1] for item in items if item[0] == "checkpoint"]
    assert whys == ["paused", "stopped"]
    paused = [item[2] for item in items if item[0] == "checkpoint"][0]
    assert paused.progress["step"] == 11  # 2 records of 5 steps, then one more batch
    assert stopped == [True]


def test_metrics_store_smooths_and_keeps_a_few_runs():
    store = MetricsStore(keep_previous=2)
    for number in range(4):
        store.new_run(f"run {number}")
    assert [run.label for run in store.runs] == ["run 1", "run 2", "run 3"]
    run = store.current
    for step, loss in ((10, 2.0), (20, 1.0), (30, 1.0)):
        run.add({"kind": "progress", "step": step, "loss": loss})
    run.add({"kind": "epoch", "step": 30, "loss": 1.3, "test_accuracy": 0.9})
    assert run.smoothed[0] == pytest.approx(2.0)  # debiased: starts at the first value
    assert run.smoothed[1] == pytest.approx((0.8 * 0.2 * 2.0 + 0.2 * 1.0) / (1 - 0.8 ** 2))
    assert run.steps == [10, 20, 30] and run.test_steps == [30] and run.epoch_steps == [30]
    xs, ys = run.epoch_marks()
    assert xs[:2] == [30, 30] and ys[:2] == [0.0, 1.0]


def test_chart_blits_new_points_keeps_a_zoom_and_saves_the_lines(qtbot):
    import io

    from mnist_desk.ui.train.chart import TrainChart

    store = MetricsStore()
    chart = TrainChart(store)
    qtbot.addWidget(chart)
    chart.resize(700, 500)
    chart.show()
    chart.ensure_built()
    store.new_run("a run")
    step = 0

    def feed(count: int) -> None:
        nonlocal step
        for _ in range(count):
            step += 5
            store.add({"kind": "progress", "step": step, "steps_total": 1000, "loss": 2.0 / (1 + step / 400)})
        chart.mark_dirty()

    feed(20)  # steps 5..100
    chart.redraw_now()
    canvas = chart.canvas
    qtbot.waitUntil(lambda: canvas.full_draws >= 1, timeout=5000)
    line = canvas.lines[store.current.number].smoothed
    full_draws, blits = canvas.full_draws, canvas.blits
    feed(10)  # up to step 150: inside the limits, so no full redraw
    chart.redraw_now()
    qtbot.wait(100)
    assert canvas.lines[store.current.number].smoothed is line  # created once
    assert len(line.get_xdata()) == 30
    assert canvas.blits > blits and canvas.full_draws == full_draws

    canvas.ax_loss.set_xlim(0, 50)  # as the toolbar's zoom does
    feed(40)  # far past the old right end
    chart.redraw_now()
    assert canvas.ax_loss.get_xlim() == (0, 50)  # the user's view is kept
    chart._on_home()
    assert canvas.ax_loss.get_xlim()[1] >= step

    # The toolbar's save: the live lines are in the file, and the on-screen background is redrawn afterwards
    # (savefig's own draw must not become the background the next blits restore).
    full_draws = canvas.full_draws
    buffer = io.BytesIO()
    with canvas.static_lines():
        canvas.figure.savefig(buffer, format="svg")
    assert buffer.getvalue().decode().count("#1f77b4") >= 3  # C0: raw and smoothed loss, legend sample
    assert all(line.get_animated() for line in canvas.lines[store.current.number].all())
    qtbot.waitUntil(lambda: canvas.full_draws > full_draws, timeout=5000)
