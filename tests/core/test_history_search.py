"""Searching the chat history: words in any case, Ukrainian and English, prefixes as the person types,
and any text at all without an error."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from piassist.core.history.store import HistoryStore
from piassist.core.history.types import (
    MATCH_END,
    MATCH_START,
    MessageState,
    Role,
    SearchHit,
    match_expression,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open(tmp_path / "history.db") as opened:
        yield opened


def ids(hits: list[SearchHit]) -> set[int]:
    return {hit.message_id for hit in hits}


def assert_index_matches_table(path: Path) -> None:
    """FTS5's own check, comparing the index against the messages table (valid when nothing streams)."""
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)")
        raw.execute("INSERT INTO conversations_fts (conversations_fts, rank) VALUES ('integrity-check', 1)")


def test_words_match_in_any_case_with_the_match_marked(store: HistoryStore) -> None:
    conversation = store.create_conversation("Python", "m")
    english = store.add_message(conversation.id, Role.USER, "How do I sort a list of tuples in Python?")
    ukrainian = store.add_message(conversation.id, Role.ASSISTANT, "Використайте ЛЯМБДА-функцію як ключ.")
    hits = store.search("PYTHON")
    assert ids(hits) == {english}
    assert (hits[0].conversation_id, hits[0].conversation_title, hits[0].role) == (
        conversation.id,
        "Python",
        Role.USER,
    )
    assert f"{MATCH_START}Python{MATCH_END}" in hits[0].snippet
    hits = store.search("лямбда")
    assert ids(hits) == {ukrainian}
    assert f"{MATCH_START}ЛЯМБДА{MATCH_END}" in hits[0].snippet
    assert ids(store.search("Використайте")) == ids(store.search("використайте")) == {ukrainian}


def test_diacritics_do_not_matter_but_ukrainian_letters_stay_apart(store: HistoryStore) -> None:
    conversation = store.create_conversation("t", "m")
    cafe = store.add_message(conversation.id, Role.USER, "Café crème in Zürich")
    hedgehog = store.add_message(conversation.id, Role.USER, "Їжак їсть яблука")
    assert ids(store.search("cafe creme")) == {cafe}
    assert ids(store.search("ZURICH")) == {cafe}
    assert ids(store.search("ЇЖАК")) == {hedgehog}
    assert ids(store.search("ижак")) == set()  # и is not ї: a different Ukrainian letter, not a diacritic


def test_the_last_word_is_a_prefix_while_typing(store: HistoryStore) -> None:
    conversation = store.create_conversation("t", "m")
    lambda_uk = store.add_message(conversation.id, Role.USER, "Що таке лямбда функції в Python?")
    lambda_en = store.add_message(conversation.id, Role.USER, "lambda expressions")
    assert ids(store.search("лямб")) == {lambda_uk}
    assert ids(store.search("л")) == {lambda_uk}
    assert ids(store.search("lamb")) == {lambda_en}
    assert ids(store.search("лямбда функ")) == {lambda_uk}
    assert ids(store.search("лямб функції")) == set()  # only the last word is a prefix
    assert ids(store.search("lambda python")) == set()  # every word must match


def test_punctuation_inside_a_word_means_the_words_in_a_row(store: HistoryStore) -> None:
    conversation = store.create_conversation("t", "m")
    call = store.add_message(conversation.id, Role.USER, "call sorted(items) here")
    store.add_message(conversation.id, Role.USER, "items were sorted")
    assert ids(store.search("sorted(items)")) == {call}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        '"',
        '"unclosed',
        "(",
        "a)",
        "AND",
        "OR NOT",
        "NOT",
        "*",
        "**",
        "a*b",
        "NEAR(a b)",
        "NEAR(",
        "content:x",
        "nosuchcolumn:x",
        "^start",
        "-",
        "+",
        "'",
        "{a b}",
        "\\",
        "\x00",
        "a\x00b",
        "привіт AND",
        "(лямбда",
        'лямбда"',
        "🙂",
        "\u0301",
        "_",
        "x" * 5000,
    ],
)
def test_any_text_searches_without_error(store: HistoryStore, text: str) -> None:
    conversation = store.create_conversation("t", "m")
    store.add_message(conversation.id, Role.USER, "лямбда and more words")
    assert isinstance(store.search(text), list)
    assert isinstance(store.list_conversations(text), list)


def test_operator_like_text_still_finds_the_words_in_it(store: HistoryStore) -> None:
    conversation = store.create_conversation("t", "m")
    found = store.add_message(conversation.id, Role.USER, "лямбда AND NOT the other")
    assert ids(store.search("(лямбда")) == {found}
    assert ids(store.search('"лямбда"')) == {found}
    assert ids(store.search("AND NOT")) == {found}
    assert store.search("*") == []  # no word in it: nothing to look for


def test_random_text_never_raises(store: HistoryStore) -> None:
    conversation = store.create_conversation("t", "m")
    store.add_message(conversation.id, Role.USER, "a b c лямбда")
    alphabet = [*"\"()*:^-+{}[],.'\\ \t\n\x00_", "AND", "OR", "NOT", "NEAR", "a", "ї", "😀"]
    rng = random.Random(20261123)
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        store.search(text)
        store.list_conversations(text)


def test_match_expression_quotes_each_piece() -> None:
    assert match_expression('say "hi" (now)') == '"say" """hi""" "(now)"*'
    assert match_expression("* ( ) - ") is None
    assert match_expression("") is None


def test_streaming_text_is_searchable_once_it_ends(store: HistoryStore, tmp_path: Path) -> None:
    conversation = store.create_conversation("t", "m")
    answer = store.add_message(conversation.id, Role.ASSISTANT, "", state=MessageState.STREAMING)
    store.update_streaming(answer, "half a thought about kettles")
    assert store.search("kettles") == []  # not indexed while it streams
    store.finish_message(answer, MessageState.STOPPED, content="a thought about teapots")
    assert ids(store.search("teapots")) == {answer}
    assert store.search("kettles") == []
    interrupted = store.add_message(conversation.id, Role.ASSISTANT, "", state=MessageState.STREAMING)
    store.update_streaming(interrupted, "cut off mid sentence")
    store.mark_interrupted()
    assert ids(store.search("sentence")) == {interrupted}
    assert_index_matches_table(tmp_path / "history.db")


def test_edited_and_deleted_messages_leave_the_index(store: HistoryStore, tmp_path: Path) -> None:
    conversation = store.create_conversation("t", "m")
    question = store.add_message(conversation.id, Role.USER, "tell me about owls")
    answer = store.add_message(conversation.id, Role.ASSISTANT, "", state=MessageState.STREAMING)
    store.finish_message(answer, MessageState.COMPLETE, content="owls hunt at night")
    store.finish_message(answer, MessageState.ERROR, error="x", content="bats hunt at night")
    assert ids(store.search("owls")) == {question}
    assert ids(store.search("bats")) == {answer}
    store.delete_messages_after(conversation.id, question)
    assert store.search("bats") == []
    assert store.search("night") == []
    assert_index_matches_table(tmp_path / "history.db")


def test_deleted_conversations_disappear_from_search(store: HistoryStore, tmp_path: Path) -> None:
    doomed = store.create_conversation("Кулінарія", "m")
    kept = store.create_conversation("Other", "m")
    store.add_message(doomed.id, Role.USER, "рецепт вареників")
    kept_message = store.add_message(kept.id, Role.USER, "рецепт борщу")
    store.delete_conversation(doomed.id)
    assert ids(store.search("рецепт")) == {kept_message}
    assert store.search("вареників") == []
    assert store.list_conversations("кулінарія") == []
    assert [c.id for c in store.list_conversations("рецепт")] == [kept.id]
    assert_index_matches_table(tmp_path / "history.db")


def test_list_conversations_matches_titles_and_messages(store: HistoryStore, tmp_path: Path) -> None:
    by_title = store.create_conversation("Подорож до Львова", "m")
    by_message = store.create_conversation("Untitled", "m")
    neither = store.create_conversation("Something else", "m", system_prompt="Львів is only in the prompt")
    store.add_message(by_message.id, Role.ASSISTANT, "Львів — гарне місто")
    store.add_message(neither.id, Role.USER, "nothing here")
    assert [c.id for c in store.list_conversations("ЛЬВ")] == [by_message.id, by_title.id]
    assert [c.id for c in store.list_conversations("подорож")] == [by_title.id]
    store.rename_conversation(by_title.id, "Подорож до Києва")
    assert [c.id for c in store.list_conversations("львова")] == []
    assert [c.id for c in store.list_conversations("києва")] == [by_title.id]
    assert len(store.list_conversations("  ")) == 3  # no word: no filter
    assert_index_matches_table(tmp_path / "history.db")


def test_limit_and_best_match_first(store: HistoryStore) -> None:
    conversation = store.create_conversation("t", "m")
    for i in range(10):
        store.add_message(conversation.id, Role.USER, f"filler text number {i} with one mention of tea")
    best = store.add_message(conversation.id, Role.USER, "tea tea tea")
    hits = store.search("tea", limit=3)
    assert len(hits) == 3
    assert hits[0].message_id == best
    assert store.search("tea", limit=0) == []
