"""The names a user chooses among when training, in a module that imports nothing.

``mnist-desk train --help`` lists them, and the command line builds its parsers
without importing torch (``mnist-desk --help`` answers at once); the modules that
implement them (:mod:`.models`, :mod:`.train_config`) import torch. The tests hold
the two equal.
"""

from __future__ import annotations

ARCHITECTURE_NAMES = ("tutorial", "fast", "desk")  # the keys of models.ARCHITECTURES
ACTIVATION_NAMES = ("relu", "sigmoid")  # the keys of models.ACTIVATIONS
OPTIMIZERS = ("adam", "sgd")
SCHEDULES = ("constant", "onecycle")
AUGMENT_RECIPES = ("basic", "handwriting")  # the recipes of augment.augment
