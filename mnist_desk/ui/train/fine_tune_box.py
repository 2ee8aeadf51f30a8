"""The Train tab's "Fine-tune on my handwriting" box: start from the active weights, mix in the active set.

Above the Train tab's settings; unticked, it is one line. Ticked, the next
run (Start) fine-tunes the active weights instead of training new ones: the
form shows the fine-tuning settings (Adam at 0.0003, batch 128, one epoch, the
weights' network and augmentation) and may be changed; the active handwriting
set is split (a share of each digit held out, never trained on) and its
training part mixed into MNIST's training digits. The chart shows the held-out
part's accuracy beside MNIST's test accuracy, before the first step and after
every test. A set too small to split honestly says, before anything starts,
how many more digits of which labels it needs.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Slot
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from ...core.choices import DEFAULT_EXTRA_SHARE, DEFAULT_HOLDOUT, FINE_TUNE_BATCH_SIZE, FINE_TUNE_LR
from ...core.errors import MnistDeskError
from ...core.handwriting.split import HOLDOUT_RANGE, check_splittable, held_out_count
from ...core.handwriting.store import quick_counts
from ..active_model import ActiveModel
from ..error_text import error_text
from ..handwriting.fine_tune_job import FineTunePart
from ..handwriting.sets import active_folder, set_hub
from .form import InvalidSetting, TrainForm

ON_KEY, SHARE_KEY, HOLDOUT_KEY = "train/fine_tune", "train/fine_tune_share", "train/fine_tune_holdout"


class FineTuneBox(QGroupBox):
    """A checkable box: when ticked, :meth:`part` is what the next run fine-tunes with."""

    def __init__(self, active_model: ActiveModel, settings: QSettings, form: TrainForm,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Fine-tune the active weights on my handwriting"), parent)
        self.setObjectName("fineTuneBox")
        self.setCheckable(True)
        self.active_model = active_model
        self.settings = settings
        self.form = form
        self._form_before: dict | None = None  # the form as it was before the box was ticked
        self.share = self._percent(self.tr("How much of every batch is your digits (the rest are MNIST's, so that "
                                           "what the network knew is kept)"), SHARE_KEY, DEFAULT_EXTRA_SHARE,
                                   (1.0, 90.0))
        self.holdout = self._percent(self.tr("How much of each digit of your set is held out: never trained on, "
                                             "its accuracy is charted beside MNIST's"), HOLDOUT_KEY, DEFAULT_HOLDOUT,
                                     tuple(value * 100 for value in HOLDOUT_RANGE))
        self.set_line = QLabel(self)
        self.set_line.setWordWrap(True)
        self.split_line = QLabel(self)
        self.split_line.setObjectName("fineTuneSplit")
        self.split_line.setWordWrap(True)
        self.body = QWidget(self)  # shown only when ticked: unticked, the box is one line above the settings
        layout = QFormLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(self.tr("Set:"), self.set_line)
        layout.addRow(self.tr("Your digits in training:"), self.share)
        layout.addRow(self.tr("Held out to test:"), self.holdout)
        layout.addRow(self.split_line)
        QVBoxLayout(self).addWidget(self.body)
        self.setChecked(bool(settings.value(ON_KEY, False, type=bool)))
        self.body.setVisible(self.isChecked())
        self.toggled.connect(self._on_toggled)
        self.holdout.valueChanged.connect(self.refresh)
        set_hub().active_changed.connect(self.refresh)
        set_hub().contents_changed.connect(self.refresh)
        active_model.changed.connect(self._on_weights_changed)
        self.refresh()

    def _percent(self, tip: str, key: str, default: float, bounds: tuple[float, ...]) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(bounds[0], bounds[1])
        spin.setDecimals(0)
        spin.setSuffix(" %")
        spin.setToolTip(tip)
        try:
            value = float(self.settings.value(key, default * 100))
        except (TypeError, ValueError):
            value = default * 100
        spin.setValue(value)
        spin.valueChanged.connect(lambda v: self.settings.setValue(key, v))
        return spin

    @Slot(bool)
    def _on_toggled(self, on: bool) -> None:
        self.settings.setValue(ON_KEY, on)
        self.body.setVisible(on)
        if on:  # the form shows what the run will do; the user may change it
            try:
                self._form_before = self.form.values()
            except InvalidSetting:
                self._form_before = None
            self._show_settings(everything=True)
        elif self._form_before is not None:  # unticked: the form the user had before, back
            self.form.set_values(self._form_before)
            self._form_before = None
        self.refresh()

    @Slot()
    def _on_weights_changed(self) -> None:
        if self.isChecked():
            self._show_settings(everything=False)  # the network trained is the new weights'
        self.refresh()

    def _show_settings(self, everything: bool) -> None:
        checkpoint = self.active_model.checkpoint
        if checkpoint is None:
            return
        values = {"arch": checkpoint.arch, "activation": checkpoint.activation}
        if everything:
            values.update(lr=FINE_TUNE_LR, batch_size=FINE_TUNE_BATCH_SIZE, epochs=1, schedule="constant",
                          augment=bool((checkpoint.hparams or {}).get("augment", False)))
        self.form.set_values(values)

    @Slot()
    def refresh(self) -> None:
        """Say which set and weights a fine-tune would use, and how the set splits (or what it lacks)."""
        folder = active_folder(self.settings)
        counts = quick_counts(folder)
        weights = self.active_model.display_name() or self.tr("no weights loaded")
        self.set_line.setText(self.tr("“{set}” ({total:,} digits), starting from {weights}").format(
            set=folder.name, total=sum(counts), weights=weights))
        try:
            check_splittable(counts, self.holdout.value() / 100)
        except MnistDeskError as error:  # what the set lacks, in a sentence
            self.split_line.setText(error_text(error))
            self.split_line.setStyleSheet("color: #a05a00;")
            return
        held = sum(held_out_count(count, self.holdout.value() / 100) for count in counts)
        self.split_line.setText(self.tr("{trained:,} of your digits to train on, {held:,} held out (never trained on)."
                                        ).format(trained=sum(counts) - held, held=held))
        self.split_line.setStyleSheet("")

    def part(self) -> FineTunePart | None:
        """The next run's fine-tuning, or None when the box is not ticked.

        Raises
        ------
        InvalidSetting
            No active weights, or a set too small to split (the message says what to add).
        """
        if not self.isChecked():
            return None
        checkpoint = self.active_model.checkpoint
        if checkpoint is None:
            raise InvalidSetting(self.tr("Fine-tuning starts from the active weights: load some first."))
        folder = active_folder(self.settings)
        try:
            check_splittable(quick_counts(folder), self.holdout.value() / 100)
        except MnistDeskError as error:
            raise InvalidSetting(error_text(error)) from error
        name = self.tr("fine-tuned on “{set}”").format(set=folder.name)
        return FineTunePart(checkpoint, folder, self.share.value() / 100, self.holdout.value() / 100, name)

    def reading_text(self) -> str:
        """What the progress line says while the worker reads the set."""
        return self.tr("Reading your handwriting set “{set}”…").format(set=active_folder(self.settings).name)

    def describe(self, form_text: str) -> str:
        """The run's label on the chart."""
        if not self.isChecked():
            return form_text
        return self.tr("{weights} {tuned} · {form}").format(
            weights=self.active_model.display_name(), tuned=self.tr("fine-tuned on “{set}”").format(
                set=active_folder(self.settings).name), form=form_text)
