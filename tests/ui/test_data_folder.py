"""The shared MNIST data-folder widget: status, choosing, following the setting, download."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from mnist_desk.core.data import RAW_FILES
from mnist_desk.ui.data_folder import SETTINGS_KEY, DataFolderWidget


def make_fake_mnist(root: Path, break_file: str | None = None) -> Path:
    """Four IDX files with the right headers and sizes (sparse: no real digits needed)."""
    folder = root / "MNIST" / "raw"
    folder.mkdir(parents=True)
    for name, (magic, count, size) in RAW_FILES.items():
        with open(folder / name, "wb") as handle:
            handle.write(magic.to_bytes(4, "big") + count.to_bytes(4, "big"))
            handle.truncate(size - (1000 if name == break_file else 0))
    return root


@pytest.fixture
def make_widget(qtbot, settings):
    widgets: list[DataFolderWidget] = []

    def make() -> DataFolderWidget:
        widget = DataFolderWidget(settings)
        qtbot.addWidget(widget)
        widgets.append(widget)
        return widget

    yield make
    for widget in widgets:
        widget.shutdown()


def wait_status(qtbot, widget: DataFolderWidget) -> bool:
    with qtbot.waitSignal(widget.status_changed, timeout=20_000) as blocker:
        widget.refresh()
    return blocker.args[0]


def test_default_folder_follows_environment_then_setting(make_widget, tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_DESK_DATA", str(tmp_path / "from-env"))
    widget = make_widget()
    assert widget.folder() == tmp_path / "from-env"
    assert widget.edit.placeholderText() == str(tmp_path / "from-env")
    widget.set_folder(tmp_path / "chosen")
    assert widget.folder() == tmp_path / "chosen"
    assert widget.settings.value(SETTINGS_KEY) == str(tmp_path / "chosen")
    assert widget.edit.text() == str(tmp_path / "chosen")
    widget.set_folder("")  # back to the default
    assert widget.folder() == tmp_path / "from-env"


def test_missing_folder_says_not_found_and_offers_download(qtbot, make_widget, tmp_path):
    widget = make_widget()
    widget.set_folder(tmp_path / "empty")
    assert wait_status(qtbot, widget) is False
    assert "not found in" in widget.status_label.text()
    assert str(tmp_path / "empty") in widget.status_label.text()
    assert widget.download_button.isEnabled()


def test_whole_folder_is_found(qtbot, make_widget, tmp_path):
    widget = make_widget()
    widget.set_folder(make_fake_mnist(tmp_path / "data"))
    assert wait_status(qtbot, widget) is True
    assert widget.status_label.text() == "MNIST found: 60,000 training + 10,000 test digits"
    assert not widget.download_button.isEnabled()
    assert widget.ready is True


def test_truncated_file_is_named(qtbot, make_widget, tmp_path):
    widget = make_widget()
    widget.set_folder(make_fake_mnist(tmp_path / "data", break_file="t10k-images-idx3-ubyte"))
    assert wait_status(qtbot, widget) is False
    assert "t10k-images-idx3-ubyte" in widget.status_label.text()
    assert "truncated" in widget.status_label.text()


def test_second_widget_follows_the_first(qtbot, make_widget, tmp_path):
    first, second = make_widget(), make_widget()
    with qtbot.waitSignal(second.folder_changed, timeout=2000) as blocker:
        first.set_folder(tmp_path / "shared")
    assert blocker.args == [str(tmp_path / "shared")]
    assert second.edit.text() == str(tmp_path / "shared")


def test_choose_folder_uses_the_dialog_answer(make_widget, tmp_path, monkeypatch):
    widget = make_widget()
    monkeypatch.setattr("mnist_desk.ui.data_folder.widget.QFileDialog.getExistingDirectory",
                        lambda *args, **kwargs: str(tmp_path / "picked"))
    widget.choose_folder()
    assert widget.folder() == tmp_path / "picked"


def test_dropping_a_folder_sets_it(make_widget, tmp_path):
    widget = make_widget()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)
    assert widget.folder() == tmp_path


def click_download(qtbot, widget: DataFolderWidget) -> None:
    """Press the real Download button, as a user does (clicked(bool) reaches the slot)."""
    widget.show()
    assert widget.download_button.isEnabled()
    qtbot.mouseClick(widget.download_button, Qt.MouseButton.LeftButton)


def test_download_progress_then_found(qtbot, make_widget, tmp_path, monkeypatch):
    widget = make_widget()
    widget.set_folder(tmp_path / "data")
    seen = []

    def fake_download(root: Path):
        for done in range(1, 5):
            seen.append(root)
            yield done, 4, f"file{done}"
        make_fake_mnist(root)

    monkeypatch.setattr("mnist_desk.core.data.download", fake_download)  # what the button runs, minus the network
    assert wait_status(qtbot, widget) is False
    click_download(qtbot, widget)
    assert widget.is_downloading()
    assert not widget.download_button.isEnabled()
    qtbot.waitUntil(lambda: not widget.is_downloading() and widget.ready is True, timeout=20_000)
    assert widget.status_label.text() == "MNIST found: 60,000 training + 10,000 test digits"
    assert seen == [tmp_path / "data"] * 4
    assert widget.progress.value() == 4
    assert not widget.is_downloading()


@pytest.mark.parametrize("failure", ["name not resolved", "network unreachable"])
def test_download_button_without_network_says_so(qtbot, make_widget, tmp_path, monkeypatch, failure):
    """The real button and the real download (torchvision, urllib) on a machine whose network is down."""
    import errno
    import socket

    for variable in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(variable, raising=False)
    if failure == "name not resolved":
        def getaddrinfo(*args, **kwargs):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    else:
        def getaddrinfo(host, port, *args, **kwargs):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.0.2.1", port or 443))]

        def connect(self, address):
            raise OSError(errno.ENETUNREACH, "Network is unreachable")

        monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    widget = make_widget()
    widget.set_folder(tmp_path / "data")
    assert wait_status(qtbot, widget) is False
    click_download(qtbot, widget)
    qtbot.waitUntil(lambda: not widget.is_downloading() and "network" in widget.status_label.text(), timeout=60_000)
    text = widget.status_label.text()
    assert text.startswith("Could not download train-images-idx3-ubyte.gz: the network cannot be reached"), text
    assert str(tmp_path / "data" / "MNIST" / "raw") in text and "Errno" not in text and "urlopen" not in text
    assert "bool" not in text
    assert widget.download_button.isEnabled()  # try again once the network is back
    assert widget.choose_button.isEnabled() and widget.edit.isEnabled()


def test_a_failing_server_is_not_called_an_offline_network(qtbot, make_widget, tmp_path, monkeypatch):
    from urllib.error import HTTPError

    def refused(url, *args, **kwargs):
        raise HTTPError(url, 403, "Forbidden", {}, None)

    monkeypatch.setattr("torchvision.datasets.utils.download_and_extract_archive", refused)
    widget = make_widget()
    widget.set_folder(tmp_path / "data")
    assert wait_status(qtbot, widget) is False
    click_download(qtbot, widget)
    qtbot.waitUntil(lambda: not widget.is_downloading() and "servers answered" in widget.status_label.text(),
                    timeout=60_000)
    assert "403" in widget.status_label.text() and "network cannot be reached" not in widget.status_label.text()


def test_cancel_stops_between_files(qtbot, make_widget, tmp_path, monkeypatch):
    widget = make_widget()
    widget.set_folder(tmp_path / "data")
    release = threading.Event()
    produced = []

    def slow(root: Path):
        for done in range(1, 5):
            if done > 1:
                release.wait(5)  # "downloading" file `done`
            produced.append(done)
            yield done, 4, f"file{done}"

    monkeypatch.setattr("mnist_desk.core.data.download", slow)
    assert wait_status(qtbot, widget) is False
    click_download(qtbot, widget)
    qtbot.waitUntil(lambda: widget.progress.value() >= 1, timeout=5000)
    qtbot.mouseClick(widget.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not widget.is_downloading() and "cancelled" in widget.status_label.text(), timeout=20_000)
    assert produced == [1, 2]  # the file being downloaded when Cancel was pressed finishes; no further one starts
    assert "cancelled" in widget.status_label.text()
