"""Thinking against the real Ollama: smollm2:135m cannot think, so whatever the default in Preferences
(off or on) and whatever the chat's choice, its requests carry no `think` (a recording proxy reads
them), the thinking menu stays hidden, and the answer arrives."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest

import harness
from piassist.app import PiAssist
from piassist.core.history.types import MessageState
from stream_proxy import StreamProxy
from tests.conftest import wait_until

ANSWER_SECONDS = 240  # a short answer from smollm2:135m on a busy two-core machine


def capabilities(server: harness.OllamaServer, model: str) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{server.url}/api/show", data=json.dumps({"model": model}).encode(), method="POST"
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        shown: dict[str, Any] = json.loads(answer.read())
    return shown


@pytest.mark.timeout(2 * ANSWER_SECONDS + 120)
def test_no_think_is_sent_to_a_model_that_cannot_think_whatever_the_default(
    ollama: harness.OllamaServer, real_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    shown = capabilities(ollama, harness.DEMO_MODEL)
    assert "thinking" not in shown.get("capabilities", []) and "thinking" not in shown  # as the server says
    with StreamProxy(ollama.host) as proxy:
        app = real_app(proxy.host)
        app.settings.set_current_model(harness.DEMO_MODEL)
        app.settings.set_chat_defaults({"num_predict": 16})  # short answers: the request is what counts
        app.window.show()
        app.start()
        page = app.window.chat_page
        run(wait_until(lambda: page.current_model() == harness.DEMO_MODEL, timeout=30))
        for default in (True, False):
            app.settings.set_think_default(default)
            page.new_chat()
            page.thinking_toggle.choose(default)  # the chat's own choice too
            page.composer.setPlainText("Name a colour.")
            page.send_button.click()
            run(
                wait_until(
                    lambda: len(app.chat.messages) == 2 and not app.chat.generating, timeout=ANSWER_SECONDS
                ),
                timeout=ANSWER_SECONDS + 10,
            )
            reply = app.chat.messages[-1]
            assert reply.state is MessageState.COMPLETE and reply.content.strip()
            body = proxy.chats()[-1].body
            assert body["model"] == harness.DEMO_MODEL and "think" not in body, body
            assert not page.thinking_toggle.isVisible()
        assert len(proxy.chats()) == 2
