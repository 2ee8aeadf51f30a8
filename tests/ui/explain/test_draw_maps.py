"""Feature maps you can open: hover a map for what it is, click it for a large view beside what its
conv read, its kernels (one to send to the Filter Lab), and each pixel's arithmetic, which equals the
network's own activation for every architecture."""

from __future__ import annotations

import numpy as np
import pytest
from explain_support import activate, drawn, hover, network_activations, open_by_click, point, tile_point
from PySide6.QtCore import Qt

from mnist_desk.ui.filter_lab.arithmetic import number


def test_hovering_a_map_says_layer_channel_and_range(qtbot, tab):
    network = drawn(qtbot, tab)
    stage = network.stage_names[1]
    array = network._arrays[stage]
    view = network.stage_view(stage).view
    qtbot.mouseMove(view, pos=tile_point(view, array.shape, 5, 3, 4))
    text = network.hover_label.text()
    assert text.startswith(f"{stage}, channel 6 of {array.shape[0]} ({array.shape[1]}×{array.shape[2]}): values ")
    assert number(float(array[5].max())) in text and "(row 3, column 4)" in text and "Click to open it." in text
    assert view.toolTip() == text


@pytest.mark.parametrize("arch", ["tutorial", "fast", "desk"])
def test_the_arithmetic_shown_is_the_networks_own_activation(qtbot, tab, loaded_model, arch, trained_looking):
    model = trained_looking(arch, seed=3)
    activate(loaded_model, model, arch)
    network = drawn(qtbot, tab)
    field = tab.last_prediction.preprocessed.field28
    oracle = network_activations(model, field)
    for stage in network.stage_names[1:]:
        tensor = oracle[stage]
        channel = int(np.argmax(tensor.reshape(tensor.shape[0], -1).max(1)))  # a channel that lights up
        inspector = open_by_click(qtbot, network, stage, channel)
        assert inspector.map.view.image.width() == tensor.shape[2]
        row, col = np.unravel_index(int(np.argmax(tensor[channel])), tensor.shape[1:])
        hover(qtbot, inspector.map.view, col, row)
        work = inspector.last_arithmetic
        assert (work.stage, work.channel, work.row, work.col) == (stage, channel, row, col)
        assert work.value == pytest.approx(float(tensor[channel, row, col]), rel=1e-5, abs=1e-6)
        lines = inspector.arithmetic.toPlainText()
        assert lines.startswith(f"{stage}, channel {channel + 1}, row {row}, column {col} = ")
        assert number(float(tensor[channel, row, col]), 7) in lines
        assert "Step 1, " in lines and "Sum of the products" in lines
        if "desk" == arch or "fast" == arch:
            assert "batch norm" in lines
        if "pool" in stage or arch == "desk" and stage.startswith(("conv1", "conv2")):
            assert "max pool" in lines
        qtbot.keyClick(inspector.map.view, Qt.Key.Key_Escape)
        assert not network.map_open


def test_a_deep_map_shows_its_per_channel_kernels_and_reads_one(qtbot, tab):
    network = drawn(qtbot, tab)
    deep = [name for name in network.stage_names if name.startswith("conv2")][-1]
    inspector = open_by_click(qtbot, network, deep, 2)
    kernels = inspector.trace.kernels(inspector.trace.stage(deep).block, 2)
    assert inspector.in_channel_box.isVisibleTo(inspector) and inspector.in_channel_box.maximum() == kernels.shape[0]
    assert f"its {kernels.shape[0]} kernels" in inspector.kernels.caption.text()
    size = kernels.shape[-1]
    qtbot.mouseClick(inspector.kernels.view, Qt.MouseButton.LeftButton,
                     pos=point(inspector.kernels.view, (size + 1) * 3 + 1, 1))  # the 4th kernel of the first row
    assert inspector.in_channel == 3
    hover(qtbot, inspector.map.view, 3, 3)
    text = inspector.arithmetic.toPlainText()
    assert f"Sum over the {kernels.shape[0]} input channels" in text and "Input channel 4 in full" in text
    assert "reads: conv1" in inspector.source.caption.text() and "channel 4" in inspector.source.caption.text()
    conv = inspector.last_arithmetic.conv
    assert inspector.source.view._marks[0][0].width() == size  # the window the conv read, outlined
    assert (inspector.source.view._marks[0][0].x(), inspector.source.view._marks[0][0].y()) == (conv.left, conv.top)


def test_the_input_is_not_opened_and_a_new_model_closes_a_map(qtbot, tab, loaded_model, draw_weights):
    network = drawn(qtbot, tab)
    view = network.stage_view("input").view
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=point(view, 10, 10))
    assert not network.map_open
    open_by_click(qtbot, network, network.stage_names[1], 0)
    loaded_model.load_file(draw_weights)
    assert not network.map_open


def test_a_kernel_goes_to_the_filter_lab(qtbot, settings, draw_weights):
    from mnist_desk.ui.main_window import TAB_FILTER_LAB, MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1180, 800)
    window.show()
    qtbot.waitExposed(window)
    window.load_weights(draw_weights)
    network = drawn(qtbot, window.draw_tab)
    inspector = open_by_click(qtbot, network, network.stage_names[1], 4)
    qtbot.mouseClick(inspector.send_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == TAB_FILTER_LAB
    lab = window.filter_lab_tab
    expected = inspector.trace.kernels("conv1", 4)[0]
    np.testing.assert_allclose(np.array(lab.kernel_editor.kernel()), expected, rtol=1e-3, atol=1e-4)
    assert "conv1 kernel 5" in lab.kernel_editor._source_note
    window.tabs.setCurrentIndex(0)
    deep = [name for name in network.stage_names if name.startswith("conv2")][0]
    network.close_map()
    inspector = open_by_click(qtbot, network, deep, 1)
    inspector.in_channel_box.setValue(3)
    qtbot.mouseClick(inspector.send_button, Qt.MouseButton.LeftButton)
    expected = inspector.trace.kernels("conv2", 1)[2]
    assert lab.kernel_editor.size == expected.shape[0]
    np.testing.assert_allclose(np.array(lab.kernel_editor.kernel()), expected, rtol=1e-3, atol=1e-4)
    assert "from input channel 3 to output channel 2" in lab.kernel_editor._source_note
