"""The Draw tab's "Why this answer" and "Loss" pages, following the drawing.

The answer stays live while the pen moves (the tab's own update). A saliency
map takes tens of milliseconds, too long for every frame: while the pen is
down the map waits ("lift the pen"), and when it lifts the map is made in a
worker (the one worker pattern, :mod:`mnist_desk.ui.worker`, newest request
winning: :class:`~mnist_desk.ui.latest_job.LatestJob`), on a copy of the
model prepared once per model; the deletion check follows as a second item.

The loss needs the network's ten outputs, one more forward pass of the
folded model (about a millisecond), taken on the GUI thread at each update
so it is always the drawing's own. A training step runs in a worker too, on
a copy of the active model.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QSettings, Signal, Slot

from ...core.explain.choices import (
    DEFAULT_LEARNING_RATE,
    DEFAULT_METHOD,
    DEFAULT_OPTIMIZER,
    LEARNING_RATES,
    METHODS,
    OPTIMIZERS,
)
from ..active_model import ActiveModel
from ..latest_job import LatestJob
from .loss_view import LossView
from .scroll import FitScrollArea
from .why_view import WhyView

# While the pen moves the loss is redone every 0.1 s (the answer above it stays live at every frame).
LOSS_INTERVAL_S = 0.1
METHOD_KEY = "draw/saliency_method"
OPTIMIZER_KEY = "draw/step_optimizer"
RATE_KEY = "draw/step_learning_rate"


def _saliency_items(prepared, field: np.ndarray, target: int, method: str) -> Iterator[tuple]:
    # In the worker: the map first (it is what the user waits for), then its deletion check.
    from ...core.explain.faithfulness import deletion_test
    from ...core.explain.saliency import saliency_map

    result = saliency_map(prepared, field, target, method)
    yield "map", field, result
    yield "check", field, deletion_test(prepared, field, result.map, result.target)


def _step_items(model, field: np.ndarray, meant: int, optimizer: str, rate: float, version: int) -> Iterator[tuple]:
    from ...core.explain.drawing_loss import one_training_step

    yield version, field, one_training_step(model, field, meant, optimizer, rate)


class ExplainPages(QObject):
    """Owns the two pages' views and their workers; the tab calls :meth:`follow` at each update.

    ``saliency_shown()``: a new map is on screen; ``step_shown()``: a training step's effect is.
    """

    saliency_shown = Signal()
    step_shown = Signal()

    def __init__(self, active_model: ActiveModel, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.active_model = active_model
        self.settings = settings
        self.why = WhyView(METHODS)
        self.loss = LossView(OPTIMIZERS, LEARNING_RATES)
        # The Draw tab's two pages: a small window scrolls them rather than being held at their size.
        self.why_page, self.loss_page = FitScrollArea(self.why), FitScrollArea(self.loss)
        self._restore()
        self._saliency = LatestJob(self)
        self._saliency.item.connect(self._on_saliency_item)
        self._saliency.failed.connect(self.why.set_status)
        self._steps = LatestJob(self)
        self._steps.item.connect(self._on_step)
        self._steps.failed.connect(self.loss.result.setText)
        self._prepared: Any = None  # the active model, prepared for saliency (torch is imported later)
        self._version = 0  # bumped with every model, so a late result of the last one is dropped
        self.field: np.ndarray | None = None
        self.answer: int | None = None  # None with a field: the network said "no digit"
        self.probabilities: np.ndarray | None = None
        self._drawing = False
        self._asked: tuple | None = None
        self._loss_for: tuple | None = None
        self._loss_time = 0.0
        self._step_field: np.ndarray | None = None
        active_model.changed.connect(lambda: self.set_model(active_model.model))
        if active_model.model is not None:
            self.set_model(active_model.model)
        self.why.request_changed.connect(self._on_request_changed)
        self.loss.meant_changed.connect(self.set_meant)
        self.loss.step_requested.connect(self.take_step)
        self.why.method_box.currentIndexChanged.connect(lambda _i: settings.setValue(METHOD_KEY, self.why.method))
        self.loss.optimizer_box.currentIndexChanged.connect(
            lambda _i: settings.setValue(OPTIMIZER_KEY, self.loss.optimizer))
        self.loss.rate_box.currentIndexChanged.connect(lambda _i: settings.setValue(RATE_KEY, self.loss.learning_rate))

    def _restore(self) -> None:
        self.why.set_method(str(self.settings.value(METHOD_KEY, DEFAULT_METHOD)))
        optimizer = self.loss.optimizer_box.findData(str(self.settings.value(OPTIMIZER_KEY, DEFAULT_OPTIMIZER)))
        self.loss.optimizer_box.setCurrentIndex(max(0, optimizer))
        try:
            rate = float(str(self.settings.value(RATE_KEY, DEFAULT_LEARNING_RATE)))
        except (TypeError, ValueError):
            rate = DEFAULT_LEARNING_RATE
        index = self.loss.rate_box.findData(rate)
        self.loss.rate_box.setCurrentIndex(index if index >= 0 else self.loss.rate_box.findData(DEFAULT_LEARNING_RATE))

    # -- the model and the drawing --------------------------------------------------------------
    def set_model(self, model) -> None:
        """A new active model (or none): its saliency copy made now, every result of the last one dropped."""
        from ...core.explain.saliency import prepare_model
        from ...core.models import has_conv

        self._version += 1
        self._prepared = prepare_model(model) if model is not None else None
        self.why.set_conv_methods(model is None or has_conv(model))
        self._asked = self._loss_for = None
        self._saliency.cancel()
        self._steps.cancel()
        self.why.show_input(None, None)
        self.loss.show_step(None)

    def follow(self, prediction, drawing: bool, why: bool, loss: bool, no_model_text: str = "") -> None:
        """The tab's update: ``prediction`` (None without a model) of the canvas; which page is visible."""
        refused_before = self.field is not None and self.answer is None
        self.field, self.answer, self.probabilities = None, None, None
        if prediction is not None and not prediction.preprocessed.empty:
            self.field = prediction.preprocessed.field28
            self.probabilities = chances = np.asarray(prediction.probabilities)
            # "No digit" has no answer to explain; as the answer above, a refusal waits for the pen to lift.
            refused = prediction.digit is None and (not drawing or refused_before)
            self.answer = None if refused else int(prediction.digit if prediction.digit is not None
                                                   else np.argmax(chances))
        self._drawing = drawing
        if why:
            self._follow_why(no_model_text if prediction is None else "")
        if loss:
            self._follow_loss(no_model_text if prediction is None else "")

    def _follow_why(self, no_model_text: str) -> None:
        self.why.show_input(self.field, self.answer, self.probabilities)
        if self.field is None:
            self._asked = None
            self._saliency.cancel()
            self.why.set_status(no_model_text
                                or self.tr("Draw a digit to see which of its pixels the answer rests on."))
        elif self._drawing:
            self.why.set_status(self.tr("The map follows when you lift the pen."))
        else:
            self._request_saliency()

    @Slot()
    def _on_request_changed(self) -> None:
        if self.why.isVisible():
            self._request_saliency()

    def _request_saliency(self) -> None:
        target = self.why.target
        if self.field is None or self._drawing or self._prepared is None or target is None:
            return
        key = (self._version, self.field.tobytes(), target, self.why.method)
        if key == self._asked:
            return
        self._asked = key
        prepared, field, method = self._prepared, np.array(self.field, copy=True), self.why.method
        self.why.set_status(self.tr("Making the map…"))
        self._saliency.submit(lambda: _saliency_items(prepared, field, target, method))

    @Slot(object)
    def _on_saliency_item(self, item: tuple) -> None:
        kind, field, value = item
        if kind == "map":
            self.why.show_saliency(field, value)
            self.why.set_status("")
            self.saliency_shown.emit()
        elif self.why.shown is not None:
            self.why.show_check(self.why.shown.target, value)

    # -- the loss -------------------------------------------------------------------------------
    def _follow_loss(self, no_model_text: str) -> None:
        predictor = self.active_model.predictor
        if self.field is None or predictor is None:
            self._loss_for = None
            self.loss.show_loss(None)
            self.loss.show_step(None)
            if no_model_text:
                self.loss.formula.setText(no_model_text)
            return
        meant = self.loss.meant
        key = (self._version, self.field.tobytes(), meant)
        now = time.perf_counter()
        if key == self._loss_for or (self._drawing and now - self._loss_time < LOSS_INTERVAL_S):
            return
        self._loss_for, self._loss_time = key, now
        step = self.loss.step
        if step is not None and not (step.before.meant == meant and self._step_field is not None
                                     and np.array_equal(self._step_field, self.field)):
            self.loss.show_step(None)
        from ...core.explain.drawing_loss import cross_entropy, logits_of

        assert self.probabilities is not None  # there are probabilities whenever there is an input
        shown = meant if meant is not None else int(np.argmax(self.probabilities))
        work = cross_entropy(logits_of(predictor.model, self.field), shown)
        self.loss.show_loss(work, outputs_only=meant is None)

    @Slot(int)
    def set_meant(self, digit: int | None) -> None:
        """The digit the user meant (a key, a probability bar, a button, a label); None: not said (yet)."""
        self.loss.set_meant(digit)
        self._loss_time = 0.0  # at once, even mid-stroke
        self._follow_loss("")

    @Slot()
    def take_step(self) -> None:
        model, meant = self.active_model.model, self.loss.meant
        if model is None or self.field is None or meant is None:
            return
        field, optimizer, rate, version = np.array(self.field, copy=True), self.loss.optimizer, \
            self.loss.learning_rate, self._version
        self.loss.result.setText(self.tr("Taking one step on a copy of the model…"))
        self._steps.submit(lambda: _step_items(model, field, meant, optimizer, rate, version))

    @Slot(object)
    def _on_step(self, item: tuple) -> None:
        version, field, step = item
        if version != self._version or self.field is None or not np.array_equal(field, self.field) \
                or step.before.meant != self.loss.meant:
            self.loss.result.setText(self.tr("The drawing changed meanwhile: take the step again."))
            return
        self._step_field = field
        self.loss.show_step(step)
        self.step_shown.emit()

    def shutdown(self) -> None:
        """Stop the workers and wait for them (the window is closing)."""
        self._saliency.shutdown()
        self._steps.shutdown()
