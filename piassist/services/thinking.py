"""Thinking per chat: off, on, or a level the model offers (Ollama's `think`; core/thinking.py says what
each model accepts and what is sent).

On a Pi a small thinking model may reason for minutes before a one-line answer; the person turns that
off for a chat, or picks a level. The choice belongs to the conversation shown and is kept with it in the
history (from its first answer on); a new chat starts from the default in Preferences ("chat/think": off
or on; on, as PiAssist did before). `think` goes with a request only when the model can think: other
models are sent nothing, as their authors set them up.
"""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QObject, QTimer, Signal

from piassist.core.chat_types import ModelDetails
from piassist.core.errors import BackendError
from piassist.core.history.schema import HistoryError
from piassist.core.history.store import HistoryStore
from piassist.core.history.types import Conversation, NotFoundError
from piassist.core.thinking import Think, offered, same, shown, to_send
from piassist.services.connection import ConnectionService
from piassist.services.history_access import AsyncHistory
from piassist.services.model_facts import ModelFacts
from piassist.services.settings import SettingsService
from piassist.services.tasks import TaskSlots

log = logging.getLogger(__name__)


class ThinkingChoice(QObject):
    changed = Signal(object)  # the chat's choice (Think) changed
    available = Signal(str, object)  # a model, and the choices it offers (a tuple; () when it cannot think)

    def __init__(
        self,
        settings: SettingsService,
        facts: ModelFacts,
        connection: ConnectionService,
        parent: QObject | None = None,
        *,
        history: AsyncHistory | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings, self._facts, self._connection = settings, facts, connection
        self._history = history  # where a chat's choice is kept (none: for this run only)
        self._tasks = TaskSlots("thinking")
        self._conversation: int | None = None  # the chat shown, once it has a row
        self._kept: dict[int, Think] = {}  # conversation id → its choice as the history holds it
        self._writes: set[asyncio.Task[None]] = set()  # choices on their way into the history
        self._choice: Think = self.default

    # -- the default for new chats (Preferences) ----------------------------------------------------
    @property
    def default(self) -> bool:
        return self._settings.think_default

    # -- the chat shown ------------------------------------------------------------------------------
    @property
    def choice(self) -> Think:
        return self._choice

    @property
    def on(self) -> bool:
        """Whether the chat's choice asks for thinking (off is False; on and every level ask for it)."""
        return self._choice is not False

    def set_choice(self, value: Think) -> None:
        if same(value, self._choice):
            return
        self._choice = value
        self.changed.emit(value)
        if self._conversation is not None:
            self._keep(self._conversation, value)

    def set_on(self, on: bool) -> None:
        self.set_choice(on)

    def follow(self, conversation: Conversation | None) -> None:
        """Another chat shown: its own choice, or the default for a new one."""
        self._conversation = conversation.id if conversation is not None else None
        kept = None
        if conversation is not None:
            kept = self._kept.get(conversation.id, conversation.think)
        value = self.default if kept is None else kept
        if not same(value, self._choice):
            self._choice = value
            self.changed.emit(value)

    def think(self, conversation_id: int, model: str, can_think: bool) -> Think | None:
        """What to send as `think` for this chat's next answer (None: nothing); the choice is kept with
        the chat from here on."""
        self._conversation = conversation_id
        if not same(self._kept.get(conversation_id), self._choice):
            self._keep(conversation_id, self._choice)
        if not can_think:
            return None
        details = self._facts.known(model) or ModelDetails(model, ("thinking",))
        return to_send(self._choice, details)

    def _keep(self, conversation_id: int, value: Think) -> None:
        self._kept[conversation_id] = value
        if self._history is not None:
            task = asyncio.ensure_future(self._write(conversation_id, value))
            self._writes.add(task)
            task.add_done_callback(self._writes.discard)

    async def aclose(self) -> None:
        """Before the history closes: the choices made are written, the server is no longer asked."""
        await self._tasks.cancel_all()
        if self._writes:
            await asyncio.gather(*self._writes, return_exceptions=True)

    async def _write(self, conversation_id: int, value: Think) -> None:
        assert self._history is not None
        try:
            await self._history.call(HistoryStore.set_conversation_think, conversation_id, value)
        except NotFoundError:  # deleted meanwhile: nothing to keep
            self._kept.pop(conversation_id, None)
        except HistoryError as exc:  # kept for this run; the history says why not for good
            log.warning("could not keep the thinking choice of conversation %d: %s", conversation_id, exc)

    # -- what a model offers -------------------------------------------------------------------------
    def offered(self, model: str) -> tuple[Think, ...]:
        """The choices this model offers, as far as known now (() when it cannot think)."""
        return offered(self._facts.known(model))

    def shown(self, model: str) -> Think:
        """What the model will do for the chat's choice (its own default where nothing is sent)."""
        return shown(self._choice, self._facts.known(model))

    def can_think(self, model: str) -> bool | None:
        """Whether the model can think, when known without asking the server."""
        details = self._facts.known(model)
        return None if details is None else details.can_think

    def watch(self, model: str) -> None:
        """Say what the model offers: at once when /api/show was read, else once the server says (its
        levels are only there; a listing tells no more than whether it can think)."""
        if not model:
            self.available.emit(model, ())
            return
        known = self._facts.known(model)
        if known is not None:
            self.available.emit(model, offered(known))
        if self._facts.has_parameters(model) or (known is not None and not known.can_think):
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # asked before the loop runs (a kiosk makes the chat at start-up, with its
            # fixed model): a task now would belong to another loop, never run, and fail the shutdown
            QTimer.singleShot(0, self, lambda: self.watch(model))
            return
        self._tasks.run("read", self._read(model))

    async def _read(self, model: str) -> None:
        backend = self._connection.backend
        details = None
        if backend is not None:
            try:
                details = await self._facts.parameters(backend, model)
            except BackendError:
                details = None
        self.available.emit(model, offered(details or self._facts.known(model)))
