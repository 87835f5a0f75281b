from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from piassist.core.chat_types import ChatChunk, ChatMessage, ChatOptions
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.history.store import HistoryStore
from piassist.core.history.types import MessageState, Role
from piassist.services import answer_stream
from piassist.services.chat_request import ChatError
from piassist.services.chat_session import ChatService
from piassist.services.connection import ConnectionService
from piassist.services.history_access import AsyncHistory
from piassist.services.settings import SettingsService
from tests.helpers.fakes import FakeServer, answer, details
from tests.helpers.waiting import wait_until

MODEL = "smollm2:135m"


class Recorder:
    def __init__(self, chat: ChatService) -> None:
        self.events: list[tuple[str, Any]] = []
        self.deltas: list[str] = []
        self.failures: list[ChatError] = []
        self.lists: list[list[Any]] = []
        chat.user_message_added.connect(lambda i, t: self.events.append(("user", t)))
        chat.answer_started.connect(lambda i, m: self.events.append(("started", m)))
        chat.answer_delta.connect(lambda i, d: self.deltas.append(d))
        chat.answer_finished.connect(lambda i, s, st: self.events.append(("finished", s)))
        chat.messages_removed.connect(lambda i: self.events.append(("removed", i)))
        chat.failed.connect(self.failures.append)
        chat.conversations_changed.connect(self.lists.append)


@pytest.fixture
def chat_parts(
    run: Callable[..., Any],
    make_connection: Callable[..., ConnectionService],
    settings: SettingsService,
    tmp_path: Path,
) -> Any:
    connection = make_connection()
    history = AsyncHistory(tmp_path / "history.sqlite3")
    chat = ChatService(connection, settings, history)
    chat.set_builtin_system_prompt("Answer in English.")
    run(_connect(connection))
    yield chat, history
    run(chat.aclose())
    run(connection.aclose())


async def _connect(connection: ConnectionService) -> None:
    connection.start()
    await wait_until(lambda: connection.backend is not None)


def stored(history: AsyncHistory, run: Callable[..., Any], conversation_id: int) -> list[Any]:
    return list(run(history.call(HistoryStore.messages, conversation_id)))


def test_a_question_is_saved_then_answered_with_the_servers_figures(
    chat_parts: Any, run: Callable[..., Any], server: FakeServer
) -> None:
    chat, history = chat_parts
    seen = Recorder(chat)
    run(chat.start())
    assert chat.send("What is a Raspberry Pi?", MODEL)
    assert chat.generating
    assert not chat.send("again", MODEL)  # one answer at a time
    run(wait_until(lambda: not chat.generating))
    assert seen.events == [("user", "What is a Raspberry Pi?"), ("started", MODEL), ("finished", "complete")]
    assert "".join(seen.deltas) == "Hello, world!"
    conversation = chat.conversation
    assert conversation is not None and conversation.title == "What is a Raspberry Pi?"
    question, reply = stored(history, run, conversation.id)
    assert (question.role, question.content) == (Role.USER, "What is a Raspberry Pi?")
    assert (reply.role, reply.content, reply.state) == (
        Role.ASSISTANT,
        "Hello, world!",
        MessageState.COMPLETE,
    )
    assert reply.stats is not None and reply.stats["eval_count"] == 4
    request = server.chat_requests[-1]
    assert [(m.role, m.content) for m in request.messages] == [
        ("system", "Answer in English."),
        ("user", "What is a Raspberry Pi?"),
    ]
    # Nothing was chosen: no option goes with the request, so the model's own apply (its Modelfile's,
    # else Ollama's), the server's context and its keep-alive among them.
    assert request.options == ChatOptions() and request.options.to_options() == {}
    assert request.think is None  # the model cannot think
    assert seen.lists[-1][0].id == conversation.id


def test_stop_keeps_the_partial_answer(chat_parts: Any, run: Callable[..., Any], server: FakeServer) -> None:
    chat, history = chat_parts
    seen = Recorder(chat)
    server.hold_after = 2
    chat.send("Tell me a long story", MODEL)
    run(wait_until(lambda: len(seen.deltas) == 2))
    chat.stop()
    run(wait_until(lambda: not chat.generating))
    assert seen.events[-1] == ("finished", "stopped")
    reply = stored(history, run, chat.conversation.id)[-1]
    assert (reply.content, reply.state) == ("Hello, ", MessageState.STOPPED)
    assert server.chats_stopped == 1


def test_a_broken_connection_keeps_the_partial_answer_marked_interrupted(
    chat_parts: Any, run: Callable[..., Any], server: FakeServer
) -> None:
    chat, history = chat_parts
    seen = Recorder(chat)
    server.chat_error = BackendError(ErrorKind.INTERRUPTED, "incomplete chunked read")
    server.chat_error_after = 3
    chat.send("Hi", MODEL)
    run(wait_until(lambda: not chat.generating))
    assert seen.events[-1] == ("finished", "interrupted")
    assert seen.failures[0].error.kind is ErrorKind.INTERRUPTED and seen.failures[0].model == MODEL
    reply = stored(history, run, chat.conversation.id)[-1]
    assert (reply.content, reply.state, reply.error) == (
        "Hello, world",
        MessageState.INTERRUPTED,
        "incomplete chunked read",
    )
    # After the server is back, regenerate answers the same question again.
    server.chat_error = None
    assert chat.regenerate(MODEL)
    run(wait_until(lambda: not chat.generating))
    messages = stored(history, run, chat.conversation.id)
    assert [(m.role, m.state) for m in messages] == [
        (Role.USER, MessageState.COMPLETE),
        (Role.ASSISTANT, MessageState.COMPLETE),
    ]
    assert [m.content for m in server.chat_requests[-1].messages if m.role == "user"] == ["Hi"]


def test_a_missing_model_is_reported(chat_parts: Any, run: Callable[..., Any]) -> None:
    chat, _ = chat_parts
    seen = Recorder(chat)
    chat.send("Hi", "llama3.1:70b")
    run(wait_until(lambda: not chat.generating))
    assert seen.failures[0].error.kind is ErrorKind.MODEL_NOT_FOUND
    assert seen.events[-1] == ("finished", "error")


def test_edit_the_last_question(chat_parts: Any, run: Callable[..., Any], server: FakeServer) -> None:
    chat, history = chat_parts
    seen = Recorder(chat)
    chat.send("First question", MODEL)
    run(wait_until(lambda: not chat.generating))
    chat.send("Secnd question", MODEL)
    run(wait_until(lambda: not chat.generating))
    first_ids = [m.id for m in chat.messages]
    assert chat.edit_last_question("Second question", MODEL)
    run(wait_until(lambda: not chat.generating))
    assert ("removed", first_ids[2]) in seen.events
    contents = [m.content for m in stored(history, run, chat.conversation.id)]
    assert contents == ["First question", "Hello, world!", "Second question", "Hello, world!"]
    assert [m.content for m in server.chat_requests[-1].messages][-1] == "Second question"


def test_the_answer_is_saved_while_it_streams(
    chat_parts: Any, run: Callable[..., Any], server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat, history = chat_parts
    monkeypatch.setattr(answer_stream, "SAVE_EVERY", 0.0)
    seen = Recorder(chat)
    server.hold_after = 3
    chat.send("Hi", MODEL)
    run(wait_until(lambda: len(seen.deltas) == 3))

    def last_on_disk() -> Any:  # read by a second connection, as after a crash
        with HistoryStore.open(history.path) as store:
            return store.messages(chat.conversation.id)[-1]

    run(wait_until(lambda: last_on_disk().content == "Hello, world"))
    assert last_on_disk().state is MessageState.STREAMING
    server.release_chat()
    run(wait_until(lambda: not chat.generating))


def test_thinking_models_think_and_their_thoughts_are_kept(
    chat_parts: Any, run: Callable[..., Any], server: FakeServer
) -> None:
    chat, history = chat_parts
    server.details[MODEL] = details(MODEL, "completion", "thinking")
    server.chat_script = answer(["42"], thinking=["Let me ", "count."])
    thoughts: list[str] = []
    chat.thinking_delta.connect(lambda i, t: thoughts.append(t))
    chat.send("Answer?", MODEL)
    run(wait_until(lambda: not chat.generating))
    assert server.chat_requests[-1].think is True
    assert "".join(thoughts) == "Let me count."
    reply = stored(history, run, chat.conversation.id)[-1]
    assert (reply.content, reply.thinking) == ("42", "Let me count.")
    assert reply.stats["eval_count"] == 3 and reply.stats[answer_stream.THINKING_SECONDS] >= 0


def test_the_thinking_clock_runs_from_the_first_thought_to_the_first_word() -> None:
    ticks = iter([10.0, 13.5, 99.0])
    clock = answer_stream.ThinkingClock(now=lambda: next(ticks))
    clock.saw(ChatChunk(content="no thoughts yet"))
    assert clock.seconds() is None
    clock.saw(ChatChunk(thinking="hmm"))  # 10.0
    clock.saw(ChatChunk(thinking="more"))
    clock.saw(ChatChunk(content="Answer"))  # 13.5
    clock.saw(ChatChunk(content="more", done=True))
    assert clock.seconds() == 3.5
    later = iter([5.0, 7.25])
    stopped = answer_stream.ThinkingClock(now=lambda: next(later))
    stopped.saw(ChatChunk(thinking="hmm"))  # 5.0; then stopped while still thinking
    assert stopped.seconds() == 2.25  # up to the moment it was read


def test_start_marks_answers_cut_short_by_a_crash(
    run: Callable[..., Any],
    make_connection: Callable[..., ConnectionService],
    settings: SettingsService,
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore.open(path) as store:
        conversation = store.create_conversation("old", MODEL)
        store.add_message(conversation.id, Role.USER, "question")
        answer_id = store.add_message(
            conversation.id, Role.ASSISTANT, "half an ans", state=MessageState.STREAMING
        )
    history = AsyncHistory(path)
    chat = ChatService(make_connection(), settings, history)
    seen = Recorder(chat)
    assert run(chat.start()) == 1
    run(chat.open_conversation(conversation.id))
    reply = next(m for m in chat.messages if m.id == answer_id)
    assert (reply.content, reply.state) == ("half an ans", MessageState.INTERRUPTED)
    assert [c.title for c in seen.lists[-1]] == ["old"]
    run(chat.aclose())


def test_conversations_search_rename_delete_export(
    chat_parts: Any, run: Callable[..., Any], server: FakeServer
) -> None:
    chat, _ = chat_parts
    seen = Recorder(chat)
    run(chat.start())
    server.chat_script = [ChatChunk(content="Llamas live in the Andes."), *answer([])[-1:]]
    chat.send("Where do llamas live?", MODEL)
    run(wait_until(lambda: not chat.generating))
    llama = chat.conversation
    chat.new_conversation()
    server.chat_script = answer(["print(1)"])
    chat.send("Python please", MODEL)
    run(wait_until(lambda: not chat.generating))
    assert [c.title for c in seen.lists[-1]] == ["Python please", "Where do llamas live?"]
    chat.search("Andes")
    run(wait_until(lambda: [c.title for c in seen.lists[-1]] == ["Where do llamas live?"]))
    run(chat.rename(llama.id, "Llamas"))
    assert [c.title for c in seen.lists[-1]] == ["Llamas"]
    assert "Llamas live in the Andes." in run(chat.exports.text(llama.id, "markdown"))
    assert '"Where do llamas live?"' in run(chat.exports.text(llama.id, "json"))
    chat.search("")
    run(chat.delete(llama.id))
    assert [c.title for c in seen.lists[-1]] == ["Python please"]


def test_the_settings_prompt_in_the_interface_language_replaces_piassists_own(
    chat_parts: Any, run: Callable[..., Any], server: FakeServer, settings: SettingsService
) -> None:
    chat, _history = chat_parts
    settings.set_language("uk")
    settings.set_system_prompt("uk", "  Відповідай українською.  ")
    settings.set_system_prompt("en", "Talk like a pirate.")
    assert chat.default_system_prompt() == "Відповідай українською."
    chat.send("Привіт", MODEL)
    run(wait_until(lambda: not chat.generating))
    assert server.chat_requests[-1].messages[0] == ChatMessage("system", "Відповідай українською.")
    settings.set_system_prompt("uk", "")  # back to PiAssist's own
    assert chat.default_system_prompt() == "Answer in English."


def test_a_new_chats_own_settings_are_kept_when_its_first_question_creates_it(
    chat_parts: Any, run: Callable[..., Any], server: FakeServer
) -> None:
    chat, store = chat_parts
    prompt, options = chat.conversation_settings()
    assert prompt == "Answer in English."
    assert options == {}  # nothing chosen in Preferences: the model's own values
    mine = {"temperature": 0.2, "num_ctx": 4096, "keep_alive": "0", "num_predict": 300}
    run(chat.set_conversation_settings("Be terse.", mine))
    chat.send("Hi", MODEL)
    run(wait_until(lambda: not chat.generating))
    request = server.chat_requests[-1]
    assert request.messages[0] == ChatMessage("system", "Be terse.")
    assert request.options == ChatOptions(temperature=0.2, num_ctx=4096, num_predict=300, keep_alive="0")
    saved = run(store.call(HistoryStore.get_conversation, chat.conversation.id))
    assert (saved.system_prompt, saved.options) == ("Be terse.", mine)
    chat.new_conversation()  # a fresh chat starts from the defaults again
    assert chat.conversation_settings()[0] == "Answer in English."


def test_changing_an_open_conversations_settings_applies_to_its_next_answer(
    chat_parts: Any, run: Callable[..., Any], server: FakeServer, settings: SettingsService
) -> None:
    chat, _store = chat_parts
    chat.send("Hi", MODEL)
    run(wait_until(lambda: not chat.generating))
    cid = chat.conversation.id
    settings.set_chat_defaults({"temperature": 1.5})  # defaults change: the open chat keeps its own
    options = {**chat.conversation_settings()[1], "num_ctx": 1024}
    run(chat.set_conversation_settings("Only yes or no.", options))
    assert chat.regenerate(MODEL)
    run(wait_until(lambda: not chat.generating))
    request = server.chat_requests[-1]
    assert request.messages[0] == ChatMessage("system", "Only yes or no.")
    assert request.options is not None
    assert request.options.to_options() == {"num_ctx": 1024}  # no temperature: it chose none
    run(chat.open_conversation(cid))  # read back from the file
    assert chat.conversation_settings()[0] == "Only yes or no."


def test_unreadable_stored_options_are_not_sent(
    chat_parts: Any, run: Callable[..., Any], server: FakeServer
) -> None:
    chat, _store = chat_parts
    stored = {"temperature": "hot", "num_ctx": None, "num_predict": "-3", "keep_alive": True, "seed": 4}
    run(chat.set_conversation_settings("", {**stored, "temperature": "hot"}))
    chat.send("Hi", MODEL)
    run(wait_until(lambda: not chat.generating))
    options = server.chat_requests[-1].options
    assert options == ChatOptions()  # as if not chosen: the model's own apply
    assert server.chat_requests[-1].messages[0].role == "user"  # an empty prompt sends none


def test_the_server_is_not_polled_while_an_answer_streams(
    chat_parts: Any, run: Callable[..., Any], server: FakeServer
) -> None:
    chat, _history = chat_parts
    connection = chat._connection
    server.hold_after = 2  # the answer stays open until released
    chat.send("Tell me a long story", MODEL)
    run(wait_until(lambda: server.chats_finished == 0 and len(server.chat_requests) == 1))
    assert connection.polls_held
    calls_before = len(server.calls)

    async def several_poll_intervals() -> None:
        await asyncio.sleep(0.5)  # ten of the fixture's 0.05 s poll intervals: an absence takes time

    run(several_poll_intervals())
    assert server.calls[calls_before:].count("version") == 0
    server.release_chat()
    run(wait_until(lambda: not chat.generating))
    assert not connection.polls_held
    polled_from = len(server.calls)
    run(wait_until(lambda: "version" in server.calls[polled_from:]))  # polling goes on after the answer
