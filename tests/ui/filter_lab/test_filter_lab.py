"""Filter Lab tab (pytest-qt, offscreen): the kernel grid's checks, presets, shapes, hover arithmetic,
bad files, the learned kernel, saving, latest-edit-wins and remembered settings."""

from __future__ import annotations

import io
import subprocess
import sys

import numpy as np
import pytest
from filter_lab_actions import edit_and_wait, load, type_cell
from PIL import Image
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mnist_desk.core.filters import convolve
from mnist_desk.core.filters.pictures import picture_from_array
from mnist_desk.core.filters.presets import PRESETS, preset
from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.filter_lab.picture_io import is_weights_drop
from mnist_desk.ui.filter_lab.tab import FilterLabTab

RNG = np.random.default_rng(7)


def test_constructing_the_tab_imports_no_torch():
    code = ("import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen';"
            "from PySide6.QtWidgets import QApplication; from PySide6.QtCore import QSettings; app=QApplication([]);"
            "from mnist_desk.ui.active_model import ActiveModel; from mnist_desk.ui.filter_lab.tab import FilterLabTab;"
            "t=FilterLabTab(ActiveModel(), QSettings()); print('torch' in sys.modules, 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split()[-2:] == ["False", "False"], out.stderr


def test_tutorial_kernel_is_the_default_and_result_equals_convolve(qtbot, tab):
    picture = RNG.integers(0, 256, (40, 50)).astype("uint8")
    result = load(qtbot, tab, picture)
    assert tab.kernel_editor.texts() == [["-1", "-1", "-1"], ["-1", "-8", "-1"], ["-1", "-1", "-1"]]
    assert "sobel_kernel" in tab.kernel_editor.note_label.text()
    np.testing.assert_array_equal(result.result, convolve(picture, preset("tutorial").array()))
    assert tab.chain_label.text() == "40 × 50 → conv 3×3, stride 1, no padding → 38 × 48"
    assert tab.views.display_note.text().startswith("Rescaled: ")  # the tutorial's kernel: as its plt.imshow


@pytest.mark.parametrize("text, fragment", [
    ("abc", "is not a number"), ("nan", "not a finite number"), ("inf", "not a finite number"),
    ("-Infinity", "not a finite number"), ("1e400", "not a finite number"), ("5e7", "too large"), ("", "empty"),
    ("1/0", "not a finite number"),
])
def test_grid_refuses_bad_cells_with_a_message(qtbot, tab, text, fragment):
    before = load(qtbot, tab, RNG.integers(0, 256, (20, 20)).astype("uint8"))
    cell = tab.kernel_editor.cells[1][2]
    cell.selectAll()
    cell.insert(text)  # as pasted: one edit (typed, "1e4" on the way to "1e400" would be a valid kernel)
    problem = tab.kernel_editor.problem()
    assert problem.startswith("Row 2, column 3") and fragment in problem
    assert tab.kernel_editor.error_label.isVisibleTo(tab) and fragment in tab.kernel_editor.error_label.text()
    assert tab.kernel_editor.kernel() is None
    qtbot.wait(100)
    assert tab.result is before  # nothing recomputed: the last valid kernel stays on screen
    type_cell(tab, 1, 2, "2")
    assert tab.kernel_editor.problem() == "" and not tab.kernel_editor.error_label.isVisibleTo(tab)


def test_grid_accepts_friendly_numbers_and_checks_the_divisor(qtbot, tab):
    load(qtbot, tab, RNG.integers(0, 256, (20, 20)).astype("uint8"))
    type_cell(tab, 0, 0, "\u22122")
    type_cell(tab, 0, 1, "0,5")
    result = edit_and_wait(qtbot, tab, lambda: type_cell(tab, 0, 2, "1/4"))
    assert result.settings.kernel[0] == (-2.0, 0.5, 0.25)
    tab.kernel_editor.divisor_edit.setText("")
    QTest.keyClicks(tab.kernel_editor.divisor_edit, "0")
    assert "divide by zero" in tab.kernel_editor.problem()
    result = edit_and_wait(qtbot, tab, lambda: QTest.keyClicks(tab.kernel_editor.divisor_edit, ".5"))
    assert result.settings.divisor == 0.5


def test_presets_and_normalise(qtbot, tab):
    picture = RNG.integers(0, 256, (30, 30)).astype("uint8")
    load(qtbot, tab, picture)
    actions = {action.data(): action for action in tab.kernel_editor.presets_menu.actions()}
    assert set(actions) == {p.key for p in PRESETS}
    for key in ("sobel_x", "gaussian5", "box_blur"):
        result = edit_and_wait(qtbot, tab, actions[key].trigger)
        item = preset(key)
        assert tab.kernel_editor.size == item.size and result.settings.divisor == item.divisor
        assert item.note in tab.kernel_editor.note_label.text()
        np.testing.assert_allclose(result.result, convolve(picture, item.array(), divisor=item.divisor), rtol=1e-6)
    tab.kernel_editor.divisor_edit.setText("")
    result = edit_and_wait(qtbot, tab, lambda: tab.kernel_editor.normalise.setChecked(True))
    assert result.settings.divisor == 9.0 and not tab.kernel_editor.divisor_edit.isEnabled()
    result = edit_and_wait(qtbot, tab, actions["outline"].trigger)  # sums to 0: nothing to divide by
    assert result.settings.divisor is None


def test_pooling_shapes_follow_the_tutorial(qtbot, tab):
    load(qtbot, tab, RNG.integers(0, 256, (886, 878)).astype("uint8"))
    controls = tab.chain_controls
    edit_and_wait(qtbot, tab, lambda: controls.pool.setCurrentIndex(controls.pool.findData("max")))
    assert tab.chain_label.text() == ("886 × 878 → conv 3×3, stride 1, no padding → 884 × 876 → max pool 2 → "
                                      "442 × 438")
    result = edit_and_wait(qtbot, tab, lambda: controls.pool_on.setCurrentIndex(controls.pool_on.findData("original")))
    assert tab.chain_label.text() == "886 × 878 → max pool 2 → 443 × 439" and result.result.shape == (443, 439)
    assert not controls.stride.isEnabled()  # no convolution when pooling the picture itself
    controls.pool_on.setCurrentIndex(0)
    controls.relu.setChecked(True)
    controls.stride.setValue(2)
    edit_and_wait(qtbot, tab, lambda: controls.padding.setCurrentIndex(controls.padding.findData("same")))
    # At stride 2 'same' does not keep the size (PyTorch refuses it there): the label does not claim it.
    assert tab.chain_label.text() == ("886 × 878 → conv 3×3, stride 2, padding 1 → 443 × 439 → ReLU → "
                                      "max pool 2 → 221 × 219")
    assert tab.result.result.min() >= 0
    edit_and_wait(qtbot, tab, lambda: controls.stride.setValue(1))
    assert tab.chain_label.text().startswith("886 × 878 → conv 3×3, stride 1, padding 1 ('same') → 886 × 878 → ")


def test_hover_shows_the_products_and_their_sum(qtbot, tab):
    picture = RNG.integers(0, 256, (24, 32)).astype("uint8")
    tab.resize(1300, 850)
    result = load(qtbot, tab, picture)
    tab.show()
    qtbot.waitExposed(tab)
    # Result pixel (row 5, column 7) of a valid 3×3 convolution sits over picture pixel (6, 8).
    view = tab.result_view
    qtbot.waitUntil(lambda: tab.state.zoom > 4)  # fitted once the view has its size
    point = view.to_screen(8.5, 6.5)
    move = QMouseEvent(QEvent.Type.MouseMove, point, view.mapToGlobal(point), Qt.MouseButton.NoButton,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view, move)  # QTest.mouseMove is not delivered reliably offscreen
    assert "Result pixel row 5, column 7" in tab.arithmetic.toPlainText()
    text = tab.arithmetic.toPlainText()
    window = picture[5:8, 7:10].astype(int)
    assert f"= {int(result.result[5, 7])}".replace("-", "\u2212") in text
    assert f"Sum of the products = {int((window * preset('tutorial').array()).sum())}".replace("-", "\u2212") in text
    assert " ".join(str(v) for v in window[1]) in " ".join(text.split())  # the middle row of values
    assert tab.original_view.highlight is not None and tab.original_view.highlight.width() == 3
    tab.views.clear_hover()
    assert tab.arithmetic.toPlainText() == "" and tab.original_view.highlight is None


def test_hover_through_max_pool_explains_the_winner(qtbot, tab):
    picture = RNG.integers(0, 256, (20, 20)).astype("uint8")
    load(qtbot, tab, picture)
    controls = tab.chain_controls
    edit_and_wait(qtbot, tab, lambda: controls.pool.setCurrentIndex(controls.pool.findData("max")))
    scale, offset = tab.result_view.scale, tab.result_view.offset
    tab.views.hover_at(offset + 3.5 * scale, offset + 2.5 * scale)  # result pixel (2, 3)
    text = tab.arithmetic.toPlainText()
    assert "Result pixel row 2, column 3" in text and "max pool over the convolution result" in text
    assert "Convolution pixel row" in text and "Sum of the products" in text


def test_zoom_and_pan_stay_in_step(qtbot, tab):
    load(qtbot, tab, RNG.integers(0, 256, (60, 80)).astype("uint8"))
    tab.resize(1300, 850)
    tab.show()
    qtbot.waitExposed(tab)
    tab.actual_size()
    tab.zoom_by(4)
    assert tab.original_view.state is tab.result_view.state and tab.state.zoom == pytest.approx(4)
    before = (tab.state.cx, tab.state.cy)
    QTest.mousePress(tab.result_view, Qt.MouseButton.LeftButton, pos=tab.result_view.rect().center())
    QTest.mouseMove(tab.result_view, tab.result_view.rect().center() + QPointF(40, 0).toPoint())
    QTest.mouseRelease(tab.result_view, Qt.MouseButton.LeftButton,
                       pos=tab.result_view.rect().center() + QPointF(40, 0).toPoint())
    assert tab.state.cx == pytest.approx(before[0] - 10)  # 40 screen pixels at zoom 4
    # Result pixel 0 of a valid 3×3 convolution is drawn exactly over picture pixel 1 in both views.
    assert tab.result_view.to_screen(1, 1) == tab.original_view.to_screen(1, 1)
    assert (tab.result_view.scale, tab.result_view.offset) == (1.0, 1.0)
    tab.zoom_by(20)
    tab.original_view.grab()  # paints pixel values at this zoom without error
    tab.result_view.grab()


def _bad_files(tmp_path):
    files = {"empty.png": b"", "notes.txt": b"just some text", "fake.jpg": b"\xff\xd8\xff\xe0 not really a jpeg"}
    buffer = io.BytesIO()
    Image.fromarray(RNG.integers(0, 256, (80, 80, 3)).astype("uint8")).save(buffer, format="PNG")
    files["truncated.png"] = buffer.getvalue()[:300]
    paths = {}
    for name, content in files.items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(content)
    return paths


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_bad_files_give_messages_and_keep_the_picture(qtbot, tab, tmp_path, monkeypatch):
    load(qtbot, tab, RNG.integers(0, 256, (20, 20)).astype("uint8"), "good")
    paths = _bad_files(tmp_path)
    bomb = tmp_path / "bomb.png"
    Image.new("L", (200, 200)).save(bomb)
    paths["bomb.png"] = bomb
    expected = {"empty.png": "empty", "notes.txt": "not a picture", "fake.jpg": "truncated or corrupted",
                "truncated.png": "truncated or corrupted", "bomb.png": "too large"}
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 5000)
    for name, path in paths.items():
        with qtbot.waitSignal(tab.io.failed, timeout=10_000):
            tab.io.open_file(str(path))
        assert expected[name] in tab.message.text() and tab.message.isVisibleTo(tab)
        assert tab.picture.name == "good"


def test_unusual_pictures_load(qtbot, tab, tmp_path):
    deep = tmp_path / "deep.png"
    Image.fromarray(np.full((12, 10), 65535, "uint16")).save(deep)
    rgba = tmp_path / "alpha.png"
    Image.fromarray(np.zeros((10, 10, 4), "uint8"), "RGBA").save(rgba)
    gif = tmp_path / "anim.gif"
    Image.new("L", (9, 9), 30).save(gif, save_all=True, append_images=[Image.new("L", (9, 9), 200)])
    cmyk = tmp_path / "cmyk.tif"
    Image.new("CMYK", (9, 9), (0, 0, 0, 0)).save(cmyk)
    for path, fragment in [(deep, "16-bit"), (rgba, "transparent areas shown on white"), (gif, "first frame of 2"),
                           (cmyk, "CMYK")]:
        with qtbot.waitSignal(tab.result_shown, timeout=10_000):
            tab.io.open_file(str(path))
        assert fragment in tab.info_label.text()
    assert tab.picture.gray.max() == 255  # white CMYK paper stays white


def test_picture_smaller_than_the_kernel(qtbot, tab):
    load(qtbot, tab, RNG.integers(0, 256, (9, 9)).astype("uint8"))
    tab.set_picture(picture_from_array(np.full((1, 1), 77, "uint8"), "dot"))
    assert "smaller than the 3×3 kernel" in tab.message.text() and tab.result is None
    assert not tab.save_button.isEnabled()
    controls = tab.chain_controls
    result = edit_and_wait(qtbot, tab, lambda: controls.padding.setCurrentIndex(controls.padding.findData("same")))
    assert result.result.shape == (1, 1) and not tab.message.isVisibleTo(tab)


def test_latest_edit_wins(qtbot, tab):
    picture = RNG.integers(0, 256, (400, 500)).astype("uint8")
    load(qtbot, tab, picture)
    shown = []
    tab.result_shown.connect(shown.append)
    for value in range(2, 12):
        type_cell(tab, 1, 1, str(value))
    qtbot.waitUntil(lambda: not tab.compute.busy(), timeout=10_000)
    assert shown and shown[-1] == tab.compute.version and len(shown) < 10  # stale requests never shown
    kernel = preset("tutorial").array()
    kernel[1, 1] = 11
    np.testing.assert_array_equal(tab.result.result, convolve(picture, kernel))


def test_colour_channels_separately(qtbot, tab):
    picture = RNG.integers(0, 256, (16, 18, 3)).astype("uint8")
    load(qtbot, tab, picture)
    assert tab.per_channel.isEnabled() and tab.result.result.ndim == 2
    result = edit_and_wait(qtbot, tab, lambda: tab.per_channel.setChecked(True))
    assert result.result.shape == (14, 16, 3) and result.display.shape == (14, 16, 3)
    np.testing.assert_array_equal(result.result[..., 2], convolve(picture[..., 2], preset("tutorial").array()))
    tab.channel_box.setCurrentIndex(2)
    tab.views.hover_at(tab.result_view.offset + 0.5, tab.result_view.offset + 0.5)
    assert "= " + str(int(result.result[0, 0, 2])).replace("-", "\u2212") in tab.arithmetic.toPlainText()
    gray = load(qtbot, tab, np.full((8, 8, 3), 90, "uint8"))
    assert not tab.per_channel.isEnabled() and gray.result.ndim == 2


def test_learned_kernel(qtbot, tab):
    box = tab.learned
    assert not box.button.isEnabled() and "No model is active" in box.reason.text()
    from mnist_desk.core.models import build_model, first_conv_kernels
    from mnist_desk.core.weights import Checkpoint

    model = build_model("tutorial")
    tab.active_model.set_checkpoint(Checkpoint(model.state_dict(), arch="tutorial"), "untrained.pt")
    assert box.button.isEnabled() and box.index.maximum() == 16
    load(qtbot, tab, RNG.integers(0, 256, (20, 20)).astype("uint8"))
    box.index.setValue(3)
    result = edit_and_wait(qtbot, tab, box.button.click)
    expected = first_conv_kernels(tab.active_model.model)[2].numpy()
    assert tab.kernel_editor.size == 5 and result.settings.kernel_size == 5
    np.testing.assert_allclose(np.array(result.settings.kernel), expected, rtol=5e-5, atol=1e-6)  # 5 digits in the grid
    assert "Learned kernel 3 of 16" in tab.kernel_editor.note_label.text()
    learned = tab.kernel_editor.texts()[0][0]
    type_cell(tab, 0, 0, "1")  # and it can be edited
    assert tab.kernel_editor.kernel()[0][0] == 1.0
    assert tab.kernel_editor.note_label.text().startswith("Edited; started from: Learned kernel 3 of 16")
    type_cell(tab, 0, 0, learned)  # the learned number typed back: the note is the learned kernel's again
    assert tab.kernel_editor.note_label.text().startswith("Learned kernel 3 of 16")


def test_save_png_and_npy(qtbot, tab, tmp_path, monkeypatch):
    load(qtbot, tab, RNG.integers(0, 256, (12, 14)).astype("uint8"))
    from PySide6.QtWidgets import QFileDialog

    for name in ("out.png", "out.npy"):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, n=name, **k: (str(tmp_path / n), ""))
        with qtbot.waitSignal(tab.io.saved, timeout=10_000):
            tab.save_dialog()
    np.testing.assert_array_equal(np.asarray(Image.open(tmp_path / "out.png")), tab.result.display)
    np.testing.assert_array_equal(np.load(tmp_path / "out.npy"), tab.result.result)
    assert "Saved" in tab.message.text()


def test_paste_and_drop(qtbot, tab, tmp_path):
    image = QImage(7, 5, QImage.Format.Format_RGB32)
    image.fill(0xFF336699)
    mime = QMimeData()
    mime.setImageData(image)
    with qtbot.waitSignal(tab.result_shown, timeout=10_000):
        assert tab.io.open_mime(mime, "pasted picture")
    assert tab.picture.shape == (5, 7) and tab.picture.name == "pasted picture"
    path = tmp_path / "dropped.png"
    Image.new("L", (6, 4), 10).save(path)
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile(str(path))])
    with qtbot.waitSignal(tab.result_shown, timeout=10_000):
        assert tab.io.open_mime(files, "dropped")
    assert tab.picture.name == "dropped.png"
    assert not tab.io.open_mime(QMimeData(), "nothing")
    weights = QMimeData()
    weights.setUrls([QUrl.fromLocalFile(str(tmp_path / "model.pt"))])
    assert is_weights_drop(weights) and not is_weights_drop(files)  # left to the main window, which loads weights


def test_settings_are_remembered(qtbot, settings):
    first = FilterLabTab(ActiveModel(), settings)
    qtbot.addWidget(first)
    first.kernel_editor.apply_preset(preset("sobel_y"))
    first.chain_controls.stride.setValue(3)
    first.chain_controls.pool.setCurrentIndex(first.chain_controls.pool.findData("avg"))
    first.shutdown()
    second = FilterLabTab(ActiveModel(), settings)
    qtbot.addWidget(second)
    assert second.kernel_editor.kernel() == tuple(tuple(float(v) for v in row) for row in preset("sobel_y").kernel)
    assert "Sobel y" in second.kernel_editor.note_label.text()
    assert second.chain_controls.stride.value() == 3 and second.chain_controls.pool.currentData() == "avg"
    second.shutdown()


def test_damaged_settings_are_ignored(qtbot, settings):
    for key, value in [("kernel", ["1", "x", "nan", "", "2", "3", "4", "5", "6"]), ("offset", "lots"),
                       ("stride", "fast"), ("padding", "99"), ("pool_size", "-3"), ("per_channel", "maybe")]:
        settings.setValue("filter_lab/" + key, value)
    tab = FilterLabTab(ActiveModel(), settings)
    qtbot.addWidget(tab)
    assert tab.kernel_editor.offset() == 0.0 and tab.chain_controls.stride.value() == 1
    assert "Row 1, column 2" in tab.kernel_editor.problem()  # shown as refused cells, not an exception
    assert tab.chain_controls.padding.currentIndex() == 0 and tab.chain_controls.pool_size.value() >= 1
    tab.shutdown()


def test_shutdown_waits_for_the_worker(qtbot, tab):
    tab.set_picture(picture_from_array(RNG.integers(0, 256, (600, 600)).astype("uint8"), "big"))
    assert tab.compute.busy() and tab.busy_bar.isVisibleTo(tab)
    tab.shutdown()
    assert not tab.compute._runner.is_running()
    qtbot.waitUntil(lambda: not tab.busy_bar.isVisibleTo(tab))
