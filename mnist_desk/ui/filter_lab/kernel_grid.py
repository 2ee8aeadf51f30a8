"""The kernel editor: a 3×3 or 5×5 grid of numbers, presets, divisor, normalise and offset.

Every cell is checked as it is typed: text, NaN, infinity, numbers too
large to be useful and ambiguous ones such as "1,000" are refused with a
message naming the cell, and the result keeps showing the last valid kernel
meanwhile (the tab says whether there is one: :attr:`KernelEditor.result_kept`).
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.filters.checks import MIN_DIVISOR
from ...core.filters.presets import PRESETS, Preset

MAX_SIZE = 5
MAX_MAGNITUDE = 1e6  # larger numbers only overflow the display; nobody types them on purpose
_FRACTION = re.compile(r"^\s*([-+]?[0-9.eE+-]+)\s*/\s*([-+]?[0-9.eE+-]+)\s*$")

# Reasons a cell is refused (worded by the editor).
EMPTY, NOT_NUMBER, NOT_FINITE, TOO_LARGE, ZERO_DIVISOR = "empty", "not_number", "not_finite", "too_large", "zero"
AMBIGUOUS, TOO_SMALL = "ambiguous", "too_small"
# "1,000" or "12,500": a thousands separator to some, a decimal comma to others.
_THOUSANDS = re.compile(r"^\s*[-+\u2212]?[1-9][0-9]{0,2}(,[0-9]{3})+\s*$")


def parse_number(text: str) -> float | str:
    """A typed number → float, or the reason it is refused.

    Accepts a decimal comma, the typographic minus and a fraction such as
    ``1/9``; refuses NaN and infinity (Python's ``float`` would take them)
    and "1,000", which is a thousand or one depending on the reader.
    """
    if _THOUSANDS.match(text):
        return AMBIGUOUS
    cleaned = text.strip().replace("\u2212", "-").replace(",", ".")
    if not cleaned:
        return EMPTY
    match = _FRACTION.match(cleaned)
    try:
        if match:
            denominator = float(match.group(2))
            if denominator == 0:
                return NOT_FINITE
            value = float(match.group(1)) / denominator
        else:
            if cleaned.lower().lstrip("+-") in ("nan", "inf", "infinity"):
                return NOT_FINITE
            value = float(cleaned)
    except ValueError:
        return NOT_NUMBER
    except OverflowError:
        return NOT_FINITE
    if not math.isfinite(value):
        return NOT_FINITE
    if abs(value) > MAX_MAGNITUDE:
        return TOO_LARGE
    return value


def format_number(value: float) -> str:
    """Short text for a kernel number: whole numbers without a point, others to 5 significant digits
    (a learned float32 weight to within 0.005 %, and it fits its cell)."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.5g}"


def kernel_sum(kernel) -> float:
    """The sum of the kernel's numbers; 0 when it is 0 but for rounding (0.1 + 0.2 − 0.3)."""
    total = math.fsum(v for row in kernel for v in row)
    scale = math.fsum(abs(v) for row in kernel for v in row)
    return 0.0 if abs(total) <= 1e-9 * max(1.0, scale) else total


def preset_name(item: Preset) -> str:
    return QCoreApplication.translate("FilterPresets", item.name)


def preset_note(item: Preset) -> str:
    return QCoreApplication.translate("FilterPresets", item.note)


def preset_caption(item: Preset) -> str:
    """The note shown under the grid for a preset: its name and what it does."""
    # One translatable text, so that a translation uses its own colon (Chinese "：").
    return QCoreApplication.translate("FilterPresets", "{name}: {note}").format(name=preset_name(item),
                                                                               note=preset_note(item))


class KernelEditor(QWidget):
    """Edits a kernel; ``changed`` fires on every edit, valid or not (see :meth:`problem`).

    ``preset_chosen`` fires when the user picks a preset, just before its
    numbers fill the grid (and ``changed`` fires): the tab shows its result
    the way that preset is best shown.
    """

    changed = Signal()
    preset_chosen = Signal(object)  # the Preset

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = 3
        self._updating = False
        self._source_note = ""
        self._source_numbers: tuple | None = None  # the numbers the note describes (see _numbers)
        self.result_kept = False  # set by the tab: a result of an earlier kernel is on screen
        self.size_box = QComboBox(self)
        self.size_box.addItem(self.tr("3 × 3"), 3)
        self.size_box.addItem(self.tr("5 × 5"), 5)
        self.size_box.setToolTip(self.tr("Kernel size (the model's own conv1 kernels are 5 × 5)"))
        # A push button with a menu keeps room for its arrow; a tool button's drew it over the text's corner.
        self.presets_button = QPushButton(self.tr("Presets"), self)
        self.presets_button.setToolTip(self.tr("Fill the grid with a well-known kernel; hover a name for what it does"))
        self.presets_menu = QMenu(self.presets_button)
        for item in PRESETS:
            action = self.presets_menu.addAction(preset_name(item))
            action.setToolTip(preset_note(item))
            action.setData(item.key)
            action.triggered.connect(lambda _checked=False, p=item: self.choose_preset(p))
        self.presets_menu.setToolTipsVisible(True)
        self.presets_button.setMenu(self.presets_menu)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Size:"), self))
        top.addWidget(self.size_box)
        top.addStretch(1)
        top.addWidget(self.presets_button)

        self.cells: list[list[QLineEdit]] = []
        # Wide enough for a learned weight such as -0.0060606 (five digits, see format_number);
        # the rarer -0.00012346 scrolls, its start shown.
        cell_width = max(66, self.fontMetrics().horizontalAdvance("-0.0060606") + 12)
        grid = QGridLayout()
        grid.setSpacing(3)
        for r in range(MAX_SIZE):
            row = []
            for c in range(MAX_SIZE):
                cell = QLineEdit(self)
                cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cell.setFixedWidth(cell_width)
                cell.setAccessibleName(self.tr("Kernel row {row}, column {column}").format(row=r + 1, column=c + 1))
                cell.textEdited.connect(self._on_edit)
                grid.addWidget(cell, r, c)
                row.append(cell)
            self.cells.append(row)
        grid.setColumnStretch(MAX_SIZE, 1)  # cells stay together at the left, not spread over the width
        for cell in self.cells[0]:
            # A 3 × 3 grid keeps the width of a 5 × 5 one (its first row's hidden cells keep their room, the
            # rows below fold away): the panel, the pictures beside it and the Presets button stay put.
            policy = cell.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            cell.setSizePolicy(policy)

        self.sum_label = QLabel(self)
        self.divisor_edit = QLineEdit(self)
        self.divisor_edit.setPlaceholderText(self.tr("none"))
        self.divisor_edit.setFixedWidth(80)
        self.divisor_edit.setToolTip(self.tr("Every sum is divided by this number (leave empty for none)"))
        self.divisor_edit.textEdited.connect(self._on_edit)
        self.normalise = QCheckBox(self.tr("Normalise (divide by the sum)"), self)
        self.normalise.setToolTip(self.tr("Divide by the sum of the kernel's numbers when it is not 0, "
                                          "so a blur keeps the picture's brightness"))
        self.normalise.toggled.connect(self._on_edit)
        self.offset_box = QDoubleSpinBox(self)
        self.offset_box.setRange(-100000.0, 100000.0)
        self.offset_box.setDecimals(2)
        self.offset_box.setSingleStep(8.0)
        self.offset_box.setToolTip(self.tr("Added after dividing (128 shows negative results as darker grey)"))
        self.offset_box.valueChanged.connect(self._on_edit)
        numbers = QGridLayout()
        numbers.addWidget(QLabel(self.tr("Divisor:"), self), 0, 0)
        numbers.addWidget(self.divisor_edit, 0, 1)
        numbers.addWidget(self.normalise, 0, 2)
        numbers.addWidget(QLabel(self.tr("Offset:"), self), 1, 0)
        numbers.addWidget(self.offset_box, 1, 1)
        numbers.addWidget(self.sum_label, 1, 2)
        numbers.setColumnStretch(2, 1)

        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addLayout(numbers)
        layout.addWidget(self.error_label)
        layout.addWidget(self.note_label)
        self.size_box.currentIndexChanged.connect(lambda _i: self.set_size(int(self.size_box.currentData())))
        self._show_size()
        self.apply_preset(PRESETS[0], emit=False)

    # -- reading ------------------------------------------------------------------------------
    @property
    def size(self) -> int:
        return self._size

    def texts(self) -> list[list[str]]:
        return [[self.cells[r][c].text() for c in range(self._size)] for r in range(self._size)]

    def kernel(self) -> tuple[tuple[float, ...], ...] | None:
        """The numbers in the grid, or ``None`` while a cell is refused."""
        rows = []
        for r in range(self._size):
            row = []
            for c in range(self._size):
                value = parse_number(self.cells[r][c].text())
                if isinstance(value, str):
                    return None
                row.append(value)
            rows.append(tuple(row))
        return tuple(rows)

    def divisor(self) -> float | None:
        """What to divide by: the sum when normalising (None if it is 0), the typed divisor, or None."""
        if self.normalise.isChecked():
            kernel = self.kernel()
            total = kernel_sum(kernel) if kernel else 0.0
            return total if abs(total) >= MIN_DIVISOR else None  # a sum of (nearly) 0: nothing to divide by
        value = parse_number(self.divisor_edit.text())
        return value if isinstance(value, float) and abs(value) >= MIN_DIVISOR else None

    def offset(self) -> float:
        return float(self.offset_box.value())

    def problem(self) -> str:
        """Why the kernel cannot be used now ("" when it can)."""
        for r in range(self._size):
            for c in range(self._size):
                value = parse_number(self.cells[r][c].text())
                if isinstance(value, str):
                    where = self.tr("Row {row}, column {column}").format(row=r + 1, column=c + 1)
                    return self._labelled(where, self._reason(value, self.cells[r][c].text()))
        if not self.normalise.isChecked() and self.divisor_edit.text().strip():
            value = parse_number(self.divisor_edit.text())
            if isinstance(value, str) or abs(value) < MIN_DIVISOR:
                reason = value if isinstance(value, str) else ZERO_DIVISOR if value == 0 else TOO_SMALL
                return self._labelled(self.tr("Divisor"), self._reason(reason, self.divisor_edit.text()))
        return ""

    def keep_as_source(self) -> None:
        """The numbers now in the editor are the ones its note describes (a remembered kernel, restored)."""
        self._source_numbers = self._numbers()

    def _numbers(self) -> tuple:
        """Everything a note describes: the kernel, the divisor (or normalising) and the offset."""
        return self.kernel(), parse_number(self.divisor_edit.text()), self.normalise.isChecked(), self.offset()

    def _labelled(self, where: str, reason: str) -> str:
        # One text, not two glued with ": ", so that a translation can use its own colon (Chinese "：").
        return self.tr("{where}: {reason}").format(where=where, reason=reason)

    def _reason(self, code: str, text: str) -> str:
        if code == EMPTY:
            return self.tr("empty; type a number (0 for nothing)")
        if code == NOT_FINITE:
            return self.tr("“{text}” is not a finite number; NaN and infinity cannot be used").format(text=text.strip())
        if code == TOO_LARGE:
            return self.tr("“{text}” is too large (at most 1,000,000 either way)").format(text=text.strip())
        if code == ZERO_DIVISOR:
            return self.tr("0 would divide by zero; leave it empty for no divisor")
        if code == TOO_SMALL:
            return self.tr("“{text}” is too close to 0 (at least {smallest} either way)").format(
                text=text.strip(), smallest=format_number(MIN_DIVISOR))
        if code == AMBIGUOUS:
            return self.tr("“{text}” could be a thousand or a decimal; write 1000, or 1.5 for a decimal").format(
                text=text.strip())
        return self.tr("“{text}” is not a number").format(text=text.strip())

    # -- writing ------------------------------------------------------------------------------
    def set_size(self, size: int) -> None:
        """Switch between 3×3 and 5×5, keeping the centre: 3→5 adds a ring of 0s, 5→3 drops the outer ring."""
        if size == self._size or size not in (3, 5):
            return
        old = self.texts()
        shift = (size - self._size) // 2
        self._size = size
        self._updating = True
        for r in range(size):
            for c in range(size):
                sr, sc = r - shift, c - shift
                text = old[sr][sc] if 0 <= sr < len(old) and 0 <= sc < len(old) else "0"
                self.cells[r][c].setText(text)
        self._updating = False
        self._show_size()
        self._on_edit()

    def set_kernel(self, rows, divisor: float | None = None, offset: float = 0.0, note: str = "",
                   normalise: bool = False, emit: bool = True) -> None:
        size = len(rows)
        self._updating = True
        self._size = size
        self.size_box.setCurrentIndex(self.size_box.findData(size))
        for r in range(size):
            for c in range(size):
                value = rows[r][c]
                self.cells[r][c].setText(value if isinstance(value, str) else format_number(float(value)))
                self.cells[r][c].setCursorPosition(0)  # a long number shows its sign and first digits
        self.divisor_edit.setText("" if divisor is None else format_number(divisor))
        self.normalise.setChecked(normalise)
        self.offset_box.setValue(offset)
        self._source_note = note
        self._source_numbers = self._numbers()
        self._updating = False
        self._show_size()
        self.refresh()
        if emit:
            self.changed.emit()

    def choose_preset(self, item: Preset) -> None:
        """The user picked ``item`` from the Presets menu."""
        self.preset_chosen.emit(item)
        self.apply_preset(item)

    def apply_preset(self, item: Preset, emit: bool = True) -> None:
        self.set_kernel(item.kernel, item.divisor, item.offset, preset_caption(item), emit=emit)

    # -- internals ----------------------------------------------------------------------------
    def _show_size(self) -> None:
        for r in range(MAX_SIZE):
            for c in range(MAX_SIZE):
                self.cells[r][c].setVisible(r < self._size and c < self._size)

    def _on_edit(self, *_args) -> None:
        if self._updating:
            return
        self.refresh()
        self.changed.emit()

    def refresh(self) -> None:
        """Mark refused cells, and update the message, the sum and the note."""
        for r in range(self._size):
            for c in range(self._size):
                bad = isinstance(parse_number(self.cells[r][c].text()), str)
                self.cells[r][c].setStyleSheet("border: 2px solid #c62828; background: #fdecea;" if bad else "")
        problem = self.problem()
        if problem and self.result_kept:
            problem = self.tr("{problem} — the result still shows the last valid kernel.").format(problem=problem)
        self.error_label.setText(problem)
        self.error_label.setVisible(bool(problem))
        self.divisor_edit.setEnabled(not self.normalise.isChecked())
        kernel = self.kernel()
        if kernel is None:
            self.sum_label.setText("")
        else:
            total = kernel_sum(kernel)
            shown = format_number(round(total, 6)).replace("-", "\u2212")  # the minus sign, as in the notes
            text = self.tr("Sum of the numbers: {sum}").format(sum=shown)
            if self.normalise.isChecked() and abs(total) < MIN_DIVISOR:
                text += self.tr(" (0: nothing to divide by)")
            self.sum_label.setText(text)
        note = self._source_note
        edited = self.tr("Edited; started from: {note}")
        if note and self._numbers() != self._source_numbers and not note.startswith(edited.split("{note}")[0]):
            # Typing the numbers back brings the note back; until then it says where they came from.
            note = edited.format(note=note)
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))
