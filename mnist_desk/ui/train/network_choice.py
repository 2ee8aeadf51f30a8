"""The Train tab's network: the form's architecture and the architecture editor, kept in step.

Choosing "Built layer by layer" in the form makes the editor's own list the
network to train (its panel comes forward); choosing a named architecture
shows that one's layers there, read-only. Start waits for a network that can
be built, and says why it waits. Kept apart from the tab so that the tab only
asks: may a run start, what does it train, what is it called.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal, Slot
from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QWidget

from ...core.layers import format_spec
from ..architecture.editor import ArchitectureEditor
from ..architecture.names import built_name
from ..error_text import error_text
from .form import TrainForm

CUSTOM = "custom"  # core.models.CUSTOM (not imported: it brings torch)


class NetworkChoice(QObject):
    """Binds ``form``'s architecture to ``editor``; ``startable_changed()`` when a run may start or may not.

    Parameters
    ----------
    form, editor
        The settings form and the editor.
    panels, page
        The tab widget holding the editor, and the editor's page in it (brought forward when the built
        network is chosen; its first page comes forward when a run starts).
    reason
        A label that says why Start waits.
    """

    startable_changed = Signal()

    def __init__(self, form: TrainForm, editor: ArchitectureEditor, panels: QTabWidget, page: QWidget, reason: QLabel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.form, self.editor, self.panels, self.page, self.reason = form, editor, panels, page, reason
        reason.setWordWrap(True)
        reason.setStyleSheet("color: #a00000;")
        form.arch.currentIndexChanged.connect(self._on_arch)
        form.activation.currentIndexChanged.connect(self.refresh)
        editor.changed.connect(self.refresh)
        editor.copy_made.connect(self._on_copy)
        self.refresh()

    @classmethod
    def beside(cls, chart: QWidget, form: TrainForm, settings: QSettings, parent: QWidget) -> NetworkChoice:
        """A new editor as the Network panel beside ``chart`` (the Chart panel), in a new tab widget."""
        editor = ArchitectureEditor(settings, parent)
        page = QScrollArea(parent)  # a small window scrolls the editor rather than growing for it
        page.setWidget(editor)
        page.setWidgetResizable(True)
        page.setFrameShape(QScrollArea.Shape.NoFrame)
        panels = QTabWidget(parent)
        panels.addTab(chart, QCoreApplication.translate("TrainTab", "Chart"))  # the tab's texts, where first written
        panels.addTab(page, QCoreApplication.translate("TrainTab", "Network"))
        return cls(form, editor, panels, page, QLabel(parent), parent)

    def run_starts(self) -> None:
        """A run starts: the chart comes forward."""
        self.panels.setCurrentIndex(0)

    def set_running(self, running: bool) -> None:
        """While a run trains its network stays as it is (a resumed one: the file's, put in the editor)."""
        self.editor.setEnabled(not running)

    @property
    def built(self) -> bool:
        """The built network is chosen."""
        return self.form.arch.currentData() == CUSTOM

    def can_start(self) -> bool:
        """A named architecture, or a built network that can be built."""
        return not self.built or self.editor.valid

    @Slot()
    def _on_arch(self) -> None:
        self.refresh()
        if self.built:
            self.panels.setCurrentWidget(self.page)

    @Slot()
    def _on_copy(self) -> None:
        self.form.arch.setCurrentIndex(self.form.arch.findData(CUSTOM))

    @Slot()
    def refresh(self) -> None:
        built = self.built
        self.editor.show_architecture(None if built else str(self.form.arch.currentData()),
                                      str(self.form.activation.currentData()))
        self.form.activation.setEnabled(not built)
        self.form.activation.setToolTip(self.tr("A built network has its own activations, in its layers.")
                                        if built else "")
        problem = self.editor.plan.problem if built else None
        self.reason.setVisible(problem is not None)
        if problem is not None:
            self.reason.setText(self.tr("Start waits for a network that can be built: {problem}").format(
                problem=error_text(problem)))
        self.startable_changed.emit()

    def config(self, values: dict[str, Any]) -> dict[str, Any]:
        """The form's values with the built network's layers (its text form) when it is chosen."""
        if values.get("arch") == CUSTOM:
            values["layers"] = format_spec(self.editor.layers)
        return values

    def describe(self) -> str:
        """The run's label on the chart: a built network is named by its sizes (4/6 kernels against 16/32)."""
        return self.form.describe(built_name(self.editor.layers) if self.built else None)

    def show_checkpoint(self, checkpoint: Any) -> None:
        """Loaded or resumed weights of a built network: its layers in the editor (an undoable step)."""
        if getattr(checkpoint, "arch", None) != CUSTOM:
            return
        from ...core.layers.spec import layer_from_data

        layers = [layer_from_data(item) for item in checkpoint.layers or []]  # checked when the file was read
        if layers:
            self.form.arch.setCurrentIndex(self.form.arch.findData(CUSTOM))
            self.editor.set_layers(layers)
