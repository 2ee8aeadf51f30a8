"""The main window: four tabs over one shared active model."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from .active_model import ActiveModel


class MainWindow(QMainWindow):
    """Tabs Draw, Filter Lab, Train and Evaluate, sharing one :class:`ActiveModel`."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from .draw.tab import DrawTab
        from .evaluate.tab import EvaluateTab
        from .filter_lab.tab import FilterLabTab
        from .train.tab import TrainTab

        self.settings = settings
        self.active_model = ActiveModel(self)
        self.setWindowTitle(self.tr("MNIST Desk"))
        self.tabs = QTabWidget(self)
        self.draw_tab = DrawTab(self.active_model, settings, self)
        self.filter_lab_tab = FilterLabTab(self.active_model, settings, self)
        self.train_tab = TrainTab(self.active_model, settings, self)
        self.evaluate_tab = EvaluateTab(self.active_model, settings, self)
        self.tabs.addTab(self.draw_tab, self.tr("Draw"))
        self.tabs.addTab(self.filter_lab_tab, self.tr("Filter Lab"))
        self.tabs.addTab(self.train_tab, self.tr("Train"))
        self.tabs.addTab(self.evaluate_tab, self.tr("Evaluate"))
        self.setCentralWidget(self.tabs)
        self.resize(1100, 760)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        # Each tab that runs a worker stops it and waits, so no thread outlives the window.
        for tab in (self.draw_tab, self.filter_lab_tab, self.train_tab, self.evaluate_tab):
            shutdown = getattr(tab, "shutdown", None)
            if shutdown is not None:
                shutdown()
        super().closeEvent(event)
