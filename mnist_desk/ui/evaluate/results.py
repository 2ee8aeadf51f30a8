"""The numbers of an evaluation: the tutorial's printout, the accuracy in words, per-class accuracy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .source import set_texts

if TYPE_CHECKING:
    from ...core.evaluation import EvaluationResult


class ResultsPanel(QWidget):
    """Shows one :class:`EvaluationResult` and which weights it is for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = QLabel(self.tr("No evaluation yet."), self)
        self.source.setWordWrap(True)
        self.printout = QLabel(self)
        self.printout.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.printout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.printout.setToolTip(self.tr("What the tutorial's section 2.6 prints for these weights"))
        self.printout.setStyleSheet(
            "QLabel { background: palette(base); padding: 6px; border: 1px solid palette(mid); }")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.stale = QLabel(self.tr("The active weights changed after this evaluation: evaluate again to see theirs."),
                            self)
        self.stale.setWordWrap(True)
        self.stale.setStyleSheet("color: #a05a00;")
        self.stale.hide()
        self.per_class = QTableWidget(10, 3, self)
        self.per_class.setHorizontalHeaderLabels([self.tr("Digit"), self.tr("Accuracy"), self.tr("Wrong")])
        self.per_class.verticalHeader().hide()
        self.per_class.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.per_class.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.per_class.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.per_class.verticalHeader().setDefaultSectionSize(22)
        self.per_class.setToolTip(self.tr("Per digit: the share of its test digits recognised (recall)"))
        for digit in range(10):
            self.per_class.setItem(digit, 0, self._item(str(digit)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.source)
        layout.addWidget(self.printout)
        layout.addWidget(self.summary)
        layout.addWidget(self.stale)
        layout.addWidget(QLabel(self.tr("Per-class accuracy:"), self))
        layout.addWidget(self.per_class, 1)
        self.printout.hide()

    @staticmethod
    def _item(text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        return item

    def show_result(self, result: EvaluationResult, source: str, set_name: str = "") -> None:
        """Show a result on MNIST's test digits, or on the handwriting set ``set_name``."""
        self.source.setText(self.tr("Weights: {0}").format(source))
        self.printout.setText("\n".join(result.tutorial_lines()))
        self.printout.show()
        if set_name:
            self.summary.setText(set_texts()["summary"].format(accuracy=result.accuracy * 100, set=set_name,
                                                               wrong=result.wrong, total=result.total))
        else:
            self.summary.setText(self.tr("Accuracy {0:.2f} %: {1:,} of {2:,} test digits wrong.").format(
                result.accuracy * 100, result.wrong, result.total))
        self.stale.hide()
        present = [d for d in range(10) if sum(result.confusion[d])]  # a set may lack some digits
        worst = min(present or range(10), key=lambda d: result.per_class[d])
        for digit, accuracy in enumerate(result.per_class):
            row_total = sum(result.confusion[digit])
            wrong = row_total - result.confusion[digit][digit]
            accuracy_item = self._item(f"{accuracy * 100:.2f} %" if row_total else "–")
            if digit == worst:
                accuracy_item.setForeground(QColor(176, 0, 32))
                accuracy_item.setToolTip(self.tr("The digit these weights get wrong most often"))
            self.per_class.setItem(digit, 1, accuracy_item)
            self.per_class.setItem(digit, 2, self._item(self.tr("{0} of {1:,}").format(wrong, row_total)))

    def mark_stale(self, stale: bool) -> None:
        self.stale.setVisible(stale and self.printout.isVisible())
