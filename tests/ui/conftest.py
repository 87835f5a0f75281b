from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from piassist.app import PiAssist
from piassist.core.connection_state import Backoff
from tests.fakes import FakeServer


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def make_app(
    qapp: QApplication,
    tmp_path: Path,
    server: FakeServer,
    run: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Callable[..., PiAssist]]:
    """The whole app over a fake server; closed in order at the end of the test."""
    monkeypatch.delenv("OLLAMA_HOST", raising=False)
    made: list[PiAssist] = []

    def make(language: str = "en", **kwargs: Any) -> PiAssist:
        app = PiAssist(
            qapp,
            settings_path=tmp_path / "settings.ini",
            backend_factory=server.factory,
            language=language,
            poll_interval=0.05,
            **kwargs,
        )
        app.connection._backoff = Backoff(first=0.02, factor=2, limit=0.1)
        made.append(app)
        return app

    yield make
    for app in made:
        run(app.aclose())
        app.window.close()
        app.window.deleteLater()
        app.i18n.set_language("en")
