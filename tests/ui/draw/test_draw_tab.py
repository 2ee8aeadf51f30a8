"""The Draw tab: drawing, live prediction, undo/redo, pictures, inspector, network view."""

from __future__ import annotations

import numpy as np
import pytest
from drawing import draw_one, draw_polyline, draw_seven, draw_zero, open_picture_and_wait
from PIL import Image, ImageDraw
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QMessageBox

from mnist_desk.ui import settings_keys as keys
from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.draw.prediction_panel import NO_DIGIT_MARK
from mnist_desk.ui.draw.tab import PAGE_NETWORK, PAGE_PREPROCESSING, DrawTab, _answer


def error_boxes(widget) -> list[QMessageBox]:
    return [box for box in widget.findChildren(QMessageBox) if box.objectName() == "errorMessage" and box.isVisible()]


@pytest.mark.parametrize(("draw", "digit"), [(draw_one, 1), (draw_zero, 0), (draw_seven, 7)])
def test_clear_drawn_digits_are_recognised(qtbot, tab, draw, digit):
    draw(qtbot, tab.canvas)
    # The update is throttled to the screen's refresh: it comes by itself, shortly after.
    qtbot.waitUntil(lambda: tab.last_prediction is not None and tab.last_prediction.digit is not None, timeout=2000)
    prediction = tab.last_prediction
    assert prediction.digit == digit
    assert not prediction.unsure
    assert tab.panel.shown_digit == str(digit)
    assert tab.panel.bars.top == digit
    assert tab.panel.probability_label.text().endswith("%")


def test_empty_canvas_shows_no_digit(tab):
    tab.update_prediction()
    assert tab.last_prediction.digit is None
    assert tab.panel.shown_digit == ""
    assert float(tab.panel.bars.probabilities.sum()) == 0.0


def test_several_blobs_say_unsure_and_why(qtbot, tab):
    draw_polyline(qtbot, tab.canvas, [(0.15, 0.2), (0.15, 0.8)])
    draw_polyline(qtbot, tab.canvas, [(0.85, 0.2), (0.85, 0.8)])
    tab.update_prediction()
    # Two strokes apart: "unsure" with the best guess, or "no digit"; either way the note says why.
    assert "several_blobs" in tab.last_prediction.reasons
    assert tab.last_prediction.unsure or tab.last_prediction.digit is None
    assert tab.panel.shown_digit in ("?", NO_DIGIT_MARK)
    assert "separate marks" in tab.panel.note_label.text()


def test_undo_redo_are_per_stroke(qtbot, tab):
    draw_polyline(qtbot, tab.canvas, [(0.3, 0.2), (0.7, 0.2)])
    after_first = tab.document.ink_array().copy()
    draw_polyline(qtbot, tab.canvas, [(0.5, 0.2), (0.5, 0.8)])
    after_second = tab.document.ink_array().copy()
    assert after_second.sum() > after_first.sum()
    tab.undo()
    assert len(tab.document.state.strokes) == 1
    np.testing.assert_array_equal(tab.document.ink_array(), after_first)
    assert tab.tools.redo_button.isEnabled()
    tab.redo()
    np.testing.assert_array_equal(tab.document.ink_array(), after_second)
    tab.undo()
    tab.undo()
    assert tab.document.ink_array().sum() == 0
    assert not tab.tools.undo_button.isEnabled()


def test_clear_is_undoable_and_keys_clear(qtbot, tab):
    draw_seven(qtbot, tab.canvas)
    drawn = tab.document.ink_array().copy()
    tab.clear()
    assert tab.document.ink_array().sum() == 0
    tab.undo()
    np.testing.assert_array_equal(tab.document.ink_array(), drawn)


def test_eraser_removes_ink(qtbot, tab):
    draw_polyline(qtbot, tab.canvas, [(0.2, 0.5), (0.8, 0.5)])
    before = tab.document.ink_array().sum()
    tab.tools.eraser_button.click()
    assert tab.canvas.eraser
    draw_polyline(qtbot, tab.canvas, [(0.5, 0.3), (0.5, 0.7)])
    assert tab.document.ink_array().sum() < before * 0.95
    # The right button erases with the pen tool too.
    tab.tools.pen_button.click()
    erased = tab.document.ink_array().sum()
    draw_polyline(qtbot, tab.canvas, [(0.3, 0.3), (0.3, 0.7)], button=Qt.MouseButton.RightButton)
    assert tab.document.ink_array().sum() < erased


def test_pen_width_changes_strokes_and_is_remembered(qtbot, tab, loaded_model, settings):
    tab.tools.width_slider.setValue(10)
    draw_polyline(qtbot, tab.canvas, [(0.2, 0.5), (0.8, 0.5)])
    thin = tab.document.ink_array().sum()
    tab.clear()
    tab.tools.width_slider.setValue(40)
    draw_polyline(qtbot, tab.canvas, [(0.2, 0.5), (0.8, 0.5)])
    assert tab.document.ink_array().sum() > 2.5 * thin
    assert int(settings.value(keys.DRAW_PEN_WIDTH)) == 40
    again = DrawTab(loaded_model, settings)
    qtbot.addWidget(again)
    assert again.canvas.pen_width == 40


@pytest.mark.parametrize("dark_on_light", [True, False])
def test_open_picture_either_polarity(qtbot, tab, tmp_path, dark_on_light):
    # A "photo" of a 7: grey paper, a thick stroke, off-centre and small in a wide picture.
    paper, ink = (200, 40) if dark_on_light else (30, 230)
    image = Image.new("L", (320, 200), paper)
    pen = ImageDraw.Draw(image)
    pen.line([(40, 40), (100, 40), (62, 150)], fill=ink, width=11, joint="curve")
    path = tmp_path / "seven.jpg"
    image.save(path, quality=90)
    assert open_picture_and_wait(qtbot, tab, path)
    tab.update_prediction()
    assert tab.last_prediction.digit == 7
    assert "seven.jpg" in tab.caption.text()
    tab.undo()  # loading a picture is one undoable step
    assert tab.document.state.empty


def test_bad_picture_shows_message_and_keeps_drawing(qtbot, tab, tmp_path):
    draw_one(qtbot, tab.canvas)
    before = tab.document.ink_array().copy()
    bad = tmp_path / "not_a_picture.png"
    bad.write_bytes(b"this is not a PNG at all")
    assert not open_picture_and_wait(qtbot, tab, bad)
    boxes = error_boxes(tab)
    assert boxes and "not_a_picture.png" in boxes[0].text()
    np.testing.assert_array_equal(tab.document.ink_array(), before)
    blank = tmp_path / "blank.png"
    Image.new("L", (50, 50), 255).save(blank)
    assert not open_picture_and_wait(qtbot, tab, blank)
    np.testing.assert_array_equal(tab.document.ink_array(), before)


def test_save_drawing_round_trip(qtbot, tab, tmp_path):
    draw_zero(qtbot, tab.canvas)
    target = tmp_path / "zero"
    assert tab.save_drawing(target)
    saved = tmp_path / "zero.png"
    with Image.open(saved) as picture:
        pixels = np.asarray(picture.convert("L"))
    assert pixels[0, 0] == 255 and pixels.min() < 50  # dark ink on white paper
    tab.clear()
    assert open_picture_and_wait(qtbot, tab, saved)
    tab.update_prediction()
    assert tab.last_prediction.digit == 0
    assert not tab.save_drawing(tmp_path / "missing_folder" / "x.png")
    assert error_boxes(tab)


def test_inspector_shows_steps_and_switch_compares(qtbot, tab):
    tab.details.setCurrentIndex(PAGE_PREPROCESSING)
    # A small 1 in a corner: a plain resize shrinks it to a few pixels off-centre.
    tab.tools.width_slider.setValue(12)
    draw_polyline(qtbot, tab.canvas, [(0.1, 0.05), (0.1, 0.3)])
    tab.update_prediction()
    inspector = tab.inspector
    assert inspector.crop.view.image is not None
    assert inspector.fitted.view.image.width() <= 20 and inspector.fitted.view.image.height() == 20
    assert inspector.field.view.image.width() == 28
    assert inspector.plain.view.image.width() == 28
    assert inspector.recipe_answer.text().startswith("1")
    # The plain resize's few off-centre pixels get an answer too: a digit, or "—" for no digit.
    assert tab.last_plain_prediction is not None
    assert inspector.plain_answer.text() == ("—" if tab.last_plain_prediction.digit is None else
                                             inspector._answer_text(_answer(tab.last_plain_prediction)))
    recipe_probabilities = tab.last_prediction.probabilities.copy()
    inspector.recipe_switch.setChecked(False)
    tab.update_prediction()
    assert tab.last_prediction is tab.last_plain_prediction
    assert not np.allclose(tab.last_prediction.probabilities, recipe_probabilities)
    assert "what the network sees" in inspector.plain_title.text()
    assert tab.settings.value(keys.DRAW_MNIST_RECIPE) in (False, "false")


def test_the_steps_answer_and_the_answer_above_read_the_same_percentage(qtbot, tab):
    tab.details.setCurrentIndex(PAGE_PREPROCESSING)
    draw_seven(qtbot, tab.canvas)
    tab.update_prediction()
    prediction = tab.last_prediction
    assert prediction.digit == 7 and not prediction.unsure
    shown = tab.panel.probability_label.text()
    assert shown == f"{prediction.confidence * 100:.1f} %"  # e.g. 95.8 %: not 96 % beside it
    assert tab.inspector.recipe_answer.text() == f"7  {shown}"


def test_network_view_shows_the_tutorial_shapes(qtbot, tab, loaded_model):
    from mnist_desk.core.models import build_model
    from mnist_desk.core.weights import Checkpoint

    loaded_model.set_checkpoint(Checkpoint(build_model("tutorial").state_dict(), arch="tutorial"), "tutorial.pt")
    tab.details.setCurrentIndex(PAGE_NETWORK)
    draw_seven(qtbot, tab.canvas)
    tab.update_prediction()
    network = tab.network
    assert "1×28×28 → 16×28×28 → 16×14×14 → 32×14×14 → 32×7×7 → 10" in network.chain_label.text()
    assert network.stage_names == ["input", "conv1 → relu", "conv1 → pool", "conv2 → relu", "conv2 → pool"]
    view = network.stage_view("conv1 → pool")
    assert "16×14×14" in view.caption.text()
    assert view.view.image is not None
    assert network.kernels.isVisibleTo(network)
    assert "16 learned 5×5" in network.kernels.caption.text()


@pytest.mark.parametrize("arch", ["fast", "desk"])
def test_network_view_follows_each_architecture(qtbot, tab, loaded_model, arch):
    import torch

    from mnist_desk.core.models import build_model, conv_blocks
    from mnist_desk.core.weights import Checkpoint

    torch.manual_seed(0)
    model = build_model(arch)
    loaded_model.set_checkpoint(Checkpoint(model.state_dict(), arch=arch), f"{arch}.pt")
    tab.details.setCurrentIndex(PAGE_NETWORK)
    draw_zero(qtbot, tab.canvas)
    tab.update_prediction()
    blocks = [name for name, _ in conv_blocks(model)]
    shown_blocks = {name.split(" ")[0] for name in tab.network.stage_names if name != "input"}
    assert shown_blocks == set(blocks)
    channels = conv_blocks(model)[0][1][0].out_channels
    assert f"{channels} learned" in tab.network.kernels.caption.text()


def test_mnist_digit_is_classified_as_is(qtbot, tab, loaded_model, test_sample):
    index = int(np.flatnonzero(test_sample.labels.numpy() == 4)[0])
    field = test_sample.images[index].numpy().astype(np.float32) / 255.0
    tab.details.setCurrentIndex(PAGE_PREPROCESSING)
    tab.show_mnist_digit(field, "MNIST test digit #%d" % index)
    tab.update_prediction()
    expected = loaded_model.predictor.predict_field(field)
    np.testing.assert_allclose(tab.last_prediction.probabilities, expected, atol=1e-5)
    np.testing.assert_array_equal(tab.last_prediction.preprocessed.field28, field)
    assert "#%d" % index in tab.caption.text()
    assert "already" in tab.inspector.note.text()
    # Drawing over it makes it a drawing like any other: preprocessed again.
    draw_polyline(qtbot, tab.canvas, [(0.1, 0.9), (0.2, 0.9)])
    assert tab.document.exact_field() is None
    tab.update_prediction()
    working = tab.last_prediction.preprocessed.gray.shape  # sizes stated on the picture the steps start from
    assert f"of the {working[1]}×{working[0]} working picture" in tab.inspector.note.text()
    tab.undo()
    assert tab.document.exact_field() is not None


def test_updates_are_throttled_to_the_refresh(qtbot, tab, monkeypatch):
    calls = []
    original = tab.update_prediction
    monkeypatch.setattr(tab, "update_prediction", lambda: (calls.append(1), original()))
    tab._timer.timeout.disconnect()
    tab._timer.timeout.connect(tab.update_prediction)
    draw_polyline(qtbot, tab.canvas, [(0.2, 0.2), (0.8, 0.8), (0.2, 0.8)], steps_per_segment=40)
    qtbot.wait(100)
    assert 1 <= len(calls) < 20  # 80 mouse events, far fewer updates
    assert tab.last_prediction is not None and tab.last_prediction.probabilities.sum() > 0.99


def test_no_model_says_so(qtbot, settings):
    tab = DrawTab(ActiveModel(), settings)
    qtbot.addWidget(tab)
    tab.show()
    draw_one(qtbot, tab.canvas)
    tab.update_prediction()
    assert "No model loaded" in tab.panel.note_label.text()
    assert tab.panel.shown_digit == ""
    # The preprocessing needs no model: the inspector still shows it.
    tab.details.setCurrentIndex(PAGE_PREPROCESSING)
    tab.update_prediction()
    assert tab.inspector.field.view.image is not None


def test_touch_draws_with_one_finger(qtbot, tab):
    from PySide6.QtTest import QTest

    device = QTest.createTouchDevice()
    canvas = tab.canvas
    points = [canvas.to_widget(QPointF(x, 224.0)).toPoint() for x in range(100, 360, 20)]
    QTest.touchEvent(canvas, device).press(0, points[0], canvas).commit()
    for point in points[1:]:
        QTest.touchEvent(canvas, device).move(0, point, canvas).commit()
    QTest.touchEvent(canvas, device).release(0, points[-1], canvas).commit()
    assert len(tab.document.state.strokes) == 1
    assert tab.document.ink_array().sum() > 0


def test_tablet_pressure_thins_the_stroke(qtbot, tab):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
    from PySide6.QtWidgets import QApplication

    pen = QPointingDevice("test pen", 7, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
                          QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 3)
    canvas = tab.canvas

    def send(kind, x: float, pressure: float) -> None:
        local = canvas.to_widget(QPointF(x, 224.0))
        event = QTabletEvent(kind, pen, local, canvas.mapToGlobal(local), pressure, 0.0, 0.0, 0.0, 0.0, 0.0,
                             Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton)
        QApplication.sendEvent(canvas, event)

    def draw(pressure: float) -> float:
        tab.clear()
        send(QEvent.Type.TabletPress, 100, pressure)
        for x in range(110, 360, 10):
            send(QEvent.Type.TabletMove, x, pressure)
        send(QEvent.Type.TabletRelease, 350, pressure)
        return float(tab.document.ink_array().sum())

    light, firm = draw(0.3), draw(1.0)
    assert len(tab.document.state.strokes) == 1  # no extra mouse stroke synthesised from the pen
    assert 0 < light < 0.6 * firm


def test_paste_a_picture(qtbot, tab):
    from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPen

    image = QImage(120, 160, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setPen(QPen(Qt.GlobalColor.black, 12))
    painter.drawLine(60, 20, 60, 140)
    painter.end()
    QGuiApplication.clipboard().setImage(image)
    assert tab.paste_picture()
    tab.update_prediction()
    assert tab.last_prediction.digit == 1
    QGuiApplication.clipboard().clear()
    assert not tab.paste_picture()
    assert error_boxes(tab)


def test_feature_maps_refresh_at_a_lower_rate_while_the_pen_moves(qtbot, tab, monkeypatch):
    import mnist_desk.ui.draw.tab as draw_tab_module

    tab.details.setCurrentIndex(PAGE_NETWORK)
    shown = []
    monkeypatch.setattr(tab.network, "show_stages", lambda stages: shown.append(len(stages)))
    monkeypatch.setattr(draw_tab_module, "NETWORK_INTERVAL_S", 60.0)  # nothing is due again during the stroke
    tab.document.begin_stroke(QPointF(120, 80), 30.0)
    for i in range(12):
        tab.document.extend_stroke(QPointF(120 + 10 * i, 80 + 20 * i))
        tab.update_prediction()
    assert len(shown) <= 1  # at most the first frame of the stroke
    assert tab.last_prediction is not None and tab.last_prediction.digit is not None  # the answer stayed live
    tab.document.end_stroke()
    tab.update_prediction()  # pen up: at once, whatever the interval
    assert len(shown) >= 1 and shown[-1] > 2
