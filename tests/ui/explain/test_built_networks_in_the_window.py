"""A network built layer by layer, loaded in the window: Draw (answer, feature maps, their arithmetic, why this
answer), Filter Lab (learned kernels), Evaluate, and the status bar; and one without conv layers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from drawing import draw_seven
from explain_support import drawn, hover, open_by_click
from PySide6.QtCore import Qt

from mnist_desk.core.layers import layers_to_data, parse_spec
from mnist_desk.ui.draw.tab import PAGE_NETWORK

SECTION_1_3 = ("conv 4 5x5 pad 2, relu, maxpool 2, conv 6 5x5 pad 2, relu, maxpool 2, flatten, linear 50, relu, "
               "linear 10")
NO_CONV = "flatten, linear 64, relu, linear 10"


def _trained(request, tmp_path_factory, train_sample, test_sample, text: str, name: str) -> Path:
    from mnist_desk.core.training import TrainConfig, Trainer
    from mnist_desk.core.weights import save_checkpoint

    cache = getattr(request.config, "cache", None)
    folder = Path(cache.mkdir("mnist_desk_built")) if cache is not None else tmp_path_factory.mktemp("built")
    path = folder / f"{name}_v1.pt"
    if not path.is_file():
        config = TrainConfig(arch="custom", layers=text, epochs=10, batch_size=50, lr=0.003, seed=0, device="cpu",
                             log_every=100)
        trainer = Trainer(config, train_sample, test_sample)
        for _record in trainer.run():
            pass
        save_checkpoint(trainer.checkpoint(include_resume_state=False), path)
    return path


@pytest.fixture(scope="session")
def built_weights(request, tmp_path_factory, train_sample, test_sample) -> Path:
    return _trained(request, tmp_path_factory, train_sample, test_sample, SECTION_1_3, "section13")


@pytest.fixture(scope="session")
def no_conv_weights(request, tmp_path_factory, train_sample, test_sample) -> Path:
    return _trained(request, tmp_path_factory, train_sample, test_sample, NO_CONV, "no_conv")


@pytest.fixture
def big_window(window):
    """The main window large enough for the Draw tab's pages."""
    window.resize(1180, 800)
    return window


def test_a_built_network_in_every_tab(qtbot, big_window, built_weights, test_sample):
    from mnist_desk.ui.main_window import TAB_EVALUATE, TAB_FILTER_LAB

    assert big_window.load_weights(built_weights)
    assert "(Built CNN (conv 4/6, fc 50/10))" in big_window.model_label.text()
    # Draw: the answer, the section 1.3 shapes, conv1's four kernels.
    tab = big_window.draw_tab
    network = drawn(qtbot, tab)
    assert network.stage_names == ["input", "conv1 → relu", "conv1 → pool", "conv2 → relu", "conv2 → pool"]
    chain = network.chain_label.text()
    assert "1×28×28 → 4×28×28 → 4×14×14 → 6×14×14 → 6×7×7 → 50 → 10" in chain
    assert network.kernels.isVisible() and "conv1's 4 learned 5×5 kernels; red positive" in \
        network.kernels.caption.text()
    assert tab.last_prediction is not None and tab.last_prediction.digit is not None
    # A feature map opened: a pixel's arithmetic is the network's own number.
    inspector = open_by_click(qtbot, network, "conv2 → pool", 3)
    hover(qtbot, inspector.map.view, 3, 4)
    work = inspector.last_arithmetic
    assert work is not None and work.block == "conv2" and len(work.conv.channels) == 4
    assert work.value == pytest.approx(work.network, rel=1e-4, abs=1e-5)
    assert "conv2 → pool, channel 4, row 4, column 3" in inspector.arithmetic.toPlainText()
    network.close_map()
    # Why this answer: a map for the answer, with every method (the built network has conv layers).
    from mnist_desk.ui.draw.tab import PAGE_WHY

    tab.details.setCurrentIndex(PAGE_WHY)
    why = tab.explain.why
    for method in ("integrated-gradients", "grad-cam"):
        why.set_method(method)
        draw_seven(qtbot, tab.canvas)
        qtbot.waitUntil(lambda m=method: why.shown is not None and why.shown.method == m, timeout=20_000)
        assert np.isfinite(why.shown.map).all()
    assert "7×7 feature maps" in why.summary.text() and "approximate" in why.summary.text()
    # Filter Lab: conv1's learned kernels.
    big_window.tabs.setCurrentIndex(TAB_FILTER_LAB)
    learned = big_window.filter_lab_tab.learned
    assert learned.button.isEnabled() and learned.index.maximum() == 4
    qtbot.mouseClick(learned.button, Qt.MouseButton.LeftButton)
    kernels = learned.kernels().numpy()
    np.testing.assert_allclose(np.array(big_window.filter_lab_tab.kernel_editor.kernel()), kernels[0], rtol=1e-3,
                               atol=1e-4)
    # Evaluate: on the committed test digits, as the core counts them.
    big_window.tabs.setCurrentIndex(TAB_EVALUATE)
    evaluate = big_window.evaluate_tab
    evaluate.split_loader = lambda root, train: test_sample
    assert evaluate.evaluate()
    qtbot.waitUntil(lambda: not evaluate._evaluating, timeout=30_000)
    from mnist_desk.core.evaluation import evaluate as core_evaluate
    from mnist_desk.core.weights import load_model

    model, _checkpoint = load_model(built_weights)
    assert evaluate.result.wrong == core_evaluate(model, test_sample).wrong


def test_a_network_without_conv_layers_in_every_tab(qtbot, big_window, no_conv_weights):
    from mnist_desk.ui.main_window import TAB_FILTER_LAB

    assert big_window.load_weights(no_conv_weights)
    assert "(Built network (fc 64/10))" in big_window.model_label.text()
    tab = big_window.draw_tab
    tab.details.setCurrentIndex(PAGE_NETWORK)
    draw_seven(qtbot, tab.canvas)
    tab.update_prediction()
    network = tab.network
    assert network.stage_names == ["input"] and not network.kernels.isVisible()
    assert "1×28×28 → 64 → 10" in network.chain_label.text()
    assert "has no conv layer" in network.chain_label.text()
    from mnist_desk.ui.draw.tab import PAGE_WHY

    tab.details.setCurrentIndex(PAGE_WHY)
    why = tab.explain.why
    item = why.method_box.model().item(why.method_box.findData("grad-cam"))
    assert not item.isEnabled()
    why.set_method("occlusion")
    draw_seven(qtbot, tab.canvas)
    qtbot.waitUntil(lambda: why.shown is not None and why.shown.method == "occlusion", timeout=20_000)
    big_window.tabs.setCurrentIndex(TAB_FILTER_LAB)
    learned = big_window.filter_lab_tab.learned
    assert not learned.button.isEnabled() and "has no conv layer" in learned.reason.text()


def test_a_conv1_the_filter_lab_grid_cannot_hold_is_said(qtbot, big_window, tmp_path):
    import torch

    from mnist_desk.core.models import build_model
    from mnist_desk.core.weights import Checkpoint, save_checkpoint
    from mnist_desk.ui.main_window import TAB_FILTER_LAB

    layers = parse_spec("conv 4 7x7 pad 3, relu, maxpool 2, flatten, linear 10")
    torch.manual_seed(0)
    path = save_checkpoint(Checkpoint(build_model("custom", layers=layers).state_dict(), arch="custom",
                                      layers=layers_to_data(layers)), tmp_path / "seven.pt")
    assert big_window.load_weights(path)
    big_window.tabs.setCurrentIndex(TAB_FILTER_LAB)
    learned = big_window.filter_lab_tab.learned
    assert not learned.button.isEnabled() and "conv1 kernels are 7 × 7" in learned.reason.text()
