"""Ollama goes away while a conversation is open (fake server): the chat stays readable and usable for
everything that needs no server, a band says what happened and offers Start Ollama and Try again, sending
waits with a reason, and the band goes by itself when the server is back. Pages that need the server
show the connection page; "not installed" only for a server never reached."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.connection_state import Backoff, ConnState
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.history.types import MessageState
from piassist.core.hosts import HostAddress
from piassist.core.ollama import binary as ollama_binary
from piassist.ui.window.menus import PAGE_CHAT, PAGE_MODELS
from tests.helpers.fakes import FakeProcess, FakeServer, answer
from tests.helpers.waiting import wait_until
from tests.ui.test_chat_page import ask, open_chat

OLLAMA = "/usr/local/bin/ollama"


def kill_mid_answer(app: PiAssist, server: FakeServer, qtbot: QtBot) -> None:
    """An answer is streaming when the server dies: its connection breaks, then nothing listens."""
    server.chat_script = answer(["Once ", "upon ", "a ", "time"])
    server.hold_after = 2
    ask(app, qtbot, "Tell me a story")
    transcript = app.window.chat_page.transcript
    qtbot.waitUntil(lambda: server.calls.count("chat") == 2 and "upon" in _answer_so_far(app), timeout=5000)
    server.go_down()
    server.chat_error, server.chat_error_after = BackendError(ErrorKind.INTERRUPTED, "peer closed"), 3
    server.release_chat()
    qtbot.waitUntil(lambda: not app.chat.generating, timeout=5000)
    assert transcript.message_ids()


def _answer_so_far(app: PiAssist) -> str:
    transcript = app.window.chat_page.transcript
    ids = transcript.message_ids()
    return transcript.message_text(ids[-1]) if ids else ""


@pytest.fixture
def chat_app(
    make_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    qtbot: QtBot,
    server: FakeServer,
    monkeypatch: pytest.MonkeyPatch,
) -> PiAssist:
    """A chat with two conversations, the second one open; Ollama installed where the install puts it."""
    monkeypatch.setattr(ollama_binary, "find_ollama", lambda: OLLAMA)
    app = open_chat(make_app, run)
    ask(app, qtbot, "Hi")
    run(wait_until(lambda: not app.chat.generating and len(app.chat.messages) == 2))
    app.window.chat_page.new_chat()
    return app


def test_the_conversation_stays_readable_and_copyable_while_ollama_is_stopped(
    chat_app: PiAssist, server: FakeServer, run: Callable[..., Any], qtbot: QtBot
) -> None:
    app, window = chat_app, chat_app.window
    page = window.chat_page
    shown: list[Any] = []
    window.pages.currentChanged.connect(lambda _i: shown.append(window.pages.currentWidget()))
    kill_mid_answer(app, server, qtbot)
    run(wait_until(lambda: app.connection.status.state is ConnState.NOT_RUNNING and page.notice.about_server))
    stored = app.chat.messages[-1]
    assert stored.state is MessageState.INTERRUPTED and stored.content == "Once upon a "
    # The chat never left: no page switch at all, the connection page was never built.
    assert shown == [] and window.current_page() is page and window.connection_page_if_built is None
    assert page.notice.isVisible() and page.notice.start_button.isVisible()
    assert page.notice.reconnect_button.isVisible() and not page.notice.retry_button.isVisible()
    # The transcript: the partial answer is there, selectable and copied with the keyboard.
    assert "Once upon" in _answer_so_far(app) and "interrupted" in _answer_so_far(app)
    page.transcript.setFocus()
    qtbot.keyClick(page.transcript, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.transcript, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text()
    assert "Tell me a story" in copied and "Once upon" in copied
    # Sending waits, with its reason; what was typed stays in the box.
    assert not page.send_button.isEnabled() and page.send_button.toolTip()
    ask(app, qtbot, "And then?")
    assert page.composer.toPlainText() == "And then?" and len(app.chat.messages) == 2
    assert server.calls.count("chat") == 2
    # The history: search, and the other conversation opens and reads.
    page.conversations.search.setText("Hi")
    run(wait_until(lambda: page.conversations.list.count() == 1))
    listed = page.conversations.list
    qtbot.mouseClick(
        listed.viewport(), Qt.MouseButton.LeftButton, pos=listed.visualItemRect(listed.item(0)).center()
    )
    run(wait_until(lambda: len(app.chat.messages) == 2 and app.chat.messages[0].content == "Hi"))
    assert "Hello, world!" in _answer_so_far(app) and page.notice.about_server
    assert shown == []


def test_start_ollama_in_the_band_brings_the_chat_back_without_a_page_change(
    chat_app: PiAssist,
    server: FakeServer,
    run: Callable[..., Any],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, window = chat_app, chat_app.window
    page = window.chat_page
    started: list[tuple[str, HostAddress]] = []

    def start(executable: str, host: HostAddress) -> FakeProcess:
        started.append((executable, host))
        server.come_back()
        return FakeProcess()

    monkeypatch.setattr(app.connection, "_start_server", start)
    kill_mid_answer(app, server, qtbot)
    run(wait_until(lambda: page.notice.about_server and page.notice.start_button.isVisible()))
    shown: list[Any] = []
    window.pages.currentChanged.connect(lambda _i: shown.append(window.pages.currentWidget()))
    page.notice.start_button.click()
    assert started and started[0][0] == OLLAMA
    run(wait_until(lambda: app.connection.status.is_connected and not page.notice.about_server))
    assert shown == [] and window.current_page() is page
    # The band now tells about the answer that was cut off, and its own Try again answers anew.
    assert page.notice.isVisible() and page.notice.retry_button.isVisible() and page.send_button.isEnabled()
    server.chat_error = None
    page.notice.retry_button.click()
    run(wait_until(lambda: not app.chat.generating and app.chat.messages[-1].state is MessageState.COMPLETE))
    assert app.chat.messages[-1].content == "Once upon a time" and not page.notice.isVisible()


def test_try_again_in_the_band_asks_the_server_at_once(
    chat_app: PiAssist, server: FakeServer, run: Callable[..., Any], qtbot: QtBot
) -> None:
    app, page = chat_app, chat_app.window.chat_page
    server.go_down()
    run(wait_until(lambda: page.notice.about_server))
    assert not page.send_button.isEnabled()
    app.connection.backoff = Backoff(first=30, factor=1, limit=30)  # no automatic try in this test
    run(wait_until(lambda: app.connection.status.retry_in == 30))
    server.come_back()
    page.notice.reconnect_button.click()
    run(wait_until(lambda: app.connection.status.is_connected, timeout=2))
    assert not page.notice.isVisible() and page.send_button.isEnabled()
    ask(app, qtbot, "Back?")
    run(wait_until(lambda: not app.chat.generating and len(app.chat.messages) == 2))


def test_pages_that_need_the_server_show_the_connection_page_and_the_chat_keeps_its_band(
    chat_app: PiAssist, server: FakeServer, run: Callable[..., Any]
) -> None:
    app, window = chat_app, chat_app.window
    server.go_down()
    run(wait_until(lambda: window.chat_page.notice.about_server))
    window.show_page(PAGE_MODELS)
    assert window.current_page() is window.connection_page
    assert window.connection_page.start_button.isVisible()
    window.show_page(PAGE_CHAT)  # the page list works while the server is away
    assert window.current_page() is window.chat_page and window.chat_page.notice.about_server
    server.come_back()
    run(wait_until(lambda: app.connection.status.is_connected))
    window.show_page(PAGE_MODELS)
    assert window.current_page() is window.models_page


def test_a_server_that_answered_is_never_called_not_installed(
    chat_app: PiAssist, server: FakeServer, run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No `ollama` anywhere the install puts it (a remote install's tunnel, a container, a moved file):
    a server that answered a moment ago stopped; it was not uninstalled."""
    app, window = chat_app, chat_app.window
    monkeypatch.setattr(ollama_binary, "find_ollama", lambda: None)
    server.go_down()
    run(wait_until(lambda: app.connection.status.state is ConnState.STOPPED))
    assert window.current_page() is window.chat_page
    notice = window.chat_page.notice
    assert notice.about_server and not notice.start_button.isVisible() and notice.reconnect_button.isVisible()
    window.show_page(PAGE_MODELS)
    page = window.connection_page
    assert window.current_page() is page and not page.command_box.isVisible()
    assert not page.start_button.isVisible() and page.retry_button.isVisible()
    # Another address, never reached: there "not installed" is what it is.
    app.connection.set_host(app.connection.host_text)
    run(wait_until(lambda: app.connection.status.state is ConnState.NOT_INSTALLED))
    window.show_page(PAGE_CHAT)
    assert window.current_page() is window.connection_page


def test_the_first_start_without_a_server_shows_the_connection_page_on_the_chat_too(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any]
) -> None:
    server.go_down()
    app = make_app()
    app.window.show_page(PAGE_CHAT)
    app.window.show()
    app.start()
    run(wait_until(lambda: app.connection.status.state is not ConnState.CONNECTING))
    assert app.window.current_page() is app.window.connection_page
