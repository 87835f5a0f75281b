"""The whole app against the real Ollama: listing, losing the server and getting it back, starting it."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from piassist.app import PiAssist
from piassist.core.connection_state import ConnState
from piassist.ui.models.table import Column
from piassist.ui.window.menus import PAGE_MODELS
from scripts import harness
from tests.helpers import real_server
from tests.helpers.waiting import wait_until


def table_names(app: PiAssist) -> list[str]:
    proxy = app.window.models_page.proxy
    return [str(proxy.index(r, Column.NAME).data()).removesuffix(" ★") for r in range(proxy.rowCount())]


def test_models_page_lists_the_real_models(
    ollama: harness.OllamaServer, real_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    app = real_app(ollama.host)
    app.window.show_page(PAGE_MODELS)
    app.window.show()
    app.start()
    run(wait_until(lambda: app.window.models_page.table_model.rowCount() == 2, timeout=15))
    assert app.window.current_page() is app.window.models_page
    assert table_names(app) == sorted([harness.DEMO_MODEL, harness.SECOND_MODEL])
    assert app.connection.status.version == harness.VERSION
    assert app.window.status_text.text() == f"Ollama {harness.VERSION} · {ollama.host}"
    proxy = app.window.models_page.proxy
    sizes = [str(proxy.index(r, Column.SIZE).data()) for r in range(2)]
    assert all(s.endswith("MB") for s in sizes)


def test_killed_server_is_noticed_and_the_app_recovers_by_itself(
    own_ollama: harness.OllamaServer,
    ollama_on_path: Path,
    real_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    record_property: Callable[[str, object], None],
) -> None:
    app = real_app(own_ollama.host)
    app.window.show_page(PAGE_MODELS)
    app.window.show()
    app.start()
    run(wait_until(lambda: app.window.models_page.table_model.rowCount() == 2, timeout=15))

    own_ollama.kill()
    killed = time.monotonic()
    run(wait_until(lambda: app.connection.status.state is ConnState.NOT_RUNNING, timeout=10))
    noticed = time.monotonic() - killed
    assert app.window.current_page() is app.window.connection_page
    assert app.window.connection_page.title.text() == "Ollama is not running"
    assert app.window.connection_page.start_button.isVisible()
    assert noticed < 5.0, f"took {noticed:.1f} s to notice"

    own_ollama.start()
    restarted = time.monotonic()
    run(wait_until(lambda: app.connection.status.is_connected, timeout=15))
    run(wait_until(lambda: app.window.models_page.table_model.rowCount() == 2, timeout=15))
    recovered = time.monotonic() - restarted
    assert app.window.current_page() is app.window.models_page
    record_property("noticed_s", round(noticed, 2))
    record_property("recovered_s", round(recovered, 2))
    print(f"kill noticed after {noticed:.2f} s; list back {recovered:.2f} s after the restart")


def test_start_ollama_button_starts_the_real_server(
    ollama_on_path: Path,
    real_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    store = harness.private_store(real_server.workdir() / "start-button" / "models")
    monkeypatch.setenv("OLLAMA_MODELS", str(store))
    port = harness.free_port()
    app = real_app(f"127.0.0.1:{port}")
    app.window.show()
    app.start()
    run(wait_until(lambda: app.connection.status.state is ConnState.NOT_RUNNING, timeout=10))
    page = app.window.connection_page
    assert page.start_button.isVisible()
    try:
        page.start_button.click()
        assert app.connection.status.state is ConnState.STARTING
        run(wait_until(lambda: app.connection.status.is_connected, timeout=30))
        run(wait_until(lambda: len(app.library.models) == 2, timeout=15))
    finally:
        process = app.connection.started_process
        assert process is not None
        process.kill()
        process.wait(timeout=15)
    assert {m.name for m in app.library.models} == {harness.DEMO_MODEL, harness.SECOND_MODEL}
