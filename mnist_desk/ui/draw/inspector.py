"""What the network sees: MNIST's preprocessing step by step, next to a plain resize.

MNIST's digits were cropped to their ink, scaled to fit 20x20 and centred by
their centre of mass in 28x28. A network trained on them expects exactly
that; a plain resize of the whole canvas gives it a small, off-centre digit.
The switch chooses which one the prediction uses; both answers are shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from ..fixed_text import fix_text_height
from ..image_view import LabelledImage


@dataclass
class Answer:
    """A prediction reduced to what the inspector shows."""

    digit: int | None
    probability: float = 0.0
    unsure: bool = False


class Inspector(QWidget):
    """The preprocessing steps (crop, 20×20 fit, 28×28 centred) and the plain resize."""

    recipe_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preprocessingInspector")
        self.recipe_switch = QCheckBox(self.tr("Use MNIST's preprocessing"), self)
        self.recipe_switch.setObjectName("mnistRecipeSwitch")
        self.recipe_switch.setChecked(True)
        self.recipe_switch.setToolTip(self.tr("Crop to the ink, fit 20×20, centre by mass in 28×28. Turn it off to "
                                              "feed the network a plain resize of the whole canvas, and see why it "
                                              "matters."))
        self.recipe_switch.toggled.connect(self.recipe_toggled)

        self.crop = LabelledImage(self.tr("1. crop to the ink"), 96, self)
        self.crop.view.smooth = True
        self.fitted = LabelledImage(self.tr("2. fit in 20×20"), 96, self)
        self.field = LabelledImage(self.tr("3. centred in 28×28"), 96, self)
        self.plain = LabelledImage(self.tr("plain resize to 28×28"), 96, self)
        for view in (self.crop, self.fitted, self.field, self.plain):
            view.view.placeholder = self.tr("empty")
        for view in (self.fitted, self.field, self.plain):
            view.view.reference_size = 28  # same pixel size in all three: the fit is visibly smaller
        self.recipe_title = QLabel(self)
        self.plain_title = QLabel(self)
        self.recipe_answer = QLabel(self)
        self.recipe_answer.setObjectName("recipeAnswer")
        self.plain_answer = QLabel(self)
        self.plain_answer.setObjectName("plainAnswer")
        answer_font = QFont(self.font())
        answer_font.setPointSizeF(answer_font.pointSizeF() * 1.6)
        answer_font.setBold(True)
        for label in (self.recipe_answer, self.plain_answer):
            label.setFont(answer_font)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setFixedWidth(label.fontMetrics().horizontalAdvance("8  100.0 % ?") + 12)
            label.setFixedHeight(label.fontMetrics().lineSpacing() + 6)

        grid = QGridLayout()
        grid.addWidget(self.recipe_title, 0, 0, 1, 4)
        grid.addWidget(self.crop, 1, 0)
        grid.addWidget(self.fitted, 1, 1)
        grid.addWidget(self.field, 1, 2)
        grid.addWidget(self.recipe_answer, 1, 3)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line, 2, 0, 1, 4)
        grid.addWidget(self.plain_title, 3, 0, 1, 4)
        grid.addWidget(self.plain, 4, 2)
        grid.addWidget(self.plain_answer, 4, 3)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName("inspectorNote")
        fix_text_height(self.note, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.recipe_switch)
        layout.addLayout(grid)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._set_titles(True)

    def _set_titles(self, recipe: bool) -> None:
        used, unused = self.tr("what the network sees"), self.tr("for comparison")
        self.recipe_title.setText(self.tr("<b>MNIST's preprocessing</b> — {state}").format(
            state=used if recipe else unused))
        self.plain_title.setText(self.tr("<b>Plain resize of the whole canvas</b> — {state}").format(
            state=unused if recipe else used))

    @staticmethod
    def _answer_text(answer: Answer | None) -> str:
        if answer is None or answer.digit is None:
            return "—"
        text = f"{answer.digit}  {answer.probability * 100:.1f} %"  # as the answer above and its bar
        return f"{text} ?" if answer.unsure else text

    def show_steps(self, recipe, plain, recipe_answer: Answer | None, plain_answer: Answer | None,
                   use_recipe: bool, exact_digit: bool = False) -> None:
        """Show two :class:`~mnist_desk.core.preprocess.Preprocessed` results and their answers."""
        self._set_titles(use_recipe)
        if exact_digit:
            self.crop.set_array(None)
            self.fitted.set_array(None)
            self.crop.view.placeholder = self.fitted.view.placeholder = self.tr("MNIST digit: already done")
        else:
            self.crop.view.placeholder = self.fitted.view.placeholder = self.tr("empty")
            self.crop.set_array_if_new(recipe.crop if recipe is not None else None)
            self.fitted.set_array_if_new(recipe.fitted if recipe is not None else None)
        empty = recipe is None or recipe.empty
        # The side not in use is redone only every few frames while the pen moves:
        # the very same arrays are neither converted nor repainted again.
        self.field.set_array_if_new(None if empty else recipe.field28)
        self.plain.set_array_if_new(None if plain is None or plain.empty else plain.field28)
        self.recipe_answer.setText(self._answer_text(recipe_answer))
        self.plain_answer.setText(self._answer_text(plain_answer))
        if exact_digit:
            self.note.setText(self.tr("This MNIST test digit is already a 28×28 network input: it is used as is "
                                      "until you draw over it."))
        elif empty:
            self.note.setText(self.tr("Draw a digit to see each step."))
        elif recipe is not None and recipe.crop is not None:
            # Sizes on the working picture the steps start from (the canvas's, not the screen's or the file's).
            self.note.setText(self.tr("The ink's box, {w}×{h} of the {W}×{H} working picture (width × height) → "
                                      "{fw}×{fh}, its longer side 20 → 28×28 with the centre of mass in the "
                                      "middle.").format(
                h=recipe.crop.shape[0], w=recipe.crop.shape[1], fh=recipe.fitted.shape[0], fw=recipe.fitted.shape[1],
                H=recipe.gray.shape[0], W=recipe.gray.shape[1]))
