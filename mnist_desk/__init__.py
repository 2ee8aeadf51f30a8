"""MNIST Desk: a desktop lab for convolutional neural networks on handwritten digits."""

__version__ = "0.1.0"
