"""The first model chosen for a person who chose none, over the fake server."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from piassist.core.chat_types import ModelDetails
from piassist.core.model_choice import ModelKind
from piassist.services.connection import ConnectionService
from piassist.services.model_library import ModelLibraryService
from piassist.services.settings import SettingsService
from tests.helpers.fakes import FakeServer, model
from tests.helpers.waiting import wait_until


def base_model(server: FakeServer) -> ModelDetails:
    return replace(server.details["smollm2:135m"], template="{{ .Prompt }}", finetune="")


def choose(
    run: Callable[..., Any], make_connection: Callable[..., ConnectionService], settings: SettingsService
) -> list[tuple[str, object]]:
    connection = make_connection()
    library = ModelLibraryService(connection, settings)
    chosen: list[tuple[str, object]] = []
    library.first_model_chosen.connect(lambda name, kind: chosen.append((name, kind)))

    async def go() -> None:
        connection.start()
        await wait_until(lambda: library.listed and not library.choosing_first_model)
        await library.aclose()
        await connection.aclose()

    run(go())
    return chosen


def test_the_instruct_model_is_chosen_before_the_base_model_first_by_name(
    run: Callable[..., Any],
    make_connection: Callable[..., ConnectionService],
    server: FakeServer,
    settings: SettingsService,
) -> None:
    server.models.append(model("aaa-raw:1b"))  # first by name, and a base model
    server.details["aaa-raw:1b"] = replace(
        server.details["smollm2:135m"], template="{{ .Prompt }}", finetune=""
    )
    assert choose(run, make_connection, settings) == [("smollm2:135m", ModelKind.CHAT)]
    assert settings.current_model == "smollm2:135m"
    assert server.calls.count("show") == 3  # one /api/show a model, once


def test_only_a_base_model_is_chosen_and_announced_as_one(
    run: Callable[..., Any],
    make_connection: Callable[..., ConnectionService],
    server: FakeServer,
    settings: SettingsService,
) -> None:
    server.models = [model("raw:1b")]
    server.details["raw:1b"] = base_model(server)
    assert choose(run, make_connection, settings) == [("raw:1b", ModelKind.BASE)]


def test_an_embedding_model_is_never_chosen(
    run: Callable[..., Any],
    make_connection: Callable[..., ConnectionService],
    server: FakeServer,
    settings: SettingsService,
) -> None:
    server.models = [model("nomic-embed-text:latest")]
    server.details["nomic-embed-text:latest"] = replace(
        server.details["smollm2:135m"], capabilities=("embedding",)
    )
    assert choose(run, make_connection, settings) == []
    assert settings.current_model == ""


def test_a_model_the_person_chose_is_kept(
    run: Callable[..., Any],
    make_connection: Callable[..., ConnectionService],
    server: FakeServer,
    settings: SettingsService,
) -> None:
    settings.set_current_model("gemma3:270m")
    assert choose(run, make_connection, settings) == []
    assert settings.current_model == "gemma3:270m" and "show" not in server.calls
