"""The one active model, shared by every tab.

Loading weights (menu, drop, a finished training run) replaces it everywhere
through the ``changed`` signal. A bad file raises and leaves the previous
model active.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # torch is imported lazily: the window must show before it loads
    from torch import nn

    from ..core.predict import Predictor
    from ..core.weights import Checkpoint


class ActiveModel(QObject):
    """Holds the active model, its checkpoint, a ready predictor and where it came from."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model: nn.Module | None = None
        self.checkpoint: Checkpoint | None = None
        self.predictor: Predictor | None = None
        self.source: str = ""

    @property
    def ready(self) -> bool:
        return self.predictor is not None

    @property
    def test_accuracy(self) -> float | None:
        return self.checkpoint.test_accuracy if self.checkpoint is not None else None

    def display_name(self) -> str:
        return Path(self.source).name if self.source else ""

    def load_file(self, path: str | Path) -> None:
        """Load a weights file and make it active.

        Raises
        ------
        mnist_desk.core.errors.WeightsError
            When the file is bad; the previous model stays active.
        """
        from ..core.weights import load_checkpoint

        checkpoint = load_checkpoint(path)
        self.set_checkpoint(checkpoint, str(path))

    def set_checkpoint(self, checkpoint: Checkpoint, source: str) -> None:
        """Make ``checkpoint`` the active model (e.g. a training run's result)."""
        from ..core.predict import Predictor

        model = checkpoint.build()
        self.model, self.checkpoint, self.source = model, checkpoint, source
        self.predictor = Predictor(model)
        self.changed.emit()
