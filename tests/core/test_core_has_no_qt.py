"""The numeric core must run headless: importing it never loads Qt."""

import subprocess
import sys
from pathlib import Path

import mnist_desk.core

CORE = Path(mnist_desk.core.__file__).parent


def test_importing_every_core_module_loads_no_qt():
    modules = sorted("mnist_desk.core." + ".".join(p.relative_to(CORE).with_suffix("").parts).removesuffix(".__init__")
                     for p in CORE.rglob("*.py") if p != CORE / "__init__.py")
    assert "mnist_desk.core.training" in modules and "mnist_desk.core.filters.conv" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "import mnist_desk.cli, mnist_desk.commands.train, mnist_desk.commands.evaluate, mnist_desk.commands.predict\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt modules loaded by the core: {result.stdout}"
