"""Exceptions the core raises for problems a user can fix.

Every message is one plain sentence (or a few) meant to be shown as is: the
command line prints it on one line, the window puts it in a dialog.
"""


class MnistDeskError(Exception):
    """Base class of every error the user should see as a message, not a traceback."""


class DataError(MnistDeskError):
    """The MNIST files are missing, truncated or corrupted."""


class WeightsError(MnistDeskError):
    """A weights file cannot be read, is not ours, or does not fit the architecture."""


class ImageError(MnistDeskError):
    """A picture cannot be opened or used."""


class ConfigError(MnistDeskError):
    """A setting has a value that cannot work (unknown architecture, negative epochs ...)."""
