"""The numeric core of MNIST Desk: torch, numpy and Pillow only, never Qt.

Everything here runs headless (command line, tests, worker threads); the
window in :mod:`mnist_desk.ui` is a thin layer over it.
"""
