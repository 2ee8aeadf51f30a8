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

# Fine-tuning on a handwriting set (core/handwriting): the share of each batch that is the set's digits, and the
# share of each of its digits held out, never trained on.
DEFAULT_EXTRA_SHARE = 0.25
DEFAULT_HOLDOUT = 0.25
# A run that starts from trained weights (train --init-weights, the Train tab's fine-tuning) takes smaller steps
# than one from random weights, unless told otherwise: big ones would undo what the weights know.
FINE_TUNE_LR = 0.0003
FINE_TUNE_BATCH_SIZE = 128
