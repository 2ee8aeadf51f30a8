"""Small texts the user reads: thousands separators in the Evaluate progress, the chart toolbar's tooltips."""

from __future__ import annotations

from mnist_desk.ui.evaluate.tab import DigitsProgressBar
from mnist_desk.ui.train.chart import TrainChart
from mnist_desk.ui.train.metrics import MetricsStore


def test_the_evaluate_progress_separates_thousands(qtbot):
    bar = DigitsProgressBar()
    qtbot.addWidget(bar)
    bar.setRange(0, 10_000)
    bar.setValue(1234)
    assert bar.text() == "1,234 of 10,000 test digits"


def test_the_chart_toolbar_speaks_our_words(qtbot):
    chart = TrainChart(MetricsStore())
    qtbot.addWidget(chart)
    chart.ensure_built()
    tips = {action.toolTip() for action in chart.canvas.toolbar.actions()}
    assert "Drag a rectangle to zoom into it" in tips and "Save the chart as a picture" in tips
    assert "Zoom to rectangle\nx/y fixes axis" not in tips  # matplotlib's English is replaced
