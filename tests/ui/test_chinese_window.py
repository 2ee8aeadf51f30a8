"""No English left in the Chinese window: Qt's file dialog, the status bar, the kernel caption, the training status."""

from __future__ import annotations

import re

from PySide6.QtCore import QFileInfo
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QLabel

from mnist_desk.ui.main_window import MainWindow

ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


def test_the_file_dialog_is_all_chinese(qtbot, chinese, tmp_path):
    dialog = QFileDialog(None, "", "", "PNG (*.png)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own dialog, as on a desktop without a portal
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
    english = [text for text in texts if ENGLISH_WORD.search(text.replace("&", ""))]
    assert not english, english
    assert QFileIconProvider().type(QFileInfo(str(tmp_path))) == "文件夹"  # the dialog's "Type" column


def test_the_status_bar_and_the_kernel_caption_name_the_architecture_in_chinese(qtbot, settings, chinese,
                                                                                 active_model):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.active_model.set_checkpoint(active_model.checkpoint, "mnist_desk.pt")
    text = window.model_label.text()
    assert "桌面 CNN" in text and "Desk" not in text, text
    draw = window.draw_tab
    draw.details.setCurrentIndex(1)  # "Inside the network": conv1's kernels under a caption
    qtbot.waitUntil(lambda: "conv1" in draw.network.kernels.caption.text(), timeout=5000)
    caption = draw.network.kernels.caption.text()
    assert "桌面 CNN" in caption and "desk" not in caption, caption
