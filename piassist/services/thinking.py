"""Thinking on or off, per chat: whether a model that can think is asked to (Ollama's `think`).

On a Pi a small thinking model may reason for minutes before a one-line answer; the person turns that
off for a chat. The choice belongs to the conversation shown (kept for this run of the app); a new chat
starts from the default in the settings (on, as PiAssist did before). `think` goes with a request only
when the model can think: other models are sent nothing, as their authors set them up.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from piassist.core.errors import BackendError
from piassist.core.history.types import Conversation
from piassist.services.connection import ConnectionService
from piassist.services.model_facts import ModelFacts
from piassist.services.settings import SettingsService
from piassist.services.tasks import TaskSlots

SETTING = "chat/think"


class ThinkingChoice(QObject):
    changed = Signal(bool)  # thinking on or off for the chat shown
    available = Signal(str, bool)  # a model, and whether it can think (read from the server)

    def __init__(
        self,
        settings: SettingsService,
        facts: ModelFacts,
        connection: ConnectionService,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings, self._facts, self._connection = settings, facts, connection
        self._tasks = TaskSlots("thinking")
        self._choices: dict[int, bool] = {}  # conversation id → on
        self._on = self.default

    @property
    def default(self) -> bool:
        return str(self._settings.value(SETTING, "true")).lower() != "false"

    @property
    def on(self) -> bool:
        return self._on

    def set_on(self, on: bool) -> None:
        if on != self._on:
            self._on = on
            self.changed.emit(on)

    def follow(self, conversation: Conversation | None) -> None:
        """Another chat shown: its own choice, or the default for a new one."""
        self.set_on(self._choices.get(conversation.id, self.default) if conversation else self.default)

    def think(self, conversation_id: int, can_think: bool) -> bool | None:
        """What to send as `think` for this chat's next answer (None: nothing); the choice is kept with
        the chat from here on."""
        self._choices[conversation_id] = self._on
        return self._on if can_think else None

    def can_think(self, model: str) -> bool | None:
        """Whether the model can think, when known without asking the server."""
        details = self._facts.known(model)
        return None if details is None else details.can_think

    def watch(self, model: str) -> None:
        """Say whether the model can think: at once when known, else once the server says."""
        known = self.can_think(model)
        if known is not None or not model:
            self.available.emit(model, bool(known))
            return
        self._tasks.run("read", self._read(model))

    async def _read(self, model: str) -> None:
        backend = self._connection.backend
        can = False
        if backend is not None:
            try:
                can = await self._facts.can_think(backend, model)
            except BackendError:
                can = False
        self.available.emit(model, can)
