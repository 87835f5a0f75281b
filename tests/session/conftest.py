"""Session tests: PiAssist's installed command in a real X11 session (Xvfb, openbox or no window manager),
driven by real key events, against the real Ollama. Each test's figures (the kiosk's tally, the quit
paths) are printed in the terminal summary."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scripts import harness
from tests.helpers import real_server
from tests.session.x11 import X11Session

SUMMARY: list[str] = []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.session)
            item.add_marker(pytest.mark.integration)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if SUMMARY:
        terminalreporter.section("PiAssist in a desktop session")
        for line in SUMMARY:
            terminalreporter.write_line(line)


def report(line: str) -> None:
    """A line for the terminal summary (and the test's own output)."""
    print(line)
    SUMMARY.append(line)


@pytest.fixture(scope="session")
def ollama() -> harness.OllamaServer:
    return real_server.session_server()


@pytest.fixture
def x11() -> Iterator[Callable[..., X11Session]]:
    """x11(width, height, window_manager=True): an X11 session, stopped with all it runs at the end."""
    sessions: list[X11Session] = []

    def make(width: int = 1280, height: int = 800, *, window_manager: bool = True) -> X11Session:
        session = X11Session(width, height, window_manager=window_manager)
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.stop()
