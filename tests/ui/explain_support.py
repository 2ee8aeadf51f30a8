"""Helpers shared by the "why this answer" tests (no tests here): a Draw tab with a model, reaching its pages
the way a user does, and models of every architecture with batch norms that look trained."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtCore import QPoint, Qt
from torch import nn

from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.draw.tab import DrawTab


@pytest.fixture
def loaded_model(qtbot, draw_weights) -> ActiveModel:
    model = ActiveModel()
    model.load_file(draw_weights)
    return model


@pytest.fixture
def tab(qtbot, loaded_model, settings) -> DrawTab:
    widget = DrawTab(loaded_model, settings)
    widget.resize(1180, 760)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click_page(qtbot, tab: DrawTab, index: int) -> None:
    """Click the tab of a detail page, as the user does."""
    bar = tab.details.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tab.details.currentIndex() == index


def point(view, x: float, y: float) -> QPoint:
    """Where image pixel (x, y) of a PickableImageView is on screen (its middle)."""
    return view.widget_point(x, y).toPoint()


def trained_looking(arch: str) -> nn.Module:
    """Fresh weights whose batch norms hold statistics and scales of their own, as after training."""
    from mnist_desk.core.models import build_model

    torch.manual_seed(3)
    model = build_model(arch)
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            module.running_mean.uniform_(-0.5, 0.5)
            module.running_var.uniform_(0.3, 2.0)
            module.weight.data.uniform_(0.5, 1.5)
            module.bias.data.uniform_(-0.3, 0.3)
    return model.eval()


def activate(active_model: ActiveModel, model: nn.Module, arch: str) -> None:
    from mnist_desk.core.weights import Checkpoint

    active_model.set_checkpoint(Checkpoint(model.state_dict(), arch=arch), f"{arch}.pt")


def network_activations(model: nn.Module, field28: np.ndarray) -> dict[str, np.ndarray]:
    """The network's own activations, by stage name (the oracle of the arithmetic shown)."""
    from mnist_desk.core.models import forward_with_features

    _logits, stages = forward_with_features(model.eval(), torch.from_numpy(field28).view(1, 1, 28, 28))
    return {stage.name: stage.tensor.numpy() for stage in stages}
