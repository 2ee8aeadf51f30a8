"""Translations: every UI string reaches the .ts file translators work on, and a .qm is loaded."""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import string
import subprocess
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from mnist_desk.ui import translation

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "resources" / "translations" / "mnist_desk_zh_CN.ts"


def load_tool():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "tools" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {(context.findtext("name") or "", message.findtext("source") or "")
            for context in root.iter("context") for message in context.iter("message")}


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ts")
    shutil.copy(COMMITTED, folder / COMMITTED.name)
    return load_tool().update(folder, scratch=tmp_path_factory.mktemp("sources"))[0]


def test_every_string_has_its_context(fresh_ts):
    # A string read through an alias lupdate does not know (tr = QCoreApplication.translate in a
    # function, a _tr() helper) lands in an empty context, where no translation would ever match.
    found = messages(fresh_ts)
    assert len(found) > 450
    assert not [source for context, source in found if not context]
    contexts = {context for context, _ in found}
    assert {"Menus", "About", "FilterArithmetic", "FilterChain", "FilterPresets", "TrainChart"} <= contexts


def translate_calls(path: Path):
    """(context, text, line) of each self.tr / translate call in a file; text None when not a literal."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for inner in ast.walk(node):
                inner.class_name = getattr(inner, "class_name", node.name)  # the innermost class wins
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        literal = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args]
        if name == "tr" and isinstance(node.func, ast.Attribute) and literal:
            yield getattr(node, "class_name", ""), literal[0], node.lineno
        elif name == "translate" and (isinstance(node.func, ast.Name)
                                      or getattr(node.func.value, "id", "") in ("QCoreApplication", "QApplication")):
            yield literal[0], literal[1], node.lineno


def test_every_call_in_the_code_is_in_the_ts_file(fresh_ts):
    # lupdate silently skips calls inside f-strings and calls whose text is a variable.
    known = messages(fresh_ts)
    # Texts from the core, collected by core_texts in the tool: preset names and notes, error templates.
    dynamic = {("kernel_grid.py", "FilterPresets"), ("error_text.py", "CoreErrors")}
    missing = []
    for path in sorted((ROOT / "mnist_desk" / "ui").rglob("*.py")):
        for context, text, line in translate_calls(path):
            if (path.name, context) in dynamic:
                continue
            if text is None or (context, text) not in known:
                missing.append(f"{path.relative_to(ROOT)}:{line} {context!r} {text!r}")
    assert not missing, "not collected by pyside6-lupdate:\n" + "\n".join(missing)


def test_the_committed_ts_file_is_up_to_date(fresh_ts):
    assert messages(fresh_ts) == messages(COMMITTED), \
        "run: python tools/update_translations.py (and commit resources/translations)"


def test_a_compiled_translation_is_loaded(qapp, tmp_path):
    ts = tmp_path / "mnist_desk_zh_CN.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
                  "<context><name>Menus</name><message><source>&amp;File</source>"
                  "<translation>文件(&amp;F)</translation></message></context></TS>", encoding="utf-8")
    subprocess.run([load_tool().qt_tool("lrelease"), str(ts), "-qm", str(tmp_path / "mnist_desk_zh_CN.qm")],
                   check=True, capture_output=True)
    installed = translation.install_translators(qapp, QLocale("zh_CN"), tmp_path)
    try:
        assert QCoreApplication.translate("Menus", "&File") == "文件(&F)"
        assert len(installed) == 2  # Qt's own zh_CN (dialog buttons) and ours
        from mnist_desk.ui.about import about_text
        assert "A desktop lab" in about_text()  # not translated yet: stays English
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    assert QCoreApplication.translate("Menus", "&File") == "&File"


def test_no_file_for_the_language_means_english(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv(translation.LANGUAGE_VARIABLE, "fr_FR")
    assert translation.chosen_locale().name() == "fr_FR"
    installed = translation.install_translators(qapp, directory=tmp_path)
    try:
        assert installed == []  # not Qt's own French either: no mixed-language window
        assert QCoreApplication.translate("Menus", "&File") == "&File"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)




def test_the_shipped_qm_files_are_compiled_from_the_ts_files(tmp_path):
    lrelease = load_tool().qt_tool("lrelease")
    for ts in sorted(COMMITTED.parent.glob("mnist_desk_*.ts")):
        shipped = ts.with_suffix(".qm")
        if not shipped.exists():
            continue
        fresh = tmp_path / shipped.name
        subprocess.run([lrelease, str(ts), "-qm", str(fresh)], check=True, capture_output=True)
        assert fresh.read_bytes() == shipped.read_bytes(), \
            f"run: python tools/update_translations.py --compile ({shipped.name} is stale)"


def test_simplified_chinese_is_complete(qapp):
    qm = COMMITTED.with_suffix(".qm")
    if not qm.exists():
        pytest.skip("no Chinese translation compiled yet")
    root = ET.parse(COMMITTED).getroot()
    unfinished = [m.findtext("source") for m in root.iter("message")
                  if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")]
    assert not unfinished
    installed = translation.install_translators(qapp, QLocale("zh_CN"))
    try:
        assert QCoreApplication.translate("Menus", "&File").endswith("(&F)")
        assert QCoreApplication.translate("FilterChain", "max pool") != "max pool"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_chinese_uses_chinese_punctuation_after_chinese_text():
    """"灰度; 3 帧中的第一帧." reads wrong: after a Chinese character come ：；，。 (tuples such as (高, 宽) aside)."""
    ascii_after_chinese = re.compile(r"[\u3400-\u9fff]([:;,]|\.(\s|$))")
    in_brackets = re.compile(r"\([^()]*\)")  # shape tuples such as (高, 宽, 通道) keep Python's commas
    root = ET.parse(COMMITTED).getroot()
    wrong = [m.findtext("translation") for m in root.iter("message")
             if ascii_after_chinese.search(in_brackets.sub("", m.findtext("translation") or ""))]
    assert not wrong


def test_the_chart_draws_chinese_labels_without_missing_glyphs():
    import warnings

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from mnist_desk.ui.train.chart_fonts import font_families, use_chart_fonts

    families = font_families()
    assert families[0] == "DejaVu Sans"  # matplotlib's own look for Latin texts
    if len(families) == 1:
        pytest.skip("no CJK font installed on this machine")
    use_chart_fonts()
    figure = Figure()
    FigureCanvasAgg(figure)
    figure.add_subplot().set_xlabel("步数 step")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)"
        figure.canvas.draw()


def test_arithmetic_headers_line_up_with_wide_characters():
    from mnist_desk.ui.filter_lab.arithmetic import text_width

    assert text_width("kernel") == 6 and text_width("卷积核") == 6 and text_width("窗口 2") == 6


# -- errors from the core ---------------------------------------------------------------------
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%L?[0-9n]")  # {path}, {size:,}, {name!r}; Qt's %1, %n


@pytest.fixture
def chinese(qapp):
    """The shipped Simplified Chinese translation, installed for one test."""
    if not COMMITTED.with_suffix(".qm").exists():
        pytest.skip("no Chinese translation compiled yet")
    before = translation._active_language
    installed = translation.install_translators(qapp, QLocale("zh_CN"))
    assert installed
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    translation._active_language = before  # later tests must not think the window is Chinese


def test_every_core_error_text_is_in_the_ts_file():
    templates, words = load_tool().error_texts()
    assert len(templates) > 70 and {"padding", "stride", "pooling size"} <= set(words)
    assert "The picture has no pixels." in templates
    known = {source for context, source in messages(COMMITTED) if context == "CoreErrors"}
    assert known == set(templates) | set(words), "run: python tools/update_translations.py"


def test_the_tool_refuses_an_error_text_it_cannot_collect(tmp_path):
    source = tmp_path / "bad.py"
    source.write_text("from mnist_desk.core.errors import ImageError\n"
                      "def check(path):\n    raise ImageError(f'{path} is empty.')\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"bad.py:3: ImageError\(\) needs a literal"):
        load_tool().error_texts([source])


def test_translations_keep_every_placeholder():
    root = ET.parse(COMMITTED).getroot()
    wrong = [(context.findtext("name"), message.findtext("source"))
             for context in root.iter("context") for message in context.iter("message")
             if set(PLACEHOLDER.findall(message.findtext("source") or ""))
             != set(PLACEHOLDER.findall(message.findtext("translation") or ""))]
    assert not wrong, "a translation lost or changed a placeholder:\n" + "\n".join(map(repr, wrong))


def test_one_placeholder_style_that_every_translation_fills():
    """Texts take their values as str.format fields ({path}, {count:,}), as the core's error messages must
    (the command line formats them without Qt); Qt's %1 is not used (QProgressBar's %v, %m and %p are that
    widget's own codes). A translation that str.format cannot fill would raise in the window: each is tried."""
    root = ET.parse(COMMITTED).getroot()
    qt_style, unfillable = [], []
    for context in root.iter("context"):
        for message in context.iter("message"):
            source, translated = message.findtext("source") or "", message.findtext("translation") or ""
            if re.search(r"%L?[0-9]", source):
                qt_style.append(source)
            for text in (source, translated):
                try:
                    fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
                    numbered = [int(f) for f in fields if f.isdigit()]
                    text.format(*[0] * (max(numbered, default=-1) + 1),
                                **{f: 0 for f in fields if f and not f.isdigit()})
                except (ValueError, KeyError, IndexError) as error:
                    unfillable.append(f"{text!r}: {error}")
    assert not qt_style, "use {name} fields, not Qt's %1:\n" + "\n".join(qt_style)
    assert not unfillable, "\n".join(unfillable)


def _core_errors():
    import numpy as np

    from mnist_desk.core.errors import MnistDeskError
    from mnist_desk.core.filters import convolve, pool

    errors = []
    for attempt in (lambda: convolve(np.zeros((2, 3)), np.ones((5, 5)), padding=1),
                    lambda: pool(np.zeros((4, 4)), size=0)):
        with pytest.raises(MnistDeskError) as raised:
            attempt()
        errors.append(raised.value)
    return errors


def test_a_core_error_is_shown_in_english_without_a_translation(qapp):
    from mnist_desk.ui.error_text import error_text

    for error in _core_errors():
        assert error_text(error) == str(error)
    assert error_text(ValueError("plain")) == "plain"


def test_a_core_error_is_shown_in_chinese_with_its_values(chinese):
    from mnist_desk.ui.error_text import error_text

    small, zero = _core_errors()
    assert error_text(small) == ("即使填充 1 个像素，图片（2 × 3）仍小于 5×5 的卷积核："
                                 "请增加填充（例如 'same'）或使用更大的图片。")
    assert error_text(zero) == "池化窗口大小必须是不小于 1 的整数；实际为 0。"  # the Word "pooling size" too
    assert str(small).startswith("The picture (2 × 3) is smaller")  # the CLI and the logs stay English
    assert error_text(ValueError("plain")) == "plain"


def test_the_filter_lab_says_in_chinese_that_the_picture_is_too_small(qtbot, settings, chinese):
    import numpy as np

    from mnist_desk.core.filters.pictures import picture_from_array
    from mnist_desk.ui.active_model import ActiveModel
    from mnist_desk.ui.filter_lab.tab import FilterLabTab

    tab = FilterLabTab(ActiveModel(), settings)
    qtbot.addWidget(tab)
    try:
        tab.set_picture(picture_from_array(np.full((1, 1), 77, "uint8"), "dot"))
        assert tab.message.text() == ("不加填充时，图片（1 × 1）小于 3×3 的卷积核："
                                      "请增加填充（例如 'same'）或使用更大的图片。")
    finally:
        tab.shutdown()


def test_the_chinese_filter_lab_holds_still_and_says_how_it_shows_the_result(qtbot, settings, chinese):
    import numpy as np

    from mnist_desk.core.filters.pictures import picture_from_array, sample_picture
    from mnist_desk.ui.active_model import ActiveModel
    from mnist_desk.ui.filter_lab.tab import FilterLabTab

    tab = FilterLabTab(ActiveModel(), settings)
    qtbot.addWidget(tab)
    tab.resize(1160, 740)  # the tab in the window's first size
    tab.show()
    qtbot.waitExposed(tab)
    try:
        with qtbot.waitSignal(tab.result_shown, timeout=10_000):
            tab.set_picture(picture_from_array(np.ascontiguousarray(sample_picture().gray), "photo"))
        note = tab.views.display_note
        assert note.text().startswith("线性拉伸：") and note.shown_text() == note.text()  # the tutorial's kernel
        editor = tab.kernel_editor
        where = editor.presets_button.mapTo(tab, editor.presets_button.rect().topLeft()), tab.original_view.x()
        editor.size_box.setCurrentIndex(editor.size_box.findData(5))
        qtbot.wait(50)
        button = editor.presets_button
        assert (button.mapTo(tab, button.rect().topLeft()), tab.original_view.x()) == where
        action = next(a for a in editor.presets_menu.actions() if a.data() == "sharpen")
        with qtbot.waitSignal(tab.result_shown, timeout=10_000):
            action.trigger()
        assert note.text().startswith("截断：小于 0 → 黑，大于 255 → 白") and note.shown_text() == note.text()
    finally:
        tab.shutdown()


def test_a_worker_error_is_translated_in_the_gui_thread(qtbot, chinese):
    from mnist_desk.core.errors import ImageError
    from mnist_desk.ui.worker import IteratorWorker, WorkerRunner

    def make(_worker):
        yield 1
        raise ImageError("{path} is empty (0 bytes).", path="blank.png")

    got = []
    runner = WorkerRunner()
    worker = IteratorWorker(make)
    worker.failed.connect(lambda message: got.append((message, threading.current_thread())))
    with qtbot.waitSignal(runner.thread_ended, timeout=5000):
        runner.start(worker)
    assert got == [("blank.png 是空文件（0 字节）。", threading.main_thread())]
