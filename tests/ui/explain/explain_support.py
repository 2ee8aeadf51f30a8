"""Helpers shared by the "why this answer" tests (no tests here): reaching the Draw tab's pages the way a user
does, and activating a model (the tab and ``trained_looking``: conftest.py files)."""

from __future__ import annotations

import numpy as np
import torch
from PySide6.QtCore import QPoint, Qt
from torch import nn

from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.draw.tab import DrawTab


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
