"""Beside the model picker: thinking on or off for this chat, shown only when the chosen model can think
(services/thinking.py decides what is sent)."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton, QWidget

from piassist.services.chat_session import ChatService
from piassist.ui.chat.model_picker import ModelPicker
from piassist.ui.common.retranslate import Retranslating


class ThinkingToggle(Retranslating, QToolButton):
    def __init__(self, chat: ChatService, picker: ModelPicker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thinkingToggle")
        self._thinking, self._picker = chat.thinking, picker
        self.setCheckable(True)
        self.setChecked(self._thinking.on)
        self.setVisible(False)  # until the model is known to think
        self.toggled.connect(self._thinking.set_on)
        self.toggled.connect(lambda _on: self.retranslate_ui())
        self._thinking.changed.connect(self.setChecked)
        self._thinking.available.connect(self._available)
        chat.conversation_opened.connect(lambda conversation, _messages: self._thinking.follow(conversation))
        picker.currentIndexChanged.connect(lambda _index: self._thinking.watch(picker.current_model()))
        picker.models_offered.connect(lambda _any: self._thinking.watch(picker.current_model()))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        # Short: it shares the top row with the model picker on a Pi's 800 px; a tick says "on".
        self.setText(("✓ " if self.isChecked() else "") + self.tr("Think"))
        self.setToolTip(
            self.tr("This model can think before it answers: slower, often better. Click to turn it off.")
            if self.isChecked()
            else self.tr("This model answers without thinking first: quicker. Click to let it think.")
        )
        self.setAccessibleName(self.tr("Thinking before answering"))

    def _available(self, model: str, can_think: bool) -> None:
        if model == self._picker.current_model():
            self.setVisible(can_think)
