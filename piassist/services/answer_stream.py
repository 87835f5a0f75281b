"""One answer as it streams in: its text and reasoning so far, the server's figures at its end, how long
the model thought, and its saves to the history (at least every SAVE_EVERY seconds, and once at the end
with its state). services/chat_session.py hands it the server's stream to read; the pieces read in one batch
(core/ollama/pacing.py) reach the page together, as one call of `on_pieces` when the loop next turns."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass, field
from typing import Any

from piassist.core.chat_types import ChatChunk, GenerationStats
from piassist.core.errors import BackendError
from piassist.core.history.store import HistoryStore
from piassist.core.history.types import MessageState
from piassist.services.history_access import AsyncHistory

SAVE_EVERY = 2.0  # seconds between saves of a streaming answer
THINKING_SECONDS = "thinking_seconds"  # kept beside the server's figures in a message's stats


@dataclass(slots=True)
class ThinkingClock:
    """How long a model thought: from its first thought to its first word of answer (or the end)."""

    started: float | None = None
    ended: float | None = None
    now: Callable[[], float] = field(default=time.monotonic, repr=False)

    def saw(self, chunk: ChatChunk) -> None:
        if chunk.thinking and self.started is None:
            self.started = self.now()
        if (chunk.content or chunk.done) and self.started is not None and self.ended is None:
            self.ended = self.now()

    def seconds(self) -> float | None:
        if self.started is None:
            return None
        return (self.ended if self.ended is not None else self.now()) - self.started


class AnswerStream:
    def __init__(
        self,
        answer_id: int,
        history: AsyncHistory,
        on_pieces: Callable[[int, str, str, int], None] = lambda answer_id, text, thought, pieces: None,
    ) -> None:
        self.id = answer_id
        self._history = history
        self._on_pieces = on_pieces  # (its id, answer text, reasoning, how many pieces) since the last call
        self._unsent: tuple[list[str], list[str]] = ([], [])
        self._unsent_pieces = 0
        self._content: list[str] = []
        self._thinking: list[str] = []
        self.stats: GenerationStats | None = None  # the server's figures, with the last piece
        self.clock = ThinkingClock()
        self._saved_at = time.monotonic()

    async def read(self, stream: AsyncGenerator[ChatChunk, None]) -> None:
        """Take the server's stream to its end, saving as it goes; however it ends (cancelled, the
        connection lost), what came is on the page first and the stream is closed."""
        try:
            async for chunk in stream:
                self.take(chunk)
                await self.save_if_due()
        finally:
            self.send_pieces()
            await stream.aclose()

    def take(self, chunk: ChatChunk) -> None:
        self.clock.saw(chunk)
        if chunk.content or chunk.thinking:
            if not self._unsent_pieces:  # the rest of the batch is read before the loop turns
                asyncio.get_running_loop().call_soon(self.send_pieces)
            self._unsent_pieces += 1
        if chunk.thinking:
            self._thinking.append(chunk.thinking)
            self._unsent[1].append(chunk.thinking)
        if chunk.content:
            self._content.append(chunk.content)
            self._unsent[0].append(chunk.content)
        if chunk.done:
            self.stats = chunk.stats

    def send_pieces(self) -> None:
        """Say what came since the last call, if anything (also at the end, before the answer is over)."""
        if self._unsent_pieces:
            (text, thought), pieces = self._unsent, self._unsent_pieces
            self._unsent, self._unsent_pieces = ([], []), 0
            self._on_pieces(self.id, "".join(text), "".join(thought), pieces)

    async def save_if_due(self) -> None:
        """Save what came so far when SAVE_EVERY seconds went by since the last save: a crash keeps it."""
        if time.monotonic() - self._saved_at >= SAVE_EVERY:
            self._saved_at = time.monotonic()
            await self._history.call(HistoryStore.update_streaming, self.id, self.content, self.thinking)

    @property
    def content(self) -> str:
        return "".join(self._content)

    @property
    def thinking(self) -> str | None:
        return "".join(self._thinking) or None

    def figures(self) -> dict[str, Any] | None:
        """What is kept beside the answer: the server's figures and how long the model thought."""
        figures: dict[str, Any] = dict(self.stats.to_dict()) if self.stats else {}
        seconds = self.clock.seconds()
        if seconds is not None:
            figures[THINKING_SECONDS] = round(seconds, 2)
        return figures or None

    async def save_final(self, state: MessageState, error: BackendError | None) -> None:
        await self._history.call(
            HistoryStore.finish_message,
            self.id,
            state,
            self.figures(),
            error.detail or error.kind.value if error else None,
            content=self.content,
            thinking=self.thinking,
        )
