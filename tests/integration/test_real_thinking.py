"""Thinking against the real Ollama: smollm2:135m cannot think, so whatever the default in Preferences
(off or on) and whatever the chat's choice, its requests carry no `think` (a recording proxy reads
them), the thinking menu stays hidden, and the answer arrives. A model made from it with a template that
has a place for reasoning is one the server says can think: the menu shows Off / On, and each is sent."""

from __future__ import annotations

import json
import subprocess
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from piassist.app import PiAssist
from piassist.core.history.types import MessageState
from scripts import harness
from scripts.stream_proxy import StreamProxy
from tests.helpers.waiting import wait_until

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


THINKER = "piassist-thinker:latest"
# SmolLM2's own turns, with the reasoning of earlier answers between <think> tags: from such a template
# Ollama (v0.24 and v0.34 alike) infers the tags and reports the model as able to think.
THINKING_TEMPLATE = (
    "{{- range .Messages }}<|im_start|>{{ .Role }}\n"
    "{{ if .Thinking }}<think>{{ .Thinking }}</think>{{ end }}{{ .Content }}<|im_end|>\n"
    "{{ end }}<|im_start|>assistant\n"
)


def create_thinker(server: harness.OllamaServer, folder: Path) -> None:
    modelfile = folder / "Modelfile"
    modelfile.write_text(
        f'FROM {harness.DEMO_MODEL}\nTEMPLATE """{THINKING_TEMPLATE}"""\nPARAMETER num_predict 16\n',
        encoding="utf-8",
    )
    subprocess.run(
        [str(server.binary), "create", THINKER, "-f", str(modelfile)],
        env=server.client_env(),
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.mark.timeout(2 * ANSWER_SECONDS + 180)
def test_a_model_that_can_think_is_sent_off_and_on_as_the_menu_says(
    own_ollama: harness.OllamaServer,
    real_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    tmp_path: Path,
) -> None:
    create_thinker(own_ollama, tmp_path)
    shown = capabilities(own_ollama, THINKER)
    assert "thinking" in shown.get("capabilities", [])
    with StreamProxy(own_ollama.host) as proxy:
        app = real_app(proxy.host)
        app.settings.set_current_model(THINKER)
        app.window.show()
        app.start()
        page = app.window.chat_page
        toggle = page.thinking_toggle
        run(wait_until(lambda: page.current_model() == THINKER and toggle.isVisible(), timeout=60))
        # The server names no values for a template of its own: Off and On (a v0.34 server would list
        # them under "thinking" for a model whose renderer it knows).
        assert [action.data() for action in toggle.actions_] == [False, True]
        assert toggle.current() is True  # the default
        for choice in (False, True):
            page.new_chat()
            toggle.choose(choice)
            page.composer.setPlainText("Name a colour.")
            page.send_button.click()
            run(
                wait_until(
                    lambda: len(app.chat.messages) == 2 and not app.chat.generating, timeout=ANSWER_SECONDS
                ),
                timeout=ANSWER_SECONDS + 10,
            )
            reply = app.chat.messages[-1]
            assert reply.state is MessageState.COMPLETE, reply
            assert proxy.chats()[-1].body["think"] is choice
