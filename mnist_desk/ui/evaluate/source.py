"""What the Evaluate tab tests on: MNIST's 10,000 test digits, or a handwriting set (any ImageFolder folder).

The choice is remembered (``evaluate/source``: ``mnist`` or a folder). The
active set is always offered, and follows the My handwriting tab; another
folder can be chosen. A set's pictures are read in the worker as the Draw tab
reads a picture (:mod:`mnist_desk.core.handwriting.reading`), and evaluated by
the same :func:`~mnist_desk.core.evaluation.evaluate_steps` as MNIST.
The texts the tab shows for a set, where they differ from MNIST's, are here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Signal, Slot
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QWidget

from ..handwriting.sets import active_folder, known_sets, set_hub

SOURCE_KEY = "evaluate/source"
MNIST = "mnist"
OTHER = "other"


class SourceChooser(QWidget):
    """"Test on: [MNIST test digits | My handwriting “mine” | … | Another folder…]".

    Signals
    -------
    changed()
        Another source was chosen.
    """

    changed = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.combo = QComboBox(self)
        self.combo.setObjectName("evaluateSource")
        self.combo.setToolTip(self.tr("Evaluate on MNIST's test digits or on a handwriting set of your own (a folder "
                                      "0/ … 9/ of pictures, read as the Draw tab reads them)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Test on:"), self))
        layout.addWidget(self.combo, 1)
        self._fill()
        self.combo.activated.connect(self._on_activated)
        set_hub().active_changed.connect(self._fill)

    def folder(self) -> Path | None:
        """The set chosen, or None for MNIST's test digits."""
        data = self.combo.currentData()
        return None if data in (MNIST, OTHER, None) else Path(data)

    def choose(self, folder: str | Path | None) -> None:
        """Choose a set's folder (None: MNIST) as the user would, and remember it."""
        value = MNIST if folder is None else str(Path(folder).expanduser().absolute())
        self.settings.setValue(SOURCE_KEY, value)
        self._fill()
        self.changed.emit()

    @Slot()
    def _fill(self) -> None:
        remembered = self.settings.value(SOURCE_KEY, MNIST, type=str) or MNIST
        active = active_folder(self.settings)
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("MNIST test digits (10,000)"), MNIST)
        self.combo.addItem(self.tr("My handwriting: “{set}” (the active set)").format(set=active.name), str(active))
        folders = [str(folder) for folder in known_sets(self.settings) if folder != active]
        if remembered not in (MNIST, str(active), *folders):
            folders.append(remembered)
        for folder in folders:
            self.combo.addItem(self.tr("Set “{set}” — {folder}").format(set=Path(folder).name, folder=folder), folder)
        self.combo.addItem(self.tr("Another folder…"), OTHER)
        self.combo.setCurrentIndex(max(0, self.combo.findData(remembered)))
        self.combo.blockSignals(False)

    @Slot(int)
    def _on_activated(self, index: int) -> None:
        data = self.combo.itemData(index)
        if data == OTHER:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Evaluate on a set's folder (0/ … 9/)"),
                                                      str(active_folder(self.settings).parent))
            self.choose(folder or self.settings.value(SOURCE_KEY, MNIST, type=str) or None)
            return
        self.choose(None if data == MNIST else data)


def set_texts() -> dict[str, str]:
    """The Evaluate tab's texts for a set, where they differ from MNIST's (each with its named fields)."""
    translate = QCoreApplication.translate
    return {
        "progress": translate("EvaluateSource", "{done:,} of {total:,} digits of “{set}”"),
        "reading": translate("EvaluateSource", "Reading the pictures of “{set}” ({folder})…"),
        "done": translate("EvaluateSource", "Done: {right:,} of {total:,} digits of “{set}” recognised "
                                            "({accuracy:.2f} %). The tutorial prints this as: {first}  {second}"),
        "summary": translate("EvaluateSource", "Accuracy {accuracy:.2f} % on “{set}”: {wrong:,} of {total:,} "
                                               "digits wrong."),
        "caption": translate("EvaluateSource", "{true} → {predicted}\n{probability:.0f} %"),
        "tip": translate("EvaluateSource", "{name}: labelled {true}, read as {predicted} with probability "
                                           "{probability:.1f} %. Click to open it on the canvas."),
        "right_title": translate("EvaluateSource", "{count:,} digits {true} of “{set}” recognised correctly "
                                                   "(least sure first)"),
        "wrong_title": translate("EvaluateSource", "{count:,} digits {true} of “{set}” taken for a {predicted} "
                                                   "(most confident first)"),
    }
