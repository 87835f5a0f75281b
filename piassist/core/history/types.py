"""What the chat history store hands out and takes in: roles, states, conversations, messages, search hits,
and the rule that turns a person's search text into a safe FTS5 query. No SQL here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from piassist.core.history.schema import TIME_FORMAT, HistoryError

# snippet() puts these around each matched word. Private-use characters: nobody types them, so the UI
# can split on them and then escape the text safely (SearchHit.parts()).
MATCH_START = "\ue000"
MATCH_END = "\ue001"


class Role(StrEnum):
    USER = "user"
    ASSISTANT = "assistant"
    SYSTEM = "system"


class MessageState(StrEnum):
    COMPLETE = "complete"
    STREAMING = "streaming"  # the answer is still arriving; not in the search index yet
    STOPPED = "stopped"  # the person pressed stop
    INTERRUPTED = "interrupted"  # the app ended while it streamed (found at the next start)
    ERROR = "error"  # the server or connection failed; `error` says how


class NotFoundError(HistoryError, LookupError):
    """No conversation or message with that id (deleted, or never there)."""


@dataclass(frozen=True, slots=True)
class Conversation:
    id: int
    title: str
    model: str
    system_prompt: str
    options: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    think: bool | str | None = None  # the chat's own thinking choice; None: the default (core/thinking.py)


@dataclass(frozen=True, slots=True)
class StoredMessage:
    id: int
    conversation_id: int
    role: Role
    content: str
    thinking: str | None
    model: str
    state: MessageState
    stats: dict[str, Any] | None  # the server's figures at the end of an answer; a question's facts
    error: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class SearchHit:
    conversation_id: int
    message_id: int
    conversation_title: str
    role: Role
    snippet: str  # a few words around the match, each match between MATCH_START and MATCH_END

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces, for a view that escapes text and bolds matches."""
        pieces: list[tuple[str, bool]] = []
        for i, chunk in enumerate(self.snippet.split(MATCH_START)):
            matched, _, rest = chunk.partition(MATCH_END) if i else ("", "", chunk)
            pieces += [(text, is_match) for text, is_match in ((matched, True), (rest, False)) if text]
        return pieces


def match_expression(text: str) -> str | None:
    """Person's search text → an FTS5 query that cannot be a syntax error; None if it has no words.

    Each whitespace-separated piece becomes a quoted phrase (FTS5's own tokenizer then splits it, so
    "foo(bar)" means the words foo bar in a row); all pieces must match; the last piece is a prefix, so
    results follow the typing. Quotes, brackets, AND/OR/NOT and * lose their query meaning.
    """
    pieces = [piece for piece in text.replace("\0", " ").split() if any(ch.isalnum() for ch in piece)]
    if not pieces:
        return None
    phrases = ['"' + piece.replace('"', '""') + '"' for piece in pieces]
    return " ".join(phrases) + "*"


def time_text(moment: datetime) -> str:
    """The file's form of a time: UTC, fixed width."""
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def parse_time(text: str) -> datetime:
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)


def last_of(messages: Sequence[StoredMessage], role: Role) -> StoredMessage | None:
    """The latest of `messages` written by `role`, if any."""
    return next((m for m in reversed(messages) if m.role is role), None)
