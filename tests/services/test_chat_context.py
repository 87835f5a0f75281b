"""The chat keeps each request within the model's context (fake server): the oldest turns are left out
and the chat says so, an attached text is cut to the room left, a question's fit is known before it is
sent, and when the server still answers "too long" (HTTP 400) the chat can ask again tighter."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from piassist.core.chat_types import ChatChunk, GenerationStats
from piassist.core.context_budget import CUT_MARK, Fitted
from piassist.core.errors import ErrorKind
from piassist.core.history.store import HistoryStore
from piassist.core.history.types import MessageState, Role
from piassist.core.models import LoadedModel, ModelInfo
from piassist.services.chat_request import ATTACHED_AT, ChatError
from piassist.services.chat_session import ChatService
from piassist.services.connection import ConnectionService
from piassist.services.history_access import AsyncHistory
from piassist.services.settings import SettingsService
from tests.helpers.fakes import FakeServer, details, model
from tests.helpers.waiting import wait_until

MODEL = "smollm2:135m"
SYSTEM = "Answer in English."  # the conversation's system prompt
ROOM = 1536  # the num_ctx chosen in these tests' settings (2048) less a quarter for the answer


@pytest.fixture
def make_chat(
    run: Callable[..., Any],
    make_connection: Callable[..., ConnectionService],
    settings: SettingsService,
    tmp_path: Path,
) -> Any:
    made: list[tuple[ChatService, ConnectionService]] = []
    settings.set_chat_defaults({"num_ctx": 2048})  # chosen in Preferences (a test may take it back)

    def make(**options: Any) -> ChatService:
        connection = make_connection()
        chat = ChatService(connection, settings, AsyncHistory(tmp_path / f"h{len(made)}.sqlite3"), **options)
        chat.set_builtin_system_prompt(SYSTEM)
        made.append((chat, connection))
        connection.start()
        run(wait_until(lambda: connection.backend is not None))
        run(chat.start())
        return chat

    yield make
    for chat, connection in made:
        run(chat.aclose())
        run(connection.aclose())


def ask(chat: ChatService, run: Callable[..., Any], text: str, attachment: str = "") -> None:
    assert chat.send(text, MODEL, attachment)
    run(wait_until(lambda: not chat.generating))


def test_a_long_chat_sends_only_the_newest_turns_that_fit_and_says_so(
    make_chat: Callable[..., ChatService], run: Callable[..., Any], server: FakeServer
) -> None:
    chat = make_chat()
    trimmed: list[Fitted] = []
    chat.context_trimmed.connect(trimmed.append)
    questions = ["a" * 2000, "b" * 2000, "c" * 2000]  # 500 tokens each by the estimate
    for question in questions:
        ask(chat, run, question)
    first, second, third = (r.messages for r in server.chat_requests)
    assert [m.content for m in first] == [SYSTEM, questions[0]]
    assert len(second) == 4  # the second still fits whole
    # The third does not: the first question and its answer are left out, the system prompt stays.
    assert [m.role for m in third] == ["system", "user", "assistant", "user"]
    assert [m.content for m in third] == [SYSTEM, questions[1], "Hello, world!", questions[2]]
    assert len(trimmed) == 1 and trimmed[0].left_out == 2 and trimmed[0].tokens <= ROOM
    assert [m.content for m in chat.messages if m.role is Role.USER] == questions  # nothing lost
    assert all(m.state is MessageState.COMPLETE for m in chat.messages)


def test_an_attached_text_is_kept_whole_and_sent_in_the_part_that_fits(
    make_chat: Callable[..., ChatService], run: Callable[..., Any], server: FakeServer
) -> None:
    chat = make_chat()
    trimmed: list[Fitted] = []
    chat.context_trimmed.connect(trimmed.append)
    log = "".join(f"line {i:05d}: all is well\n" for i in range(2000))  # 48,000 characters
    ask(chat, run, "What went wrong?", log)
    question = chat.messages[0]
    assert question.content == "What went wrong?\n\n" + log  # the whole text, in the history
    assert question.stats == {ATTACHED_AT: len("What went wrong?\n\n")}
    stored = run(chat.history.call(HistoryStore.get_message, question.id))
    assert stored.content == question.content and stored.stats == question.stats
    sent = server.chat_requests[0].messages[-1].content
    assert sent.startswith("What went wrong?\n\nline 00000") and sent.endswith(CUT_MARK)
    assert len(sent) < len(question.content) // 4
    assert trimmed[0].cut == (len(sent) - len("What went wrong?\n\n") - len(CUT_MARK), len(log))
    # A follow-up: the text is older now and the room is shared; it is cut shorter, not resent whole.
    ask(chat, run, "And the last line?")
    follow_up = server.chat_requests[1].messages
    assert follow_up[-1].content == "And the last line?"
    assert sum(len(m.content) for m in follow_up) < len(sent) + 200
    # An attachment alone, with no words of the person's, is a question too.
    chat.new_conversation()
    ask(chat, run, "", "just this text")
    assert chat.messages[0].content == "just this text" and chat.messages[0].stats == {ATTACHED_AT: 0}


def test_the_fit_of_a_question_is_known_before_it_is_sent(
    make_chat: Callable[..., ChatService], run: Callable[..., Any], server: FakeServer
) -> None:
    chat = make_chat()
    short = chat.question_fit("What is a Raspberry Pi?", MODEL)
    assert short.fits and short.readable_chars == short.chars
    long = chat.question_fit("word " * 6000, MODEL)  # 30,000 characters, 7,500 tokens by the estimate
    assert not long.fits and long.tokens > long.room and long.room < ROOM
    assert 4 * (long.room - 20) < long.readable_chars <= 4 * long.room < long.chars
    assert server.chat_requests == []  # nothing was sent to find out


def test_the_models_own_context_counts_when_the_chat_sets_none(
    make_chat: Callable[..., ChatService],
    run: Callable[..., Any],
    server: FakeServer,
    settings: SettingsService,
) -> None:
    settings.set_chat_defaults({"num_ctx": None})  # not chosen
    listed: list[ModelInfo] = []  # the model library's list
    chat = make_chat(listed_models=lambda: listed)
    assert chat.question_fit("x", MODEL).room + 11 == 4096 * 3 // 4  # Ollama's default, less the answer
    server.details[MODEL] = details(MODEL, context_length=1024)
    chat.prepare(MODEL)  # read ahead of the first question
    run(wait_until(lambda: chat.question_fit("x", MODEL).room + 11 == 768))  # the model's trained length
    loaded = LoadedModel(MODEL, 100_000_000, 0, context_length=2048)  # what /api/ps says it runs with
    listed.append(model(MODEL).with_loaded(loaded))
    assert chat.question_fit("x", MODEL).room + 11 == 1536


def test_the_servers_counts_of_the_answers_calibrate_the_estimate(
    make_chat: Callable[..., ChatService], run: Callable[..., Any], server: FakeServer
) -> None:
    chat = make_chat()
    chat.new_conversation()
    before = chat.question_fit("привіт " * 100, MODEL).tokens
    text = "Привіт! Як справи? " * 10  # 190 characters
    counted = GenerationStats(eval_count=250)  # as smollm2 counts Ukrainian: 1.3 characters a token
    server.chat_script = [ChatChunk(content=text), ChatChunk(done=True, stats=counted)]
    ask(chat, run, "Привіт")
    after = chat.question_fit("привіт " * 100, MODEL).tokens
    assert after > before * 1.5  # this model reads Ukrainian in more tokens than the default says


def test_too_long_for_the_server_is_said_and_asking_again_tighter_answers(
    make_chat: Callable[..., ChatService], run: Callable[..., Any], server: FakeServer
) -> None:
    chat = make_chat()
    failures: list[ChatError] = []
    chat.failed.connect(failures.append)
    ask(chat, run, "a" * 1000)
    ask(chat, run, "b" * 1000)
    server.context_chars = 3000  # the server's context is smaller than the estimate thinks
    ask(chat, run, "c" * 2500)
    assert [f.error.kind for f in failures] == [ErrorKind.CONTEXT_OVERFLOW]
    assert chat.messages[-1].state is MessageState.ERROR and chat.messages[-2].content == "c" * 2500
    assert chat.answer_shorter(MODEL)
    run(wait_until(lambda: not chat.generating))
    retry = server.chat_requests[-1].messages
    assert [m.content for m in retry] == [SYSTEM, "c" * 2500] and len(failures) == 1
    assert chat.messages[-1].state is MessageState.COMPLETE
    assert [m.content for m in chat.messages if m.role is Role.USER] == ["a" * 1000, "b" * 1000, "c" * 2500]


def test_a_question_too_long_on_its_own_is_cut_when_asked_again_after_the_servers_no(
    make_chat: Callable[..., ChatService], run: Callable[..., Any], server: FakeServer
) -> None:
    chat = make_chat()
    server.context_chars = 4000
    ask(chat, run, "q" * 10_000)  # sent anyway: the person chose to
    assert len(server.chat_requests[-1].messages[-1].content) == 10_000
    assert chat.messages[-1].state is MessageState.ERROR
    assert chat.answer_shorter(MODEL)
    run(wait_until(lambda: not chat.generating))
    sent = server.chat_requests[-1].messages[-1].content
    assert sent.endswith(CUT_MARK) and len(sent) < 4000 and chat.messages[-1].state is MessageState.COMPLETE
    assert chat.messages[0].content == "q" * 10_000  # kept whole
    ask(chat, run, "Short one")  # the next question is not cut: it fits
    assert server.chat_requests[-1].messages[-1].content == "Short one"
