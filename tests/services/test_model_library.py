from __future__ import annotations

from collections.abc import Callable
from typing import Any

from piassist.core.errors import BackendError, ErrorKind
from piassist.core.models import LoadedModel
from piassist.services import model_library
from piassist.services.connection import ConnectionService
from piassist.services.model_library import ModelAction, ModelLibraryService
from piassist.services.settings import SettingsService
from tests.helpers.fakes import FakeServer
from tests.helpers.waiting import wait_until


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
        await wait_until(lambda: bool(published) and bool(library.current_model))
        await library.aclose()
        await connection.aclose()

    run(go())
    names = [m.name for m in published[-1]]
    assert names == ["gemma3:270m", "smollm2:135m"]
    assert published[-1][1].loaded.size == 191_000_000 and published[-1][0].loaded is None
    # chosen when none was: the instruct model, not the first by name (a base model: tests/core)
    assert library.current_model == "smollm2:135m"
    assert settings.current_model == "smollm2:135m"


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


def connected_library(
    run: Callable[..., Any], connection: ConnectionService, settings: SettingsService
) -> ModelLibraryService:
    library = ModelLibraryService(connection, settings)
    connection.start()
    run(wait_until(lambda: len(library.models) == 2))
    return library


def close(run: Callable[..., Any], library: ModelLibraryService, connection: ConnectionService) -> None:
    async def go() -> None:
        await library.aclose()
        await connection.aclose()

    run(go())


def test_delete_unloads_first_then_deletes_and_the_chat_model_falls_back(
    run: Callable[..., Any],
    make_connection: Callable[..., ConnectionService],
    server: FakeServer,
    settings: SettingsService,
) -> None:
    server.loaded = [LoadedModel("gemma3:270m", size=478_000_000, size_vram=0)]
    connection = make_connection()
    library = connected_library(run, connection, settings)
    library.set_current_model("gemma3:270m")
    deleted: list[str] = []
    chosen: list[str] = []
    pending: list[object] = []
    library.model_deleted.connect(deleted.append)
    library.current_model_changed.connect(chosen.append)
    library.pending_changed.connect(lambda: pending.append(library.pending("gemma3:270m")))
    server.calls.clear()
    library.delete("gemma3:270m")
    assert library.pending("gemma3:270m") is ModelAction.DELETE
    library.delete("gemma3:270m")  # a second click while the first runs does nothing
    run(wait_until(lambda: deleted == ["gemma3:270m"]))
    # Ollama's DeleteHandler leaves a loaded model in memory: unload it first, as `ollama rm` does
    assert [c for c in server.calls if c in ("unload", "delete")] == ["unload", "delete"]
    assert server.deleted == ["gemma3:270m"]
    assert [m.name for m in library.models] == ["smollm2:135m"]
    assert chosen == ["smollm2:135m"] and settings.current_model == "smollm2:135m"
    assert pending == [ModelAction.DELETE, None]
    run(wait_until(lambda: not library.busy and server.calls.count("tags") == 1))  # and read again

    library.delete("smollm2:135m")
    run(wait_until(lambda: deleted == ["gemma3:270m", "smollm2:135m"]))
    assert library.models == [] and library.current_model == ""
    close(run, library, connection)


def test_a_failed_delete_is_reported_and_changes_nothing(
    run: Callable[..., Any],
    make_connection: Callable[..., ConnectionService],
    server: FakeServer,
    settings: SettingsService,
) -> None:
    connection = make_connection()
    library = connected_library(run, connection, settings)
    failures: list[tuple[Any, str, BackendError]] = []
    library.action_failed.connect(lambda *args: failures.append(args))
    server.delete_error = BackendError(ErrorKind.SERVER_ERROR, "remove …: permission denied", 500)
    library.delete("smollm2:135m")
    run(wait_until(lambda: bool(failures)))
    assert failures[0][:2] == (ModelAction.DELETE, "smollm2:135m")
    assert failures[0][2].detail == "remove …: permission denied"
    assert len(library.models) == 2 and library.pending("smollm2:135m") is None

    # Deleted elsewhere meanwhile: Ollama says "not found", and the list is read again.
    server.delete_error = None
    server.models = [m for m in server.models if m.name != "smollm2:135m"]
    library.delete("smollm2:135m")
    run(wait_until(lambda: len(failures) == 2 and len(library.models) == 1))
    assert failures[1][2].kind is ErrorKind.MODEL_NOT_FOUND
    close(run, library, connection)


def test_unload_waits_until_the_server_no_longer_lists_the_model(
    run: Callable[..., Any],
    make_connection: Callable[..., ConnectionService],
    server: FakeServer,
    settings: SettingsService,
    monkeypatch: Any,
) -> None:
    monkeypatch.setattr(model_library, "UNLOAD_CHECK_INTERVAL", 0.01)
    server.loaded = [LoadedModel("smollm2:135m", size=191_000_000, size_vram=0)]
    connection = make_connection()
    library = connected_library(run, connection, settings)
    unloaded: list[str] = []
    library.model_unloaded.connect(unloaded.append)

    # Ollama answers at once and frees the memory a moment later: /api/ps still lists it twice.
    backend = connection.backend
    assert backend is not None
    real_loaded = backend.loaded_models
    reads = 0

    async def slow_to_unload() -> list[LoadedModel]:
        nonlocal reads
        reads += 1
        if reads <= 2:
            return [LoadedModel("smollm2:135m", size=191_000_000, size_vram=0)]
        return await real_loaded()

    monkeypatch.setattr(backend, "loaded_models", slow_to_unload)
    library.unload("smollm2:135m")
    assert library.pending("smollm2:135m") is ModelAction.UNLOAD
    run(wait_until(lambda: unloaded == ["smollm2:135m"]))
    assert reads == 3 and library.pending("smollm2:135m") is None
    assert all(m.loaded is None for m in library.models)
    close(run, library, connection)


def test_unload_and_details_failures_are_reported(
    run: Callable[..., Any],
    make_connection: Callable[..., ConnectionService],
    server: FakeServer,
    settings: SettingsService,
) -> None:
    connection = make_connection()
    library = connected_library(run, connection, settings)
    failures: list[tuple[Any, ...]] = []
    ready: list[Any] = []
    library.action_failed.connect(lambda *args: failures.append(args))
    library.details_ready.connect(ready.append)
    server.unload_error = BackendError(ErrorKind.BUSY, "server busy", 503)
    library.unload("smollm2:135m")
    run(wait_until(lambda: bool(failures)))
    assert failures[0][:2] == (ModelAction.UNLOAD, "smollm2:135m")
    assert library.pending("smollm2:135m") is None

    library.load_details("gemma3:270m")
    run(wait_until(lambda: bool(ready)))
    assert ready[0].name == "gemma3:270m" and ready[0].context_length == 32768
    library.load_details("missing:1b")
    run(wait_until(lambda: len(failures) == 2))
    assert failures[1][:2] == (ModelAction.DETAILS, "missing:1b")
    assert failures[1][2].kind is ErrorKind.MODEL_NOT_FOUND
    close(run, library, connection)
