"""Texts of Qt's own dialogs that Qt's translation (qtbase_<lang>.qm) leaves in English.

Qt 6's file dialog labels its fields "&Look in:" and "Files of &type:" (with
shortcut letters), while qtbase_zh_CN.qm only translates the older "Look in:"
and "Files of type:": a Chinese file dialog kept those two in English. Listed
here, they are collected into MNIST Desk's own .ts (in Qt's context, where the
dialog looks them up) and translated there; Qt's translator is asked first, so
its own translations still win wherever it has them.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_TEXTS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
