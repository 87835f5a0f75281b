from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from piassist.core.connection_state import Backoff
from piassist.services.connection import ConnectionService
from piassist.services.settings import SettingsService
from tests.helpers.fakes import FakeServer


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SettingsService:
    monkeypatch.delenv("OLLAMA_HOST", raising=False)
    return SettingsService(tmp_path / "settings.ini")


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def make_connection(settings: SettingsService, server: FakeServer) -> Callable[..., ConnectionService]:
    def make(**kwargs: object) -> ConnectionService:
        options: dict[str, object] = {
            "find_ollama": lambda: "/usr/bin/ollama",
            "poll_interval": 0.05,
            "backoff": Backoff(first=0.02, factor=2, limit=0.1),
        }
        options.update(kwargs)
        return ConnectionService(settings, server.factory, **options)  # type: ignore[arg-type]

    return make
