"""Run something once a widget is on screen, not before.

``QTimer.singleShot(0, ...)`` in a ``showEvent`` does not wait for the paint:
on X11 the window's expose event arrives after it, so heavy work started there
(importing matplotlib, a worker importing torch) kept a restored tab black for
seconds. :func:`after_paint` waits for the widget's first paint event (and, at
the latest, :data:`FALLBACK_MS`, for a widget that is never painted, e.g. in a
minimised window).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1500


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        self._done = False
        widget.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # after the paint has reached the screen
        return False

    def _run(self) -> None:
        if not self._done:
            self._done = True
            parent = self.parent()
            if isinstance(parent, QWidget):
                parent.removeEventFilter(self)
            self.deleteLater()
            self._callback()


def after_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` once ``widget`` has been painted (see the module docstring)."""
    _AfterPaint(widget, callback)
