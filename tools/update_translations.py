"""Collect the UI's translatable strings into resources/translations/*.ts; compile finished ones to .qm.

    python tools/update_translations.py              # update mnist_desk_zh_CN.ts (and any other .ts there)
    python tools/update_translations.py --compile    # also build the .qm files the app loads

Translators open the .ts file in Qt Linguist (``pyside6-linguist``). The app loads
``mnist_desk_<locale>.qm`` for the system's language, or the one in ``MNIST_DESK_LANG``
(``MNIST_DESK_LANG=zh_CN mnist-desk``); see ``mnist_desk/ui/translation.py``.
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
ERRORS_MODULE = ROOT / "mnist_desk" / "core" / "errors.py"  # MnistDeskError and its subclasses
DEFAULT_LOCALES = ["zh_CN"]  # the tutorial's language


def qt_tool(name: str) -> str:
    """``pyside6-lupdate`` / ``pyside6-lrelease`` from this Python's environment, else from PATH."""
    local = Path(sys.executable).with_name(f"pyside6-{name}")
    found = str(local) if local.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: pip install PySide6-Essentials")
    return found


def error_classes(trees: list[ast.Module]) -> set[str]:
    """Names of MnistDeskError and of every class that derives from it in ``trees``."""
    names = {"MnistDeskError"}
    while True:
        found = {node.name for tree in trees for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
                 and any((base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")) in names
                         for base in node.bases)}
        if found <= names:
            return names
        names |= found


def error_texts(paths: list[Path] | None = None) -> tuple[list[str], list[str]]:
    """The error templates and the ``Word("...")`` literals in the app's source, each sorted, once.

    A template is the first argument of a call to a :class:`~mnist_desk.core.errors.MnistDeskError`
    class (raised or not); it must be a literal (see the docstring of mnist_desk/core/errors.py).
    """
    paths = paths if paths is not None else sorted((ROOT / "mnist_desk").rglob("*.py"))
    trees = {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in paths}
    classes = error_classes([*trees.values(), ast.parse(ERRORS_MODULE.read_text(encoding="utf-8"))])
    templates, words, problems = set(), set(), []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name not in classes and name != "Word":
                continue
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                (words if name == "Word" else templates).add(first.value)
            else:
                where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                problems.append(f"{where}:{node.lineno}: {name}() needs a literal text")
    if problems:
        raise SystemExit("texts that cannot be translated:\n" + "\n".join(problems))
    return sorted(templates), sorted(words)


def core_texts(folder: Path) -> Path:
    """A Python file of translate() calls for texts the UI shows from the core (no Qt there to mark them)."""
    sys.path.insert(0, str(ROOT))
    from mnist_desk.core.filters.presets import PRESETS

    lines = ["from PySide6.QtCore import QCoreApplication", "translate = QCoreApplication.translate", ""]
    for preset in PRESETS:  # shown through mnist_desk.ui.filter_lab.kernel_grid.preset_name / preset_note
        for text in (preset.name, preset.note):
            lines.append(f"translate(\"FilterPresets\", {json.dumps(text, ensure_ascii=False)})")
    templates, words = error_texts()  # shown through mnist_desk.ui.error_text.error_text
    for text in templates + words:
        lines.append(f"translate(\"CoreErrors\", {json.dumps(text, ensure_ascii=False)})")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "core_texts.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--compile", action="store_true", help="also compile each .ts into the .qm the app loads")
    parser.add_argument("--ts-dir", type=Path, default=TRANSLATIONS,
                        help="where the .ts files are (default resources/translations; the tests use a copy)")
    args = parser.parse_args()
    update(args.ts_dir, args.compile)


def update(folder: Path, compile_qm: bool = False, scratch: Path | None = None) -> list[Path]:
    """Update (or create) the .ts files in ``folder``; returns them.

    ``scratch`` is where the generated source of core texts goes (default build/translation_sources).
    """
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "mnist_desk" / "ui").rglob("*.py"))
    sources.append(str(core_texts(scratch or ROOT / "build" / "translation_sources").resolve()))
    targets = sorted(folder.glob("mnist_desk_*.ts")) or [folder / f"mnist_desk_{loc}.ts" for loc in DEFAULT_LOCALES]
    for ts in targets:
        subprocess.run([qt_tool("lupdate"), *sources, "-no-obsolete", "-locations", "relative",
                        "-ts", str(ts.resolve())], cwd=ROOT, check=True, capture_output=True)
        if compile_qm:
            subprocess.run([qt_tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return targets


if __name__ == "__main__":
    main()
