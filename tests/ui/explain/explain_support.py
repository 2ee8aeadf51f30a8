"""Helpers shared by the "why this answer" tests (no tests here): reaching the Draw tab's pages the way a user
does, and activating a model (the tab and ``trained_looking``: conftest.py files)."""

from __future__ import annotations

import numpy as np
import torch
from drawing import draw_seven
from PySide6.QtCore import QPoint, Qt
from torch import nn

from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.draw.tab import PAGE_NETWORK, DrawTab
from mnist_desk.ui.mosaic import grid_shape


def click_page(qtbot, tab: DrawTab, index: int) -> None:
    """Click the tab of a detail page, as the user does."""
    bar = tab.details.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tab.details.currentIndex() == index


def point(view, x: float, y: float) -> QPoint:
    """Where image pixel (x, y) of a PickableImageView is on screen (its middle)."""
    return view.widget_point(x, y).toPoint()


def activate(active_model: ActiveModel, model: nn.Module, arch: str) -> None:
    from mnist_desk.core.weights import Checkpoint

    active_model.set_checkpoint(Checkpoint(model.state_dict(), arch=arch), f"{arch}.pt")


def network_activations(model: nn.Module, field28: np.ndarray) -> dict[str, np.ndarray]:
    """The network's own activations, by stage name (the oracle of the arithmetic shown)."""
    from mnist_desk.core.models import forward_with_features

    _logits, stages = forward_with_features(model.eval(), torch.from_numpy(field28).view(1, 1, 28, 28))
    return {stage.name: stage.tensor.numpy() for stage in stages}


def tile_point(view, array_shape, channel: int, row: int, col: int):
    """Where pixel (row, col) of map ``channel`` is in a stage's mosaic (1-pixel separators)."""
    count, height, width = array_shape
    _rows, columns = grid_shape(count)
    cell_row, cell_col = divmod(channel, columns)
    return point(view, cell_col * (width + 1) + col, cell_row * (height + 1) + row)


def hover(qtbot, view, x: int, y: int) -> None:
    """Move the mouse onto image pixel (x, y), from off the image (Qt sends nothing for a move to where it is)."""
    qtbot.mouseMove(view, pos=QPoint(1, 1))
    qtbot.mouseMove(view, pos=point(view, x, y))


def drawn(qtbot, tab):
    """A seven drawn, with the network page shown and each stage's maps on it."""
    tab.details.setCurrentIndex(PAGE_NETWORK)
    draw_seven(qtbot, tab.canvas)
    tab.update_prediction()
    network = tab.network
    qtbot.waitUntil(lambda: all(network.stage_view(name).view.isVisible() for name in network.stage_names),
                    timeout=2000)
    settled(qtbot, [network.stage_view(name).view for name in network.stage_names])
    return network


def settled(qtbot, widgets) -> None:
    """Wait until the widgets' places stop moving (on a busy machine the layout lands in steps), so a
    point computed now is still over the same pixel when the mouse gets there."""
    def places():
        return [(w.mapToGlobal(QPoint(0, 0)), w.size()) for w in widgets]

    last = places()
    for _ in range(50):
        qtbot.wait(30)
        now = places()
        if now == last:
            return
        last = now


def open_by_click(qtbot, network, stage: str, channel: int):
    """Click map ``channel`` of ``stage`` and wait until it is open, laid out."""
    view = network.stage_view(stage).view
    shape = network._arrays[stage].shape
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=tile_point(view, shape, channel, 1, 1))
    inspector = network.inspector
    assert network.map_open and inspector.stage == stage and inspector.channel == channel
    qtbot.waitUntil(lambda: inspector.map.view.isVisible() and inspector.map.view.width() > 60, timeout=2000)
    qtbot.wait(20)  # laid out: the large map where it will stay
    return inspector
