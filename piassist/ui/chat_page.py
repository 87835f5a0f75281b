"""The chat page. For now it shows which model chat will use; the conversation view comes next."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from piassist.services.model_library import ModelLibraryService
from piassist.ui.widgets import make_heading, named


class ChatPage(QWidget):
    choose_model_requested = Signal()

    def __init__(self, library: ModelLibraryService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatPage")
        self._library = library
        self.heading = named(QLabel(wordWrap=True), "chatHeading")
        make_heading(self.heading)
        self.model_label = named(QLabel(wordWrap=True), "chatModel")
        self.note = named(QLabel(wordWrap=True), "chatNote")
        self.choose_button = named(QPushButton(), "chooseModel")
        self.choose_button.clicked.connect(self.choose_model_requested)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.model_label)
        layout.addWidget(self.note)
        layout.addLayout(row)
        layout.addStretch(1)
        library.current_model_changed.connect(lambda _name: self.retranslate_ui())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Chat"))
        name = self._library.current_model
        if name:
            self.model_label.setText(self.tr("Model for chat: %1").replace("%1", name))
        else:
            self.model_label.setText(self.tr("No model chosen yet."))
        self.note.setText(self.tr("Conversations arrive in the next version of PiAssist."))
        self.choose_button.setText(self.tr("Choose a model…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
