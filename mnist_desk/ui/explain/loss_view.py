"""The loss of this drawing: the digit meant, the ten outputs through the softmax to −log p, and one
training step's effect on it (the tutorial's section 2.2, the cross-entropy loss, on the user's own digit)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..filter_lab.arithmetic import number
from ..fixed_text import fix_text_height

if TYPE_CHECKING:  # torch is imported once a model loads: the window paints first
    from ...core.explain.drawing_loss import CrossEntropy, TrainingStep

LOSS_DIGITS = 4
_SHORT_NAMES = {"adam": "Adam", "sgd": "SGD"}  # in a sentence ("One Adam step"); the list says "Adam (the tutorial's)"


def optimizer_name(name: str) -> str:
    translate = QCoreApplication.translate
    return {"adam": translate("LossView", "Adam (the tutorial's)"),
            "sgd": translate("LossView", "SGD")}.get(name, name)


class LossView(QWidget):
    """``meant_changed(int)``: a digit button clicked; ``step_requested()``: the training-step button."""

    meant_changed = Signal(int)
    step_requested = Signal()

    def __init__(self, optimizers: tuple[str, ...], learning_rates: tuple[float, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lossView")
        self.shown: CrossEntropy | None = None
        self.step: TrainingStep | None = None
        self.digits = QButtonGroup(self)
        row = QHBoxLayout()
        row.setSpacing(2)
        row.addWidget(QLabel(self.tr("You meant:"), self))
        for digit in range(10):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setText(str(digit))
            button.setObjectName(f"meantDigit{digit}")
            button.setToolTip(self.tr("The drawing is a {digit}").format(digit=digit))
            self.digits.addButton(button, digit)
            row.addWidget(button)
        self.digits.idClicked.connect(self.meant_changed)
        self.hint = QLabel(self.tr("(or press 0–9, or click a bar)"), self)
        self.hint.setToolTip(self.tr("Say which digit you meant: press 0–9 anywhere in the Draw tab (except in a "
                                     "number field), click a probability bar, or a button here."))
        self.formula = QLabel(self)
        self.formula.setObjectName("lossFormula")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.25)
        self.formula.setFont(big)
        fix_text_height(self.formula, 1)
        # A plain monospaced label, not a text editor: it is redone while the pen moves, and a label is cheap.
        self.table = QLabel(self)
        self.table.setObjectName("softmaxTable")
        self.table.setTextFormat(Qt.TextFormat.PlainText)
        self.table.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.table.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.setFrameShape(QFrame.Shape.StyledPanel)
        self.table.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.table.setMargin(4)
        self.table.setFixedHeight(self.table.fontMetrics().lineSpacing() * 11 + 12)  # a header and ten digits
        self.table.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.table.setMinimumWidth(200)
        self.notes = QLabel(self)
        self.notes.setObjectName("softmaxNotes")
        self.notes.setWordWrap(True)
        fix_text_height(self.notes, 3)

        self.optimizer_box = QComboBox(self)
        self.optimizer_box.setAccessibleName(self.tr("Optimizer"))
        for name in optimizers:
            self.optimizer_box.addItem(optimizer_name(name), name)
        self.rate_box = QComboBox(self)
        self.rate_box.setAccessibleName(self.tr("Learning rate"))
        self.rate_box.setToolTip(self.tr("Learning rate of the step"))
        for rate in learning_rates:
            self.rate_box.addItem(f"{rate:g}", rate)
        self.step_button = QPushButton(self.tr("One training step on this drawing"), self)
        self.step_button.setToolTip(self.tr("One gradient step on a copy of the model, towards the digit you "
                                            "meant; the active weights stay as they are"))
        self.step_button.clicked.connect(self.step_requested)
        step_row = QHBoxLayout()
        step_row.addWidget(self.optimizer_box)
        step_row.addWidget(QLabel(self.tr("learning rate"), self))
        step_row.addWidget(self.rate_box)
        step_row.addWidget(self.step_button)
        step_row.addStretch(1)
        self.result = QLabel(self)
        self.result.setObjectName("stepResult")
        self.result.setWordWrap(True)
        fix_text_height(self.result, 3)
        layout = QVBoxLayout(self)
        row.addWidget(self.hint)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.formula)
        layout.addWidget(self.table)
        layout.addWidget(self.notes)
        layout.addLayout(step_row)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.show_loss(None)

    @property
    def meant(self) -> int | None:
        digit = self.digits.checkedId()
        return None if digit < 0 else digit

    def set_meant(self, digit: int | None) -> None:
        """Check the button of ``digit``; None unchecks them all (no digit meant)."""
        if digit is not None:
            self.digits.button(digit).setChecked(True)
            return
        checked = self.digits.checkedButton()
        if checked is not None:  # an exclusive group keeps one button checked: not while unchecking it
            self.digits.setExclusive(False)
            checked.setChecked(False)
            self.digits.setExclusive(True)

    @property
    def optimizer(self) -> str:
        return str(self.optimizer_box.currentData())

    @property
    def learning_rate(self) -> float:
        return float(self.rate_box.currentData())

    def show_loss(self, work: CrossEntropy | None, outputs_only: bool = False) -> None:
        """The worked-out loss (``outputs_only``: no digit meant yet, the softmax alone); None: nothing drawn."""
        self.shown = None if outputs_only else work
        self.step_button.setEnabled(work is not None and not outputs_only)
        if work is None:
            self.formula.setText(self.tr("Draw a digit to see its loss."))
            self.table.setText(self.tr("Draw a digit: its ten outputs appear here, through the softmax."))
            self.notes.setText("")
            return
        if outputs_only:
            self.formula.setText(self.tr("Which digit did you mean? The loss measures how far the answer is from it."))
        else:
            p = work.probabilities[work.meant]
            self.formula.setText(self.tr("Loss = −log p({digit}) = −log {p} = <b>{loss}</b>").format(
                digit=work.meant, p=number(p, 6), loss=number(work.loss, LOSS_DIGITS + 2)))
        self.table.setText("\n".join(self._table(work, outputs_only)))
        notes = self.tr("Softmax: p = e^(z − max z) / Σ, with Σ = {total} (the same as e^z / Σ e^z, without "
                        "overflowing).").format(total=number(work.total, 7))
        if not outputs_only:
            notes += " " + self.tr("Loss: −log p of the digit meant (*), as the tutorial's nn.CrossEntropyLoss().")
        self.notes.setText(notes)

    def measure(self, text: str) -> float:
        """How wide ``text`` is in the table's font, in columns (Chinese headers are not two columns wide)."""
        metrics = QFontMetricsF(self.table.font())
        return metrics.horizontalAdvance(text) / metrics.horizontalAdvance(" ")

    def _table(self, work: CrossEntropy, outputs_only: bool) -> list[str]:
        after = self.step.after if self.step is not None else None
        headers = [self.tr("digit"), self.tr("score z"), "e^(z − max z)", self.tr("p = e^(…) / Σ")]
        if after is not None:
            headers.append(self.tr("p after the step"))
        rows = []
        for digit in range(10):
            mark = "*" if not outputs_only and digit == work.meant else " "
            cells = [f"{digit}{mark}", number(work.logits[digit], 5), number(work.shifted[digit], 5),
                     f"{work.probabilities[digit]:.6f}"]
            if after is not None:
                cells.append(f"{after.probabilities[digit]:.6f}")
            rows.append(cells)
        widths = [max(max(len(row[i]) for row in rows), math.ceil(round(self.measure(headers[i]), 3)))
                  for i in range(len(headers))]
        parts = []  # headers over their columns: the digits' on the left, the numbers' on the right
        for index, (width, text) in enumerate(zip(widths, headers)):
            gap = " " * max(0, round(width - self.measure(text)))
            parts.append(text + gap if index == 0 else gap + text)
        lines = [(" " + "   ".join(parts)).rstrip()]
        lines += [" " + "   ".join(cell.ljust(width) if index == 0 else cell.rjust(width)
                                   for index, (cell, width) in enumerate(zip(row, widths))) for row in rows]
        return lines

    def show_step(self, step: TrainingStep | None) -> None:
        """A training step's effect (None: none for this drawing yet)."""
        self.step = step
        if step is None:
            self.result.setText("")
        else:
            before, after = step.before, step.after
            self.result.setText(self.tr("One {optimizer} step (learning rate {lr}) on a copy of the model: loss "
                                        "{loss_before} → {loss_after}, p({digit}) {p_before} → {p_after}; no weight "
                                        "moved more than {largest_change}. The active weights are unchanged.").format(
                optimizer=_SHORT_NAMES.get(step.optimizer, step.optimizer), lr=f"{step.learning_rate:g}",
                loss_before=number(before.loss, LOSS_DIGITS), loss_after=number(after.loss, LOSS_DIGITS),
                digit=before.meant, p_before=f"{before.probabilities[before.meant] * 100:.2f} %",
                p_after=f"{after.probabilities[after.meant] * 100:.2f} %", largest_change=number(step.largest_change)))
        if self.shown is not None:
            self.table.setText("\n".join(self._table(self.shown, False)))
