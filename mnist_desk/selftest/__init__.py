"""``mnist-desk --self-test``: check, offline, that this installation really works.

Meant for a packaged (PyInstaller) app first of all, where a missing data file
or compiled library only shows when the code that needs it runs: every check
runs the real code path the window uses, on files shipped with the app.

1. resources: the app icon, the bundled digit pictures and the training sample are there;
2. translations: the Chinese translation loads (and Qt's own, where it is installed);
3. shipped weights: ``weights/mnist_desk.pt`` loads and fits its architecture;
4. classify digits: each bundled MNIST test digit gets its true label (and, with calibrated weights,
   a drawn star is answered "no digit");
5. convolution and pooling: :mod:`mnist_desk.core.filters` gives the numbers
   the tutorial's ``nn.Conv2d`` (its kernel) and ``nn.MaxPool2d`` / ``nn.AvgPool2d`` give;
6. torchvision operators: torchvision's compiled operators are loaded (a
   bundle missing ``_C_stable.so`` fails here, not in the user's hands);
7. training steps: a few steps on the bundled sample lower the loss, and the
   result saves and reloads;
8. built network: the tutorial's section 1.3 network built from its layer
   words has the shapes and parameters its plan says, trains, and saves and
   reloads with its layers;
9. why this answer: saliency maps of a bundled digit pass the deletion check,
   an activation worked out equals the network's, the loss is ``nn.CrossEntropyLoss``'s
   and a training step on a copy leaves the weights;
10. main window: it opens (offscreen when there is no display), paints, shows
   each tab, loads the shipped weights in the background, and closes.

Each check prints one line; the exit status is 0 only when all pass.

The modules, by concern: :mod:`.context` (what the checks share), :mod:`.files`,
:mod:`.network`, :mod:`.layers`, :mod:`.filters` and :mod:`.explain` (checks without Qt), :mod:`.window` (the
checks that need Qt), :mod:`.runner` (the order of the checks and the report).
"""

from .runner import CHECKS, EXIT_FAILED, EXIT_OK, run_self_test

__all__ = ["CHECKS", "EXIT_FAILED", "EXIT_OK", "run_self_test"]
