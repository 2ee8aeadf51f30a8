"""Entry script of the PyInstaller bundle (``build.spec``): the same as the ``mnist-desk`` command.

PyInstaller needs a script file, not a ``console_scripts`` entry point, and
``mnist_desk/__main__.py`` uses a relative import that a top-level script cannot.
"""

import multiprocessing
import sys

from mnist_desk.cli import main

if __name__ == "__main__":
    # A frozen program re-runs itself for multiprocessing children; this makes them work.
    multiprocessing.freeze_support()
    sys.exit(main())
