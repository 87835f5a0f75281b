"""While a benchmark has the model, the chat says so in its notice band (its Send and Try again buttons rest:
ChatPage follows ChatService.paused); what a person writes meanwhile stays in the question box (the chat
refuses to send: ChatService.set_paused)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from piassist.services.chat_session import ChatService
from piassist.ui.chat.page import ChatPage

KIND = "benchmark"


class ChatPauseNotice(QObject):
    def __init__(self, page: ChatPage, chat: ChatService) -> None:
        super().__init__(page)
        self._page = page
        chat.paused_changed.connect(self._paused)
        self._paused(chat.paused)

    def _paused(self, paused: bool) -> None:
        notice = self._page.notice
        if paused:
            notice.show_text(
                lambda: self.tr(
                    "A benchmark is measuring the models, so the chat waits until it ends. What you write "
                    "stays here."
                ),
                kind=KIND,
            )
        elif notice.note_kind == KIND:
            notice.clear()
