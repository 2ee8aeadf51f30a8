"""The window: thin Qt widgets over :mod:`mnist_desk.core`."""
