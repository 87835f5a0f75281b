from __future__ import annotations

from collections.abc import Callable
from typing import Any

from piassist.core.errors import BackendError, ErrorKind
from piassist.core.models import LoadedModel
from piassist.services import model_library
from piassist.services.connection import ConnectionService
from piassist.services.model_library import ModelLibraryService
from piassist.services.settings import SettingsService
from tests.conftest import wait_until
from tests.fakes import FakeServer


def test_lists_sorted_models_with_memory_after_connecting(
    run: Callable[..., Any],
    make_connection: Callable[..., ConnectionService],
    server: FakeServer,
    settings: SettingsService,
) -> None:
    server.loaded = [LoadedModel("smollm2:135m", size=191_000_000, size_vram=0)]
    connection = make_connection()
    library = ModelLibraryService(connection, settings)
    published: list[list[Any]] = []
    library.models_changed.connect(published.append)

    async def go() -> None:
        connection.start()
        await wait_until(lambda: bool(published))
        await library.aclose()
        await connection.aclose()

    run(go())
    names = [m.name for m in published[-1]]
    assert names == ["gemma3:270m", "smollm2:135m"]
    assert published[-1][1].loaded.size == 191_000_000 and published[-1][0].loaded is None
    assert library.current_model == "gemma3:270m"  # the first one is chosen when none was
    assert settings.current_model == "gemma3:270m"


def test_a_chosen_model_is_kept(
    run: Callable[..., Any], make_connection: Callable[..., ConnectionService], settings: SettingsService
) -> None:
    settings.set_current_model("smollm2:135m")
    connection = make_connection()
    library = ModelLibraryService(connection, settings)
    changes: list[str] = []
    library.current_model_changed.connect(changes.append)

    async def go() -> None:
        connection.start()
        await wait_until(lambda: bool(library.models))
        library.set_current_model("gemma3:270m")
        library.set_current_model("gemma3:270m")
        await library.aclose()
        await connection.aclose()

    run(go())
    assert changes == ["gemma3:270m"]


def test_list_errors_are_published_and_cleared(
    run: Callable[..., Any],
    make_connection: Callable[..., ConnectionService],
    server: FakeServer,
    settings: SettingsService,
) -> None:
    server.list_error = BackendError(ErrorKind.SERVER_ERROR, "boom", 500)
    connection = make_connection()
    library = ModelLibraryService(connection, settings)
    busy: list[bool] = []
    library.busy_changed.connect(busy.append)

    async def go() -> None:
        connection.start()
        await wait_until(lambda: library.error is not None)
        assert library.models == []
        server.list_error = None
        library.refresh()
        await wait_until(lambda: library.error is None and bool(library.models))
        await library.aclose()
        await connection.aclose()

    run(go())
    assert busy == [True, False, True, False]


def test_loaded_column_follows_the_server_while_watched(
    run: Callable[..., Any],
    make_connection: Callable[..., ConnectionService],
    server: FakeServer,
    settings: SettingsService,
    monkeypatch: Any,
) -> None:
    monkeypatch.setattr(model_library, "LOADED_POLL", 0.02)
    connection = make_connection()
    library = ModelLibraryService(connection, settings)

    async def go() -> None:
        library.set_watching(True)
        connection.start()
        await wait_until(lambda: bool(library.models))
        server.loaded = [LoadedModel("gemma3:270m", size=478_000_000, size_vram=0)]
        await wait_until(lambda: library.models[0].loaded is not None)
        tags_calls = server.calls.count("tags")
        library.set_watching(False)
        server.loaded = []
        ps_calls = server.calls.count("ps")
        await wait_until(lambda: server.calls.count("version") > 5)
        assert server.calls.count("ps") == ps_calls and server.calls.count("tags") == tags_calls
        await library.aclose()
        await connection.aclose()

    run(go())
