"""Loading the translations: Qt's own (dialog buttons, context menus) and MNIST Desk's.

Every user-visible string goes through ``self.tr`` / ``QCoreApplication.translate``;
``tools/update_translations.py`` collects them into
``resources/translations/mnist_desk_<locale>.ts`` for translators and compiles the
``.qm`` files loaded here. A language without a ``.qm`` file stays in English.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..core.paths import resource_path

# e.g. MNIST_DESK_LANG=zh_CN: a language other than the system's (also for trying a translation).
LANGUAGE_VARIABLE = "MNIST_DESK_LANG"
FILE_PREFIX = "mnist_desk"
_active_language = "en"  # what install_translators loaded last ("en": no translation)


def active_language() -> str:
    """The language the window's texts are in, e.g. "zh_CN", or "en" without a translation."""
    return _active_language


def translations_dir() -> Path:
    return resource_path("translations")


def chosen_locale() -> QLocale:
    """The locale asked for with ``MNIST_DESK_LANG``, or the system's."""
    name = os.environ.get(LANGUAGE_VARIABLE, "").strip()
    return QLocale(name) if name else QLocale.system()


def use_chosen_language_everywhere() -> None:
    """With ``MNIST_DESK_LANG``, Qt's own formats follow that language too (a file dialog's dates and file
    types), not only the texts: a Chinese window on an English system is then Chinese throughout."""
    if os.environ.get(LANGUAGE_VARIABLE, "").strip():
        QLocale.setDefault(chosen_locale())


def install_translators(app: QCoreApplication, locale: QLocale | None = None,
                        directory: Path | None = None) -> list[QTranslator]:
    """Install Qt's and MNIST Desk's translators for ``locale``; returns them (keep them alive).

    Parameters
    ----------
    app
        The application to install them in.
    locale
        Default: :func:`chosen_locale`.
    directory
        Where MNIST Desk's ``.qm`` files are (default: ``resources/translations``).
    """
    global _active_language
    locale = locale or chosen_locale()
    _active_language = "en"
    # MNIST Desk's first: without it the window stays English, and so do Qt's buttons (an
    # English window with Chinese OK/Cancel buttons would be worse than either).
    wanted = [
        (FILE_PREFIX, str(directory or translations_dir())),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ]
    installed = []
    for prefix, folder in wanted:
        translator = QTranslator(app)
        # Tries e.g. mnist_desk_zh_Hans_CN.qm, mnist_desk_zh_CN.qm, mnist_desk_zh.qm in turn.
        if translator.load(locale, prefix, "_", folder) and app.installTranslator(translator):
            installed.append(translator)
            if prefix == FILE_PREFIX:
                _active_language = translator.language() or locale.name()
        else:
            translator.deleteLater()
            break
    return installed
