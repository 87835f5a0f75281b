"""The chat history: conversations and their messages in one SQLite file (the schema: schema.py).

The chat service calls the store from a worker thread through an executor, one call at a time; a lock
makes any other pattern safe too. Each call is its own transaction, so what a call wrote survives a crash
of the app right after it (WAL, synchronous=NORMAL: a power cut may lose the last few writes, but never
corrupts the file).

What it hands out and the search-text rule: types.py; export: export.py.
Times are aware UTC datetimes in the API and fixed-width UTC text in the file. Within one store they
strictly increase, so "newest updated first" stays exact even when two changes share a clock tick.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from piassist.core.history import export as history_export
from piassist.core.history.schema import (
    SCHEMA_VERSION,
    HistoryError,
    SchemaTooNewError,
    check_not_newer,
    migrate,
)
from piassist.core.history.types import (
    MATCH_END,
    MATCH_START,
    Conversation,
    MessageState,
    NotFoundError,
    Role,
    SearchHit,
    StoredMessage,
    match_expression,
    parse_time,
    time_text,
)
from piassist.core.thinking import think_from_text, think_to_text

Clock = Callable[[], datetime]

_SNIPPET_TOKENS = 12


def _json_or_none(text: str | None) -> dict[str, Any] | None:
    return None if text is None else dict(json.loads(text))


def _conversation(row: sqlite3.Row) -> Conversation:
    return Conversation(
        id=row["id"],
        title=row["title"],
        model=row["model"],
        system_prompt=row["system_prompt"],
        options=dict(json.loads(row["options"])),
        created_at=parse_time(row["created_at"]),
        updated_at=parse_time(row["updated_at"]),
        think=think_from_text(row["think"]),
    )


def _message(row: sqlite3.Row) -> StoredMessage:
    return StoredMessage(
        id=row["id"],
        conversation_id=row["conversation_id"],
        role=Role(row["role"]),
        content=row["content"],
        thinking=row["thinking"],
        model=row["model"],
        state=MessageState(row["state"]),
        stats=_json_or_none(row["stats"]),
        error=row["error"],
        created_at=parse_time(row["created_at"]),
        updated_at=parse_time(row["updated_at"]),
    )


class HistoryStore:
    """Open with HistoryStore.open(path); close() when done (or use it as a context manager)."""

    def __init__(self, conn: sqlite3.Connection, clock: Clock) -> None:
        self._conn: sqlite3.Connection | None = conn
        self._clock = clock
        self._last = datetime.min.replace(tzinfo=UTC)
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: Path, *, clock: Clock | None = None) -> HistoryStore:
        """Open (creating folders and file) and upgrade the schema. Raises SchemaTooNewError for a file
        from a newer PiAssist and HistoryError for one that is not a usable history; neither is changed."""
        path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we write BEGIN/COMMIT ourselves. check_same_thread=False: the executor's
        # thread is not the one that opened it; the lock keeps calls one at a time.
        conn = sqlite3.connect(path, timeout=10.0, isolation_level=None, check_same_thread=False)
        try:
            conn.row_factory = sqlite3.Row
            check_not_newer(conn)  # before any pragma that could write to a file we do not understand
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")  # outside a transaction, or it is silently ignored
            migrate(conn)
        except SchemaTooNewError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise HistoryError(f"cannot open the chat history {path}: {exc}") from exc
        return cls(conn, clock or (lambda: datetime.now(UTC)))

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return SCHEMA_VERSION

    # ---- plumbing ----

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._conn is None:
                raise HistoryError("the chat history is closed")
            yield self._conn

    @contextmanager
    def _write(self) -> Iterator[tuple[sqlite3.Connection, str]]:
        """One transaction, with the time stamp every row it touches gets."""
        with self._read() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn, self._stamp()
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def _stamp(self) -> str:
        now = self._clock().astimezone(UTC)
        self._last = max(now, self._last + timedelta(microseconds=1))
        return time_text(self._last)

    @staticmethod
    def _touch(conn: sqlite3.Connection, conversation_id: int, now: str) -> None:
        if conn.execute(
            "UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation_id)
        ).rowcount:
            return
        raise NotFoundError(f"no conversation {conversation_id}")

    @staticmethod
    def _conversation_of(conn: sqlite3.Connection, message_id: int) -> int:
        row = conn.execute("SELECT conversation_id FROM messages WHERE id = ?", (message_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no message {message_id}")
        return int(row[0])

    # ---- conversations ----

    def create_conversation(
        self, title: str, model: str, system_prompt: str = "", options: Mapping[str, Any] | None = None
    ) -> Conversation:
        with self._write() as (conn, now):
            cursor = conn.execute(
                "INSERT INTO conversations (title, model, system_prompt, options, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) RETURNING *",
                (title, model, system_prompt, json.dumps(dict(options or {}), ensure_ascii=False), now, now),
            )
            # fetchall(): a RETURNING statement must run to its end before the COMMIT.
            return _conversation(cursor.fetchall()[0])

    def get_conversation(self, conversation_id: int) -> Conversation:
        with self._read() as conn:
            row = conn.execute("SELECT * FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no conversation {conversation_id}")
        return _conversation(row)

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        with self._write() as (conn, now):
            self._touch(conn, conversation_id, now)
            conn.execute("UPDATE conversations SET title = ? WHERE id = ?", (title, conversation_id))

    def set_conversation_settings(
        self,
        conversation_id: int,
        *,
        model: str | None = None,
        system_prompt: str | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        """Change the given settings (None leaves one as it is); `options` replaces the whole dict."""
        options_text = None if options is None else json.dumps(dict(options), ensure_ascii=False)
        with self._write() as (conn, now):
            self._touch(conn, conversation_id, now)
            conn.execute(
                "UPDATE conversations SET model = coalesce(?, model),"
                " system_prompt = coalesce(?, system_prompt), options = coalesce(?, options) WHERE id = ?",
                (model, system_prompt, options_text, conversation_id),
            )

    def set_conversation_think(self, conversation_id: int, think: bool | str | None) -> None:
        """The chat's own thinking choice (None: the default). Not a change a person reads in the list:
        the conversation keeps its place."""
        with self._write() as (conn, _now):
            cursor = conn.execute(
                "UPDATE conversations SET think = ? WHERE id = ?", (think_to_text(think), conversation_id)
            )
            if not cursor.rowcount:
                raise NotFoundError(f"no conversation {conversation_id}")

    def delete_conversation(self, conversation_id: int) -> None:
        """Delete it with all its messages (and their place in the search index)."""
        with self._write() as (conn, _now):
            if not conn.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,)).rowcount:
                raise NotFoundError(f"no conversation {conversation_id}")

    def list_conversations(self, search: str = "") -> list[Conversation]:
        """Newest updated first. With `search`, only those whose title or any finished message matches
        (the same rules as search()); text without any word filters nothing."""
        query = match_expression(search)
        with self._read() as conn:
            if query is None:
                rows = conn.execute("SELECT * FROM conversations ORDER BY updated_at DESC, id DESC")
            else:
                rows = conn.execute(
                    "SELECT * FROM conversations WHERE id IN"
                    " (SELECT rowid FROM conversations_fts WHERE conversations_fts MATCH :q)"
                    " OR id IN (SELECT m.conversation_id FROM messages_fts"
                    "  JOIN messages AS m ON m.id = messages_fts.rowid WHERE messages_fts MATCH :q)"
                    " ORDER BY updated_at DESC, id DESC",
                    {"q": query},
                )
            return [_conversation(row) for row in rows]

    # ---- messages ----

    def messages(self, conversation_id: int) -> list[StoredMessage]:
        """The conversation's messages in the order they were added."""
        return self._snapshot(conversation_id)[1]

    def _snapshot(self, conversation_id: int) -> tuple[Conversation, list[StoredMessage]]:
        # One read transaction: another PiAssist writing the same file cannot slip in between the two reads.
        with self._read() as conn:
            conn.execute("BEGIN")
            try:
                row = conn.execute("SELECT * FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
                rows = conn.execute(
                    "SELECT * FROM messages WHERE conversation_id = ? ORDER BY id", (conversation_id,)
                ).fetchall()
            finally:
                conn.execute("COMMIT")
        if row is None:
            raise NotFoundError(f"no conversation {conversation_id}")
        return _conversation(row), [_message(message) for message in rows]

    def get_message(self, message_id: int) -> StoredMessage:
        with self._read() as conn:
            row = conn.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no message {message_id}")
        return _message(row)

    def add_message(
        self,
        conversation_id: int,
        role: Role,
        content: str,
        *,
        model: str = "",
        state: MessageState = MessageState.COMPLETE,
        thinking: str | None = None,
        stats: Mapping[str, Any] | None = None,
    ) -> int:
        """Append a message; returns its id. An answer starts as STREAMING and ends with finish_message()."""
        role, state = Role(role), MessageState(state)  # a plain string that is not one of them → ValueError
        stats_text = None if stats is None else json.dumps(dict(stats), ensure_ascii=False)
        with self._write() as (conn, now):
            self._touch(conn, conversation_id, now)
            rows = conn.execute(
                "INSERT INTO messages (conversation_id, role, content, thinking, model, state, stats,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (conversation_id, role.value, content, thinking, model, state.value, stats_text, now, now),
            ).fetchall()
            return int(rows[0][0])

    def update_streaming(self, message_id: int, content: str, thinking: str | None = None) -> bool:
        """Save the text so far of a streaming answer (thinking=None keeps the saved thinking). Two row
        writes, no index work. False if the message is not streaming any more: late text is dropped."""
        with self._write() as (conn, now):
            rows = conn.execute(
                "UPDATE messages SET content = ?, thinking = coalesce(?, thinking), updated_at = ?"
                " WHERE id = ? AND state = 'streaming' RETURNING conversation_id",
                (content, thinking, now, message_id),
            ).fetchall()
            if not rows:
                return False
            self._touch(conn, int(rows[0][0]), now)
            return True

    def finish_message(
        self,
        message_id: int,
        state: MessageState,
        stats: Mapping[str, Any] | None = None,
        error: str | None = None,
        *,
        content: str | None = None,
        thinking: str | None = None,
    ) -> None:
        """Give a message its final state (anything but STREAMING), the server's figures and any error
        text; `content`/`thinking`, when given, replace the saved text in the same write."""
        state = MessageState(state)
        if state is MessageState.STREAMING:
            raise ValueError("finish_message needs a final state, not streaming")
        stats_text = None if stats is None else json.dumps(dict(stats), ensure_ascii=False)
        with self._write() as (conn, now):
            self._touch(conn, self._conversation_of(conn, message_id), now)
            conn.execute(
                "UPDATE messages SET state = ?, stats = ?, error = ?, content = coalesce(?, content),"
                " thinking = coalesce(?, thinking), updated_at = ? WHERE id = ?",
                (state.value, stats_text, error, content, thinking, now, message_id),
            )

    def delete_messages_after(self, conversation_id: int, message_id: int, *, inclusive: bool = False) -> int:
        """Delete the conversation's messages that came after `message_id` (and that one too when
        inclusive); returns how many. For "regenerate" and "edit the last question and resend"."""
        with self._write() as (conn, now):
            if self._conversation_of(conn, message_id) != conversation_id:
                raise NotFoundError(f"message {message_id} is not in conversation {conversation_id}")
            first = message_id if inclusive else message_id + 1
            deleted = conn.execute(
                "DELETE FROM messages WHERE conversation_id = ? AND id >= ?", (conversation_id, first)
            ).rowcount
            if deleted:
                self._touch(conn, conversation_id, now)
            return int(deleted)

    def mark_interrupted(self) -> int:
        """At start-up: answers still STREAMING were cut off by a crash or kill; they become INTERRUPTED
        (keeping their partial text, now searchable). Returns how many."""
        with self._write() as (conn, now):
            rows = conn.execute(
                "UPDATE messages SET state = 'interrupted', updated_at = :now WHERE state = 'streaming'"
                " RETURNING conversation_id",
                {"now": now},
            ).fetchall()
            for conversation_id in {int(row[0]) for row in rows}:
                self._touch(conn, conversation_id, now)
            return len(rows)

    # ---- search and export ----

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Finished messages matching every word of `query` (the last one as a prefix), best first.
        Any text is accepted; text without a word finds nothing."""
        expression = match_expression(query)
        if expression is None or limit <= 0:
            return []
        with self._read() as conn:
            rows = conn.execute(
                "SELECT m.conversation_id, m.id, c.title, m.role,"
                " snippet(messages_fts, 0, ?, ?, '…', ?) AS snippet FROM messages_fts"
                " JOIN messages AS m ON m.id = messages_fts.rowid"
                " JOIN conversations AS c ON c.id = m.conversation_id"
                " WHERE messages_fts MATCH ? ORDER BY rank, m.id DESC LIMIT ?",
                (MATCH_START, MATCH_END, _SNIPPET_TOKENS, expression, limit),
            )
            return [SearchHit(row[0], row[1], row[2], Role(row[3]), row[4]) for row in rows]

    def export_markdown(self, conversation_id: int, labels: Mapping[str, str] | None = None) -> str:
        """The conversation as Markdown; `labels` may translate the English words it uses
        (see history_export.LABELS)."""
        return history_export.to_markdown(*self._snapshot(conversation_id), labels=labels)

    def export_json(self, conversation_id: int) -> str:
        """The conversation's fields and all its messages (stats included) as JSON text."""
        return history_export.to_json(*self._snapshot(conversation_id))
