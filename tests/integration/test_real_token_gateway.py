"""The real Ollama behind a gateway that wants a bearer token (nginx on loopback, scripts/token_gateway.py).

The token goes in through the server dialog, is kept only in the keyring (here the file fallback: the
tests have no keyring service; tests/integration/test_real_keyring.py has a real one), goes with every
request (listing, streaming a chat answer), and appears in no settings file and no log line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.connection_state import ConnState
from piassist.ui.window.menus import PAGE_CHAT
from scripts import harness
from scripts.token_gateway import TokenGateway
from tests.helpers.waiting import wait_until

TOKEN = "pi-gw-2f9a61c4d8"


@pytest.fixture
def gateway(ollama: harness.OllamaServer) -> Iterator[TokenGateway]:
    with TokenGateway(ollama.host, TOKEN) as gateway:
        yield gateway


def test_through_a_token_gateway_the_models_list_and_an_answer_streams(
    gateway: TokenGateway,
    real_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    qtbot: QtBot,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    app = real_app(gateway.host)
    app.settings.set_current_model(harness.DEMO_MODEL)
    app.settings.set_num_predict(24)
    app.window.show_page(PAGE_CHAT)
    app.window.show()
    app.start()
    run(wait_until(lambda: app.connection.status.state is ConnState.NEEDS_TOKEN, timeout=20))
    assert not app.connection.status.token_sent
    assert gateway.requests(authorized=False), "the gateway turned the app away"

    # A wrong token first: told apart from a missing one.
    run(app.connection.set_token(gateway.host, "not-it"))
    run(wait_until(lambda: app.connection.status.token_sent, timeout=20))
    assert app.connection.status.state is ConnState.NEEDS_TOKEN

    # The right one, typed into the server dialog.
    app.window.open_host_dialog()
    dialog = app.window.host_dialog
    assert dialog is not None
    dialog.token_edit.setText(TOKEN)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    run(wait_until(lambda: app.connection.status.is_connected, timeout=20))
    run(wait_until(lambda: app.window.chat_page.model_box.count() == 2, timeout=20))

    finished: list[object] = []
    app.chat.answer_finished.connect(lambda i, s, stats: finished.append(stats))
    page = app.window.chat_page
    page.composer.setPlainText("Say hello.")
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    run(wait_until(lambda: bool(finished), timeout=120), timeout=130)
    assert finished[0] is not None and app.chat.messages[-1].content
    chats = [r for r in gateway.requests(authorized=True) if r["uri"] == "/api/chat"]
    assert chats and all(r["status"] == 200 for r in chats)
    assert {r["uri"] for r in gateway.requests(authorized=True)} >= {"/api/version", "/api/tags", "/api/chat"}

    app.settings.sync()
    assert TOKEN not in app.settings.path.read_text()
    assert TOKEN not in caplog.text
    assert "not-it" not in caplog.text
    secrets = (tmp_path / "secrets.json").read_text()
    assert TOKEN in secrets  # the file keyring: where a system without a keyring service keeps it
