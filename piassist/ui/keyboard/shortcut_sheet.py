"""The keyboard shortcut sheet (F1): every key the app answers to, with what it does.

It is read from the real actions each time it is shown (their texts in the language of the moment,
their keys as the desktop has them), so it cannot drift from what the keys do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named
from piassist.ui.keyboard.keys import shown

_MNEMONIC = re.compile(r"&(?!&)")
TITLE_BAR = 40  # pixels a window manager's title bar takes, about


def plain(text: str) -> str:
    """A menu text as read: no mnemonic "&", no "…"."""
    return _MNEMONIC.sub("", text).replace("&&", "&").rstrip("…").strip()


@dataclass(frozen=True, slots=True)
class ShortcutEntry:
    section: str  # where the key works: a menu's name, a page's, "anywhere"
    meaning: str  # what it does, in the interface's language
    keys: str  # the keys as a person reads them


def menu_actions(menu: QMenu) -> Iterator[QAction]:
    """A menu's actions, those of its submenus included, in the order shown."""
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from menu_actions(submenu)
        elif not action.isSeparator():
            yield action


def action_entries(section: str, actions: Iterable[QAction]) -> list[ShortcutEntry]:
    """An entry for each action that has keys a keyboard can type."""
    entries = []
    for action in actions:
        keys = shown(action.shortcuts())
        if keys and action.text():
            entries.append(ShortcutEntry(section, plain(action.text()), keys))
    return entries


def everywhere_entries() -> list[ShortcutEntry]:
    """The keys Qt itself gives every window: moving between controls, and Alt + an underlined letter."""
    anywhere = QCoreApplication.translate("ShortcutSheet", "Anywhere")
    tab, back = shown([QKeySequence(Qt.Key.Key_Tab)]), shown([QKeySequence("Shift+Tab")])
    alt = QCoreApplication.translate("ShortcutSheet", "Alt + the underlined letter")
    return [
        ShortcutEntry(anywhere, QCoreApplication.translate("ShortcutSheet", "Next control"), tab),
        ShortcutEntry(anywhere, QCoreApplication.translate("ShortcutSheet", "Previous control"), back),
        ShortcutEntry(
            anywhere, QCoreApplication.translate("ShortcutSheet", "A labelled field or button"), alt
        ),
    ]


class ShortcutSheet(Retranslating, QDialog):
    def __init__(self, entries: Callable[[], list[ShortcutEntry]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self._entries = entries
        self.tree = named(QTreeWidget(), "shortcuts")
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self._rows: list[tuple[str, str, str]] = []
        self._section_count = 0
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.tree.setHeaderLabels([self.tr("What it does"), self.tr("Keys")])
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.tree.setAccessibleDescription(self.tr("Each key with what it does, grouped by where it works"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            # The actions get their new texts from the same event; read them once they have.
            QTimer.singleShot(0, self, self.refresh)
        super().changeEvent(event)

    def refresh(self) -> None:
        self.tree.clear()
        self._rows = []
        sections: dict[str, QTreeWidgetItem] = {}
        first: QTreeWidgetItem | None = None
        for entry in self._entries():
            section = sections.get(entry.section)
            if section is None:
                section = QTreeWidgetItem(self.tree, [entry.section])
                section.setFirstColumnSpanned(True)
                font = section.font(0)
                font.setBold(True)
                section.setFont(0, font)
                section.setFlags(Qt.ItemFlag.ItemIsEnabled)
                sections[entry.section] = section
            row = QTreeWidgetItem(section, [entry.meaning, entry.keys])
            first = first or row
            self._rows.append((entry.section, entry.meaning, entry.keys))
        self._section_count = len(sections)
        self.tree.expandAll()
        if first is not None:
            self.tree.setCurrentItem(first)

    def rows(self) -> list[tuple[str, str, str]]:
        """(section, meaning, keys) for every row shown."""
        return list(self._rows)

    def fit_to_screen(self) -> None:
        """As tall as its rows (the screen allows), wide enough for the longest text."""
        screen = self.screen().availableGeometry()
        rows = len(self._rows) + self._section_count
        row_height = max(self.tree.sizeHintForRow(0), self.fontMetrics().height(), 1)
        content = self.tree.header().height() + rows * row_height + 2 * self.tree.frameWidth()
        margins = self.contentsMargins().top() + self.contentsMargins().bottom()
        height = content + self.buttons.sizeHint().height() + margins + 40
        width = self.tree.sizeHintForColumn(0) + self.tree.sizeHintForColumn(1) + 80
        # Room left for the window's title bar: on an 800×480 panel the Close button must show. Never
        # taller than the app's window either: the sheet stands over it.
        tallest = screen.height() - TITLE_BAR
        owner = self.parentWidget()
        if owner is not None:
            tallest = min(tallest, max(owner.window().height(), 240))
        self.resize(min(max(width, 420), screen.width()), min(height, tallest))

    def show_sheet(self) -> None:
        self.refresh()
        self.fit_to_screen()
        self.open()
        self.tree.setFocus()
