"""A model's capabilities for a chat: from the models list when the server lists them (v0.30+), else
/api/show, asked once per model (v0.24)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from piassist.core.errors import BackendError, ErrorKind
from piassist.core.get_models.fit_check import MachineFigures, estimate_memory
from piassist.core.models import ModelInfo
from piassist.services.model_facts import ModelFacts
from tests.helpers.fakes import FakeServer, details, model

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


def test_a_memory_failure_without_figures_gets_this_computers_own() -> None:
    """v0.34.4 gives no figures when the kernel killed its runner: for a server on this computer PiAssist
    adds the model's need (the fit check's rule) and this computer's memory and swap, when they disagree."""
    small = MachineFigures(
        ram_total=150_000_000, ram_available=100_000_000, swap_total=50_000_000, disk_free=None
    )
    big = MachineFigures(ram_total=8_000_000_000, ram_available=7_000_000_000, swap_total=0, disk_free=None)
    listed = [model(MODEL, size=98_000_000)]
    killed = BackendError(
        ErrorKind.NOT_ENOUGH_MEMORY, "llama-server process has terminated: signal: killed", 500
    )

    def facts(host: str, machine: MachineFigures) -> ModelFacts:
        return ModelFacts(lambda: listed, host=lambda: host, machine=lambda _dir: machine)

    async def go() -> list[BackendError]:
        return [
            await facts("127.0.0.1:11434", small).with_memory_figures(killed, MODEL),
            await facts("pi.local:11434", small).with_memory_figures(killed, MODEL),  # not ours to read
            await facts("localhost", big).with_memory_figures(killed, MODEL),  # the rule says it fits
            await facts("localhost", small).with_memory_figures(killed, "other:1b"),  # not listed
        ]

    local, remote, fits, unknown = asyncio.run(go())
    assert (local.kind, local.detail, local.status) == (killed.kind, killed.detail, 500)
    assert (local.needed, local.available) == (estimate_memory(98_000_000), 200_000_000)
    assert remote is killed and fits is killed and unknown is killed
    given = BackendError(ErrorKind.NOT_ENOUGH_MEMORY, "…", 500, needed=5, available=3)
    assert asyncio.run(facts("localhost", small).with_memory_figures(given, MODEL)) is given
