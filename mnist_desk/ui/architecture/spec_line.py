"""The layer list as one line of text, the words of ``mnist-desk layers``: typed, pasted or copied."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...core.layers import Layer, LayerError, format_spec, parse_spec
from ..error_text import error_text


class SpecLine(QWidget):
    """``typed(layers)`` when the text reads as a layer list; what cannot be read is said under it."""

    typed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("layersText")
        self.edit.setClearButtonEnabled(False)
        self.edit.setToolTip(self.tr("The layers as text, as 'mnist-desk layers' and 'mnist-desk train --layers' "
                                     "take them: type or paste a list, e.g. conv 6 5x5 pad 2, relu, maxpool 2, "
                                     "flatten, linear 10."))
        self.edit.setAccessibleName(self.tr("Layers as text"))
        self.copy_button = QPushButton(self.tr("Copy command"), self)
        self.copy_button.setToolTip(self.tr("Copy the command that trains this network from a terminal"))
        self.problem = QLabel(self)
        self.problem.setObjectName("layersTextProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a00000;")
        self.problem.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        self.edit.textEdited.connect(self._on_edited)
        self.edit.editingFinished.connect(self._on_finished)
        self.copy_button.clicked.connect(self.copy_command)
        self._layers: list[Layer] = []

    def show_layers(self, layers: Sequence[Layer]) -> None:
        """The list as it now is (the text is rewritten unless it already reads as this list)."""
        self._layers = list(layers)
        if self._reads_as(self.edit.text()) != self._layers:
            self.edit.setText(format_spec(self._layers))
            self.edit.setCursorPosition(0)
        self.problem.hide()

    def _reads_as(self, text: str) -> list[Layer] | None:
        try:
            return parse_spec(text)
        except LayerError:
            return None

    @Slot(str)
    def _on_edited(self, text: str) -> None:
        try:
            layers = parse_spec(text)
        except LayerError as error:
            self.problem.setText(error_text(error))
            self.problem.show()
            return
        self.problem.hide()
        if layers != self._layers:
            self._layers = layers
            self.typed.emit(layers)

    @Slot()
    def _on_finished(self) -> None:
        # Leaving the line with text that cannot be read: the list is unchanged, say so and show it again.
        if self._reads_as(self.edit.text()) is None:
            self.edit.setText(format_spec(self._layers))
            self.problem.setText(self.tr("That text could not be read, so the layers are unchanged."))
            self.problem.show()

    def command(self) -> str:
        return f'mnist-desk train --layers "{format_spec(self._layers)}" --out my-network.pt'

    @Slot()
    def copy_command(self) -> None:
        QApplication.clipboard().setText(self.command())
