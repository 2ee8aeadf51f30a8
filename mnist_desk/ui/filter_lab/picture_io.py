"""Getting pictures in (file dialog, drag and drop, paste, the built-in sample) and results out (PNG ..., .npy).

Opening and saving run off the GUI thread (a 12-megapixel JPEG takes a
fraction of a second to decode, its PNG longer to write); the last folder
used is remembered.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PySide6.QtCore import QMimeData, QObject, QSettings, Signal, Slot
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QWidget

from ...core.filters.pictures import (
    Picture,
    picture_from_array,
    picture_from_file,
    sample_picture,
    save_npy,
    save_picture,
)
from ..latest_job import LatestJob

PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp")
# Files the main window loads as weights when dropped: this tab lets those drops through to it.
WEIGHTS_SUFFIXES = (".pt", ".pth", ".pkl", ".ckpt")
SETTINGS_DIR = "filter_lab/last_dir"
SETTINGS_FILE = "filter_lab/last_picture"


def qimage_to_array(image: QImage) -> np.ndarray:
    """Any QImage → (H, W, 4) uint8 RGBA (a copy)."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    width, height = rgba.width(), rgba.height()
    buffer = np.frombuffer(rgba.constBits(), dtype=np.uint8, count=rgba.bytesPerLine() * height)
    return buffer.reshape(height, rgba.bytesPerLine())[:, :width * 4].reshape(height, width, 4).copy()


def local_picture_path(mime: QMimeData) -> str | None:
    """The first local file in dropped or pasted data (any kind: a bad one gets a clear message on opening)."""
    for url in mime.urls():
        if url.isLocalFile():
            return url.toLocalFile()
    text = mime.text().strip() if mime.hasText() else ""
    if text.startswith("file://"):
        text = text[len("file://"):]
    if text and "\n" not in text and Path(text).expanduser().is_file():
        return text
    return None


def is_weights_drop(mime: QMimeData) -> bool:
    """True when the dragged files are weights files (not pictures for this tab)."""
    files = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
    return bool(files) and all(Path(f).suffix.lower() in WEIGHTS_SUFFIXES for f in files)


class PictureIO(QObject):
    """Opens and saves in worker threads; the newest open wins."""

    loaded = Signal(object)  # Picture
    failed = Signal(str)
    saved = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._loader = LatestJob(self)
        self._saver = LatestJob(self)
        self._loader.item.connect(self._on_loaded)
        self._loader.failed.connect(self.failed)
        self._saver.item.connect(self._on_saved)
        self._saver.failed.connect(self.failed)
        self._loader.busy_changed.connect(self._on_busy)
        self._saver.busy_changed.connect(self._on_busy)
        self._pending_path = ""

    # -- in -----------------------------------------------------------------------------------
    def last_dir(self) -> str:
        return str(self.settings.value(SETTINGS_DIR, str(Path.home())))

    def open_dialog(self, parent: QWidget) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in PICTURE_SUFFIXES)
        path, _ = QFileDialog.getOpenFileName(
            parent, self.tr("Open a picture"), self.last_dir(),
            self.tr("Pictures ({patterns});;All files (*)").format(patterns=patterns))
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        self.settings.setValue(SETTINGS_DIR, str(Path(path).expanduser().parent))
        self._pending_path = path

        def make() -> Iterator[Picture]:
            yield picture_from_file(path)

        self._loader.submit(make)

    def open_sample(self) -> None:
        self._pending_path = ""

        def make() -> Iterator[Picture]:
            yield sample_picture()

        self._loader.submit(make)

    def open_mime(self, mime: QMimeData, what: str) -> bool:
        """Open a dropped or pasted file or picture; False when ``mime`` holds neither."""
        path = local_picture_path(mime)
        if path is not None:
            self.open_file(path)
            return True
        if mime.hasImage():
            image = QImage(mime.imageData())
            if image.isNull():
                return False
            array = qimage_to_array(image)
            self._pending_path = ""

            def make() -> Iterator[Picture]:
                yield picture_from_array(array, what)

            self._loader.submit(make)
            return True
        return False

    def paste(self) -> bool:
        mime = QGuiApplication.clipboard().mimeData()
        return mime is not None and self.open_mime(mime, self.tr("pasted picture"))

    def remembered_file(self) -> str:
        """The picture opened last time, when it still exists."""
        path = str(self.settings.value(SETTINGS_FILE, "") or "")
        return path if path and Path(path).is_file() else ""

    @Slot(object)
    def _on_saved(self, path: object) -> None:
        self.saved.emit(str(path))

    @Slot(object)
    def _on_loaded(self, picture: Picture) -> None:
        self.settings.setValue(SETTINGS_FILE, self._pending_path)
        self.loaded.emit(picture)

    # -- out ----------------------------------------------------------------------------------
    def save_dialog(self, parent: QWidget, display: np.ndarray, raw: np.ndarray, stem: str) -> None:
        """Ask where to save; the name's suffix says what is written (see :meth:`save`).

        The chosen filter only supplies a missing suffix: "x.npy" typed under the
        PNG filter saves the raw numbers, "x.jpg" a JPEG, never PNG data in a
        file named .jpg; a suffix that names no format is refused with a message.
        """
        png, npy = self.tr("PNG picture, as shown (*.png)"), self.tr("Raw numbers, float32 NumPy array (*.npy)")
        start = str(Path(self.last_dir()) / f"{stem}.png")
        path, chosen = QFileDialog.getSaveFileName(parent, self.tr("Save the result"), start, f"{png};;{npy}")
        if not path:
            return
        if not Path(path).suffix:
            path += ".npy" if chosen == npy else ".png"
        self.save(path, display, raw, Path(path).suffix.lower() == ".npy")

    def save(self, path: str, display: np.ndarray, raw: np.ndarray, as_npy: bool) -> None:
        """Save the raw numbers (``as_npy``) or the picture as shown, in the format its suffix names.

        A suffix that names no picture format this app writes fails with a
        message (``failed``) and writes nothing.
        """
        self.settings.setValue(SETTINGS_DIR, str(Path(path).expanduser().parent))

        def make() -> Iterator[str]:
            written = save_npy(raw, path) if as_npy else save_picture(display, path)
            yield str(written)

        self._saver.submit(make)

    # -- lifetime -----------------------------------------------------------------------------
    def busy(self) -> bool:
        return self._loader.busy() or self._saver.busy()

    @Slot(bool)
    def _on_busy(self, _busy: bool) -> None:
        self.busy_changed.emit(self.busy())

    def shutdown(self) -> None:
        self._loader.shutdown()
        self._saver.shutdown()  # a save in progress finishes (its temp file is renamed or removed)
