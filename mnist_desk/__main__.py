"""``python -m mnist_desk`` runs the same as the ``mnist-desk`` command."""

import sys

from .cli import main

sys.exit(main())
