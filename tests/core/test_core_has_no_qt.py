"""The numeric core and the command line run headless: importing them never loads Qt.

import-linter's contracts (pyproject.toml) forbid the core and the commands to
import PySide6, shiboken6 or matplotlib, even inside a function. What they
cannot see is a library that loads Qt itself: ``PIL.ImageQt`` imports PySide6
when it is installed, for one. This test imports every core and command module
in a fresh interpreter and looks at what was loaded.
"""

import subprocess
import sys
from pathlib import Path

import mnist_desk

PACKAGE = Path(mnist_desk.__file__).parent


def _modules(folder: str) -> list[str]:
    root = PACKAGE / folder
    names = (".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
             for path in root.rglob("*.py") if path != root / "__init__.py")
    return sorted(f"mnist_desk.{folder}.{name}" for name in names)


def test_importing_every_core_and_command_module_loads_no_qt():
    modules = _modules("core") + _modules("commands") + ["mnist_desk.cli"]
    assert "mnist_desk.core.training" in modules and "mnist_desk.core.filters.conv" in modules
    assert "mnist_desk.commands.train" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt modules loaded by the core or the commands: {result.stdout}"
