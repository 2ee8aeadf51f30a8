"""The window's icons: every name the UI asks for exists (with its @2x twin and SVG source) and shows."""

from __future__ import annotations

import re
from pathlib import Path

from mnist_desk.core.paths import resource_path
from mnist_desk.ui.icons import icon

UI = Path(__file__).resolve().parents[2] / "mnist_desk" / "ui"
# icon("name") and picture="name" (a helper's argument) in the UI's source.
USES = re.compile(r'icon\("([\w-]+)"\)|picture="([\w-]+)"')


def names_used() -> set[str]:
    names = set()
    for path in UI.rglob("*.py"):
        for match in USES.finditer(path.read_text(encoding="utf-8")):
            names.add(next(group for group in match.groups() if group))
    return names


def test_the_ui_asks_for_icons_that_exist():
    names = names_used()
    assert {"undo", "open-picture", "train-start", "filter-lab", "evaluate"} <= names  # the scan works
    for name in names:
        # The window's own icon is one large picture; the 24 px ones have a 48 px twin.
        twins = () if name == "app" else (f"{name}@2x.png",)
        for file in (f"{name}.png", *twins, f"{name}.svg"):
            assert resource_path("icons", file).is_file(), file


def test_icons_load(qtbot):
    for name in names_used():
        assert not icon(name).isNull(), name
    assert icon("no-such-icon").isNull()  # a missing file: an empty icon, not an error


def test_menus_and_tabs_show_icons(window, qtbot):
    actions = window.actions_
    for action in (actions.open_picture, actions.paste_picture, actions.load_weights, actions.save_drawing,
                   actions.undo, actions.redo, actions.clear):
        assert not action.icon().isNull(), action.objectName()
    qtbot.waitUntil(lambda: len(window._built) == 4, timeout=10000)  # the lazy tabs keep their icons
    for index in range(window.tabs.count()):
        assert not window.tabs.tabIcon(index).isNull(), window.tabs.tabText(index)
    assert not window.train_tab.start_button.icon().isNull()
    for button in (window.draw_tab.tools.undo_button, window.draw_tab.tools.pen_button,
                   window.draw_tab.tools.eraser_button):
        assert not button.icon().isNull(), button.text()
