"""A one-line text progress bar for the terminal."""

from __future__ import annotations

import sys
from typing import TextIO


def format_duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ProgressBar:
    """Redraws one line in place (``\\r``) on a terminal; prints whole lines otherwise."""

    def __init__(self, stream: TextIO | None = None, width: int = 24) -> None:
        # sys.stderr looked up now, not when this module was imported: it may have been replaced since.
        self.stream = stream = stream if stream is not None else sys.stderr
        self.width = width
        self.interactive = hasattr(stream, "isatty") and stream.isatty()

    def update(self, fraction: float, text: str) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        filled = int(round(fraction * self.width))
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {fraction * 100:5.1f}% {text}"
        if self.interactive:
            self.stream.write("\r" + line + "\x1b[K")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def finish(self, text: str = "") -> None:
        if self.interactive:
            self.stream.write("\n")
        if text:
            self.stream.write(text + "\n")
        self.stream.flush()
