"""The window's menus and their shortcuts; the window connects the actions."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from .icons import icon


@dataclass
class WindowActions:
    open_picture: QAction
    paste_picture: QAction
    load_weights: QAction
    save_drawing: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    clear: QAction
    about: QAction
    show_tab: list[QAction]  # Ctrl+1 … Ctrl+5: that tab
    next_tab: QAction
    previous_tab: QAction


def build_menus(window: QMainWindow, tab_names: list[str]) -> WindowActions:
    """Create File, Edit, View and Help with the usual shortcuts (View: one entry per tab in ``tab_names``)."""
    translate = QCoreApplication.translate

    def action(text: str, *shortcuts: QKeySequence | QKeySequence.StandardKey | str, name: str,
               picture: str = "") -> QAction:
        item = QAction(icon(picture), text, window) if picture else QAction(text, window)
        item.setObjectName(name)
        sequences: list[QKeySequence] = []
        for shortcut in shortcuts:
            if isinstance(shortcut, QKeySequence.StandardKey):
                sequences.extend(QKeySequence.keyBindings(shortcut))
            else:
                sequences.append(QKeySequence(shortcut))
        if sequences:
            item.setShortcuts(sequences)
        return item

    actions = WindowActions(
        open_picture=action(translate("Menus", "&Open picture…"), "Ctrl+O", name="actionOpenPicture",
                            picture="open-picture"),
        paste_picture=action(translate("Menus", "&Paste picture"), QKeySequence.StandardKey.Paste, name="actionPaste",
                             picture="paste-picture"),
        load_weights=action(translate("Menus", "&Load weights…"), "Ctrl+L", name="actionLoadWeights",
                            picture="load-weights"),
        save_drawing=action(translate("Menus", "&Save drawing…"), "Ctrl+S", name="actionSaveDrawing",
                            picture="save-drawing"),
        quit=action(translate("Menus", "&Quit"), "Ctrl+Q", name="actionQuit"),
        undo=action(translate("Menus", "&Undo"), "Ctrl+Z", name="actionUndo", picture="undo"),
        redo=action(translate("Menus", "&Redo"), "Ctrl+Shift+Z", "Ctrl+Y", name="actionRedo", picture="redo"),
        clear=action(translate("Menus", "&Clear"), "Delete", "Esc", name="actionClear", picture="clear"),
        about=action(translate("Menus", "&About MNIST Desk"), name="actionAbout"),
        # Ctrl+number for a tab, as Qt's own programs (Qt Creator, Designer) and browsers do (Alt+0 … Alt+9 add
        # the drawing to the handwriting set in the Draw tab), Ctrl+PgUp / Ctrl+PgDown (and Ctrl+Tab) for the
        # neighbours.
        show_tab=[action(name, f"Ctrl+{number}", name=f"actionShowTab{number}")
                  for number, name in enumerate(tab_names, start=1)],
        next_tab=action(translate("Menus", "&Next tab"), "Ctrl+PgDown", "Ctrl+Tab", name="actionNextTab"),
        previous_tab=action(translate("Menus", "P&revious tab"), "Ctrl+PgUp", "Ctrl+Shift+Tab",
                            name="actionPreviousTab"),
    )
    actions.quit.setMenuRole(QAction.MenuRole.QuitRole)
    actions.about.setMenuRole(QAction.MenuRole.AboutRole)
    bar = window.menuBar()
    file_menu = bar.addMenu(translate("Menus", "&File"))
    file_menu.addAction(actions.open_picture)
    file_menu.addAction(actions.load_weights)
    file_menu.addAction(actions.save_drawing)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit_menu = bar.addMenu(translate("Menus", "&Edit"))
    edit_menu.addAction(actions.undo)
    edit_menu.addAction(actions.redo)
    edit_menu.addSeparator()
    edit_menu.addAction(actions.paste_picture)
    edit_menu.addAction(actions.clear)
    view_menu = bar.addMenu(translate("Menus", "&View"))
    for item in actions.show_tab:
        view_menu.addAction(item)
    view_menu.addSeparator()
    view_menu.addAction(actions.next_tab)
    view_menu.addAction(actions.previous_tab)
    help_menu = bar.addMenu(translate("Menus", "&Help"))
    help_menu.addAction(actions.about)
    return actions
