"""The chat history database's schema, and the steps that bring an older file up to date.

`PRAGMA user_version` holds the schema version: 0 is a new, empty file. MIGRATIONS[n] upgrades version n
to n + 1; `migrate` runs every step the file is missing, in order, inside one transaction, so a failed
upgrade leaves the file exactly as it was. A file written by a newer PiAssist is never touched: opening it
raises SchemaTooNewError, and the person's history is still there for the newer version.

Version 1
- conversations(id, title, model, system_prompt, options JSON text, created_at, updated_at)
- messages(id, conversation_id → conversations ON DELETE CASCADE, role, content, thinking, model, state,
  stats JSON text, error, created_at, updated_at)
- messages_fts and conversations_fts: FTS5 indexes over message content and conversation titles, kept
  in sync by triggers. A message is indexed only once it stops streaming, so the update every ~2 s while an
  answer streams costs one row write and no index work.

Version 2
- conversations.options holds only the options the person chose (core/ollama/model_defaults.py). Rows written
  before also hold what PiAssist chose on its own then; a value equal to that is taken out.

Version 3
- conversations.think: the chat's own thinking choice (JSON: true, false or a level such as "low"), NULL
  when the chat follows the default (core/thinking.py). Older files get the column, empty.

Timestamps are UTC text, "YYYY-MM-DDTHH:MM:SS.ffffffZ": fixed width, so text order is time order.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence

from piassist.core.ollama.model_defaults import without_old_builtin

Migration = Callable[[sqlite3.Connection], None]

ROLES = ("user", "assistant", "system")
STATES = ("complete", "streaming", "stopped", "interrupted", "error")

# How times are written in the file (always UTC).
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

# Case and diacritics do not matter (Café = cafe, ПРИВІТ = привіт); й and ї stay themselves.
TOKENIZER = "unicode61 remove_diacritics 2"


class HistoryError(Exception):
    """Something is wrong with the history file or with a request to the store."""


class SchemaTooNewError(HistoryError):
    """The file was written by a newer PiAssist; this version does not know its layout."""

    def __init__(self, found: int, supported: int) -> None:
        super().__init__(
            f"the chat history was written by a newer PiAssist (schema version {found}; "
            f"this version understands up to {supported}); it was left unchanged"
        )
        self.found = found
        self.supported = supported


def _sql_list(values: Sequence[str]) -> str:
    return ", ".join(f"'{value}'" for value in values)


_V1 = (
    # AUTOINCREMENT: ids are never reused, so an id the UI still holds for a deleted message cannot
    # silently point at a newer one.
    """
    CREATE TABLE conversations (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        title         TEXT NOT NULL,
        model         TEXT NOT NULL,
        system_prompt TEXT NOT NULL DEFAULT '',
        options       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
    )
    """,
    "CREATE INDEX conversations_by_update ON conversations (updated_at DESC, id DESC)",
    f"""
    CREATE TABLE messages (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        role            TEXT NOT NULL CHECK (role IN ({_sql_list(ROLES)})),
        content         TEXT NOT NULL,
        thinking        TEXT,
        model           TEXT NOT NULL DEFAULT '',
        state           TEXT NOT NULL DEFAULT 'complete' CHECK (state IN ({_sql_list(STATES)})),
        stats           TEXT CHECK (stats IS NULL OR json_valid(stats)),
        error           TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
    )
    """,
    "CREATE INDEX messages_by_conversation ON messages (conversation_id, id)",
    # Start-up looks for answers a crash left streaming; this index holds only those few rows.
    "CREATE INDEX messages_streaming ON messages (id) WHERE state = 'streaming'",
    # External content: the text lives once, in messages; the index keeps only tokens.
    f"""
    CREATE VIRTUAL TABLE messages_fts USING fts5(
        content, content = 'messages', content_rowid = 'id', tokenize = '{TOKENIZER}'
    )
    """,
    # The index must be told exactly what it holds, so every trigger asks the same question:
    # "is (or was) this row finished?". A streaming row is not in the index.
    """
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.state != 'streaming' BEGIN
        INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
    END
    """,
    """
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.state != 'streaming' BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
    END
    """,
    # One trigger, two statements: the body runs in order, so the old tokens leave before the new come.
    """
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, state ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content)
            SELECT 'delete', old.id, old.content WHERE old.state != 'streaming';
        INSERT INTO messages_fts (rowid, content)
            SELECT new.id, new.content WHERE new.state != 'streaming';
    END
    """,
    f"""
    CREATE VIRTUAL TABLE conversations_fts USING fts5(
        title, content = 'conversations', content_rowid = 'id', tokenize = '{TOKENIZER}'
    )
    """,
    """
    CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations BEGIN
        INSERT INTO conversations_fts (rowid, title) VALUES (new.id, new.title);
    END
    """,
    """
    CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations BEGIN
        INSERT INTO conversations_fts (conversations_fts, rowid, title) VALUES ('delete', old.id, old.title);
    END
    """,
    """
    CREATE TRIGGER conversations_fts_update AFTER UPDATE OF title ON conversations BEGIN
        INSERT INTO conversations_fts (conversations_fts, rowid, title) VALUES ('delete', old.id, old.title);
        INSERT INTO conversations_fts (rowid, title) VALUES (new.id, new.title);
    END
    """,
)


def _run(statements: Sequence[str]) -> Migration:
    # executescript() would COMMIT the surrounding transaction first, so run the statements one by one.
    def step(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return step


def _forget_old_builtin(conn: sqlite3.Connection) -> None:
    """Version 2: each conversation's options without the values PiAssist used to choose on its own."""
    for row_id, text in conn.execute("SELECT id, options FROM conversations").fetchall():
        options = json.loads(text)
        if not isinstance(options, dict):
            continue
        kept = without_old_builtin(options)
        if kept != options:
            conn.execute(
                "UPDATE conversations SET options = ? WHERE id = ?",
                (json.dumps(kept, ensure_ascii=False), row_id),
            )


_V3 = ("ALTER TABLE conversations ADD COLUMN think TEXT CHECK (think IS NULL OR json_valid(think))",)

MIGRATIONS: tuple[Migration, ...] = (_run(_V1), _forget_old_builtin, _run(_V3))
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_not_newer(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """The file's version; raises SchemaTooNewError (having written nothing) if it is from the future."""
    version = user_version(conn)
    if version > len(migrations):
        raise SchemaTooNewError(version, len(migrations))
    return version


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the file up to len(migrations); returns the version it had. The connection must be in
    autocommit mode (isolation_level=None) so the transaction here is the only one."""
    if check_not_newer(conn, migrations) == len(migrations):
        return len(migrations)
    # IMMEDIATE takes the write lock now: a second PiAssist opening the same file waits, then sees the
    # upgraded version below and has nothing left to do.
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = check_not_newer(conn, migrations)
        for step in migrations[found:]:
            step(conn)
        # user_version lives in the file header and is part of the transaction: it rolls back too.
        conn.execute(f"PRAGMA user_version = {len(migrations):d}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found
