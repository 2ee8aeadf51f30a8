"""The confusion matrix as a picture: 10×10 cells, true digit by row, predicted by column.

Painted with QPainter (cheap; no matplotlib needed). Correct predictions (the
diagonal) are shaded green by their share of the row, mistakes red by their
count on a log scale, so a handful of confusions still shows. Clicking a cell
(or moving with the arrow keys) selects it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

GREEN = QColor(27, 122, 47)
RED = QColor(192, 24, 38)


def _mix(color: QColor, strength: float) -> QColor:
    """``color`` blended over white; strength 0..1."""
    strength = max(0.0, min(1.0, strength))
    return QColor(round(255 + (color.red() - 255) * strength), round(255 + (color.green() - 255) * strength),
                  round(255 + (color.blue() - 255) * strength))


class ConfusionMatrixWidget(QWidget):
    """Shows ``confusion[true][predicted]`` counts; ``cell_selected(true, predicted)`` on a click."""

    cell_selected = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.confusion: list[list[int]] | None = None
        self.selected: tuple[int, int] | None = None
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(300, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip(self.tr("Click a cell to see those test digits"))
        self.setAccessibleName(self.tr("Confusion matrix"))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(440, 440)

    def set_confusion(self, confusion: list[list[int]] | None) -> None:
        self.confusion = confusion
        self.selected = None
        self.update()

    # -- geometry -----------------------------------------------------------------------------
    def _grid(self) -> tuple[QRect, float]:
        """The rectangle of the 10×10 cells and the size of one cell."""
        margin_left, margin_top = 46, 46
        side = max(10.0, min(self.width() - margin_left - 8, self.height() - margin_top - 8))
        cell = side / 10.0
        return QRect(margin_left, margin_top, round(cell * 10), round(cell * 10)), cell

    def cell_at(self, point: QPoint) -> tuple[int, int] | None:
        grid, cell = self._grid()
        if not grid.contains(point):
            return None
        column = int((point.x() - grid.left()) / cell)
        row = int((point.y() - grid.top()) / cell)
        if 0 <= row < 10 and 0 <= column < 10:
            return row, column
        return None

    def cell_rect(self, true_digit: int, predicted: int) -> QRect:
        grid, cell = self._grid()
        return QRect(round(grid.left() + predicted * cell), round(grid.top() + true_digit * cell),
                     round(cell), round(cell))

    # -- painting -----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(self.rect(), self.palette().base())
        grid, cell = self._grid()
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, min(11.0, cell / 4.2)))
        painter.setFont(font)
        text_pen = self.palette().text().color()
        # Axis titles and digit labels.
        painter.setPen(text_pen)
        painter.drawText(QRect(grid.left(), 0, grid.width(), 20), Qt.AlignmentFlag.AlignCenter,
                         self.tr("predicted digit"))
        painter.save()
        painter.translate(12, grid.top() + grid.height() / 2)
        painter.rotate(-90)
        painter.drawText(QRect(-grid.height() // 2, -10, grid.height(), 20), Qt.AlignmentFlag.AlignCenter,
                         self.tr("true digit"))
        painter.restore()
        for digit in range(10):
            painter.drawText(QRect(round(grid.left() + digit * cell), 22, round(cell), 22),
                             Qt.AlignmentFlag.AlignCenter, str(digit))
            painter.drawText(QRect(22, round(grid.top() + digit * cell), 22, round(cell)),
                             Qt.AlignmentFlag.AlignCenter, str(digit))
        if self.confusion is None:
            painter.setPen(QPen(QColor(200, 200, 200)))
            painter.drawRect(grid)
            painter.setPen(text_pen)
            painter.drawText(grid, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.tr("Evaluate the weights to fill in the matrix."))
            return
        largest_mistake = max((self.confusion[t][p] for t in range(10) for p in range(10) if t != p), default=0)
        for true_digit in range(10):
            row_total = sum(self.confusion[true_digit]) or 1
            for predicted in range(10):
                count = self.confusion[true_digit][predicted]
                rect = self.cell_rect(true_digit, predicted)
                if true_digit == predicted:
                    fill = _mix(GREEN, 0.25 + 0.6 * count / row_total)
                elif count:
                    fill = _mix(RED, 0.12 + 0.75 * math.log1p(count) / math.log1p(max(largest_mistake, 1)))
                else:
                    fill = QColor(250, 250, 250)
                painter.fillRect(rect, fill)
                painter.setPen(QPen(QColor(225, 225, 225)))
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                if count:
                    dark = fill.lightness() < 140
                    painter.setPen(QColor(255, 255, 255) if dark else QColor(30, 30, 30))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count))
        if self.selected is not None:
            painter.setPen(QPen(self.palette().highlight().color(), 3))
            painter.drawRect(self.cell_rect(*self.selected).adjusted(1, 1, -2, -2))

    # -- input --------------------------------------------------------------------------------
    def select(self, true_digit: int, predicted: int) -> None:
        """Select a cell as a click would (emits ``cell_selected``)."""
        if self.confusion is None:
            return
        self.selected = (true_digit, predicted)
        self.update()
        self.cell_selected.emit(true_digit, predicted)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        cell = self.cell_at(event.position().toPoint())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.select(*cell)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        cell = self.cell_at(event.position().toPoint())
        if cell is None or self.confusion is None:
            QToolTip.hideText()
            return
        true_digit, predicted = cell
        count = self.confusion[true_digit][predicted]
        text = (self.tr("{0} test digits {1} recognised correctly").format(count, true_digit) if true_digit == predicted
                else self.tr("{0} test digits {1} taken for a {2}").format(count, true_digit, predicted))
        QToolTip.showText(event.globalPosition().toPoint(), text, self)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        moves = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1), Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}
        move = moves.get(Qt.Key(event.key()))
        if move is None or self.confusion is None:
            super().keyPressEvent(event)
            return
        row, column = self.selected or (0, 0)
        self.select(min(9, max(0, row + move[0])), min(9, max(0, column + move[1])))
