"""The Evaluate tab on the committed fixtures: evaluation in a worker, confusion matrix, gallery, dataset browser."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from mnist_desk.core.evaluation import evaluate
from mnist_desk.core.training import TrainConfig, Trainer
from mnist_desk.ui.active_model import ActiveModel
from mnist_desk.ui.evaluate.tab import EvaluateTab


@pytest.fixture(scope="session")
def trained(train_sample):
    """A `fast` CNN trained for two epochs on the 1,000 fixture digits (a few seconds)."""
    trainer = Trainer(TrainConfig(arch="fast", epochs=2, log_every=1000, seed=3), train_sample, None)
    for _ in trainer.run():
        pass
    return trainer.checkpoint(include_resume_state=False)


@pytest.fixture(scope="session")
def untrained(train_sample):
    trainer = Trainer(TrainConfig(arch="fast", epochs=1, seed=5), train_sample, None)
    return trainer.checkpoint(include_resume_state=False)


@pytest.fixture
def loader(train_sample, test_sample):
    def load(root: Path, train: bool):
        return train_sample if train else test_sample

    return load


@pytest.fixture
def make_tab(qtbot, settings, loader):
    tabs: list[EvaluateTab] = []

    def make(model: ActiveModel, split_loader=loader) -> EvaluateTab:
        tab = EvaluateTab(model, settings, None, split_loader=split_loader)
        qtbot.addWidget(tab)
        tab.resize(1100, 720)
        tab.show()
        tabs.append(tab)
        return tab

    yield make
    for tab in tabs:
        tab.shutdown()


def active(checkpoint, name: str = "trained.pt") -> ActiveModel:
    model = ActiveModel()
    model.set_checkpoint(checkpoint, name)
    return model


def evaluate_and_wait(qtbot, tab: EvaluateTab) -> None:
    assert tab.evaluate()
    qtbot.waitUntil(lambda: not tab._evaluating, timeout=30_000)


def test_without_weights_evaluate_is_disabled(make_tab):
    tab = make_tab(ActiveModel())
    assert not tab.evaluate_button.isEnabled()
    assert not tab.evaluate()
    assert "No active weights" in tab.status.text()


def test_results_match_the_core_and_print_like_the_tutorial(qtbot, make_tab, trained, test_sample):
    tab = make_tab(active(trained))
    evaluate_and_wait(qtbot, tab)
    expected = evaluate(trained.build(), test_sample)
    result = tab.result
    assert (result.total, result.wrong) == (300, expected.wrong)
    assert result.confusion == expected.confusion
    assert tab.results.printout.text() == f"总个数:300,不相等的个数{expected.wrong}\n准确率: {expected.accuracy:.4f}"
    assert tab.status.text().startswith(f"Done: {300 - expected.wrong} of 300 test digits recognised (")
    assert f"The tutorial prints this as: 总个数:300,不相等的个数{expected.wrong}" in tab.status.text()
    assert tab.progress.value() == tab.progress.maximum() == 300
    for digit in range(10):
        assert tab.results.per_class.item(digit, 1).text() == f"{expected.per_class[digit] * 100:.2f} %"
    assert tab.results.source.text() == "Weights: trained.pt"
    assert not tab.results.stale.isVisible()


def test_cell_click_lists_those_digits_and_a_digit_opens_in_draw(qtbot, make_tab, trained, test_sample):
    tab = make_tab(active(trained))
    evaluate_and_wait(qtbot, tab)
    result = tab.result
    # The most frequent confusion is selected first.
    true_digit, predicted = tab.matrix.selected
    assert true_digit != predicted
    # Click the diagonal cell of the 1s.
    centre = tab.matrix.cell_rect(1, 1).center()
    qtbot.mouseClick(tab.matrix, Qt.MouseButton.LeftButton, pos=QPoint(centre.x(), centre.y()))
    assert tab.matrix.selected == (1, 1)
    indices = result.indices_for(1, 1)
    assert tab.gallery.count() == len(indices) > 0
    shown = {tab.gallery.index_at_row(row) for row in range(tab.gallery.count())}
    assert shown == set(indices)
    assert tab.gallery.item(0).text().startswith("1 → 1\n")
    opened: list[np.ndarray] = []
    captions: list[str] = []
    labels: list[int] = []
    tab.open_digit.connect(lambda field, caption, label: opened.append(field) or captions.append(caption)
                           or labels.append(label))
    item = tab.gallery.item(0)
    rect = tab.gallery.visualItemRect(item)
    qtbot.mouseClick(tab.gallery.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(opened) == 1 and captions[0] == f"Test digit #{tab.gallery.index_at_row(0):,}, labelled 1"
    assert labels == [1]  # the Draw tab takes it as the digit meant
    digit = opened[0]
    index = tab.gallery.index_at_row(0)
    assert digit.shape == (28, 28) and digit.dtype == np.float32
    np.testing.assert_allclose(digit, test_sample.images[index].numpy() / 255.0, atol=1e-6)


def test_changing_the_active_model_marks_the_result_stale(qtbot, make_tab, trained, untrained, test_sample):
    model = active(trained)
    tab = make_tab(model)
    assert tab.evaluate()
    model.set_checkpoint(untrained, "other.pt")  # while the worker evaluates its own copy
    qtbot.waitUntil(lambda: not tab._evaluating, timeout=30_000)
    assert tab.result.wrong == evaluate(trained.build(), test_sample).wrong  # the weights it started with
    assert tab.results.source.text() == "Weights: trained.pt"
    assert tab.results.stale.isVisible()
    evaluate_and_wait(qtbot, tab)
    assert tab.results.source.text() == "Weights: other.pt"
    assert not tab.results.stale.isVisible()


def test_missing_data_is_explained(qtbot, make_tab, trained, tmp_path, caplog):
    from mnist_desk.core.data import load_split

    tab = make_tab(active(trained), lambda _root, train: load_split(tmp_path, train))  # the real reader, no MNIST
    evaluate_and_wait(qtbot, tab)
    assert tab.status.text().startswith(f"MNIST not found in {tmp_path / 'MNIST' / 'raw'} (missing: "
                                        "t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte). Get it with")
    assert tab.result is None and tab.evaluate_button.isEnabled()
    # Said in the window: not also a warning on stderr (QA: "WARNING mnist_desk.ui.worker: worker stopped: …").
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith("mnist_desk")]


def test_dataset_browser_starts_at_the_tutorials_five(qtbot, make_tab, trained, train_sample, test_sample):
    tab = make_tab(active(trained))
    tab.pages.setCurrentWidget(tab.browser)
    browser = tab.browser
    qtbot.waitUntil(lambda: len(browser.splits) == 2, timeout=30_000)
    assert browser.title.text() == "Training digit #0 of 1,000: label 5"
    first = train_sample.images[0].numpy()
    model = browser.table.pixels
    values = np.array([[int(model.data(model.index(r, c))) for c in range(28)] for r in range(28)])
    np.testing.assert_array_equal(values, first)
    # Row 5 as the tutorial prints it: ... 0. 3. 18. 18. 18. 126. 136. 175. 26. 166. 255. 247. 127. 0. ...
    assert values[5, 12:24].tolist() == [3, 18, 18, 18, 126, 136, 175, 26, 166, 255, 247, 127]
    printout = browser.printout()
    assert printout.startswith("label 5\nimage shape = (28, 28)\nimage = [[  0.   0.")
    assert "255." in printout
    assert browser.grid.count() == 48
    browser.next_button.click()
    assert browser.grid.index_at_row(0) == 48
    browser.split.setCurrentIndex(1)
    assert browser.title.text().startswith("Test digit #0 of 300: label")
    opened: list[np.ndarray] = []
    captions: list[str] = []
    labels: list[int] = []
    tab.open_digit.connect(lambda field, caption, label: opened.append(field) or captions.append(caption)
                           or labels.append(label))
    browser.grid.digit_activated.emit(3)
    assert opened and opened[0].shape == (28, 28) and captions[0] == f"Test digit #3, labelled {labels[0]}"
    assert labels == [int(test_sample.labels[3])]


def test_shutdown_during_evaluation(qtbot, make_tab, trained):
    tab = make_tab(active(trained))
    assert tab.evaluate()
    tab.shutdown()
    assert not tab._eval_runner.is_running()
