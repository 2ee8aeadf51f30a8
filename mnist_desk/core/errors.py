"""Exceptions the core raises for problems a user can fix.

Every message is one plain sentence (or a few) meant to be shown as is: the
command line prints it on one line, the window puts it in a dialog.

Messages are translatable without the core knowing Qt. An error is made from
an English :meth:`str.format` template, written as a literal at the raise,
and the values that fill it in, passed by keyword::

    raise ImageError("{name} is empty (0 bytes).", name=path)

``str(error)`` is the English message, formatted as it always was (the
command line, the logs and the tests read it). The window shows
``mnist_desk.ui.error_text.error_text(error)`` instead, which translates the
template in the ``"CoreErrors"`` context and then fills in the values.
``tools/update_translations.py`` finds the templates for translators by
reading the core's source: a template must therefore be a literal (implicit
concatenation of literals is fine), never an f-string or a string glued
together from pieces. A message with an optional part gets two whole
templates, so that translators always see whole sentences.

Values are not translated: numbers, shapes, file names, paths and messages
from the operating system stay as they are. A value that is itself an English
word or phrase of ours, such as the name of a setting passed into a shared
message, is marked with :class:`Word` so it is translated too::

    raise ConfigError("The {name} must be at least 1.", name=Word("pooling size"))
"""

from __future__ import annotations

from typing import Any


class Word(str):
    """An English word or phrase used as a value in an error message, translated with the message.

    It is a plain ``str`` everywhere else. ``Word("...")`` must be called with a
    literal so that ``tools/update_translations.py`` can collect it.
    """

    __slots__ = ()


def _rebuild(cls: type[MnistDeskError], template: str, values: dict[str, Any],
             state: dict[str, Any]) -> MnistDeskError:
    """Unpickle an error: make it again from its template and values (see ``__reduce__``)."""
    error = cls(template, **values)
    error.__dict__.update(state)
    return error


class MnistDeskError(Exception):
    """Base class of every error the user should see as a message, not a traceback.

    Parameters
    ----------
    template
        The English message as a :meth:`str.format` template (a literal at the
        raise; see the module docstring).
    **values
        The values for the template's ``{fields}``; :class:`Word` values are
        translated along with the template, the others are shown as they are.

    Attributes
    ----------
    template : str
        The English template, the key translators translate.
    values : dict
        The values, by field name.
    """

    def __init__(self, template: str, /, **values: Any) -> None:
        self.template = template
        self.values = values
        super().__init__(template.format(**values))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the error as its template and values (a worker process sends errors back pickled)."""
        # Exception's default would call cls(message), losing the template and the values.
        state = {k: v for k, v in self.__dict__.items() if k not in ("template", "values")}
        return _rebuild, (type(self), self.template, self.values, state)


class DataError(MnistDeskError):
    """The MNIST files are missing, truncated or corrupted."""


class WeightsError(MnistDeskError):
    """A weights file cannot be read, is not ours, or does not fit the architecture."""


class ImageError(MnistDeskError):
    """A picture cannot be opened or used."""


class ConfigError(MnistDeskError):
    """A setting has a value that cannot work (unknown architecture, negative epochs ...)."""


class FileSaveError(MnistDeskError):
    """A file could not be saved; any file that was there before is unchanged."""


class TrainingDiverged(MnistDeskError):
    """A training run stopped because its loss or weights stopped being finite numbers."""


class HandwritingSetError(MnistDeskError):
    """A handwriting set's folder or archive cannot be used (wrong layout, not a picture, too small to split)."""
