"""The Ollama server dialog: servers used before, and a token for a server behind a gateway."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.connection_state import ConnState
from piassist.services.secret_store import SecretStore
from piassist.ui.connection.host_dialog import HostDialog
from tests.helpers.fakes import FakeKeyring, FakeServer
from tests.helpers.waiting import wait_until

TOKEN = "gw-51c0ffee"


def open_dialog(app: PiAssist) -> HostDialog:
    app.window.menus.host_action.trigger()
    dialog = app.window.host_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_a_token_typed_in_the_dialog_lets_the_app_in_and_is_kept_only_in_the_keyring_file(
    make_app: Callable[..., PiAssist],
    server: FakeServer,
    run: Callable[..., Any],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    server.required_token = TOKEN
    app = make_app()
    app.window.show()
    app.start()
    run(wait_until(lambda: app.connection.status.state is ConnState.NEEDS_TOKEN))
    page = app.window.connection_page
    assert app.window.pages.currentWidget() is page
    assert page.title.text() == "The server asks for a token"
    page.host_button.click()
    dialog = app.window.host_dialog
    assert dialog is not None and dialog.isVisible()
    # With no keyring service here (as in the tests), the dialog says where tokens go.
    run(wait_until(lambda: "no keyring service" in dialog.keyring_note.text()))
    assert str(tmp_path / "secrets.json") in dialog.keyring_note.text()
    assert dialog.forget_token_box.isHidden()
    qtbot.keyClicks(dialog.token_edit, TOKEN)
    qtbot.keyClick(dialog.token_edit, Qt.Key.Key_Return)
    run(wait_until(lambda: app.connection.status.is_connected))
    assert not dialog.isVisible()
    assert server.tokens[-1] == TOKEN
    secrets = tmp_path / "secrets.json"
    assert json.loads(secrets.read_text()) == {"piassist": {"host-token:http://127.0.0.1:11434": TOKEN}}
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    app.settings.sync()
    assert TOKEN not in app.settings.path.read_text()

    # Opened again: the token is not shown, but the dialog says one is saved and offers to forget it.
    dialog = open_dialog(app)
    assert dialog.token_edit.text() == ""
    assert dialog.token_edit.placeholderText() == "Saved: type to replace"
    assert dialog.forget_token_box.isVisible()
    dialog.forget_token_box.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    run(wait_until(lambda: app.connection.status.state is ConnState.NEEDS_TOKEN))
    assert app.connection.status.token_sent is False
    assert json.loads(secrets.read_text()) == {}


def test_servers_used_before_are_offered_and_can_be_removed(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any]
) -> None:
    app = make_app()
    app.window.show()
    app.start()
    app.connection.set_host("192.168.1.20:11434")
    app.connection.set_host("big-pc.local")
    run(wait_until(lambda: app.connection.status.is_connected))
    dialog = open_dialog(app)
    choices = [dialog.host_box.itemText(i) for i in range(dialog.host_box.count())]
    assert choices == ["big-pc.local", "192.168.1.20:11434"]
    dialog.host_box.setCurrentIndex(1)
    assert dialog.host_edit.text() == "192.168.1.20:11434"
    assert dialog.forget_host_button.isEnabled()
    dialog.forget_host_button.click()
    assert [dialog.host_box.itemText(i) for i in range(dialog.host_box.count())] == ["big-pc.local"]
    assert app.settings.saved_hosts == ["big-pc.local"]
    dialog.host_edit.setText("new-host")
    assert not dialog.forget_host_button.isEnabled()  # not in the list: nothing to remove
    dialog.reject()


def test_a_keyring_that_refuses_the_token_changes_nothing_and_says_why(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any], tmp_path: Path
) -> None:
    app = make_app(secrets=SecretStore(tmp_path / "s.json", backend=FakeKeyring(fail=True)))
    app.window.show()
    app.start()
    run(wait_until(lambda: app.connection.status.is_connected))
    dialog = open_dialog(app)
    dialog.host_edit.setText("other-pc")
    dialog.token_edit.setText(TOKEN)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    run(wait_until(lambda: "did not take the token" in dialog.problem_label.text()))
    assert dialog.isVisible() and dialog.token_edit.isEnabled()
    assert app.connection.host_text == "127.0.0.1:11434"  # the address was not changed either
    assert not app.connection.has_token("other-pc")
    dialog.reject()
