"""The app with the real Ollama client against servers that misbehave in ways the real one will not:
garbage, non-JSON, errors, and a server that accepts the connection and never answers."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from piassist.app import PiAssist
from piassist.core.connection_state import ConnState
from tests.helpers.waiting import wait_until


class Misbehaving(http.server.BaseHTTPRequestHandler):
    mode = "garbage"

    def do_GET(self) -> None:
        if self.mode == "garbage":
            body, status, kind = b"\x00\x01 this is not json", 200, "application/json"
        elif self.mode == "html":
            body, status, kind = b"<html><body>router login</body></html>", 200, "text/html"
        else:
            body, status, kind = b'{"error":"internal failure"}', 500, "application/json"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def http_server() -> Iterator[Callable[[str], str]]:
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(mode: str) -> str:
        handler = type("Handler", (Misbehaving,), {"mode": mode})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(timeout=2)
    for conn in held:
        conn.close()
    listener.close()


@pytest.fixture
def app_at(app_factory: Callable[..., PiAssist]) -> Callable[[str], PiAssist]:
    """The whole app with the real Ollama client, shown and connecting to `host`."""

    def make(host: str) -> PiAssist:
        app = app_factory(host=host)
        app.window.show()
        app.start()
        return app

    return make


@pytest.mark.parametrize("mode", ["garbage", "html", "error500"])
def test_a_server_that_is_not_ollama(
    mode: str, http_server: Callable[[str], str], app_at: Callable[[str], PiAssist], run: Callable[..., Any]
) -> None:
    app = app_at(http_server(mode))
    run(wait_until(lambda: app.connection.status.state is ConnState.NOT_OLLAMA, timeout=10))
    page = app.window.connection_page
    assert app.window.current_page() is page
    assert page.title.text() == "This is not an Ollama server"
    assert page.details_button.isVisible() and page.detail.text()


@pytest.mark.slow
def test_a_server_that_never_answers_times_out_without_freezing(
    silent_server: str, app_at: Callable[[str], PiAssist], run: Callable[..., Any], qtbot: Any
) -> None:
    app = app_at(silent_server)
    ticks: list[int] = []
    beat = QTimer(interval=50)  # the GUI must keep handling events while the request hangs
    beat.timeout.connect(lambda: ticks.append(1))
    beat.start()
    run(wait_until(lambda: app.connection.status.state is ConnState.TIMEOUT, timeout=15), timeout=20)
    beat.stop()
    assert app.window.connection_page.title.text() == "The server does not answer"
    assert len(ticks) > 40, "the event loop stalled while waiting for the silent server"


def test_an_address_that_is_not_a_url(app_at: Callable[[str], PiAssist], run: Callable[..., Any]) -> None:
    app = app_at("http://exa mple:port")
    run(wait_until(lambda: app.connection.status.state is ConnState.INVALID_HOST))
    assert app.window.connection_page.title.text() == "The server address is not valid"
    assert "is not a server address" in app.window.connection_page.body.text()
