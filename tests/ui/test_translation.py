"""Translations: every UI string reaches the .ts file translators work on, and a .qm is loaded."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
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
    return load_tool().update(folder)[0]


def test_every_string_has_its_context(fresh_ts):
    # A string read through an alias lupdate does not know (tr = QCoreApplication.translate in a
    # function, a _tr() helper) lands in an empty context, where no translation would ever match.
    found = messages(fresh_ts)
    assert len(found) > 450
    assert not [source for context, source in found if not context]
    contexts = {context for context, _ in found}
    assert {"Menus", "About", "FilterArithmetic", "FilterChain", "FilterPresets", "TrainChart"} <= contexts


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
        assert all("mnist_desk" not in t.filePath() for t in installed)
        assert QCoreApplication.translate("Menus", "&File") == "&File"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


