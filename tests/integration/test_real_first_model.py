"""The first model chosen on the real Ollama with a base model (gemma3:270m, first by name) and an instruct
model (smollm2:135m) installed: the instruct one, from what the server reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from piassist.app import PiAssist
from piassist.core.model_choice import ModelKind
from piassist.core.ollama.client import OllamaBackend
from piassist.services.first_model import choose_first_model
from scripts import harness
from tests.helpers.waiting import wait_until


def test_the_server_facts_alone_rank_the_instruct_model_first(
    ollama: harness.OllamaServer, run: Callable[..., Any]
) -> None:
    async def go() -> tuple[str, ModelKind] | None:
        backend = OllamaBackend(ollama.url)
        try:
            return await choose_first_model(backend, await backend.installed_models(), catalog=())
        finally:
            await backend.aclose()

    assert run(go(), timeout=30) == (harness.DEMO_MODEL, ModelKind.CHAT)  # no catalog to lean on


def test_a_first_start_chats_with_the_instruct_model(
    ollama: harness.OllamaServer, real_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    app = real_app(ollama.host)
    assert app.settings.current_model == ""
    names = sorted(m.name for m in harness.MODELS)
    assert names[0] == harness.SECOND_MODEL  # the base model comes first by name: the old choice
    app.window.show()
    app.start()
    run(wait_until(lambda: bool(app.library.current_model), timeout=20), timeout=25)
    assert app.library.current_model == harness.DEMO_MODEL
    assert app.window.chat_page.current_model() == harness.DEMO_MODEL
