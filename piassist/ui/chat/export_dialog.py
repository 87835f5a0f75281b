"""Saving a conversation to a file: the chat page's export flow (ChatExport: where to, then the
service writes it and the notice says if it could not) and where to save it: Qt's file dialog (where the
desktop offers none) with PiAssist's words for what Qt's Ukrainian catalog lacks, its sizes and room for
every column (ui/common/file_dialog.py)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from piassist.services.chat_export import ConversationExport
from piassist.ui.chat.notice import ChatNotice
from piassist.ui.common.file_dialog import fit_file_dialog
from piassist.ui.common.retranslate import Retranslating


class ChatExport(QObject):
    """Export as Markdown or JSON from the conversation list: a file dialog asks where, the service
    (services/chat_export.py) writes it, and the chat's notice says why a file could not be written."""

    def __init__(self, exports: ConversationExport, notice: ChatNotice, page: QWidget) -> None:
        super().__init__(page)
        self._exports, self._notice, self._page = exports, notice, page
        self.dialog: ExportDialog | None = None  # the last one asked (the tour and tests look at it)
        exports.failed.connect(self._failed)

    def ask(self, conversation_id: int, kind: str) -> ExportDialog:
        """Where to save the conversation as `kind` ("markdown" or "json"): the dialog, opened."""
        dialog = ExportDialog(kind, self._page)
        dialog.fileSelected.connect(lambda path: self._exports.write(conversation_id, kind, path))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _failed(self, reason: str) -> None:
        self._notice.show_text(lambda: self.tr("Could not save the file: %1").replace("%1", reason))


class ExportDialog(Retranslating, QFileDialog):
    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self._kind = kind
        self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.setDefaultSuffix("json" if kind == "json" else "md")
        self.retranslate_ui()
        fit_file_dialog(self)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Export conversation"))
        json = self._kind == "json"
        self.setNameFilter(self.tr("JSON files (*.json)") if json else self.tr("Markdown files (*.md)"))
        # qtbase_uk.qm lacks these two.
        self.setLabelText(QFileDialog.DialogLabel.LookIn, self.tr("Look in:"))
        self.setLabelText(QFileDialog.DialogLabel.FileType, self.tr("Files of type:"))
