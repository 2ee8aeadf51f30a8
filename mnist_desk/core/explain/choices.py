"""What the explaining offers: saliency methods, and the optimizers and learning rates of one training step.

Plain constants without torch: the window lists them before torch has loaded.
"""

from __future__ import annotations

METHODS = ("integrated-gradients", "occlusion", "grad-cam")
DEFAULT_METHOD = "integrated-gradients"

OPTIMIZERS = ("adam", "sgd")
LEARNING_RATES = (0.0001, 0.001, 0.01, 0.1)
DEFAULT_OPTIMIZER, DEFAULT_LEARNING_RATE = "adam", 0.001  # the tutorial's: Adam, LR = 0.001
