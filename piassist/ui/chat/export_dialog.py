"""Where to save a conversation: Qt's file dialog (where the desktop offers none) with PiAssist's words
for what Qt's Ukrainian catalog lacks, its sizes and room for every column (ui/common/file_dialog.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget

from piassist.ui.common.file_dialog import fit_file_dialog
from piassist.ui.common.retranslate import Retranslating


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
