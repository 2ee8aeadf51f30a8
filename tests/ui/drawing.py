"""Drawing on the Draw tab's canvas as a user does, with qtbot's mouse events (no tests here).

Shared by the Draw tab, main window and bad-input tests (``from drawing import
draw_seven``); the fixtures they share (``draw_weights``, ``window``) are in
tests/ui/conftest.py.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QPointF, Qt

from mnist_desk.ui.draw.document import SIZE


def _widget_point(canvas, fx: float, fy: float) -> QPoint:
    return canvas.to_widget(QPointF(fx * SIZE, fy * SIZE)).toPoint()


def draw_polyline(qtbot, canvas, points: list[tuple[float, float]], steps_per_segment: int = 6,
                  button=Qt.MouseButton.LeftButton) -> None:
    """Press, move through ``points`` (fractions of the canvas, interpolated), release."""
    start = _widget_point(canvas, *points[0])
    qtbot.mousePress(canvas, button, pos=start)
    last = start
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        for step in range(1, steps_per_segment + 1):
            t = step / steps_per_segment
            last = _widget_point(canvas, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
            qtbot.mouseMove(canvas, pos=last)
    qtbot.mouseRelease(canvas, button, pos=last)


def draw_one(qtbot, canvas) -> None:
    draw_polyline(qtbot, canvas, [(0.52, 0.18), (0.5, 0.82)])


def draw_zero(qtbot, canvas) -> None:
    points = [(0.5 + 0.2 * math.sin(a), 0.5 - 0.3 * math.cos(a))
              for a in (2 * math.pi * i / 36 for i in range(38))]
    draw_polyline(qtbot, canvas, points, steps_per_segment=2)


def draw_seven(qtbot, canvas) -> None:
    draw_polyline(qtbot, canvas, [(0.28, 0.2), (0.72, 0.2), (0.45, 0.82)])


def open_picture_and_wait(qtbot, tab, path, timeout: int = 20_000) -> bool:
    """Open a picture on the Draw tab as the user does (it opens in a worker); True when it is on the canvas."""
    with qtbot.waitSignal(tab.picture_opened, timeout=timeout) as blocker:
        assert tab.open_picture(path)
    return blocker.args[1]
