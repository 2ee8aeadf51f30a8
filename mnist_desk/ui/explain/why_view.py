"""Why this answer: the network's 28×28 input beside a heat map of which pixels pushed a digit up or down."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.explain.explained import CLOSEST, explained_digit
from ..filter_lab.arithmetic import number
from ..fixed_text import fix_text_height
from ..image_view import LabelledImage
from .heatmap import input_gray, saliency_rgb
from .pickable import PickableImageView

if TYPE_CHECKING:  # torch is imported once a model loads: the window paints first
    from ...core.explain.faithfulness import Deletion
    from ...core.explain.saliency import Saliency

ANSWER = 10  # the target button that follows the answer (not -1: QButtonGroup gives that one its own id)
translate = QCoreApplication.translate


def method_name(method: str) -> str:
    return {"integrated-gradients": translate("WhyView", "Integrated gradients"),
            "occlusion": translate("WhyView", "Occlusion"),
            "grad-cam": translate("WhyView", "Grad-CAM")}.get(method, method)


def method_explanation(method: str) -> str:
    """One line on what a method measures."""
    return {
        "integrated-gradients": translate("WhyView", "How the digit's score grows, pixel by pixel, as the drawing "
                                          "fades in from a blank canvas; the map adds up to the whole change."),
        "occlusion": translate("WhyView", "How much the digit's probability falls when a 4×4 square of the drawing "
                               "is rubbed out, shared among that square's ink."),
        "grad-cam": translate("WhyView", "Where the maps of the last conv layer that shrinks them hold evidence "
                              "for the digit: each map times its gradient, pixel by pixel (the HiResCAM form), "
                              "scaled up; coarse."),
    }.get(method, "")


def percent(p: float) -> str:
    return f"{p * 100:.1f} %"


class WhyView(QWidget):
    """The explained digit, the method, the input and its heat map, and what the map says.

    ``request_changed()``: the user picked another digit or method.
    """

    request_changed = Signal()

    def __init__(self, methods: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whyView")
        self.answer: int | None = None  # None: no answer ("no digit", or nothing drawn)
        self.closest: int | None = None  # the most probable digit, explained when there is no answer
        self._probabilities: np.ndarray | None = None
        self.shown: Saliency | None = None
        self._field: np.ndarray | None = None
        self._shown_field: np.ndarray | None = None
        self.targets = QButtonGroup(self)
        self.targets.setExclusive(True)
        target_row = QHBoxLayout()
        target_row.setSpacing(2)
        target_row.addWidget(QLabel(self.tr("Explain:"), self))
        for value in (ANSWER, *range(10)):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setText(self.tr("the answer") if value == ANSWER else str(value))
            button.setToolTip(self.tr("Which pixels made the network answer as it did") if value == ANSWER
                              else self.tr("Why {digit}, or why not {digit}?").format(digit=value))
            button.setObjectName("explainAnswer" if value == ANSWER else f"explainDigit{value}")
            self.targets.addButton(button, value)
            target_row.addWidget(button)
        target_row.addStretch(1)
        self.targets.button(ANSWER).setChecked(True)
        self.targets.idClicked.connect(self._on_target_clicked)
        # Said only when the network answered "no digit": there is no answer, so what is explained is named.
        self.no_answer = QLabel(self)
        self.no_answer.setObjectName("whyNoAnswer")
        self.no_answer.setWordWrap(True)
        self.no_answer.hide()
        self.method_box = QComboBox(self)
        self.method_box.setAccessibleName(self.tr("Saliency method"))
        for method in methods:
            self.method_box.addItem(method_name(method), method)
        self.method_box.currentIndexChanged.connect(self._on_method)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        fix_text_height(self.explanation, 2)
        method_row = QHBoxLayout()
        method_row.addWidget(QLabel(self.tr("Method:"), self))
        method_row.addWidget(self.method_box)
        method_row.addStretch(1)

        self.input_view = LabelledImage(self.tr("what the network sees (28×28)"), 170, self)
        self.input_view.view.placeholder = self.tr("empty")
        self.heat_view = PickableImageView(170)
        self.heat = LabelledImage("", 170, self, view=self.heat_view)
        self.heat_view.placeholder = self.tr("no map yet")
        self.summary = QLabel(self)
        self.summary.setObjectName("saliencySummary")
        self.summary.setWordWrap(True)
        fix_text_height(self.summary, 3)
        self.check = QLabel(self)
        self.check.setObjectName("saliencyCheck")
        self.check.setWordWrap(True)
        fix_text_height(self.check, 3)
        # What is going on ("making the map…"), or the hovered pixel's numbers.
        self.status = QLabel(self)
        self.status.setObjectName("saliencyStatus")
        fix_text_height(self.status, 1)
        self._status = ""
        self.heat_view.hovered.connect(self._on_hover)
        self.heat_view.left.connect(lambda: self.status.setText(self._status))
        pictures = QGridLayout()
        pictures.addWidget(self.input_view, 0, 0)
        pictures.addWidget(self.heat, 0, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(target_row)
        layout.addWidget(self.no_answer)
        layout.addLayout(method_row)
        layout.addWidget(self.explanation)
        layout.addLayout(pictures, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.summary)
        layout.addWidget(self.check)
        self._on_method()

    # -- what the user asks ---------------------------------------------------------------------
    @property
    def method(self) -> str:
        return str(self.method_box.currentData())

    def set_method(self, method: str) -> None:
        index = self.method_box.findData(method)
        if index >= 0:
            self.method_box.setCurrentIndex(index)

    @property
    def target(self) -> int | None:
        """The digit to explain: the one picked, else the answer, else (no digit) the closest digit."""
        picked = self.targets.checkedId()
        explained = explained_digit(self.answer, self._chances(), None if picked == ANSWER else picked)
        return None if explained is None else explained.digit

    def _chances(self) -> np.ndarray:
        return self._probabilities if self._probabilities is not None else np.zeros(10)

    @Slot(int)
    def _on_target_clicked(self, _id: int) -> None:
        self._say_no_answer()
        self.request_changed.emit()

    def _say_no_answer(self) -> None:
        """With no answer ("no digit"), say so and name the digit the map is of."""
        target = self.target
        if self.answer is not None or self._field is None or target is None:
            self.no_answer.hide()
            return
        p = percent(float(self._chances()[target]))
        if self.targets.checkedId() == ANSWER or target == self.closest:
            text = self.tr("There is no answer to explain: the network says no digit. The map shows the digit it "
                           "leans to most, the closest digit, {digit} ({p}).")
        else:
            text = self.tr("There is no answer to explain: the network says no digit. The map shows {digit} "
                           "({p}), the digit you picked.")
        self.no_answer.setText(text.format(digit=target, p=p))
        self.no_answer.show()

    @Slot()
    def _on_method(self) -> None:
        self.explanation.setText(self.tr("<b>{method}</b>: {explanation}").format(
            method=method_name(self.method), explanation=method_explanation(self.method)))
        self.request_changed.emit()

    # -- what the network does ------------------------------------------------------------------
    def show_input(self, field28: np.ndarray | None, answer: int | None,
                   probabilities: np.ndarray | None = None) -> None:
        """The network's current input, its answer (None: "no digit") and its ten probabilities.

        Without an answer the first button explains the closest digit, and says so.
        """
        self.answer = answer
        self._probabilities = None if probabilities is None else np.asarray(probabilities, dtype=np.float64)
        closest = explained_digit(answer, self._chances())
        self.closest = closest.digit if closest is not None and closest.kind == CLOSEST else None
        button = self.targets.button(ANSWER)
        if answer is not None:
            button.setText(self.tr("the answer ({digit})").format(digit=answer))
            button.setToolTip(self.tr("Which pixels made the network answer as it did"))
        elif self.closest is not None and field28 is not None:
            button.setText(self.tr("the closest digit ({digit})").format(digit=self.closest))
            button.setToolTip(self.tr("The network says no digit, so there is no answer: explain the digit it "
                                      "leans to most"))
        else:
            button.setText(self.tr("the answer"))
        if field28 is None:
            self._field = None
            self.no_answer.hide()
            self.input_view.set_array(None)
            self.heat.set_array(None)
            self.heat.set_caption("")
            self.summary.setText("")
            self.check.setText("")
            self.shown = None
            return
        if self._field is None or not np.array_equal(field28, self._field):
            self._field = np.array(field28, copy=True)
            self.input_view.set_array(input_gray(field28))
        self._say_no_answer()

    def set_conv_methods(self, available: bool) -> None:
        """Grad-CAM needs a conv layer: offered only for a network that has one (a built one may not)."""
        index = self.method_box.findData("grad-cam")
        item = self.method_box.model().item(index) if index >= 0 else None  # type: ignore[attr-defined]
        if item is not None:
            item.setEnabled(available)
            item.setToolTip("" if available else self.tr("This network has no conv layer: Grad-CAM has no maps "
                                                         "to look at."))

    def set_status(self, text: str) -> None:
        self._status = text
        self.status.setText(text)

    def show_saliency(self, field28: np.ndarray, result: Saliency) -> None:
        """A map, over the input it was made for."""
        self.shown, self._shown_field = result, np.array(field28, copy=True)
        self.heat.set_array(saliency_rgb(field28, result.map))
        target = str(result.target)
        if result.target == self.answer:
            title = self.tr("{method} for {digit}: red pushed {digit} up, blue pushed it down")
        elif self.answer is None and result.target == self.closest:  # "no digit": never called the answer
            title = self.tr("{method} for the closest digit, {digit} (no answer: no digit): red pushed {digit} up, "
                            "blue down")
        elif self.answer is None:
            title = self.tr("{method} for {digit} (no answer: no digit): red pushed {digit} up, blue down")
        else:
            title = self.tr("{method} for {digit} (why not {digit}?): red pushed {digit} up, blue down")
        self.heat.set_caption(title.format(method=method_name(result.method), digit=target))
        if result.method == "integrated-gradients":
            text = self.tr("The map adds up to {total}: the score of {digit} for this drawing, {score}, minus its "
                           "score for a blank canvas, {blank} (a score is the number before the softmax).").format(
                total=number(result.total), digit=target, score=number(result.value),
                blank=number(result.baseline or 0.0))
        elif result.method == "occlusion":
            text = self.tr("p({digit}) = {p}. A value of 0.1 means rubbing out that ink lowered p({digit}) by about "
                           "10 points; a negative one, that it raised p({digit}).").format(
                digit=target, p=percent(result.value))
        else:
            text = self._grad_cam_text(result, target)
        self.summary.setText(text)
        self.check.setText("")

    def _grad_cam_text(self, result: Saliency, target: str) -> str:
        rows, cols = result.grid or (7, 7)
        values = {"total": number(result.total), "digit": target, "score": number(result.value),
                  "rest": number(result.baseline or 0.0)}
        if result.affine_head:
            text = self.tr("Red and blue add up to {total}: the score of {digit} ({score}, before the softmax) less "
                           "{rest}, the part that is the same for every drawing (the output layer's bias)."
                           ).format(**values)
        else:
            text = self.tr("Red and blue add up to {total} of the score of {digit}, {score} (before the softmax); the "
                           "other {rest} comes from layers that do not split by pixel, so the map is approximate."
                           ).format(**values)
        return text + " " + self.tr("The map is coarse: each square of the network's {rows}×{cols} feature maps "
                                    "covers about {height}×{width} input pixels.").format(
            rows=rows, cols=cols, height=f"{round(28 / rows, 1):g}", width=f"{round(28 / cols, 1):g}")

    def show_check(self, target: int, check: Deletion | None) -> None:
        """The deletion check of the map shown, with its verdict in plain words."""
        if check is None:
            self.check.setText("")
            return
        values = dict(pixels=check.pixels, digit=target, before=percent(check.before), after=percent(check.salient),
                      random=percent(check.random))
        if check.passed:
            text = self.tr("Check passed: rubbing out the map's {pixels} strongest pixels (10 % of the ink) takes "
                           "p({digit}) from {before} to {after}, lower than rubbing out as many random ink pixels "
                           "does ({random}): the map points at pixels the network relies on.")
        else:
            text = self.tr("Check failed: rubbing out the map's {pixels} strongest pixels (10 % of the ink) takes "
                           "p({digit}) from {before} to {after}, no lower than rubbing out as many random ink pixels "
                           "does ({random}): for this drawing the map does not single out the pixels the network "
                           "relies on.")
        self.check.setText(text.format(**values))

    @Slot(int, int)
    def _on_hover(self, x: int, y: int) -> None:
        if self.shown is None or self._shown_field is None:
            return
        self.status.setText(self.tr("Row {row}, column {column}: ink {ink}, map {value}").format(
            row=y, column=x, ink=number(float(self._shown_field[y, x])), value=number(float(self.shown.map[y, x]))))
