"""What the chat service says about the conversation's messages, drawn: the transcript shows the
conversation and an answer as it streams, the gauge the answer's speed and figures, and a screen reader
hears that the answer ended, and how."""

from __future__ import annotations

from PySide6.QtCore import QObject

from piassist.core.chat_types import GenerationStats
from piassist.core.history.types import MessageState, StoredMessage
from piassist.services.answer_stream import THINKING_SECONDS
from piassist.services.chat_session import ChatService
from piassist.services.model_library import ModelLibraryService
from piassist.ui.chat.gauge import GaugeBar
from piassist.ui.chat.stats_text import StatsText
from piassist.ui.chat.transcript_view import TranscriptMessage, TranscriptView
from piassist.ui.common.announce import announce

ANNOUNCED_CHARS = 400  # how much of a finished answer is offered to a screen reader at once


class AnswerFeed(QObject):
    def __init__(
        self,
        chat: ChatService,
        library: ModelLibraryService,
        transcript: TranscriptView,
        gauge: GaugeBar,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._chat, self._library, self._transcript, self._gauge = chat, library, transcript, gauge
        self._stats_text = StatsText(self)
        self._redraw_after_answer = False  # the language changed while an answer was streaming
        chat.user_message_added.connect(transcript.add_user)
        chat.answer_started.connect(self._answer_started)
        chat.answer_delta.connect(transcript.append_answer)
        chat.pieces_streamed.connect(gauge.on_tokens)  # one count per batch of pieces read together
        chat.thinking_delta.connect(transcript.append_thinking)
        chat.answer_finished.connect(self._answer_finished)
        chat.messages_removed.connect(transcript.remove_from)
        chat.generating_changed.connect(self._generating_changed)
        transcript.restyled.connect(self.redraw)  # light or dark: the colours drawn into the text

    @property
    def redraw_owed(self) -> bool:
        """The language or the text size changed while an answer was streaming: a redraw follows its end."""
        return self._redraw_after_answer

    def stats_line(self, stats: GenerationStats | None) -> str:
        """The line of figures shown under an answer."""
        return self._stats_text.line(stats)

    def show(self, messages: list[StoredMessage]) -> None:
        """A conversation opened: its messages, drawn from what the history holds."""
        self._transcript.show_messages([self._for_transcript(m) for m in messages])

    def redraw(self) -> None:
        """The conversation again, with "You", "Copy", the marks and the figures in the new language (or
        the new text size); an answer being written is left alone until it ends."""
        if self._chat.generating:
            self._redraw_after_answer = True
            return
        self._redraw_after_answer = False
        messages = self._chat.messages
        if not messages:
            return
        bar = self._transcript.verticalScrollBar()
        following, position = self._transcript.is_following(), bar.value()
        self.show(messages)
        if not following:
            bar.setValue(position)

    def _generating_changed(self, generating: bool) -> None:
        if not generating and self._redraw_after_answer:
            self.redraw()

    def _for_transcript(self, message: StoredMessage) -> TranscriptMessage:
        figures = message.stats or {}
        stats = GenerationStats.from_dict(figures) if "eval_count" in figures else None
        thought = figures.get(THINKING_SECONDS)
        return TranscriptMessage(
            id=message.id,
            role=message.role,
            content=message.content,
            thinking=message.thinking or "",
            state=message.state,
            stats_line=self.stats_line(stats),
            model=message.model,
            thinking_seconds=float(thought) if isinstance(thought, int | float) else None,
        )

    def _answer_started(self, message_id: int, model: str) -> None:
        self._transcript.begin_answer(message_id, model)  # no request to the server while it writes

    def _answer_finished(self, message_id: int, state: MessageState, stats: GenerationStats | None) -> None:
        self._transcript.finish_answer(message_id, state, self.stats_line(stats))
        self._announce_answer(message_id, state)
        self._library.read_loaded_now()
        if stats is not None:
            self._gauge.finish(stats)
        else:
            self._gauge.clear()

    def _announce_answer(self, message_id: int, state: MessageState) -> None:
        if state is MessageState.COMPLETE:
            message = next((m for m in self._chat.messages if m.id == message_id), None)
            text = " ".join((message.content if message else "").split())
            if len(text) > ANNOUNCED_CHARS:
                text = text[:ANNOUNCED_CHARS].rsplit(" ", 1)[0] + "…"
            said = self.tr("The answer is ready: %1").replace("%1", text)
        elif state is MessageState.STOPPED:
            said = self.tr("The answer was stopped.")
        else:
            said = self.tr("The answer could not be finished.")
        announce(self._transcript, said)
