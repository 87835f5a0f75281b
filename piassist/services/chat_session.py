"""The chat: one open conversation, its history on disk, and the answer being streamed.

The question is saved before it is sent; the answer is saved while it streams and at its end with the
server's figures (services/answer_stream.py); Stop keeps the partial answer, marked
stopped; a connection lost mid-answer keeps it too, marked interrupted. An answer still 'streaming' in
the file at start-up is from an app that died: it is marked interrupted then.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from piassist.core.chat_types import ChatOptions
from piassist.core.context_budget import Fitted, nearly_full
from piassist.core.errors import CONNECTION_LOST, BackendError, ErrorKind
from piassist.core.history.store import HistoryStore
from piassist.core.history.types import Conversation, MessageState, Role, StoredMessage, last_of
from piassist.core.models import ModelInfo
from piassist.core.ollama.backend import Backend
from piassist.core.ollama.model_defaults import ModelDefaults, chat_options, chosen_options
from piassist.services.answer_stream import AnswerStream
from piassist.services.chat_export import ConversationExport
from piassist.services.chat_request import (
    ATTACHED_AT,
    ChatBudget,
    ChatError,
    NewChatSettings,
    QuestionFit,
    conversation_title,
    loaded_context,
)
from piassist.services.connection import ConnectionService
from piassist.services.history_access import AsyncHistory
from piassist.services.model_facts import ModelFacts
from piassist.services.settings import SettingsService
from piassist.services.tasks import TaskSlots
from piassist.services.thinking import ThinkingChoice

log = logging.getLogger(__name__)


class ChatService(QObject):
    conversations_changed = Signal(list)  # list[Conversation], newest first (filtered by the search)
    conversation_opened = Signal(object, list)  # Conversation | None, list[StoredMessage]
    user_message_added = Signal(int, str)  # message id, text
    answer_started = Signal(int, str)  # assistant message id, model
    answer_delta = Signal(int, str)  # message id, text to append
    thinking_delta = Signal(int, str)
    pieces_streamed = Signal(int)  # how many pieces (about one token each) the last deltas held
    answer_finished = Signal(int, object, object)  # message id, MessageState, GenerationStats | None
    messages_removed = Signal(int)  # this message id and every later one are gone (regenerate, edit)
    generating_changed = Signal(bool)
    paused_changed = Signal(bool)  # a benchmark has the model: nothing is sent meanwhile
    failed = Signal(object)  # ChatError
    context_trimmed = Signal(object)  # Fitted: older turns were left out of a request, or a text cut
    context_nearly_full = Signal()  # the last answer filled its context (chosen, else the server's)
    model_defaults_read = Signal(str, object)  # model, ModelDefaults: with its Modelfile's values

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
        self.thinking = ThinkingChoice(settings, self.model_facts, connection, self, history=history)
        self.history = history  # the conversation store (tests read what was saved)
        self.exports = ConversationExport(history, self)  # a conversation as Markdown or JSON
        self._new = NewChatSettings(settings)  # what a chat starts with before its first question
        self._tasks = TaskSlots("chat")
        self._conversation: Conversation | None = None
        self._messages: list[StoredMessage] = []
        self._search = ""
        self._generating = False
        self._paused = False
        # The server's context for a loaded model (/api/ps, joined into the library's list).
        self._budget = ChatBudget(lambda model: loaded_context(listed_models(), model))
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

    @property
    def paused(self) -> bool:
        return self._paused

    def set_paused(self, paused: bool) -> None:
        """While a benchmark measures the models, the chat asks nothing (send & co. return False)."""
        if paused != self._paused:
            self._paused = paused
            self.paused_changed.emit(paused)

    def set_builtin_system_prompt(self, text: str) -> None:
        """PiAssist's own prompt, in the interface language: new conversations get it unless the
        person wrote their own for this language in the settings."""
        self._new.builtin_prompt = text

    def default_system_prompt(self) -> str:
        return self._new.system_prompt()

    def conversation_settings(self) -> tuple[str, dict[str, Any]]:
        """The open conversation's system prompt and options (for a new one: what it will start with)."""
        if self._conversation is not None:  # its own, chosen when it began or since: nothing added
            return self._conversation.system_prompt, chosen_options(self._conversation.options)
        return self._new.current()

    # -- start, conversations: each is a task of the service's own, awaitable -----------------------
    def start(self) -> asyncio.Task[int]:
        """Open the history: mark answers cut short by a crash, list the conversations. The task's result
        is how many answers were found interrupted."""
        return self._tasks.spawn(self._start())

    async def _start(self) -> int:
        if self._started:
            return 0
        self._started = True
        interrupted = await self.history.call(HistoryStore.mark_interrupted)
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
        self._conversation, self._messages, self._new.chosen = None, [], None
        self._budget.reset()
        self.conversation_opened.emit(None, [])

    def open_conversation(self, conversation_id: int) -> asyncio.Task[None]:
        return self._tasks.spawn(self._open_conversation(conversation_id))

    async def _open_conversation(self, conversation_id: int) -> None:
        self.stop()
        conversation = await self.history.call(HistoryStore.get_conversation, conversation_id)
        messages = await self.history.call(HistoryStore.messages, conversation_id)
        self._conversation, self._messages, self._new.chosen = conversation, list(messages), None
        self._budget.reset()
        self.conversation_opened.emit(conversation, self.messages)

    def rename(self, conversation_id: int, title: str) -> asyncio.Task[None]:
        return self._tasks.spawn(self._rename(conversation_id, title))

    async def _rename(self, conversation_id: int, title: str) -> None:
        await self.history.call(HistoryStore.rename_conversation, conversation_id, title.strip() or "…")
        if self._conversation and self._conversation.id == conversation_id:
            self._conversation = await self.history.call(HistoryStore.get_conversation, conversation_id)
        await self._publish_list()

    def delete(self, conversation_id: int) -> asyncio.Task[None]:
        return self._tasks.spawn(self._delete(conversation_id))

    async def _delete(self, conversation_id: int) -> None:
        if self._conversation and self._conversation.id == conversation_id:
            self.new_conversation()
        await self.history.call(HistoryStore.delete_conversation, conversation_id)
        await self._publish_list()

    def set_conversation_settings(self, system_prompt: str, options: Mapping[str, Any]) -> asyncio.Task[None]:
        """This conversation's own system prompt and options; they apply from the next answer on."""
        return self._tasks.spawn(self._set_conversation_settings(system_prompt.strip(), dict(options)))

    async def _set_conversation_settings(self, system_prompt: str, options: dict[str, Any]) -> None:
        if self._conversation is None:
            self._new.chosen = (system_prompt, options)
            return
        cid = self._conversation.id
        await self.history.call(
            HistoryStore.set_conversation_settings, cid, system_prompt=system_prompt, options=options
        )
        self._conversation = await self.history.call(HistoryStore.get_conversation, cid)

    async def aclose(self) -> None:
        await self._tasks.cancel_all()
        await self.exports.aclose()
        await self.thinking.aclose()
        await self.history.aclose()

    # -- asking ------------------------------------------------------------------------------------
    def send(self, text: str, model: str, attachment: str = "") -> bool:
        """Ask `text`, with a long `attachment` the model may read only in part; False when it cannot be
        sent now (empty, an answer is still coming, or a benchmark has the model)."""
        text, attachment = text.strip(), attachment if attachment.strip() else ""
        if not (text or attachment) or not model or self._generating or self._paused:
            return False
        self._generate(self._add_question_and_answer(text, model, attachment))
        return True

    def question_fit(self, text: str, model: str) -> QuestionFit:
        """Whether a question fits in what the model reads at once, in this conversation (estimated)."""
        room = self._budget.room(model, self._options(), self.model_facts.known(model))
        estimate = self._budget.estimate(self._messages, model)
        return ChatBudget.question_fit(text, self.conversation_settings()[0], room, estimate)

    def prepare(self, model: str) -> None:
        """Read what /api/show tells of the model (its context, its Modelfile's parameters: once per
        model) ahead of the first question or for its settings, when connected and never while an answer
        streams; model_defaults_read then tells the model's defaults."""
        backend = self._connection.backend
        if model and backend is not None and not self._generating:
            self._tasks.run("details", self._read_ahead(backend, model))

    async def _read_ahead(self, backend: Backend, model: str) -> None:
        await self.model_facts.read_ahead(backend, model)
        self.model_defaults_read.emit(model, self.model_defaults(model))

    def model_defaults(self, model: str) -> ModelDefaults:
        """What the model answers with where this chat chose nothing, as far as known now (see prepare)."""
        return self._budget.defaults(model, self.model_facts.known(model) if model else None)

    def context(self, model: str, chosen: int | None = -1) -> int:
        """The context, in tokens, of the next answer: `chosen` (by default this chat's num_ctx), else
        the server's for the model."""
        num_ctx = self._options().num_ctx if chosen == -1 else chosen
        return self._budget.context(model, num_ctx, self.model_facts.known(model) if model else None)

    def answer_shorter(self, model: str) -> bool:
        """The server said the request was too long: estimate tighter, cut a question too long on its own
        to what fits, and answer the last question again. Nothing is deleted."""
        if self._generating or last_of(self._messages, Role.USER) is None:
            return False
        self._budget.tighten()
        return self.regenerate(model)

    def regenerate(self, model: str) -> bool:
        """Answer the last question again (the last answer is dropped)."""
        question = last_of(self._messages, Role.USER)
        if question is None or not model or self._generating or self._paused:
            return False
        self._generate(self._answer_again(question, model))
        return True

    def edit_last_question(self, text: str, model: str, attachment: str = "") -> bool:
        """Replace the last question (and its answer) with `text` (and `attachment`) and ask again."""
        question = last_of(self._messages, Role.USER)
        text, attachment = text.strip(), attachment if attachment.strip() else ""
        if question is None or not (text or attachment) or self._generating or self._paused:
            return False
        self._generate(self._replace_and_ask(question, text, model, attachment))
        return True

    def stop(self) -> None:
        """Stop the answer being written; what arrived is kept, marked stopped."""
        self._tasks.cancel("generation")

    # -- the work ----------------------------------------------------------------------------------
    def _generate(self, work: Coroutine[Any, Any, None]) -> None:
        """Run `work` in the generation slot; generating from now (before the first await: a second Enter
        must not send twice) until it ends, however it ends."""
        self._set_generating(True)
        self._tasks.run("generation", self._while_generating(work))

    async def _while_generating(self, work: Coroutine[Any, Any, None]) -> None:
        try:
            await work
        finally:
            self._set_generating(False)

    async def _answer_again(self, question: StoredMessage, model: str) -> None:
        await self._drop_after(question)
        await self._stream_answer(model)

    async def _replace_and_ask(self, question: StoredMessage, text: str, model: str, attachment: str) -> None:
        await self._drop_after(question, inclusive=True)
        await self._add_question_and_answer(text, model, attachment)

    async def _add_question_and_answer(self, text: str, model: str, attachment: str = "") -> None:
        content = f"{text}\n\n{attachment}" if text and attachment else text or attachment
        facts = {ATTACHED_AT: len(content) - len(attachment)} if attachment else None
        conversation = await self._ensure_conversation(content, model)
        question_id = await self.history.call(
            HistoryStore.add_message, conversation.id, Role.USER, content, model=model, stats=facts
        )
        self._messages.append(await self.history.call(HistoryStore.get_message, question_id))
        self.user_message_added.emit(question_id, content)
        await self._stream_answer(model)

    async def _drop_after(self, message: StoredMessage, *, inclusive: bool = False) -> None:
        """Forget what came after `message` (and `message` itself when inclusive), on disk and on screen."""
        assert self._conversation is not None
        position = self._messages.index(message)
        cut = position if inclusive else position + 1
        gone = self._messages[cut:]
        if gone:
            await self.history.call(
                HistoryStore.delete_messages_after, self._conversation.id, message.id, inclusive=inclusive
            )
            self._messages = self._messages[:cut]
            self.messages_removed.emit(gone[0].id)

    async def _stream_answer(self, model: str) -> None:
        backend = self._connection.backend
        assert self._conversation is not None
        cid = self._conversation.id
        answer_id = await self.history.call(
            HistoryStore.add_message, cid, Role.ASSISTANT, "", model=model, state=MessageState.STREAMING
        )
        self.answer_started.emit(answer_id, model)
        answer = AnswerStream(answer_id, self.history, self._emit_pieces)
        state, error = MessageState.COMPLETE, None
        try:
            if backend is None:
                raise BackendError(ErrorKind.REFUSED, "not connected")
            think = await self.model_facts.can_think(backend, model)
            options = self._options()
            request = self._fitted_request(model, options).messages
            await answer.read(
                backend.chat(model, request, options, think=self.thinking.think(cid, model, think))
            )
        except asyncio.CancelledError:
            await self._finish(answer, model, MessageState.STOPPED)
            raise
        except BackendError as exc:
            state = MessageState.INTERRUPTED if exc.kind in CONNECTION_LOST else MessageState.ERROR
            error = await self.model_facts.with_memory_figures(exc, model)
            log.warning("answer %d ended: %s", answer_id, exc)
        await self._finish(answer, model, state, error)
        if error is not None:
            self.failed.emit(ChatError(error, answer_id, model))

    def _emit_pieces(self, answer_id: int, text: str, thought: str, pieces: int) -> None:
        if thought:
            self.thinking_delta.emit(answer_id, thought)
        if text:
            self.answer_delta.emit(answer_id, text)
        self.pieces_streamed.emit(pieces)

    async def _finish(
        self, answer: AnswerStream, model: str, state: MessageState, error: BackendError | None = None
    ) -> None:
        await answer.save_final(state, error)
        self._messages.append(await self.history.call(HistoryStore.get_message, answer.id))
        self.answer_finished.emit(answer.id, state, answer.stats)
        if answer.stats is not None and nearly_full(answer.stats, self.context(model)):
            self.context_nearly_full.emit()
        await self._publish_list()

    async def _ensure_conversation(self, first_question: str, model: str) -> Conversation:
        if self._conversation is None:
            system_prompt, options = self.conversation_settings()
            self._conversation = await self.history.call(
                HistoryStore.create_conversation,
                conversation_title(first_question),
                model,
                system_prompt=system_prompt,
                options=options,
            )
            self._new.chosen = None
            self._messages = []
        elif self._conversation.model != model:
            cid = self._conversation.id
            await self.history.call(HistoryStore.set_conversation_settings, cid, model=model)
        return self._conversation

    def _fitted_request(self, model: str, options: ChatOptions) -> Fitted:
        """The system prompt, the turns that fit in the model's context and the question (ChatBudget)."""
        assert self._conversation is not None
        facts = self.model_facts.known(model)
        fitted = self._budget.fitted(model, options, facts, self._conversation.system_prompt, self._messages)
        if fitted.left_out or fitted.cut:
            self.context_trimmed.emit(fitted)
        return fitted

    def _options(self) -> ChatOptions:
        return chat_options(self.conversation_settings()[1])

    async def _publish_list(self) -> None:
        found = await self.history.call(HistoryStore.list_conversations, self._search)
        self.conversations_changed.emit(list(found))

    def _set_generating(self, generating: bool) -> None:
        if generating != self._generating:
            self._generating = generating
            self._connection.hold_polls("chat", generating)
            self.generating_changed.emit(generating)
