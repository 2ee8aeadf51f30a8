"""Filling in translated texts."""

from __future__ import annotations


def fill(template: str, *values: object) -> str:
    """Qt's ``%1`` … ``%n`` placeholders of a translated text filled in with ``values``.

    Replaced from the highest number down, so ``%10`` is never taken for ``%1``
    followed by a 0; a translation may put the placeholders in any order.
    """
    for index in range(len(values), 0, -1):
        template = template.replace(f"%{index}", str(values[index - 1]))
    return template
