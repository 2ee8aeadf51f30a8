"""The user's own handwriting: labelled digits collected in the window, tested on, trained on.

A set is a folder in torchvision's ``ImageFolder`` layout (``DIR/0/*.png`` …
``DIR/9/*.png``), by default one per person under the user data folder
(:func:`mnist_desk.core.paths.handwriting_dir`). Read top to bottom:

* :mod:`.store` — the set on disk: listing and checking it, adding,
  relabelling, deleting and putting back a digit, each file written atomically;
* :mod:`.sets` — a user's sets, and the names a new one may have;
* :mod:`.reading` — the set as network inputs, read as the Draw tab reads a
  picture on its canvas;
* :mod:`.archive` — importing and exporting a folder or a ``.zip``, refusing
  paths that leave the set, huge members and files that are not pictures;
* :mod:`.split` — the held-out part, stratified by label and deterministic,
  and how many more digits a set too small to split needs;
* :mod:`.fine_tune` — the set's training part mixed with MNIST's training
  digits for :class:`~mnist_desk.core.training.Trainer`.
"""
