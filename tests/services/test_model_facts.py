"""A model's capabilities for a chat: from the models list when the server lists them (v0.30+), else
/api/show, asked once per model (v0.24)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from piassist.core.errors import BackendError, ErrorKind
from piassist.core.models import ModelInfo
from piassist.services.model_facts import ModelFacts
from tests.fakes import FakeServer, details

MODEL = "smollm2:135m"


def test_a_newer_server_lists_what_a_chat_needs_and_show_is_never_asked() -> None:
    server = FakeServer()
    server.models = [replace(server.models[0], capabilities=("completion", "thinking"), context_length=8192)]
    name = server.models[0].name
    facts = ModelFacts(lambda: server.models)

    async def go() -> None:
        backend = await server.factory("http://127.0.0.1:11434")
        for _ in range(3):
            found = await facts.details(backend, name)
            assert found is not None and found.can_think and found.context_length == 8192

    asyncio.run(go())
    assert "show" not in server.calls and facts.show_requests == 0


def test_an_older_server_is_asked_once_per_model() -> None:
    server = FakeServer()
    assert all(m.capabilities is None for m in server.models)  # as v0.24 lists them
    name = server.models[0].name
    server.details[name] = details(name, "completion", "thinking", context_length=4096)
    listed: list[ModelInfo] = list(server.models)
    facts = ModelFacts(lambda: listed)

    async def go() -> None:
        backend = await server.factory("http://127.0.0.1:11434")
        for _ in range(3):
            found = await facts.details(backend, name)
            assert found is not None and found.can_think and found.context_length == 4096
        with pytest.raises(BackendError) as missing:
            await facts.details(backend, "nosuch:latest")
        assert missing.value.kind is ErrorKind.MODEL_NOT_FOUND
        server.error = BackendError(ErrorKind.TIMEOUT, "slow")
        assert await facts.details(backend, "another:latest") is None  # unreadable: no thinking, no crash

    asyncio.run(go())
    assert server.calls.count("show") == 3 and facts.show_requests == 3
