"""Texts of Qt's own file dialog that Qt's Chinese translation (qtbase_zh_CN.qm) leaves in English.

Qt 6 labels the dialog's fields "&Look in:" and "Files of &type:" (with shortcut
letters) and names folders in its "Type" column in the context
QAbstractFileIconProvider, while qtbase_zh_CN.qm only has the older texts
("Look in:", and "Folder" under QFileDialog): a Chinese file dialog kept these in
English. Listed here (the very context, text and disambiguation Qt asks for),
they go into MNIST Desk's own .ts and are translated there. Qt's translator is
asked first, so its own translations win wherever it has them. Nothing calls
:func:`qt_texts`: it exists for ``tools/update_translations.py`` to collect.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def qt_texts() -> list[str]:
    """The texts, as the dialog shows them in the current language."""
    return [
        translate("QFileDialog", "&Look in:"),
        translate("QFileDialog", "Files of &type:"),
        translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
        translate("QAbstractFileIconProvider", "Drive"),
    ]
