"""Thinking on or off per chat (issue 19): the switch beside the model picker shows only for a model that
can think; off sends think=false, on think=true; a model that cannot think is sent no `think` at all; each
chat keeps its own choice, a new chat starts from the default."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from piassist.app import PiAssist
from tests.helpers.fakes import FakeServer, answer
from tests.helpers.waiting import wait_until


def ask(app: PiAssist, run: Callable[..., Any], server: FakeServer, text: str) -> None:
    page = app.window.chat_page
    server.chat_script = answer(["Yes."])
    page.composer.setPlainText(text)
    page.send_button.click()
    run(wait_until(lambda: not app.chat.generating and app.chat.messages[-1].content == "Yes."))


def test_thinking_off_and_on_per_chat(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    thinker = "smollm2:135m"
    server.details[thinker] = replace(server.details[thinker], capabilities=("completion", "thinking"))
    app = make_app()
    app.window.show()
    app.start()
    page = app.window.chat_page
    toggle = page.thinking_toggle
    run(wait_until(lambda: page.model_box.count() == 2))
    page.model_box.select(thinker)
    run(wait_until(toggle.isVisible))
    assert toggle.isChecked()  # on, as before: the default
    toggle.click()
    assert not toggle.isChecked() and not app.chat.thinking.on
    ask(app, run, server, "Quick, please")
    assert server.chat_requests[-1].think is False  # sent, as false: the model does not think
    first = app.chat.conversation
    assert first is not None

    page.new_chat()  # a new chat starts from the default
    run(wait_until(toggle.isChecked))
    ask(app, run, server, "Take your time")
    assert server.chat_requests[-1].think is True

    app.chat.open_conversation(first.id)  # the first chat kept its own choice
    run(wait_until(lambda: app.chat.conversation is not None and app.chat.conversation.id == first.id))
    assert not toggle.isChecked()


def test_a_model_that_cannot_think_is_sent_no_think_and_shows_no_switch(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    app = make_app()
    app.window.show()
    app.start()
    page = app.window.chat_page
    run(wait_until(lambda: page.model_box.count() == 2))
    page.model_box.select("smollm2:135m")
    ask(app, run, server, "Hello")
    assert server.chat_requests[-1].think is None
    assert not page.thinking_toggle.isVisible()
