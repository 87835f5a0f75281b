"""What the transcript knows of each message besides the document: its text, its reasoning, and for the
answer being written, the renderer and the state of the stream. No widgets here."""

from __future__ import annotations

from dataclasses import dataclass, field

from piassist.core.history.types import MessageState, Role
from piassist.core.markdown.answer_text import Drawable, ThinkSplitter, drawable, split_think
from piassist.core.markdown.render import IncrementalMarkdown
from piassist.ui.chat.transcript_document import AnswerText, MessageRegion


@dataclass(frozen=True, slots=True)
class TranscriptMessage:
    """A message as the transcript shows it. Roles other than the user's and the assistant's are not
    shown."""

    id: int
    role: Role
    content: str
    thinking: str = ""
    state: MessageState = MessageState.COMPLETE
    stats_line: str = ""  # formatted and translated by the page
    model: str = ""
    thinking_seconds: float | None = None  # how long the model thought, when known


@dataclass(slots=True)
class AnswerStream:
    renderer: IncrementalMarkdown
    text: AnswerText
    think: ThinkSplitter = field(default_factory=ThinkSplitter)  # <think>…</think> written in the answer
    thinking_clean: Drawable = field(default_factory=Drawable)
    chunks: list[str] = field(default_factory=list)  # the answer's raw text so far
    frozen: list[str] = field(default_factory=list)  # frozen HTML not in the document yet
    text_dirty: bool = False
    thinking_pending: list[str] = field(default_factory=list)
    thinking_started: float | None = None
    label_dirty: bool = False  # the reasoning's toggle line has something new to say

    def has_news(self) -> bool:
        """Something came that the document does not show yet."""
        return self.text_dirty or self.label_dirty or bool(self.thinking_pending)


@dataclass(slots=True)
class Entry:
    id: int
    user: bool
    region: MessageRegion
    content: str = ""
    thinking: str = ""
    thinking_seconds: float | None = None
    thinking_open: bool = False
    stream: AnswerStream | None = None

    def text(self) -> str:
        """The answer as copied: without reasoning written into it, and without control characters."""
        content = "".join(self.stream.chunks) if self.stream is not None else self.content
        return content if self.user else drawable(split_think(content).answer)
