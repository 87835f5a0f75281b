from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.connection_state import ConnState
from piassist.core.ollama import binary as ollama_binary
from piassist.ui.connection.page import ConnectionPage
from piassist.ui.window.menus import PAGE_CHAT, PAGE_MODELS
from tests.helpers.fakes import FakeServer
from tests.helpers.waiting import wait_until


def test_shows_the_connection_screen_until_ollama_answers(
    make_app: Callable[..., PiAssist],
    server: FakeServer,
    run: Callable[..., Any],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ollama_binary, "find_ollama", lambda: "/opt/ollama/bin/ollama")
    server.go_down()
    app = make_app()
    window = app.window
    window.show_page(PAGE_MODELS)
    window.show()
    app.start()

    async def go() -> None:
        await wait_until(lambda: app.connection.status.state is ConnState.NOT_RUNNING)
        assert window.current_page() is window.connection_page
        assert window.connection_page.title.text() == "Ollama is not running"
        assert window.connection_page.start_button.isVisible()
        monkeypatch.setattr(ollama_binary, "find_ollama", lambda: None)
        await wait_until(lambda: app.connection.status.state is ConnState.NOT_INSTALLED)
        assert window.connection_page.command_box.isVisible()
        assert not window.connection_page.start_button.isVisible()
        assert window.status_text.text() == "Ollama is not installed"
        server.come_back()
        await wait_until(lambda: window.current_page() is window.models_page)
        await wait_until(lambda: window.models_page.table_model.rowCount() == 2)

    run(go())
    assert "Ollama 0.24.0 · 127.0.0.1:11434" in window.status_text.text()


def test_navigation_switches_pages_while_connected(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot
) -> None:
    app = make_app()
    window = app.window
    window.show()
    app.start()
    run(wait_until(lambda: app.connection.status.is_connected))
    assert window.current_page() is window.chat_page
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.models_page
    window.menus.models_action.trigger()
    window.menus.chat_action.trigger()
    assert window.current_page() is window.chat_page
    window.chat_page.models_page_requested.emit()
    assert window.current_page() is window.models_page
    assert window.nav.currentRow() == PAGE_MODELS
    window.show_page(PAGE_CHAT)
    run(wait_until(lambda: window.chat_page.current_model() == "smollm2:135m"))  # the instruct model


def test_host_dialog_validates_and_applies(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any], qtbot: QtBot
) -> None:
    app = make_app()
    window = app.window
    window.show()
    app.start()
    run(wait_until(lambda: app.connection.status.is_connected))
    window.menus.host_action.trigger()
    dialog = window.host_dialog
    assert dialog is not None and dialog.isVisible()
    edit = dialog.host_edit
    edit.setText("not a host")
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled() and dialog.problem_label.text() == "This is not a server address."
    edit.setText("127.0.0.1:7777")
    assert ok.isEnabled() and dialog.problem_label.text() == ""
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    run(
        wait_until(lambda: server.hosts[-1] == "http://127.0.0.1:7777" and app.connection.status.is_connected)
    )
    assert app.settings.host == "127.0.0.1:7777"
    assert "127.0.0.1:7777" in window.status_text.text()


def test_language_menu_switches_live(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot
) -> None:
    app = make_app()
    window = app.window
    window.show()
    app.start()
    run(wait_until(lambda: app.connection.status.is_connected))
    window.menus.language_actions["uk"].trigger()
    run(wait_until(lambda: window.nav.item(PAGE_MODELS).text() != "Models"))
    assert window.nav.item(PAGE_MODELS).text() == "Моделі"
    assert window.models_page.table_model.headerData(0, Qt.Orientation.Horizontal) == "Назва"
    assert app.settings.language == "uk"
    window.menus.language_actions["en"].trigger()
    run(wait_until(lambda: window.nav.item(PAGE_MODELS).text() == "Models"))


def test_the_menus_follow_the_language_after_something_read_them(
    make_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    # With PySide6 6.8.0.2 (Pi OS Bookworm), reading the menu bar's menus through their actions (as an
    # accessibility tool or this project's text walker does) left the window's own references to menus
    # that Qt had made invalid; the next language switch then failed and left the menus untranslated.
    app = make_app()
    window = app.window
    window.show()
    assert "&Help" in menu_titles(window.menuBar().actions())
    window.menus.language_actions["uk"].trigger()
    run(wait_until(lambda: window.nav.item(PAGE_MODELS).text() == "Моделі"))
    translated = ["&Файл", "&Вигляд", "&Налаштування", "&Мова", "&Довідка"]  # Settings holds Language
    assert menu_titles(window.menuBar().actions()) == translated


def menu_titles(actions: list[QAction]) -> list[str]:
    """The titles of these menus and of their submenus, read the way the i18n walker reads them."""
    titles: list[str] = []
    for action in actions:
        menu = action.menu()
        if isinstance(menu, QMenu):
            titles.append(menu.title())
            titles += menu_titles(menu.actions())
    return titles


def test_no_problem_screen_when_ollama_answers(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot
) -> None:
    app = make_app()
    window = app.window
    window.show_page(PAGE_MODELS)
    window.show()
    assert window.current_page() is window.models_page
    # Before the first list arrives, "no models yet" would be a lie: the (empty) table shows.
    assert window.models_page.stack.currentWidget() is window.models_page.table
    assert app.window.status_text.text() == "Connecting to Ollama…"
    app.start()
    run(wait_until(lambda: window.models_page.table_model.rowCount() == 2))
    assert window.findChild(ConnectionPage) is None  # never built, never shown


def test_window_size_is_remembered(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot
) -> None:
    first = make_app()
    first.window.show()
    first.window.resize(700, 460)  # the offscreen screen is 800×600
    first.window.close()
    run(first.aclose())
    first.settings.sync()
    second = make_app()
    second.window.show()
    assert (second.window.width(), second.window.height()) == (700, 460)
