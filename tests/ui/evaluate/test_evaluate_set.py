"""The Evaluate tab on a handwriting set: chosen as a user chooses it, the same views as for MNIST, a mistake
opens its picture on the canvas, a bad set says which file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from handwriting_sets import make_set
from PySide6.QtCore import QPoint, Qt

from mnist_desk.core.evaluation import evaluate
from mnist_desk.core.handwriting.reading import read_set
from mnist_desk.ui.evaluate.tab import EvaluateTab
from mnist_desk.ui.handwriting import sets


@pytest.fixture
def my_set(test_sample):
    """The active set (the default one): 4 of each digit, from the committed MNIST test digits."""
    return make_set(sets.default_set_folder(), test_sample, per_label=4).folder


@pytest.fixture
def evaluate_tab(qtbot, settings, active_model, train_sample, test_sample):
    tab = EvaluateTab(active_model, settings, None,
                      split_loader=lambda root, train: train_sample if train else test_sample)
    qtbot.addWidget(tab)
    tab.resize(1100, 720)
    tab.show()
    qtbot.waitExposed(tab)
    yield tab
    tab.shutdown()


def evaluate_and_wait(qtbot, tab):
    qtbot.mouseClick(tab.evaluate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab._evaluating, timeout=60_000)


def test_the_active_set_evaluates_with_mnists_views(qtbot, my_set, evaluate_tab, active_model, settings):
    tab = evaluate_tab
    assert tab.source.combo.currentText() == "MNIST test digits (10,000)"
    tab.source.combo.setFocus()
    qtbot.keyClick(tab.source.combo, Qt.Key.Key_Down)  # the next entry: the active set
    assert tab.source.folder() == my_set
    assert settings.value("evaluate/source") == str(my_set)
    evaluate_and_wait(qtbot, tab)
    expected = evaluate(active_model.model, read_set(my_set).split())
    assert (tab.result.total, tab.result.wrong, tab.result.confusion) == (40, expected.wrong, expected.confusion)
    assert tab.status.text().startswith(f"Done: {40 - expected.wrong} of 40 digits of “mine” recognised (")
    assert tab.progress.text() == "40 of 40 digits of “mine”"
    assert tab.results.summary.text().startswith("Accuracy ") and "on “mine”" in tab.results.summary.text()
    for digit in range(10):
        assert tab.results.per_class.item(digit, 1).text() == f"{expected.per_class[digit] * 100:.2f} %"
    # a cell: those digits of the set; a click opens the picture itself on the canvas
    tab.show_cell(3, 3)
    assert tab.gallery_title.text().startswith(f"{expected.confusion[3][3]} digits 3 of “mine” recognised correctly")
    item = tab.gallery.item(0)
    with qtbot.waitSignal(tab.open_digit_file) as opened:
        qtbot.mouseClick(tab.gallery.viewport(), Qt.MouseButton.LeftButton,
                         pos=tab.gallery.visualItemRect(item).center())
    assert Path(opened.args[0]).parent == my_set / "3" and Path(opened.args[0]).is_file()
    assert item.toolTip().startswith(Path(opened.args[0]).name + ": labelled 3, read as 3")


def test_a_set_of_some_digits_and_a_bad_set(qtbot, evaluate_tab, test_sample, tmp_path):
    tab = evaluate_tab
    some = make_set(tmp_path / "some", test_sample, per_label=3, labels=(1, 7)).folder
    tab.source.choose(some)  # "Another folder…", as the dialog returns it
    assert tab.source.combo.currentText() == f"Set “some” — {some}"
    evaluate_and_wait(qtbot, tab)
    assert tab.result.total == 6
    assert tab.results.per_class.item(0, 1).text() == "–" and tab.results.per_class.item(1, 1).text() != "–"
    os.mkfifo(some / "7" / "pipe.png")
    evaluate_and_wait(qtbot, tab)
    assert "some/7/pipe.png is a named pipe, not a picture file" in tab.status.text()
    tab.source.choose(None)
    evaluate_and_wait(qtbot, tab)
    assert tab.result.total == 300 and tab.status.text().startswith("Done: ")
    assert "test digits recognised" in tab.status.text()


def test_mnist_digits_still_open_as_digits(qtbot, evaluate_tab):
    tab = evaluate_tab
    evaluate_and_wait(qtbot, tab)
    tab.show_cell(0, 0)
    with qtbot.waitSignal(tab.open_digit):
        rect = tab.gallery.visualItemRect(tab.gallery.item(0))
        qtbot.mouseClick(tab.gallery.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(0, 0))
