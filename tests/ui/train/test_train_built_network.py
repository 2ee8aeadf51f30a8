"""Training a network built in the Train tab's editor: chosen, made impossible and fixed, started with the real
Start button, paused, stopped, saved, loaded and resumed; two of them compared on one chart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from training_runs import records_of, stop_and_wait

from mnist_desk.core.layers import format_spec, layers_to_data, parse_spec
from mnist_desk.core.weights import load_checkpoint
from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.train.tab import TrainTab

SECTION_1_3 = ("conv 4 5x5 pad 2, relu, maxpool 2, conv 6 5x5 pad 2, relu, maxpool 2, flatten, linear 50, relu, "
               "linear 10")
WIDER = SECTION_1_3.replace("conv 4 ", "conv 16 ").replace("conv 6 ", "conv 32 ")


def choose_built(qtbot, tab) -> None:
    """Pick "Built layer by layer" in the Architecture box, with the keyboard, as a user may."""
    box = tab.form.arch
    box.setFocus()
    while box.currentData() != "custom":
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert tab.panels.currentIndex() == 1 and tab.network.isVisible()  # the Network panel came forward


def type_layers(qtbot, tab, text: str) -> None:
    line = tab.network.spec_line.edit
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)


def test_a_built_network_is_chosen_made_impossible_fixed_and_trained(qtbot, tab, small, tmp_path):
    assert tab.network.named == ("fast", "relu")  # a named architecture is shown as its layers, read-only
    assert tab.network.plan.total_parameters == 20_794
    choose_built(qtbot, tab)
    assert format_spec(tab.network.layers) == SECTION_1_3 and tab.start_button.isEnabled()
    assert not tab.form.activation.isEnabled()  # its layers have their own activations
    type_layers(qtbot, tab, "conv 4 5x5, maxpool 2, conv 6 5x5, maxpool 2, conv 8 5x5, flatten, linear 10")
    assert not tab.start_button.isEnabled()
    assert tab.start_reason.isVisible() and "Layer 5 (conv 8 5x5)" in tab.start_reason.text()
    qtbot.keyClick(tab, Qt.Key.Key_F5)
    assert not tab.start() and not tab.session.is_active()  # nothing starts, nothing raises
    type_layers(qtbot, tab, SECTION_1_3)
    assert tab.start_button.isEnabled() and tab.start_reason.isHidden()

    tab.split_loader = small
    tab.form.epochs.setValue(1)
    with qtbot.waitSignal(tab.session.ended, timeout=60_000) as ended:
        qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
        assert tab.panels.currentIndex() == 0 and not tab.network.isEnabled()  # the chart, the editor locked
    assert ended.args[0] == "completed"
    assert tab.store.current.label == "Built CNN (conv 4/6, fc 50/10) · Adam 0.001 · batch 50"
    assert tab.network.isEnabled()
    saved = tab.weights.save()
    assert saved.name.startswith("mnist-custom-")
    checkpoint = load_checkpoint(saved)
    assert checkpoint.arch == "custom" and checkpoint.layers == layers_to_data(parse_spec(SECTION_1_3))
    assert checkpoint.hparams["layers"] == SECTION_1_3 and checkpoint.metrics["epochs_completed"] == 1


def test_runs_of_two_built_networks_compare_on_one_chart(qtbot, tab, small, questions):
    questions.answer(QMessageBox.StandardButton.Discard)  # run 1 is unsaved when run 2 starts: discard it
    tab.split_loader = small
    tab.form.epochs.setValue(1)
    choose_built(qtbot, tab)
    for text in (SECTION_1_3, WIDER):
        type_layers(qtbot, tab, text)
        with qtbot.waitSignal(tab.session.ended, timeout=60_000):
            qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    labels = [run.label for run in tab.store.runs]
    assert labels[-2:] == ["Built CNN (conv 4/6, fc 50/10) · Adam 0.001 · batch 50",
                           "Built CNN (conv 16/32, fc 50/10) · Adam 0.001 · batch 50"]
    assert all(run.records for run in tab.store.runs[-2:])
    tab.chart.redraw_now()  # both on the chart, named by their kernels in the legend
    legend = [text.get_text() for text in tab.chart.canvas._legend.get_texts()]
    assert sum("Built CNN (conv 4/6" in text for text in legend) == 1
    assert sum("Built CNN (conv 16/32" in text for text in legend) == 1


def test_pause_stop_load_and_resume_a_built_network(qtbot, tab, settings, loader, tmp_path):
    choose_built(qtbot, tab)
    type_layers(qtbot, tab, "conv 6 3x3 pad 1, batchnorm, tanh, avgpool 2, flatten, dropout 0.2, linear 10")
    tab.form.batch_size.setValue(20)
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    records_of(qtbot, tab, 2)
    assert "Training from step 0: Built CNN (conv 6, fc 10) on " in tab.progress.status.text()  # named by its sizes
    with qtbot.waitSignal(tab.session.checkpoint, timeout=10_000,
                          check_params_cb=lambda checkpoint, why: why == "paused"):
        tab.pause_button.click()
    paused = tab.weights.checkpoint
    assert paused.arch == "custom" and paused.layers[2] == {"kind": "tanh"}
    tab.pause_button.click()
    records_of(qtbot, tab, 1)
    stop_and_wait(qtbot, tab)
    saved = tab.weights.save()
    stopped_at = load_checkpoint(saved).progress["step"]

    settings.setValue("train/layers", SECTION_1_3)  # another session whose editor holds another network
    other = TrainTab(ActiveModel(), settings, None, split_loader=loader)
    qtbot.addWidget(other)
    try:
        other.form.epochs.setValue(30)
        assert other.weights.load(saved)
        assert other.form.arch.currentData() == "custom"
        assert format_spec(other.network.layers) == format_spec(parse_spec(
            "conv 6 3x3 pad 1, batchnorm, tanh, avgpool 2, flatten, dropout 0.2, linear 10"))
        assert other.store.current.records
        with qtbot.waitSignal(other.session.started, timeout=30_000) as started:
            other.weights.resume_button.click()
        assert started.args[0]["start_step"] == stopped_at
        assert not other.network.isEnabled() and not other.form.arch.isEnabled()
        assert records_of(qtbot, other, 1)[0]["step"] > stopped_at
        stop_and_wait(qtbot, other)
        assert other.network.isEnabled() and other.form.arch.isEnabled()  # stopped: free to change, as the form
        qtbot.mouseClick(other.network.undo_button, Qt.MouseButton.LeftButton)  # the list held before the file
        assert format_spec(other.network.layers) == format_spec(parse_spec(SECTION_1_3))
        with qtbot.waitSignal(other.session.started, timeout=30_000):
            other.weights.resume_button.click()  # resumed again: the file's network, whatever the editor held
        assert "conv 6 3x3" in format_spec(other.network.layers) and not other.network.isEnabled()
        stop_and_wait(qtbot, other)
    finally:
        other.shutdown()
