"""Filter Lab (pytest-qt, offscreen): saving results (the format the name says, the usual file mode),
the picture description's punctuation in another language, and the learned kernel box's tooltip."""

from __future__ import annotations

import os
import stat

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QFileDialog

from mnist_desk.core.filters.pictures import Picture, picture_from_array
from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.filter_lab.tab import FilterLabTab
from mnist_desk.ui.filter_lab.texts import picture_summary

RNG = np.random.default_rng(11)
PNG_FILTER = "PNG picture, as shown (*.png)"
NPY_FILTER = "Raw numbers, float32 NumPy array (*.npy)"


@pytest.fixture
def tab(qtbot, settings):
    widget = FilterLabTab(ActiveModel(), settings)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.result_shown, timeout=10_000):
        widget.set_picture(picture_from_array(RNG.integers(0, 256, (12, 14)).astype("uint8"), "test"))
    yield widget
    widget.shutdown()


def save_as(qtbot, tab, monkeypatch, path, chosen, signal="saved"):
    """Save through the dialog as if the user typed ``path`` with the ``chosen`` filter."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), chosen))
    with qtbot.waitSignal(getattr(tab.io, signal), timeout=10_000) as blocker:
        tab.save_dialog()
    return blocker.args[0]


def test_the_name_not_the_filter_says_what_is_written(qtbot, tab, tmp_path, monkeypatch):
    save_as(qtbot, tab, monkeypatch, tmp_path / "shown.jpg", PNG_FILTER)
    with Image.open(tmp_path / "shown.jpg") as saved:
        assert saved.format == "JPEG"  # it used to be PNG data in a file named .jpg
    save_as(qtbot, tab, monkeypatch, tmp_path / "shown.bmp", NPY_FILTER)
    with Image.open(tmp_path / "shown.bmp") as saved:
        np.testing.assert_array_equal(np.asarray(saved), tab.result.display)
    save_as(qtbot, tab, monkeypatch, tmp_path / "raw.npy", PNG_FILTER)
    np.testing.assert_array_equal(np.load(tmp_path / "raw.npy"), tab.result.result)
    save_as(qtbot, tab, monkeypatch, tmp_path / "bare", NPY_FILTER)  # no suffix: the filter's
    np.testing.assert_array_equal(np.load(tmp_path / "bare.npy"), tab.result.result)
    save_as(qtbot, tab, monkeypatch, tmp_path / "bare", PNG_FILTER)
    with Image.open(tmp_path / "bare.png") as saved:
        assert saved.format == "PNG"


def test_a_name_that_names_no_format_is_refused(qtbot, tab, tmp_path, monkeypatch):
    message = save_as(qtbot, tab, monkeypatch, tmp_path / "notes.txt", PNG_FILTER, signal="failed")
    assert message.startswith("notes.txt does not end in a picture format this app can save: use .png")
    assert tab.message.text() == message and not (tmp_path / "notes.txt").exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_saved_results_are_readable_like_any_new_file(qtbot, tab, tmp_path, monkeypatch):
    old = os.umask(0o022)
    try:
        for name in ("out.png", "out.npy"):
            save_as(qtbot, tab, monkeypatch, tmp_path / name, PNG_FILTER)
    finally:
        os.umask(old)
    for name in ("out.png", "out.npy"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name  # was 0600 (mkstemp's)


class Punctuation(QTranslator):
    """Stands in for the Chinese translation of the description's separator and full stop."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102 (Qt's virtual)
        if context == "FilterPicture":
            return {"; ": "；", "{description}.": "{description}。", "grayscale": "灰度"}.get(source)
        return None  # a null text: not translated here (an empty one would replace the text with nothing)


def test_the_description_is_punctuated_in_the_translations_language(qapp):
    picture = Picture(np.zeros((4, 5), "uint8"), None, "a.gif", "P", 3, ["first_frame", "palette"])
    english = picture_summary(picture)
    assert english.endswith("grayscale; first frame of 3; palette colours looked up.")
    translator = Punctuation()
    QCoreApplication.installTranslator(translator)
    try:
        chinese = picture_summary(picture)
    finally:
        QCoreApplication.removeTranslator(translator)
    assert chinese.endswith("灰度；first frame of 3；palette colours looked up。") and "; " not in chinese


def test_the_learned_kernel_number_has_a_tooltip(qtbot, tab):
    assert "conv1 kernels" in tab.learned.index.toolTip() and tab.learned.index.accessibleName()
