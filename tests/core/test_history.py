"""The chat history store: conversations, messages, time stamps, threads and export."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from piassist.core.history.schema import SCHEMA_VERSION, HistoryError
from piassist.core.history.store import HistoryStore
from piassist.core.history.types import MATCH_END, MATCH_START, MessageState, NotFoundError, Role, SearchHit
from tests.helpers.clocks import Clock

START = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open(
        tmp_path / "history.db", clock=Clock(START.timestamp(), tick=1.0).datetimes
    ) as opened:
        yield opened


def test_open_creates_folders_and_sets_wal_normal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "there" / "history.db"
    with HistoryStore.open(path) as store:
        assert path.is_file()
        conn = store._conn  # the store's own connection: synchronous and foreign_keys are per connection
        assert conn is not None
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_conversation_round_trip_and_defaults(store: HistoryStore) -> None:
    options = {"temperature": 0.2, "num_ctx": 4096, "stop": ["<end>"]}
    made = store.create_conversation("Плани на тиждень", "gemma3:270m", "Be brief.", options)
    assert made == store.get_conversation(made.id)
    assert (made.title, made.model, made.system_prompt, made.options) == (
        "Плани на тиждень",
        "gemma3:270m",
        "Be brief.",
        options,
    )
    assert made.created_at == made.updated_at
    assert made.created_at.tzinfo is UTC
    plain = store.create_conversation("t", "m")
    assert (plain.system_prompt, plain.options) == ("", {})
    assert plain.id != made.id


def test_missing_ids_raise_not_found(store: HistoryStore) -> None:
    conversation = store.create_conversation("t", "m")
    calls: list[Callable[[], object]] = [
        lambda: store.get_conversation(999),
        lambda: store.messages(999),
        lambda: store.rename_conversation(999, "x"),
        lambda: store.set_conversation_settings(999, model="x"),
        lambda: store.delete_conversation(999),
        lambda: store.add_message(999, Role.USER, "hi"),
        lambda: store.get_message(999),
        lambda: store.finish_message(999, MessageState.COMPLETE),
        lambda: store.delete_messages_after(conversation.id, 999),
        lambda: store.export_json(999),
        lambda: store.export_markdown(999),
    ]
    for call in calls:
        with pytest.raises(NotFoundError):
            call()
    assert issubclass(NotFoundError, LookupError)
    assert store.messages(conversation.id) == []


def test_rename_and_settings_change_only_what_is_given(store: HistoryStore) -> None:
    conversation = store.create_conversation("old", "a:1", "prompt", {"seed": 1})
    store.rename_conversation(conversation.id, "new")
    store.set_conversation_settings(conversation.id, model="b:2")
    changed = store.get_conversation(conversation.id)
    assert (changed.title, changed.model, changed.system_prompt, changed.options) == (
        "new",
        "b:2",
        "prompt",
        {"seed": 1},
    )
    store.set_conversation_settings(conversation.id, system_prompt="", options={})
    cleared = store.get_conversation(conversation.id)
    assert (cleared.model, cleared.system_prompt, cleared.options) == ("b:2", "", {})


Change = Callable[[HistoryStore, int, int, int], object]
CHANGES: dict[str, Change] = {
    "rename": lambda s, c, q, a: s.rename_conversation(c, "renamed"),
    "settings": lambda s, c, q, a: s.set_conversation_settings(c, options={"top_k": 5}),
    "add message": lambda s, c, q, a: s.add_message(c, Role.USER, "more"),
    "update streaming": lambda s, c, q, a: s.update_streaming(a, "partial"),
    "finish": lambda s, c, q, a: s.finish_message(a, MessageState.STOPPED),
    "delete after": lambda s, c, q, a: s.delete_messages_after(c, q),
    "mark interrupted": lambda s, c, q, a: s.mark_interrupted(),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_every_change_bumps_updated_at_and_moves_the_conversation_first(
    store: HistoryStore, change: Change
) -> None:
    changed = store.create_conversation("changed", "m")
    question = store.add_message(changed.id, Role.USER, "q")
    answer = store.add_message(changed.id, Role.ASSISTANT, "", state=MessageState.STREAMING)
    other = store.create_conversation("other", "m")
    assert [c.id for c in store.list_conversations()] == [other.id, changed.id]
    before = store.get_conversation(changed.id)

    change(store, changed.id, question, answer)

    after = store.get_conversation(changed.id)
    assert after.updated_at > before.updated_at
    assert after.created_at == before.created_at
    assert [c.id for c in store.list_conversations()] == [changed.id, other.id]
    assert store.get_conversation(other.id).updated_at == other.updated_at


def test_reading_changes_nothing(store: HistoryStore) -> None:
    conversation = store.create_conversation("t", "m")
    store.add_message(conversation.id, Role.USER, "hello")
    before = store.get_conversation(conversation.id)
    store.messages(conversation.id)
    store.list_conversations("hello")
    store.search("hello")
    store.export_json(conversation.id)
    store.export_markdown(conversation.id)
    assert store.get_conversation(conversation.id) == before


def test_order_is_exact_even_when_the_clock_stands_still(tmp_path: Path) -> None:
    # A Pi without a real-time clock, or a coarse clock: every reading the same.
    with HistoryStore.open(tmp_path / "h.db", clock=lambda: START) as store:
        first = store.create_conversation("first", "m")
        second = store.create_conversation("second", "m")
        assert second.updated_at > first.updated_at
        store.add_message(first.id, Role.USER, "bump")
        assert [c.title for c in store.list_conversations()] == ["first", "second"]


def test_a_streamed_answer_from_start_to_finish(store: HistoryStore) -> None:
    conversation = store.create_conversation("t", "m")
    question = store.add_message(conversation.id, Role.USER, "What is 2+2?")
    answer = store.add_message(conversation.id, Role.ASSISTANT, "", model="m", state=MessageState.STREAMING)
    assert store.update_streaming(answer, "It is", thinking="Add them.")
    assert store.update_streaming(answer, "It is 4")  # thinking=None keeps the saved thinking
    streaming = store.get_message(answer)
    assert (streaming.content, streaming.thinking, streaming.state) == (
        "It is 4",
        "Add them.",
        MessageState.STREAMING,
    )

    stats = {"eval_count": 12, "eval_duration": 600_000_000, "done_reason": "stop"}
    store.finish_message(answer, MessageState.COMPLETE, stats, content="It is 4.")
    messages = store.messages(conversation.id)
    assert [m.id for m in messages] == [question, answer]
    done = messages[1]
    assert (done.role, done.model, done.content, done.thinking) == (
        Role.ASSISTANT,
        "m",
        "It is 4.",
        "Add them.",
    )
    assert (done.state, done.stats, done.error) == (MessageState.COMPLETE, stats, None)
    assert done.updated_at > done.created_at
    assert messages[0].state is MessageState.COMPLETE and messages[0].stats is None


def test_late_streaming_text_does_not_overwrite_a_finished_answer(store: HistoryStore) -> None:
    conversation = store.create_conversation("t", "m")
    answer = store.add_message(conversation.id, Role.ASSISTANT, "", state=MessageState.STREAMING)
    store.finish_message(answer, MessageState.STOPPED, content="kept")
    assert store.update_streaming(answer, "late") is False
    assert store.get_message(answer).content == "kept"
    assert store.update_streaming(12345, "nowhere") is False


def test_error_state_keeps_the_error_text(store: HistoryStore) -> None:
    conversation = store.create_conversation("t", "m")
    answer = store.add_message(conversation.id, Role.ASSISTANT, "", state=MessageState.STREAMING)
    store.finish_message(answer, MessageState.ERROR, None, "model 'x' not found")
    failed = store.get_message(answer)
    assert (failed.state, failed.error, failed.stats) == (MessageState.ERROR, "model 'x' not found", None)


def test_bad_arguments_are_refused_and_write_nothing(store: HistoryStore) -> None:
    conversation = store.create_conversation("t", "m")
    with pytest.raises(ValueError):
        store.add_message(conversation.id, "robot", "hi")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.add_message(conversation.id, Role.USER, "hi", state="thinking")  # type: ignore[arg-type]
    answer = store.add_message(conversation.id, Role.ASSISTANT, "", state=MessageState.STREAMING)
    with pytest.raises(ValueError):
        store.finish_message(answer, MessageState.STREAMING)
    with pytest.raises(TypeError):  # options must be JSON
        store.set_conversation_settings(conversation.id, options={"when": datetime.now(UTC)})
    assert [m.id for m in store.messages(conversation.id)] == [answer]
    assert store.get_message(answer).state is MessageState.STREAMING
    assert store.get_conversation(conversation.id).options == {}


def test_delete_messages_after_keeps_that_message_and_other_conversations(store: HistoryStore) -> None:
    conversation = store.create_conversation("t", "m")
    other = store.create_conversation("other", "m")
    first = store.add_message(conversation.id, Role.USER, "q1")
    store.add_message(conversation.id, Role.ASSISTANT, "a1")
    elsewhere = store.add_message(other.id, Role.USER, "not mine")
    question = store.add_message(conversation.id, Role.USER, "q2")
    old_answer = store.add_message(conversation.id, Role.ASSISTANT, "a2")

    assert store.delete_messages_after(conversation.id, question) == 1  # regenerate the last answer
    new_answer = store.add_message(conversation.id, Role.ASSISTANT, "a2 again")
    assert new_answer > old_answer  # ids are never reused
    assert store.delete_messages_after(conversation.id, first) == 3  # edit the first question
    assert [m.content for m in store.messages(conversation.id)] == ["q1"]
    assert [m.id for m in store.messages(other.id)] == [elsewhere]
    with pytest.raises(NotFoundError):  # a message of another conversation deletes nothing
        store.delete_messages_after(other.id, first)
    assert store.delete_messages_after(conversation.id, first) == 0


def test_delete_conversation_takes_its_messages(store: HistoryStore, tmp_path: Path) -> None:
    doomed = store.create_conversation("doomed", "m")
    kept = store.create_conversation("kept", "m")
    store.add_message(doomed.id, Role.USER, "bye")
    store.add_message(kept.id, Role.USER, "stay")
    store.delete_conversation(doomed.id)
    assert [c.id for c in store.list_conversations()] == [kept.id]
    with closing(sqlite3.connect(tmp_path / "history.db")) as raw:  # the table itself, past any API
        contents = [row[0] for row in raw.execute("SELECT content FROM messages")]
    assert contents == ["stay"]
    with pytest.raises(NotFoundError):
        store.delete_conversation(doomed.id)


def test_mark_interrupted_finds_every_streaming_answer_once(store: HistoryStore) -> None:
    one = store.create_conversation("one", "m")
    two = store.create_conversation("two", "m")
    a = store.add_message(one.id, Role.ASSISTANT, "", state=MessageState.STREAMING)
    b = store.add_message(two.id, Role.ASSISTANT, "", state=MessageState.STREAMING)
    done = store.add_message(two.id, Role.ASSISTANT, "fine")
    store.update_streaming(a, "half an answer")
    assert store.mark_interrupted() == 2
    assert store.mark_interrupted() == 0
    assert [store.get_message(i).state for i in (a, b, done)] == [
        MessageState.INTERRUPTED,
        MessageState.INTERRUPTED,
        MessageState.COMPLETE,
    ]
    assert store.get_message(a).content == "half an answer"


def test_text_is_stored_exactly(tmp_path: Path) -> None:
    awkward = "Привіт, Їжак! ґ є і ї — «лапки» 👩‍💻🇺🇦 tab\there\r\nCRLF \x01\x1b[31m\x7f \u2028 \ufeff end  "
    paste = ("рядок коду = 42 # 🙂\n" * 60_000)[:1_000_000]  # a 1 MB paste (in characters)
    path = tmp_path / "h.db"
    with HistoryStore.open(path) as store:
        conversation = store.create_conversation(awkward, awkward, awkward, {"note": awkward})
        big = store.add_message(conversation.id, Role.USER, paste)
        odd = store.add_message(conversation.id, Role.ASSISTANT, awkward, thinking=awkward, model=awkward)
    with HistoryStore.open(path) as store:
        again = store.get_conversation(conversation.id)
        assert (again.title, again.model, again.system_prompt, again.options) == (
            awkward,
            awkward,
            awkward,
            {"note": awkward},
        )
        assert store.get_message(big).content == paste
        assert len(paste) == 1_000_000
        message = store.get_message(odd)
        assert (message.content, message.thinking, message.model) == (awkward, awkward, awkward)
        assert json.loads(store.export_json(conversation.id))["messages"][0]["content"] == paste


def test_usable_from_a_worker_thread_as_the_app_does(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.db")  # opened here, used only on the executor's thread
    with ThreadPoolExecutor(max_workers=1) as executor:
        conversation = executor.submit(store.create_conversation, "t", "m").result()
        executor.submit(store.add_message, conversation.id, Role.USER, "from a thread").result()
        executor.submit(store.close).result()
    with HistoryStore.open(tmp_path / "h.db") as reopened:
        assert [m.content for m in reopened.messages(conversation.id)] == ["from a thread"]


def test_calls_from_many_threads_at_once_are_kept_apart(store: HistoryStore) -> None:
    conversation = store.create_conversation("t", "m")

    def add_many(worker: int) -> list[int]:
        return [store.add_message(conversation.id, Role.USER, f"{worker}-{i}") for i in range(40)]

    with ThreadPoolExecutor(max_workers=4) as executor:
        ids = [i for batch in executor.map(add_many, range(4)) for i in batch]
    stored = store.messages(conversation.id)
    assert sorted(ids) == [m.id for m in stored]
    assert len(set(ids)) == 160
    assert {m.content for m in stored} == {f"{w}-{i}" for w in range(4) for i in range(40)}


def test_a_closed_store_says_so(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.db")
    store.close()
    store.close()  # twice is fine: shutdown may run it from more than one path
    with pytest.raises(HistoryError, match="closed"):
        store.list_conversations()


def test_export_json_round_trips_with_stats(store: HistoryStore) -> None:
    conversation = store.create_conversation("Експорт", "m", "system text", {"temperature": 0.7})
    store.add_message(conversation.id, Role.SYSTEM, "be nice")
    store.add_message(conversation.id, Role.USER, "питання")
    answer = store.add_message(conversation.id, Role.ASSISTANT, "", model="m", state=MessageState.STREAMING)
    stats = {"eval_count": 3, "eval_duration": 1.5e8, "prompt_eval_count": 7}
    store.finish_message(answer, MessageState.COMPLETE, stats, content="відповідь", thinking="hmm")
    saved = store.get_conversation(conversation.id)

    text = store.export_json(conversation.id)
    document = json.loads(text)
    assert "питання" in text  # readable, not \u-escaped
    assert document["format"] == "piassist-conversation" and document["schema_version"] == SCHEMA_VERSION
    assert {k: document[k] for k in ("id", "title", "model", "system_prompt", "options")} == {
        "id": conversation.id,
        "title": "Експорт",
        "model": "m",
        "system_prompt": "system text",
        "options": {"temperature": 0.7},
    }
    assert datetime.fromisoformat(document["updated_at"]) == saved.updated_at
    assert [(m["role"], m["content"]) for m in document["messages"]] == [
        ("system", "be nice"),
        ("user", "питання"),
        ("assistant", "відповідь"),
    ]
    last = document["messages"][-1]
    assert (last["stats"], last["thinking"], last["state"], last["error"]) == (stats, "hmm", "complete", None)


def test_export_markdown(store: HistoryStore) -> None:
    conversation = store.create_conversation("Рецепт борщу", "smollm2", "Answer in Ukrainian.\n\nBriefly.")
    store.add_message(conversation.id, Role.USER, "Як зварити борщ?")
    answer = store.add_message(
        conversation.id, Role.ASSISTANT, "", model="smollm2", state=MessageState.STREAMING
    )
    store.finish_message(answer, MessageState.ERROR, error="connection lost", content="- буряк\n- капуста")
    text = store.export_markdown(conversation.id)
    assert text.startswith("# Рецепт борщу\n")
    assert "> Answer in Ukrainian.\n>\n> Briefly." in text
    assert "## You\n\nЯк зварити борщ?\n" in text
    assert "## Assistant · `smollm2`\n\n- буряк\n- капуста\n\n*(error: connection lost)*" in text
    translated = store.export_markdown(conversation.id, labels={"user": "Ви", "error": "помилка"})
    assert "## Ви\n" in translated and "*(помилка: connection lost)*" in translated


def test_search_hit_parts_split_the_marked_snippet() -> None:
    hit = SearchHit(1, 2, "t", Role.USER, f"…a {MATCH_START}cat{MATCH_END} and {MATCH_START}dog{MATCH_END}")
    assert hit.parts() == [("…a ", False), ("cat", True), (" and ", False), ("dog", True)]
    assert SearchHit(1, 2, "t", Role.USER, "plain").parts() == [("plain", False)]
