"""The MNIST data folder shared by the Train and Evaluate tabs: the widget and the loaded splits."""

from .digits import DigitArrays, SplitLoader, default_split_loader
from .widget import SETTINGS_KEY, DataFolderWidget, describe_folder

__all__ = ["SETTINGS_KEY", "DataFolderWidget", "DigitArrays", "SplitLoader", "default_split_loader",
           "describe_folder"]
