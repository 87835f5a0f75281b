"""The chat: one open conversation, its history on disk, and the answer being streamed.

The question is saved before it is sent; the answer is saved while it streams (at least every
SAVE_EVERY seconds) and at its end with the server's figures; Stop keeps the partial answer, marked
stopped; a connection lost mid-answer keeps it too, marked interrupted. An answer still 'streaming' in
the file at start-up is from an app that died: it is marked interrupted then.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from piassist.core.backend import Backend
from piassist.core.chat_types import ChatChunk, ChatOptions, GenerationStats
from piassist.core.context_budget import Fitted
from piassist.core.errors import CONNECTION_LOST, BackendError, ErrorKind
from piassist.core.history import Conversation, HistoryStore, MessageState, Role, StoredMessage
from piassist.core.model_defaults import ModelDefaults, chat_options, chosen_options
from piassist.core.models import ModelInfo
from piassist.services.chat_request import ATTACHED_AT, ChatBudget, QuestionFit, loaded_context
from piassist.services.connection import ConnectionService
from piassist.services.history_access import AsyncHistory
from piassist.services.model_facts import ModelFacts
from piassist.services.settings import SettingsService
from piassist.services.tasks import TaskSlots

log = logging.getLogger(__name__)
SAVE_EVERY = 2.0  # seconds between saves of a streaming answer
TITLE_LENGTH = 48
THINKING_SECONDS = "thinking_seconds"  # kept beside the server's figures in a message's stats


@dataclass(slots=True)
class _ThinkingClock:
    """How long a model thought: from its first thought to its first word of answer (or the end)."""

    started: float | None = None
    ended: float | None = None
    _now: Any = field(default=time.monotonic, repr=False)

    def saw(self, chunk: ChatChunk) -> None:
        if chunk.thinking and self.started is None:
            self.started = self._now()
        if (chunk.content or chunk.done) and self.started is not None and self.ended is None:
            self.ended = self._now()

    def seconds(self) -> float | None:
        if self.started is None:
            return None
        return (self.ended if self.ended is not None else self._now()) - self.started


@dataclass(slots=True)
class _Deltas:
    """What came since the page last heard: pieces read in one batch (ollama_pacing.py) reach it as one
    signal each for reasoning and answer, sent when the loop next turns (the batch is read by then)."""

    emit: Callable[[str, str, int], None]
    content: list[str] = field(default_factory=list)
    thinking: list[str] = field(default_factory=list)
    pieces: int = 0

    def add(self, chunk: ChatChunk) -> None:
        if not (chunk.content or chunk.thinking):
            return
        if not self.pieces:
            asyncio.get_running_loop().call_soon(self.send)
        self.pieces += 1
        if chunk.thinking:
            self.thinking.append(chunk.thinking)
        if chunk.content:
            self.content.append(chunk.content)

    def send(self) -> None:
        if self.pieces:
            content, thinking, pieces = "".join(self.content), "".join(self.thinking), self.pieces
            self.content, self.thinking, self.pieces = [], [], 0
            self.emit(content, thinking, pieces)


@dataclass(frozen=True, slots=True)
class ChatError:
    """A failed request, for the page to explain: what went wrong and which answer it hit."""

    error: BackendError
    message_id: int  # the assistant message it ended, or -1 when no answer had started
    model: str


class ChatService(QObject):
    conversations_changed = Signal(list)  # list[Conversation], newest first (filtered by the search)
    conversation_opened = Signal(object, list)  # Conversation | None, list[StoredMessage]
    user_message_added = Signal(int, str)  # message id, text
    answer_started = Signal(int, str)  # assistant message id, model
    answer_delta = Signal(int, str)  # message id, text to append
    thinking_delta = Signal(int, str)
    pieces_streamed = Signal(int)  # how many pieces (about one token each) the last deltas held
    answer_finished = Signal(int, str, object)  # message id, MessageState value, GenerationStats | None
    messages_removed = Signal(int)  # this message id and every later one are gone (regenerate, edit)
    generating_changed = Signal(bool)
    failed = Signal(object)  # ChatError
    context_trimmed = Signal(object)  # Fitted: older turns were left out of a request, or a text cut

    def __init__(
        self,
        connection: ConnectionService,
        settings: SettingsService,
        history: AsyncHistory,
        *,
        listed_models: Callable[[], Sequence[ModelInfo]] = tuple,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._connection = connection
        self.model_facts = ModelFacts(listed_models, host=lambda: connection.host_text)
        self._settings = settings
        self._history = history
        self._builtin_prompt = ""  # PiAssist's own, in the interface language (set by the page)
        # What the person chose in "Settings for this chat" before its first question (no row yet).
        self._pending: tuple[str, dict[str, Any]] | None = None
        self._tasks = TaskSlots("chat")
        self._conversation: Conversation | None = None
        self._messages: list[StoredMessage] = []
        self._search = ""
        self._generating = False
        # The server's context for a loaded model (/api/ps, joined into the library's list).
        self._budget = ChatBudget(lambda model: loaded_context(listed_models(), model))
        self._cut_question = False  # the next request cuts a question too long on its own
        self._started = False

    # -- what the page reads -----------------------------------------------------------------------
    @property
    def conversation(self) -> Conversation | None:
        return self._conversation

    @property
    def messages(self) -> list[StoredMessage]:
        return list(self._messages)

    @property
    def generating(self) -> bool:
        return self._generating

    def set_builtin_system_prompt(self, text: str) -> None:
        """PiAssist's own prompt, in the interface language: new conversations get it unless the
        person wrote their own for this language in the settings."""
        self._builtin_prompt = text

    def default_system_prompt(self) -> str:
        return self._settings.system_prompt(self._settings.language) or self._builtin_prompt

    def conversation_settings(self) -> tuple[str, dict[str, Any]]:
        """The open conversation's system prompt and options (for a new one: what it will start with)."""
        if self._conversation is not None:  # its own, chosen when it began or since: nothing added
            return self._conversation.system_prompt, chosen_options(self._conversation.options)
        if self._pending is not None:
            return self._pending[0], dict(self._pending[1])
        return self.default_system_prompt(), self._settings.chat_defaults()

    # -- start, conversations ----------------------------------------------------------------------
    async def start(self) -> int:
        """Open the history: mark answers cut short by a crash, list the conversations. Returns how
        many answers were found interrupted."""
        if self._started:
            return 0
        self._started = True
        interrupted = await self._history.call(HistoryStore.mark_interrupted)
        if interrupted:
            log.info("%d answer(s) were cut short when PiAssist last stopped", interrupted)
        await self._publish_list()
        return int(interrupted)

    def search(self, text: str) -> None:
        self._search = text
        self._tasks.run("list", self._publish_list())

    def new_conversation(self) -> None:
        """An empty page; the conversation is created when its first question is sent."""
        self.stop()
        self._conversation, self._messages, self._pending = None, [], None
        self._budget.reset()
        self.conversation_opened.emit(None, [])

    async def open_conversation(self, conversation_id: int) -> None:
        self.stop()
        conversation = await self._history.call(HistoryStore.get_conversation, conversation_id)
        messages = await self._history.call(HistoryStore.messages, conversation_id)
        self._conversation, self._messages, self._pending = conversation, list(messages), None
        self._budget.reset()
        self.conversation_opened.emit(conversation, self.messages)

    async def rename(self, conversation_id: int, title: str) -> None:
        await self._history.call(HistoryStore.rename_conversation, conversation_id, title.strip() or "…")
        if self._conversation and self._conversation.id == conversation_id:
            self._conversation = await self._history.call(HistoryStore.get_conversation, conversation_id)
        await self._publish_list()

    async def delete(self, conversation_id: int) -> None:
        if self._conversation and self._conversation.id == conversation_id:
            self.new_conversation()
        await self._history.call(HistoryStore.delete_conversation, conversation_id)
        await self._publish_list()

    async def set_conversation_settings(self, system_prompt: str, options: Mapping[str, Any]) -> None:
        """This conversation's own system prompt and options; they apply from the next answer on."""
        system_prompt, options = system_prompt.strip(), dict(options)
        if self._conversation is None:
            self._pending = (system_prompt, options)
            return
        cid = self._conversation.id
        await self._history.call(
            HistoryStore.set_conversation_settings, cid, system_prompt=system_prompt, options=options
        )
        self._conversation = await self._history.call(HistoryStore.get_conversation, cid)

    async def export(self, conversation_id: int, kind: str) -> str:
        method = HistoryStore.export_json if kind == "json" else HistoryStore.export_markdown
        return str(await self._history.call(method, conversation_id))

    async def aclose(self) -> None:
        await self._tasks.cancel_all()
        await self._history.aclose()

    # -- asking ------------------------------------------------------------------------------------
    def send(self, text: str, model: str, attachment: str = "") -> bool:
        """Ask `text`, with a long `attachment` the model may read only in part; False when it cannot be
        sent now (empty, or an answer is still coming)."""
        text, attachment = text.strip(), attachment if attachment.strip() else ""
        if not (text or attachment) or not model or self._generating:
            return False
        self._set_generating(True)  # before the first await: a second Enter must not send twice
        self._tasks.run("generation", self._ask(text, model, attachment))
        return True

    def question_fit(self, text: str, model: str) -> QuestionFit:
        """Whether a question fits in what the model reads at once, in this conversation (estimated)."""
        room = self._budget.room(model, self._options(), self.model_facts.known(model))
        estimate = self._budget.estimate(self._messages, model)
        return ChatBudget.question_fit(text, self.conversation_settings()[0], room, estimate)

    def prepare(self, model: str) -> None:
        """Read the model's details (its context, its Modelfile's parameters) ahead of the first
        question, when connected: never while an answer streams."""
        backend = self._connection.backend
        if (
            model
            and backend is not None
            and not self._generating
            and not self.model_facts.has_parameters(model)
        ):
            self._tasks.run("details", self._prefetch(backend, model))

    def model_defaults(self, model: str) -> ModelDefaults:
        """What the model answers with where this chat chose nothing, as far as known now (see
        read_model_defaults)."""
        details = self.model_facts.known(model) if model else None
        return ModelDefaults.of(details.parameters if details else "", self.context(model, None))

    async def read_model_defaults(self, model: str) -> ModelDefaults:
        """The model's defaults, asking the server for its Modelfile's parameters if not known yet."""
        backend = self._connection.backend
        if model and backend is not None:
            with contextlib.suppress(BackendError):
                await self.model_facts.parameters(backend, model)
        return self.model_defaults(model)

    def context(self, model: str, chosen: int | None = -1) -> int:
        """The context, in tokens, of the next answer: `chosen` (by default this chat's num_ctx), else
        the server's for the model."""
        num_ctx = self._options().num_ctx if chosen == -1 else chosen
        return self._budget.context(model, num_ctx, self.model_facts.known(model) if model else None)

    def answer_shorter(self, model: str) -> bool:
        """The server said the request was too long: estimate tighter, cut a question too long on its own
        to what fits, and answer the last question again. Nothing is deleted."""
        if self._generating or self._last(Role.USER) is None:
            return False
        self._budget.tighten()
        self._cut_question = True
        return self.regenerate(model)

    def regenerate(self, model: str) -> bool:
        """Answer the last question again (the last answer is dropped)."""
        question = self._last(Role.USER)
        if question is None or not model or self._generating:
            return False
        self._set_generating(True)
        self._tasks.run("generation", self._answer_again(question, model))
        return True

    def edit_last_question(self, text: str, model: str, attachment: str = "") -> bool:
        """Replace the last question (and its answer) with `text` (and `attachment`) and ask again."""
        question = self._last(Role.USER)
        text, attachment = text.strip(), attachment if attachment.strip() else ""
        if question is None or not (text or attachment) or self._generating:
            return False
        self._set_generating(True)
        self._tasks.run("generation", self._replace_and_ask(question, text, model, attachment))
        return True

    def stop(self) -> None:
        """Stop the answer being written; what arrived is kept, marked stopped."""
        self._tasks.cancel("generation")

    # -- the work ----------------------------------------------------------------------------------
    async def _ask(self, text: str, model: str, attachment: str) -> None:
        try:
            await self._add_question_and_answer(text, model, attachment)
        finally:
            self._set_generating(False)

    async def _answer_again(self, question: StoredMessage, model: str) -> None:
        try:
            await self._drop_after(question)
            await self._stream_answer(model)
        finally:
            self._set_generating(False)

    async def _replace_and_ask(self, question: StoredMessage, text: str, model: str, attachment: str) -> None:
        try:
            await self._drop_after(question, inclusive=True)
            await self._add_question_and_answer(text, model, attachment)
        finally:
            self._set_generating(False)

    async def _add_question_and_answer(self, text: str, model: str, attachment: str = "") -> None:
        content = f"{text}\n\n{attachment}" if text and attachment else text or attachment
        facts = {ATTACHED_AT: len(content) - len(attachment)} if attachment else None
        conversation = await self._ensure_conversation(content, model)
        question_id = await self._history.call(
            HistoryStore.add_message, conversation.id, Role.USER, content, model=model, stats=facts
        )
        self._messages.append(await self._history.call(HistoryStore.get_message, question_id))
        self.user_message_added.emit(question_id, content)
        await self._stream_answer(model)

    async def _drop_after(self, message: StoredMessage, *, inclusive: bool = False) -> None:
        """Forget what came after `message` (and `message` itself when inclusive), on disk and on screen."""
        assert self._conversation is not None
        position = self._messages.index(message)
        cut = position if inclusive else position + 1
        gone = self._messages[cut:]
        if gone:
            await self._history.call(
                HistoryStore.delete_messages_after, self._conversation.id, message.id, inclusive=inclusive
            )
            self._messages = self._messages[:cut]
            self.messages_removed.emit(gone[0].id)

    async def _stream_answer(self, model: str) -> None:
        backend = self._connection.backend
        assert self._conversation is not None
        cid = self._conversation.id
        answer_id = await self._history.call(
            HistoryStore.add_message, cid, Role.ASSISTANT, "", model=model, state=MessageState.STREAMING
        )
        self.answer_started.emit(answer_id, model)
        content: list[str] = []
        thinking: list[str] = []
        stats: GenerationStats | None = None
        clock = _ThinkingClock()
        deltas = _Deltas(lambda text, thought, pieces: self._emit_deltas(answer_id, text, thought, pieces))
        state, error = MessageState.COMPLETE, None
        try:
            if backend is None:
                raise BackendError(ErrorKind.REFUSED, "not connected")
            think = await self._can_think(backend, model)
            options = self._options()
            request = self._fitted_request(model, options).messages
            last_save = time.monotonic()
            stream = backend.chat(model, request, options, think=think or None)
            try:
                async for chunk in stream:
                    clock.saw(chunk)
                    deltas.add(chunk)
                    if chunk.thinking:
                        thinking.append(chunk.thinking)
                    if chunk.content:
                        content.append(chunk.content)
                    if chunk.done:
                        stats = chunk.stats
                    if time.monotonic() - last_save >= SAVE_EVERY:
                        last_save = time.monotonic()
                        await self._history.call(
                            HistoryStore.update_streaming,
                            answer_id,
                            "".join(content),
                            "".join(thinking) or None,
                        )
            finally:
                deltas.send()  # all of it on the page before the answer ends there
                await stream.aclose()
        except asyncio.CancelledError:
            state = MessageState.STOPPED
            await self._finish(answer_id, state, content=content, thinking=thinking, clock=clock)
            raise
        except BackendError as exc:
            state = MessageState.INTERRUPTED if exc.kind in CONNECTION_LOST else MessageState.ERROR
            error = await self.model_facts.with_memory_figures(exc, model)
            log.warning("answer %d ended: %s", answer_id, exc)
        await self._finish(
            answer_id, state, content=content, thinking=thinking, stats=stats, error=error, clock=clock
        )
        if error is not None:
            self.failed.emit(ChatError(error, answer_id, model))

    def _emit_deltas(self, answer_id: int, text: str, thought: str, pieces: int) -> None:
        if thought:
            self.thinking_delta.emit(answer_id, thought)
        if text:
            self.answer_delta.emit(answer_id, text)
        self.pieces_streamed.emit(pieces)

    async def _finish(
        self,
        answer_id: int,
        state: MessageState,
        *,
        content: list[str],
        thinking: list[str],
        stats: GenerationStats | None = None,
        error: BackendError | None = None,
        clock: _ThinkingClock | None = None,
    ) -> None:
        figures: dict[str, Any] = dict(stats.to_dict()) if stats else {}
        seconds = clock.seconds() if clock else None
        if seconds is not None:
            figures[THINKING_SECONDS] = round(seconds, 2)
        await self._history.call(
            HistoryStore.finish_message,
            answer_id,
            state,
            figures or None,
            error.detail or error.kind.value if error else None,
            content="".join(content),
            thinking="".join(thinking) or None,
        )
        self._messages.append(await self._history.call(HistoryStore.get_message, answer_id))
        self.answer_finished.emit(answer_id, state.value, stats)
        await self._publish_list()

    async def _ensure_conversation(self, first_question: str, model: str) -> Conversation:
        if self._conversation is None:
            title = " ".join(first_question.split())
            if len(title) > TITLE_LENGTH:
                title = title[: TITLE_LENGTH - 1].rstrip() + "…"
            system_prompt, options = self.conversation_settings()
            self._conversation = await self._history.call(
                HistoryStore.create_conversation, title, model, system_prompt=system_prompt, options=options
            )
            self._pending = None
            self._messages = []
        elif self._conversation.model != model:
            cid = self._conversation.id
            await self._history.call(HistoryStore.set_conversation_settings, cid, model=model)
        return self._conversation

    def _fitted_request(self, model: str, options: ChatOptions) -> Fitted:
        """The system prompt, the turns that fit in the model's context and the question (chat_budget)."""
        assert self._conversation is not None
        room = self._budget.room(model, options, self.model_facts.known(model))
        estimate = self._budget.estimate(self._messages, model)
        system = self._conversation.system_prompt
        fitted = self._budget.request(system, self._messages, room, estimate, cut_question=self._cut_question)
        self._cut_question = False
        if fitted.left_out or fitted.cut:
            log.info(
                "request fitted to %d tokens: %d message(s) left out, cut %s",
                room,
                fitted.left_out,
                fitted.cut,
            )
            self.context_trimmed.emit(fitted)
        return fitted

    def _options(self) -> ChatOptions:
        return chat_options(self.conversation_settings()[1])

    async def _can_think(self, backend: Backend, model: str) -> bool:
        details = await self.model_facts.details(backend, model)
        return details is not None and details.can_think

    async def _prefetch(self, backend: Backend, model: str) -> None:
        with contextlib.suppress(BackendError):  # a missing model is said when a question is sent
            await self.model_facts.parameters(backend, model)

    def _last(self, role: Role) -> StoredMessage | None:
        return next((m for m in reversed(self._messages) if m.role is role), None)

    async def _publish_list(self) -> None:
        conversations: Sequence[Conversation] = await self._history.call(
            HistoryStore.list_conversations, self._search
        )
        self.conversations_changed.emit(list(conversations))

    def _set_generating(self, generating: bool) -> None:
        if generating != self._generating:
            self._generating = generating
            self._connection.hold_polls("chat", generating)
            self.generating_changed.emit(generating)
