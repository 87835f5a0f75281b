"""PiAssist in a real Wayland session: sway run headless as an ordinary user (tests/session/wayland.py),
the app started as a person starts it (`python -m piassist`, QT_QPA_PLATFORM=wayland) against the real
Ollama, and driven only from outside, through the compositor: keys and text from a virtual keyboard
(wtype), what is on the screen from the compositor (grim, sway's window tree).

What the test reads back is what the app leaves for anyone to see: its milestones on stdout
(--bench-events), its log, its settings file and its history database.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from piassist import APP_ID
from scripts import harness
from tests.helpers import real_server
from tests.session.wayland import (
    ROOT_DIR,
    WaylandSession,
    give_to_user,
    owned_folder,
    wait_for,
    window_buffers,
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]
SIZE = (800, 480)


class Lines:
    """A process's stdout, read line by line in the background."""

    def __init__(self, stream: Iterator[str]) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: Iterator[str]) -> None:
        for line in stream:
            self.lines.append(line.strip())

    def first(self, prefix: str) -> str | None:
        return next((line for line in self.lines if line.startswith(prefix)), None)


@pytest.fixture
def session() -> Iterator[WaylandSession]:
    session = WaylandSession.sway(SIZE).launch()
    yield session
    session.stop()


def start_piassist(
    session: WaylandSession, home: Path, host: str, *options: str
) -> tuple[subprocess.Popen[str], Lines]:
    """`python -m piassist` as a person starts it under Wayland, printing its milestones; and its stdout."""
    python = str(ROOT_DIR / ".venv" / "bin" / "python")
    app = session.start_app(
        [python, "-m", "piassist", "--bench-events", "--lang", "en", "--host", host, *options],
        env={"QT_QPA_PLATFORM": "wayland", "PIASSIST_HOME": str(home), "PYTHONPATH": str(ROOT_DIR)},
    )
    assert app.stdout is not None
    return app, Lines(app.stdout)


def messages(database: Path) -> list[tuple[str, str, str]]:
    """(role, state, content) of every message, read-only, while the app may be writing."""
    if not database.exists():
        return []
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT role, state, content FROM messages ORDER BY id").fetchall()
    conn.close()
    return [(str(r), str(s), str(c)) for r, s, c in rows]


def test_piassist_under_sway_lists_the_models_streams_an_answer_and_switches_language(
    session: WaylandSession, tmp_path: Path
) -> None:
    server = real_server.session_server()
    home = owned_folder("piassist-app-home-", 0o755)
    config = home / "config"
    config.mkdir()
    (config / "piassist.ini").write_text(f"[chat]\nmodel={harness.DEMO_MODEL}\nnum_predict=24\n")
    give_to_user(home)
    app, out = start_piassist(session, home, server.host)
    try:
        wait_for(lambda: out.first("models 2"), 60, f"the two real models listed ({out.lines})")
        # The compositor shows the app's window, focused, filling the output: a Wayland client, not X11.
        window = session.geometry(session.window("PiAssist", timeout=10))
        assert window == session.screen and (window.width, window.height) == SIZE
        (node,) = [n for n in session.windows() if n.get("app_id") == APP_ID]
        assert node["focused"] and node["shell"] == "xdg_shell" and session.focused_title() == "PiAssist"
        session.screenshot(tmp_path / "started.png")

        # A question typed on the (virtual) keyboard, sent with Enter; the answer streams into the window.
        session.key("ctrl+l")
        session.type("What is a Raspberry Pi? One sentence.")
        before = session.frame()
        session.key("Return")
        database = home / "data" / "history.sqlite3"
        seen_states: set[str] = set()

        def answered() -> bool:
            rows = messages(database)
            seen_states.update(state for role, state, _ in rows if role == "assistant")
            return any(role == "assistant" and state == "complete" and text for role, state, text in rows)

        frames = {before}

        def answered_and_watched() -> bool:
            frames.add(session.frame())
            return answered()

        wait_for(answered_and_watched, 170, "a complete answer in the history", interval=0.2)
        session.screenshot(tmp_path / "answered.png")
        (question, reply) = messages(database)
        assert question[0] == "user" and question[2] == "What is a Raspberry Pi? One sentence."
        assert reply[0] == "assistant" and len(reply[2]) > 0
        assert len(frames) >= 3, "the window changed as the answer came in"
        assert session.frame() != before

        # Settings ▸ Language ▸ Українська, with the keyboard, from the models page (Ctrl+2; in the question
        # box wtype's Alt+S reaches the box as a letter: its keyboard's keymap is its own): the app
        # switches and keeps the choice.
        session.key("ctrl+2", "alt+s", "l", "Down", "Return")
        log = home / "data" / "piassist.log"
        wait_for(lambda: "interface language: uk" in log.read_text(), 10, "the switch to Ukrainian")
        wait_for(lambda: "language=uk" in (config / "piassist.ini").read_text(), 10, "the choice saved")
        session.screenshot(tmp_path / "ukrainian.png")
        assert session.geometry(session.window("PiAssist")) == window, "the window keeps its place and size"
    finally:
        app.terminate()
        app.wait(timeout=30)
        shutil.rmtree(home, ignore_errors=True)
    assert "Traceback" not in session.log_text()


def test_connecting_and_quick_keys_leave_the_window_two_buffers_under_sway() -> None:
    """Under a compositor that keeps the buffer it shows (sway without a GPU), each paint that comes before
    the last one's buffer is handed back makes Qt allocate one more whole-window buffer, which it keeps for
    the window's life (4 MB at 1280×800). Connecting, listing the models and quick keys repaint
    the window many times within milliseconds; paced to a paint a frame (ui/window/paint_pace.py), they
    leave the two buffers any window that changes needs: one shown, one to draw in."""
    size = (1280, 800)
    server = real_server.session_server()
    session = WaylandSession.sway(size).launch()
    home = owned_folder("piassist-buffers-home-", 0o755)
    give_to_user(home)
    try:
        app, out = start_piassist(session, home, server.host, "--page", "models")
        wait_for(lambda: out.first("models 2"), 60, f"the two real models listed ({out.lines})")
        session.window("PiAssist", timeout=10)
        wait_for(lambda: session.focused_title() == "PiAssist", 10, "the window focused")
        session.frame()  # the compositor has drawn the window as it is after connecting
        assert window_buffers(app.pid, size) == 2
        # Down, Up, Down, … typed 1 ms apart; the page list has the keyboard focus, so each one switches
        # between the Models and Get models pages.
        session.key(*["Down", "Up"] * 6, pause_ms=1)
        session.frame()
        assert window_buffers(app.pid, size) == 2
    finally:
        session.stop()
        shutil.rmtree(home, ignore_errors=True)
    assert app.wait(timeout=30) is not None
