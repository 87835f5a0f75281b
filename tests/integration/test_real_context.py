"""The context budget against the real Ollama and smollm2: a 30,000-character question is held with the
warning before it is sent, and a conversation longer than the context still gets its answer, the request
the server received holding only the turns that fit (recorded between the app and the real client)."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.chat_types import ChatChunk, ChatMessage, ChatOptions, GenerationStats
from piassist.core.context_budget import Fitted
from piassist.core.history.types import MessageState, Role
from piassist.core.ollama.backend import Backend
from piassist.services.connection import ollama_backend_factory
from piassist.ui.window.menus import PAGE_CHAT
from scripts import harness
from tests.helpers.waiting import answered, wait_until

ANSWER_TOKENS = 16
CONTEXT = 512  # small, so that the machine processes few tokens


class RecordingBackend:
    """The real backend, with every chat request kept as it went to the server."""

    def __init__(self, real: Backend, requests: list[list[ChatMessage]]) -> None:
        self._real, self.requests = real, requests

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def chat(
        self,
        model: str,
        messages: Sequence[ChatMessage],
        options: ChatOptions | None = None,
        think: bool | str | None = None,
    ) -> AsyncGenerator[ChatChunk, None]:
        self.requests.append(list(messages))
        return self._real.chat(model, messages, options, think)


def context_app(
    app_factory: Callable[..., PiAssist], ollama: harness.OllamaServer, run: Callable[..., Any]
) -> tuple[PiAssist, list[list[ChatMessage]]]:
    requests: list[list[ChatMessage]] = []

    async def recording(host_url: str, token: str | None = None) -> Backend:
        return RecordingBackend(await ollama_backend_factory(host_url, token), requests)

    app = app_factory("en", host=ollama.host, backend_factory=recording)
    app.settings.set_current_model(harness.DEMO_MODEL)
    app.settings.set_num_predict(ANSWER_TOKENS)
    app.window.show_page(PAGE_CHAT)
    app.window.show()
    app.start()
    page = app.window.chat_page
    run(wait_until(lambda: page.model_box.count() == 2, timeout=20))
    page.model_box.setCurrentIndex(page.model_box.findData(harness.DEMO_MODEL))
    return app, requests


def test_a_question_of_30000_characters_is_held_with_the_warning_before_it_goes(
    ollama: harness.OllamaServer, app_factory: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot
) -> None:
    app, requests = context_app(app_factory, ollama, run)
    page = app.window.chat_page
    # Choosing the model in the picker read its details (/api/tags on v0.30+, else /api/show): the context
    # is known before anything is sent.
    run(wait_until(lambda: app.chat.model_facts.known(harness.DEMO_MODEL) is not None, timeout=20))
    question = "Tell me about the Raspberry Pi and what it can do in a classroom. " * 455  # 30,030 characters
    page.composer.setFocus()
    page.composer.setPlainText(question)
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    box = page.long.box
    assert box is not None and box.isVisible()
    assert requests == [] and app.chat.messages == []  # held: nothing went to the server
    fit = app.chat.question_fit(question, harness.DEMO_MODEL)
    context = app.chat.context(harness.DEMO_MODEL)  # none chosen: the server's own for the model
    assert not fit.fits and fit.room < context
    assert fit.readable_chars <= len(question) * fit.room // fit.tokens  # what fits of it, no more
    # The room comes from the real server and model: the context Ollama runs smollm2 with (it was trained
    # for 8,192; the server's default is smaller), less the answer's share and the system prompt.
    known = app.chat.model_facts.known(harness.DEMO_MODEL)
    assert known is not None and known.context_length == 8192
    print(
        f"30,030 characters: about {fit.tokens} tokens; room {fit.room} of {context}; "
        f"readable {fit.readable_chars}"
    )
    assert 1000 < fit.room < context <= 8192 and fit.tokens > 1.5 * fit.room


def test_a_chat_longer_than_the_context_still_answers_with_only_the_turns_that_fit(
    ollama: harness.OllamaServer, app_factory: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot
) -> None:
    app, requests = context_app(app_factory, ollama, run)
    app.settings.set_chat_defaults({"num_ctx": CONTEXT})  # a small context: fewer tokens to process
    page = app.window.chat_page
    trimmed: list[Fitted] = []
    app.chat.context_trimmed.connect(trimmed.append)
    finished: list[GenerationStats | None] = []
    app.chat.answer_finished.connect(lambda _i, _s, stats: finished.append(stats))
    # Six questions of about 110 tokens each never fit in 512 together, whatever the answers' lengths; each
    # alone fits with room to spare, so the server is never sent more than its context.
    topics = ("llamas", "mountains", "rivers", "forests", "deserts", "islands")
    for number, topic in enumerate(topics, 1):
        question = f"Question {number}, about {topic}: " + f"Here are some notes about {topic}. " * 14
        page.composer.setPlainText(question)
        qtbot.keyClick(page.composer, Qt.Key.Key_Return)
        run(wait_until(answered(app.chat, finished, number), timeout=300), timeout=310)
        assert app.chat.messages[-1].state is MessageState.COMPLETE
    last = requests[-1]
    sent_questions = [m.content.split(":")[0] for m in last if m.role == "user"]
    assert last[0].role == "system" and sent_questions[-1] == f"Question {len(topics)}, about {topics[-1]}"
    assert "Question 1, about llamas" not in sent_questions  # the oldest went first
    assert len(sent_questions) < len(topics) and trimmed and trimmed[-1].left_out > 0
    assert (
        sent_questions
        == [f"Question {n}, about {t}" for n, t in enumerate(topics, 1)][-len(sent_questions) :]
    )
    assert page.notice.isVisible() and "left out" in page.notice.text.text()
    # The history keeps every turn; the server processed no more than its context.
    assert len([m for m in app.chat.messages if m.role is Role.USER]) == len(topics)
    stats = finished[-1]
    assert stats is not None and stats.eval_count > 0 and stats.prompt_eval_count <= CONTEXT
    print(
        f"sent {len(sent_questions)} of {len(topics)} questions; estimated {trimmed[-1].tokens} of "
        f"{trimmed[-1].room} tokens; the server counted {stats.prompt_eval_count} prompt tokens "
        "(v0.24: those not cached)"
    )
