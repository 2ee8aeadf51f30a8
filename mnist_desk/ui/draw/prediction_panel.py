"""The answer: the top digit large with its probability, ten probability bars, and honesty.

An empty canvas shows no digit. A drawing the network finds unlike any digit
(a letter, a doodle, a photograph) shows "no digit" and why, with the ten
probabilities greyed. A low top probability or several separate marks show
"unsure" and why, with the best guess small, instead of a confident wrong
answer.

A drawing is unfinished while the pen is down: the first stroke of a 4 is no
digit yet, the first short stroke of a 1 already is. A "no digit" therefore
waits for the pen to lift (:meth:`PredictionPanel.show_answer`): until then the
panel keeps the last answer it showed (none yet: "Keep drawing…"), so the answer
never flashes between "no digit" and a digit under the pen.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QStaticText
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..fixed_text import fix_text_height

# Reason codes of mnist_desk.core.predict (repeated here: importing it would import torch).
REASON_EMPTY = "empty"
REASON_LOW_CONFIDENCE = "low_confidence"
REASON_SEVERAL_BLOBS = "several_blobs"
REASON_NOT_A_DIGIT = "not_a_digit"
NO_DIGIT_MARK = "—"  # in the big digit's place: a dash, not a digit


def reason_text(code: str, top: float) -> str:
    """A translated sentence for a core reason code."""
    translate = QCoreApplication.translate
    if code == REASON_LOW_CONFIDENCE:
        return translate("PredictionPanel", "low confidence: the best guess has only {p:.0f} %").format(p=top * 100)
    if code == REASON_SEVERAL_BLOBS:
        return translate("PredictionPanel", "several separate marks: draw one digit, in one piece")
    if code == REASON_EMPTY:
        return translate("PredictionPanel", "no digit: the canvas is empty")
    if code == REASON_NOT_A_DIGIT:
        return translate("PredictionPanel", "this does not look like a digit")
    return code


class ProbabilityBars(QWidget):
    """Ten horizontal bars, one per digit, the top one highlighted.

    It repaints at every frame while the user draws, so the texts are cached
    as :class:`QStaticText` (laid out once, not at every paint) and a new set
    of probabilities that looks the same (same texts, same bar lengths in
    pixels) does not repaint at all.

    A click on a bar says that digit is the one meant (``digit_clicked``); the
    digit meant, when set, is framed.
    """

    digit_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probabilityBars")
        self.setToolTip(self.tr("Click the digit you meant to see the loss of your drawing"))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.probabilities = np.zeros(10, dtype=np.float32)
        self.top: int | None = None
        self.meant: int | None = None
        self._shown_key: tuple | None = None
        self._texts: dict[str, QStaticText] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(10 * 14)
        # It paints its whole rectangle, background included: Qt then need not repaint
        # the widgets behind it first, which cost more than the bars themselves.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(260, 10 * 20)

    def _columns(self) -> tuple[float, float, float]:
        """(label width, bar width, value width) in pixels."""
        metrics = self.fontMetrics()
        label_w = metrics.horizontalAdvance("9") + 8
        value_w = metrics.horizontalAdvance("100.0 %") + 6
        return label_w, max(10.0, self.width() - label_w - value_w), value_w

    def _values(self) -> list[float]:
        """The ten probabilities to draw; anything not finite (a model gone NaN) as 0."""
        if self.probabilities.size != 10:
            return [0.0] * 10
        return [float(p) for p in np.nan_to_num(self.probabilities, nan=0.0, posinf=1.0, neginf=0.0)]

    @staticmethod
    def _value_text(p: float) -> str:
        return f"{p * 100:.1f} %"

    def set_probabilities(self, probabilities: np.ndarray, top: int | None) -> None:
        self.probabilities = np.asarray(probabilities, dtype=np.float32)
        self.top = top
        bar_w = self._columns()[1]
        values = self._values()
        key = (top, self.width(), tuple(self._value_text(p) for p in values),
               tuple(round(bar_w * min(max(p, 0.0), 1.0)) for p in values))
        if key != self._shown_key:
            self._shown_key = key
            self.update()

    def set_meant(self, digit: int | None) -> None:
        if digit != self.meant:
            self.meant = digit
            self.update()

    def digit_at(self, y: float) -> int | None:
        row = int(y // (self.height() / 10.0)) if self.height() > 0 else -1
        return row if 0 <= row < 10 else None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        digit = self.digit_at(event.position().y())
        if event.button() == Qt.MouseButton.LeftButton and digit is not None:
            self.digit_clicked.emit(digit)
            event.accept()
            return
        super().mousePressEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        self._texts.clear()  # a new font or style lays the texts out again
        self._shown_key = None

    def _static(self, text: str) -> QStaticText:
        static = self._texts.get(text)
        if static is None:
            if len(self._texts) > 2000:
                self._texts.clear()
            static = self._texts[text] = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=self.font())
        return static

    def _draw_right_aligned(self, painter: QPainter, right: float, top: float, row: float, text: str) -> None:
        static = self._static(text)
        size = static.size()
        painter.drawStaticText(QPointF(right - size.width(), top + (row - size.height()) / 2), static)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(self.backgroundRole()))
        row = self.height() / 10.0
        label_w, bar_w, value_w = self._columns()
        track = QColor(palette.color(QPalette.ColorRole.Mid))
        track.setAlpha(60)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        for digit, p in enumerate(self._values()):
            top = digit * row
            highlight = digit == self.top
            self._draw_right_aligned(painter, label_w - 4, top, row, str(digit))
            bar = QRectF(label_w, top + row * 0.18, bar_w, row * 0.64)
            painter.fillRect(bar, track)
            fill = palette.color(QPalette.ColorRole.Highlight) if highlight else palette.color(QPalette.ColorRole.Mid)
            painter.fillRect(QRectF(bar.left(), bar.top(), bar_w * min(max(p, 0.0), 1.0), bar.height()), fill)
            self._draw_right_aligned(painter, label_w + bar_w + value_w, top, row, self._value_text(p))
        if self.meant is not None:  # the digit meant, framed
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 1, Qt.PenStyle.DashLine))
            painter.drawRect(QRectF(0.5, self.meant * row + 0.5, self.width() - 1.0, row - 1.0))
        painter.end()


class PredictionPanel(QWidget):
    """Top digit, its probability, the unsure note and the ten bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("predictionPanel")
        self.digit_label = QLabel("", self)
        self.digit_label.setObjectName("predictedDigit")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 5)
        font.setBold(True)
        self.digit_label.setFont(font)
        self.digit_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Fixed sizes: the layout must not jump while the answer changes under the pen.
        self.digit_label.setFixedWidth(150)
        self.digit_label.setFixedHeight(self.digit_label.fontMetrics().height() + 4)
        self.probability_label = QLabel("", self)
        self.probability_label.setObjectName("predictedProbability")
        self.probability_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.4)
        self.probability_label.setFont(big)
        self.probability_label.setFixedWidth(150)
        self.probability_label.setFixedHeight(2 * self.probability_label.fontMetrics().lineSpacing() + 4)
        self.probability_label.setWordWrap(True)
        self.note_label = QLabel("", self)
        self.note_label.setObjectName("predictionNote")
        self.note_label.setWordWrap(True)
        self.note_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        fix_text_height(self.note_label, 2)
        self.bars = ProbabilityBars(self)
        self.held_answer = None  # the Prediction shown (see show_answer)

        left = QVBoxLayout()
        left.addStretch(1)
        left.addWidget(self.digit_label)
        left.addWidget(self.probability_label)
        left.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(left, 0)
        top.addWidget(self.bars, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.note_label)
        self.show_message(self.tr("Loading model…"))

    def show_answer(self, prediction, drawing: bool = False) -> None:
        """Show a core Prediction, or keep the last answer while a stroke that is no digit yet is drawn."""
        if not (drawing and prediction.digit is None and REASON_NOT_A_DIGIT in prediction.reasons):
            self.held_answer = prediction
        shown = self.held_answer
        if shown is None:
            self.show_message(self.tr("Keep drawing…"))
        else:
            self.show_prediction(shown.digit, shown.probabilities, shown.unsure, shown.reasons)

    # The digit's text is what tests and screen readers read.
    @property
    def shown_digit(self) -> str:
        return self.digit_label.text()

    def show_message(self, text: str) -> None:
        """No prediction to show (no model, loading, empty canvas): say why."""
        self.digit_label.setText("")
        self.probability_label.setText("")
        self.note_label.setText(text)
        self.bars.set_probabilities(np.zeros(10, dtype=np.float32), None)

    @property
    def shows_refusal(self) -> bool:
        return self.digit_label.text() == NO_DIGIT_MARK

    def show_prediction(self, digit: int | None, probabilities: np.ndarray, unsure: bool,
                        reasons: list[str]) -> None:
        """Show a core :class:`~mnist_desk.core.predict.Prediction`'s fields."""
        if digit is None and REASON_NOT_A_DIGIT in reasons:
            self.show_refusal(probabilities, reasons)
            return
        if digit is None:
            self.show_message(self.tr("Draw a digit: the prediction appears as you draw."))
            return
        top = float(probabilities[digit])
        self.bars.set_probabilities(probabilities, digit)
        if unsure:
            self.digit_label.setText("?")
            self.probability_label.setText(self.tr("unsure\nmaybe {digit}").format(digit=digit))
            why = self.tr("; ").join(reason_text(code, top) for code in reasons)  # "；" in Chinese
            self.note_label.setText(self.tr("Unsure: {why}.").format(why=why))
        else:
            self.digit_label.setText(str(digit))
            self.probability_label.setText(f"{top * 100:.1f} %")
            self.note_label.setText("")

    def show_refusal(self, probabilities: np.ndarray, reasons: list[str]) -> None:
        """"No digit", and why: the network's probabilities stay visible, none of them highlighted."""
        self.digit_label.setText(NO_DIGIT_MARK)
        self.probability_label.setText(self.tr("no digit"))
        why = self.tr("; ").join(reason_text(code, 0.0) for code in reasons)
        self.note_label.setText(self.tr("No digit: {why}. Draw one digit, 0 to 9.").format(why=why))
        self.bars.set_probabilities(probabilities, None)
