"""The text the window shows for an error: a core error in the user's language.

The core has no Qt, so its errors (:class:`~mnist_desk.core.errors.MnistDeskError`)
carry an English template and the values that fill it in; ``str(error)`` is
the English message. :func:`error_text` translates the template in the
``"CoreErrors"`` context (``tools/update_translations.py`` collects the
templates from the core's source for the .ts file), translates the values
marked :class:`~mnist_desk.core.errors.Word`, and fills the others in as they
are.

Call it in the GUI thread: Qt documents ``translate()`` as reentrant only
while no translator is installed or removed, not as thread-safe, so a worker
hands the error itself over and the GUI thread makes the text (see
:class:`mnist_desk.ui.worker.IteratorWorker`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.errors import MnistDeskError, Word


def error_text(error: BaseException) -> str:
    """The message for ``error`` in the language of the installed translators.

    Parameters
    ----------
    error
        Any exception. A :class:`MnistDeskError` is translated; anything else
        gives ``str(error)`` (a message from Python or a library, as it is).

    Returns
    -------
    str
        The message; the English ``str(error)`` when no translation is installed.
    """
    if not isinstance(error, MnistDeskError):
        return str(error)
    values = {name: QCoreApplication.translate("CoreErrors", value) if isinstance(value, Word) else value
              for name, value in error.values.items()}
    try:
        return QCoreApplication.translate("CoreErrors", error.template).format(**values)
    except (KeyError, IndexError, ValueError):  # a translation whose {fields} do not match: English, not nothing
        return str(error)
