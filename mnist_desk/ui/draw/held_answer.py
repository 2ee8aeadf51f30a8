"""Which answer the Draw tab shows while a stroke is still being drawn.

A drawing is unfinished while the pen is down: the first stroke of a 4 is no
digit yet, the first short stroke of a 1 already is. A "no digit" therefore
waits for the pen to lift; until then the views keep the last answer they
showed (none yet: "Keep drawing…"), so the answer never flashes between "no
digit" and a digit under the pen. The update after the stroke ends shows it.
"""

from __future__ import annotations

from .prediction_panel import REASON_NOT_A_DIGIT


class HeldAnswer:
    """Remembers the shown answer; :meth:`update` says what to show now."""

    def __init__(self) -> None:
        self.shown = None  # a core Prediction, or None

    def update(self, prediction, drawing: bool):
        """The prediction to show for ``prediction`` (None: nothing to show yet)."""
        if drawing and prediction is not None and REASON_NOT_A_DIGIT in prediction.reasons:
            return self.shown
        self.shown = prediction
        return prediction
