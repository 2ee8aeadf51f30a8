"""The small pieces under the "why this answer" views: the heat map's colours, finding a map in a
mosaic, the scroll area that fits its page, the arithmetic's lines."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from mnist_desk.ui.explain.heatmap import saliency_rgb, symmetric_peak
from mnist_desk.ui.explain.scroll import FitScrollArea
from mnist_desk.ui.mosaic import tile, tile_at


def test_the_heat_map_is_red_for_blue_against_and_the_ink_grey_elsewhere():
    field = np.zeros((28, 28), dtype=np.float32)
    field[10:18, 12:14] = 1.0
    saliency = np.zeros((28, 28), dtype=np.float32)
    saliency[10, 12], saliency[17, 13] = 2.0, -2.0
    rgb = saliency_rgb(field, saliency)
    assert rgb.shape == (28, 28, 3) and rgb.dtype == np.uint8
    assert rgb[10, 12, 0] > 200 and rgb[10, 12, 2] < 80  # red
    assert rgb[17, 13, 2] > 200 and rgb[17, 13, 0] < 80  # blue
    assert tuple(rgb[0, 0]) == (255, 255, 255) and len(set(rgb[12, 12])) == 1 and rgb[12, 12, 0] < 200
    assert saliency_rgb(field, np.full((28, 28), np.nan)).shape == (28, 28, 3)  # nothing to show: the ink alone


def test_a_few_outliers_do_not_wash_the_map_out():
    values = np.linspace(0.0, 1.0, 200)
    values[-1] = 1000.0
    assert symmetric_peak(values) < 2.0
    assert symmetric_peak(np.zeros(5)) == 0.0


@pytest.mark.parametrize("count", [1, 16, 24, 32, 48])
def test_each_mosaic_pixel_finds_its_map(count):
    maps = np.arange(count * 7 * 5, dtype=np.float32).reshape(count, 7, 5)
    picture = tile((maps % 251).astype(np.uint8))
    for index in range(count):
        for row, col in ((0, 0), (6, 4), (3, 2)):
            hits = [(x, y) for y in range(picture.shape[0]) for x in range(picture.shape[1])
                    if tile_at(count, 7, 5, x, y) == (index, row, col)]
            assert len(hits) == 1
    assert tile_at(count, 7, 5, 5, 0) is None  # a separator


def test_the_scroll_area_fits_its_page_and_scrolls_only_below_its_minimum(qtbot):
    page = QWidget()
    layout = QVBoxLayout(page)
    for _ in range(4):
        label = QLabel("a long sentence that wraps " * 6)
        label.setWordWrap(True)
        layout.addWidget(label)
    area = FitScrollArea(page)
    qtbot.addWidget(area)
    area.resize(400, 400)
    area.show()
    qtbot.waitExposed(area)
    assert page.size() == area.viewport().size()
    assert not area.verticalScrollBar().isVisible()
    area.resize(400, 40)
    qtbot.waitUntil(lambda: area.verticalScrollBar().isVisible(), timeout=1000)
    assert page.height() >= page.minimumSizeHint().height()


def test_the_arithmetic_reads_a_sigmoid_network():
    import torch

    from mnist_desk.core.explain.activation_arithmetic import ActivationTrace, explain_pixel
    from mnist_desk.core.models import build_model
    from mnist_desk.ui.explain.map_arithmetic import pixel_lines

    torch.manual_seed(0)
    field = np.zeros((28, 28), dtype=np.float32)
    field[5:20, 10:13] = 1.0
    trace = ActivationTrace(build_model("tutorial", "sigmoid").eval(), field)
    lines = pixel_lines(explain_pixel(trace, "conv2 → pool", 3, 2, 2), in_channel=5)
    text = "\n".join(lines)
    assert "sigmoid: 1 / (1 + e^−" in text and "Input channel 6 in full" in text and "+ bias" in text
    assert lines[-1].endswith("the network's own value.") or "float32" in lines[-1]
