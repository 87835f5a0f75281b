"""The list of conversations beside the chat: search, new, open, rename, delete, export."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from piassist.core.history.types import Conversation
from piassist.ui.common import formatting
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named

ID_ROLE = Qt.ItemDataRole.UserRole + 1
UPDATED_ROLE = Qt.ItemDataRole.UserRole + 2


def _tooltip(title: str, updated: datetime | None) -> str:
    return f"{title}\n{formatting.date_time(updated)}"


class ConversationList(Retranslating, QWidget):
    open_requested = Signal(int)
    new_requested = Signal()
    search_changed = Signal(str)
    rename_requested = Signal(int, str)
    delete_requested = Signal(int)
    export_requested = Signal(int, str)  # conversation id, "markdown" | "json"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationList")
        self.new_button = named(QPushButton(), "newChat")
        self.new_button.clicked.connect(self.new_requested)
        self.search = named(QLineEdit(), "searchChats")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.search_changed)
        self.list = named(QListWidget(), "chats")
        # Long titles end in "…" (the whole title is in the tooltip), never a sideways scroll bar.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setUniformItemSizes(True)
        self.list.itemActivated.connect(self._open_item)
        self.list.itemClicked.connect(self._open_item)
        self.list.itemChanged.connect(self._renamed)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.setEditTriggers(QListWidget.EditTrigger.EditKeyPressed)  # F2 renames
        self._delete_key = QAction(self.list)
        self._delete_key.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self._delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self._delete_key.triggered.connect(self._delete_current)
        self.list.addAction(self._delete_key)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        self._filling = False
        self._current = -1
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.new_button.setText(self.tr("New chat"))
        self.new_button.setToolTip(self.tr("Start a new conversation (Ctrl+N)"))
        self.search.setPlaceholderText(self.tr("Search chats"))
        self.search.setAccessibleName(self.tr("Search chats"))
        self.list.setAccessibleName(self.tr("Conversations"))
        self.list.setAccessibleDescription(
            self.tr("Enter opens a conversation, F2 renames it, Delete deletes it")
        )
        self._delete_key.setText(self.tr("Delete the chosen conversation"))
        self.new_button.setAccessibleDescription(self.tr("Start a new conversation (Ctrl+N)"))
        self._filling = True  # a new tooltip is an itemChanged, not a rename
        for row in range(self.list.count()):  # the dates in the tooltips, in the new language
            item = self.list.item(row)
            item.setToolTip(_tooltip(item.text(), item.data(UPDATED_ROLE)))
        self._filling = False

    def set_conversations(self, conversations: list[Conversation]) -> None:
        self._filling = True
        self.list.clear()
        for conversation in conversations:
            item = QListWidgetItem(conversation.title)
            item.setData(ID_ROLE, conversation.id)
            item.setData(UPDATED_ROLE, conversation.updated_at)
            item.setToolTip(_tooltip(conversation.title, conversation.updated_at))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(item)
            if conversation.id == self._current:
                self.list.setCurrentItem(item)
        self._filling = False

    def set_current(self, conversation_id: int) -> None:
        self._current = conversation_id
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == conversation_id:
                self.list.setCurrentItem(item)
                return
        self.list.clearSelection()

    def _open_item(self, item: QListWidgetItem) -> None:
        conversation_id = int(item.data(ID_ROLE))
        if conversation_id != self._current:
            self.open_requested.emit(conversation_id)

    def _renamed(self, item: QListWidgetItem) -> None:
        if not self._filling:
            self.rename_requested.emit(int(item.data(ID_ROLE)), item.text())

    def _menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        conversation_id = int(item.data(ID_ROLE))
        menu = QMenu(self)
        menu.addAction(self.tr("Rename"), lambda: self.list.editItem(item))
        menu.addAction(
            self.tr("Export as Markdown…"), lambda: self.export_requested.emit(conversation_id, "markdown")
        )
        menu.addAction(
            self.tr("Export as JSON…"), lambda: self.export_requested.emit(conversation_id, "json")
        )
        menu.addSeparator()
        menu.addAction(self.tr("Delete…"), lambda: self._confirm_delete(item))
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def _delete_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._confirm_delete(item)

    def _confirm_delete(self, item: QListWidgetItem) -> None:
        conversation_id, title = int(item.data(ID_ROLE)), item.text()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Delete conversation"))
        box.setText(self.tr("Delete “%1” and all its messages? This cannot be undone.").replace("%1", title))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self.delete_requested.emit(conversation_id))
        box.open()  # not exec(): a nested loop would stall the answer being streamed
        self.confirm_box = box
