"""The history file itself: schema versions and upgrades, files we must not touch, and a real crash."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from piassist.core.history.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    HistoryError,
    Migration,
    SchemaTooNewError,
    migrate,
    user_version,
)
from piassist.core.history.store import HistoryStore
from piassist.core.history.types import MessageState, Role

ROOT = Path(__file__).resolve().parents[2]


def raw(path: Path) -> closing[sqlite3.Connection]:
    return closing(sqlite3.connect(path, isolation_level=None))


def names(conn: sqlite3.Connection, kind: str) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = ?", (kind,))}


def make_version_0(path: Path, how: str) -> None:
    if how == "empty file":
        path.write_bytes(b"")
    elif how == "empty database":  # a real SQLite file with no tables, user_version 0
        with raw(path) as conn:
            conn.execute("CREATE TABLE scratch (x)")
            conn.execute("DROP TABLE scratch")
        assert path.stat().st_size > 0


@pytest.mark.parametrize("how", ["no file", "empty file", "empty database"])
def test_version_0_is_upgraded_to_the_current_schema(tmp_path: Path, how: str) -> None:
    path = tmp_path / "history.db"
    make_version_0(path, how)
    with HistoryStore.open(path) as store:
        conversation = store.create_conversation("t", "m")
        store.add_message(conversation.id, Role.USER, "works")
        assert store.schema_version == SCHEMA_VERSION == 3
    with raw(path) as conn:
        assert user_version(conn) == 3
        assert {"conversations", "messages", "messages_fts", "conversations_fts"} <= names(conn, "table")
        assert {"messages_fts_insert", "messages_fts_update", "messages_fts_delete"} <= names(conn, "trigger")
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    with HistoryStore.open(path) as store:
        conversation = store.create_conversation("kept", "m", options={"a": 1})
        message = store.add_message(conversation.id, Role.USER, "still here")
        saved = store.get_conversation(conversation.id)
    with HistoryStore.open(path) as store:
        assert store.get_conversation(conversation.id) == saved
        assert store.get_message(message).content == "still here"
        assert [hit.message_id for hit in store.search("still")] == [message]


def test_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    with raw(path) as conn:
        conn.execute("CREATE TABLE conversations_v7 (id INTEGER PRIMARY KEY, title TEXT)")
        conn.execute("INSERT INTO conversations_v7 (title) VALUES ('from the future')")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 6}")
    before = path.read_bytes()

    with pytest.raises(SchemaTooNewError, match="newer PiAssist") as caught:
        HistoryStore.open(path)

    assert (caught.value.found, caught.value.supported) == (SCHEMA_VERSION + 6, SCHEMA_VERSION)
    assert isinstance(caught.value, HistoryError)
    assert path.read_bytes() == before  # not even the journal mode changed
    with raw(path) as conn:
        assert conn.execute("SELECT title FROM conversations_v7").fetchall() == [("from the future",)]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    path.write_bytes(b"these are somebody's notes, not SQLite\n" * 200)
    before = path.read_bytes()
    with pytest.raises(HistoryError, match="cannot open"):
        HistoryStore.open(path)
    assert path.read_bytes() == before


def logging_step(number: int) -> Migration:
    def step(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE IF NOT EXISTS steps (number INTEGER)")
        conn.execute("INSERT INTO steps VALUES (?)", (number,))

    return step


def test_migrate_runs_the_missing_steps_in_order(tmp_path: Path) -> None:
    steps = [logging_step(1), logging_step(2), logging_step(3), logging_step(4)]
    with raw(tmp_path / "h.db") as conn:
        assert migrate(conn, steps[:2]) == 0
        assert migrate(conn, steps) == 2
        assert [row[0] for row in conn.execute("SELECT number FROM steps")] == [1, 2, 3, 4]
        assert user_version(conn) == 4
        assert migrate(conn, steps) == 4  # nothing left to do
        assert conn.execute("SELECT count(*) FROM steps").fetchone()[0] == 4


def test_a_failing_step_rolls_the_whole_upgrade_back(tmp_path: Path) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO steps VALUES (99)")
        raise RuntimeError("step 3 failed")

    with raw(tmp_path / "h.db") as conn:
        migrate(conn, [logging_step(1)])
        with pytest.raises(RuntimeError, match="step 3 failed"):
            migrate(conn, [logging_step(1), logging_step(2), broken])
        assert user_version(conn) == 1
        assert [row[0] for row in conn.execute("SELECT number FROM steps")] == [1]
        assert not conn.in_transaction


def test_the_real_schema_upgrades_with_its_data(tmp_path: Path) -> None:
    # What a next version would do: add a column to a file that already holds a conversation.
    path = tmp_path / "history.db"
    with HistoryStore.open(path) as store:
        conversation = store.create_conversation("before the upgrade", "m")
        store.add_message(conversation.id, Role.USER, "old words")

    def add_pinned(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0")

    with raw(path) as conn:
        assert migrate(conn, [*MIGRATIONS, add_pinned]) == SCHEMA_VERSION
        assert user_version(conn) == SCHEMA_VERSION + 1
        assert conn.execute("SELECT title, pinned FROM conversations").fetchall() == [
            ("before the upgrade", 0)
        ]
        assert conn.execute("SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'old'").fetchall() == [
            (1,)
        ]
    with pytest.raises(SchemaTooNewError):  # and this version now refuses the upgraded file
        HistoryStore.open(path)


def test_version_2_takes_out_the_options_piassist_chose_on_its_own(tmp_path: Path) -> None:
    """A file from before chosen options: each conversation had a copy of PiAssist's defaults then
    (temperature 0.7, context 2048, 10 minutes, no limit) and of what the person set in Preferences. A
    value equal to PiAssist's old one goes (the model's own applies now); anything else stays."""
    path = tmp_path / "history.db"
    with raw(path) as conn:
        migrate(conn, MIGRATIONS[:1])
        old = {"temperature": 0.7, "num_ctx": 2048, "keep_alive": "10m", "num_predict": 0}
        chosen = {"temperature": 0.2, "num_ctx": 8192, "keep_alive": "-1m", "num_predict": 300}
        mixed = {**old, "num_ctx": 4096, "top_k": 5}
        for title, options in (("old", old), ("chosen", chosen), ("mixed", mixed), ("empty", {})):
            conn.execute(
                "INSERT INTO conversations (title, model, options, created_at, updated_at)"
                " VALUES (?, 'm', ?, '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')",
                (title, json.dumps(options)),
            )
    with HistoryStore.open(path) as store:
        found = {c.title: c for c in store.list_conversations()}
    assert found["old"].options == {}
    assert found["chosen"].options == chosen
    assert found["mixed"].options == {"num_ctx": 4096, "top_k": 5}
    assert found["empty"].options == {}
    assert {c.updated_at.year for c in found.values()} == {2026}  # no conversation counts as changed


def test_version_3_keeps_each_chats_thinking_choice(tmp_path: Path) -> None:
    """A version 2 file gains an empty `think` column (the chats follow the default); a choice written
    then reads back as itself, without moving the chat in the list."""
    path = tmp_path / "history.db"
    with raw(path) as conn:
        migrate(conn, MIGRATIONS[:2])
        conn.execute(
            "INSERT INTO conversations (title, model, created_at, updated_at)"
            " VALUES ('old', 'm', '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')"
        )
    with HistoryStore.open(path) as store:
        (old,) = store.list_conversations()
        assert old.think is None
        newer = store.create_conversation("newer", "m")
        for value in (False, "low", True, None):
            store.set_conversation_think(old.id, value)
            assert store.get_conversation(old.id).think == value
            assert type(store.get_conversation(old.id).think) is type(value)
        store.set_conversation_think(old.id, "high")
        assert [c.id for c in store.list_conversations()] == [newer.id, old.id]
    with HistoryStore.open(path) as store:  # and after a restart
        assert store.get_conversation(old.id).think == "high"
    with raw(path) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE conversations SET think = 'not json' WHERE id = ?", (old.id,))


@pytest.mark.parametrize(
    ("column", "value"),
    [("role", "robot"), ("state", "thinking"), ("stats", "{not json"), ("conversation_id", 404)],
)
def test_the_schema_itself_refuses_bad_rows(tmp_path: Path, column: str, value: object) -> None:
    path = tmp_path / "history.db"
    HistoryStore.open(path).close()
    row = {"conversation_id": 1, "role": "user", "content": "", "state": "complete", "stats": None}
    row[column] = value
    with raw(path) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(
            "INSERT INTO conversations (title, model, created_at, updated_at) VALUES ('t', 'm', '', '')"
        )
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "INSERT INTO messages (conversation_id, role, content, state, stats, created_at, updated_at)"
                " VALUES (:conversation_id, :role, :content, :state, :stats, '', '')",
                row,
            )


CRASH_SCRIPT = """
import json, os, signal, sys
from pathlib import Path
from piassist.core.history.store import HistoryStore
from piassist.core.history.types import MessageState, Role

store = HistoryStore.open(Path(sys.argv[1]))
conversation = store.create_conversation("Crash", "demo")
question = store.add_message(conversation.id, Role.USER, "Що таке WAL?")
answer = store.add_message(conversation.id, Role.ASSISTANT, "", model="demo", state=MessageState.STREAMING)
store.update_streaming(answer, "WAL — це журнал, у який", thinking="Think first.")
print(json.dumps([conversation.id, question, answer]), flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # no close(), no checkpoint, no atexit: as if the power cable went
"""


def test_an_answer_cut_off_by_a_kill_is_found_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    child = subprocess.run(
        [sys.executable, "-c", CRASH_SCRIPT, str(path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    conversation_id, question, answer = json.loads(child.stdout)
    assert (tmp_path / "history.db-wal").stat().st_size > 0  # the data lives only in the WAL: no clean close

    with HistoryStore.open(path) as store:
        assert store.search("журнал") == []  # still 'streaming', so not indexed yet
        assert store.mark_interrupted() == 1
        messages = store.messages(conversation_id)
        assert [m.id for m in messages] == [question, answer]
        assert (messages[0].content, messages[0].state) == ("Що таке WAL?", MessageState.COMPLETE)
        cut = messages[1]
        assert (cut.content, cut.thinking, cut.model) == ("WAL — це журнал, у який", "Think first.", "demo")
        assert cut.state is MessageState.INTERRUPTED
        assert [hit.message_id for hit in store.search("журнал")] == [answer]
        assert store.mark_interrupted() == 0
