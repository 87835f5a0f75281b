from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from piassist.app import PiAssist
from piassist.core.connection_state import Backoff
from tests.helpers.fakes import FakeServer


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def make_app(app_factory: Callable[..., PiAssist], server: FakeServer) -> Callable[..., PiAssist]:
    """The whole app over a fake server, polling and retrying quickly."""

    def make(language: str = "en", **options: Any) -> PiAssist:
        app = app_factory(language, backend_factory=server.factory, poll_interval=0.05, **options)
        app.connection.backoff = Backoff(first=0.02, factor=2, limit=0.1)
        return app

    return make
