"""The Evaluate tab (not built yet: a placeholder until its issue lands)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from ..active_model import ActiveModel
from ..placeholder import PlaceholderTab


class EvaluateTab(PlaceholderTab):
    """Placeholder for the Evaluate tab."""

    def __init__(self, active_model: ActiveModel, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("The Evaluate tab is coming in a later version of MNIST Desk."), parent)
        self.active_model = active_model
        self.settings = settings
