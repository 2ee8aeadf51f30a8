"""Help → About: version, licence and the credit MNIST is owed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import __version__


def about_text() -> str:
    """The About box's text (rich text)."""
    translate = QCoreApplication.translate
    name = translate("About", "MNIST Desk")  # outside the f-string: pyside6-lupdate skips calls inside one
    return "".join([
        f"<h3>{name} {__version__}</h3>",
        "<p>", translate("About", "A desktop lab for convolutional neural networks on handwritten digits."), "</p>",
        "<p>", translate("About", "Licence: MIT."), "</p>",
        "<p>", translate("About", "The MNIST database of handwritten digits is by Yann LeCun, Corinna Cortes "
                           "and Christopher J. C. Burges, and is available under the terms of the "
                           "Creative Commons Attribution-Share Alike 3.0 licence (CC BY-SA 3.0)."), "</p>",
        "<p>", translate("About", "Built with PyTorch, Qt for Python (PySide6), NumPy, Pillow and Matplotlib."), "</p>",
    ])


def make_about_box(parent: QWidget | None) -> QMessageBox:
    """The About box, not yet shown."""
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(QCoreApplication.translate("About", "About MNIST Desk"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text())
    if parent is not None and not parent.windowIcon().isNull():
        box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box
