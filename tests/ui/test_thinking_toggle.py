"""Thinking under control per chat (issue 19): the menu beside the model picker shows only for a model that
can think, with Off / On or the levels the server says the model offers; off sends think=false, on
think=true, a level its name; a model that cannot think is sent no `think` at all. Each chat keeps its own
choice (across a restart too); a new chat starts from the default in Preferences (kept across a restart)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from piassist.app import PiAssist
from tests.helpers.fakes import FakeServer, answer
from tests.helpers.waiting import wait_until

THINKER = "smollm2:135m"
# The offscreen platform cannot raise a popup menu or give it the keyboard grab; the menu works anyway.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing the keyboard)")


def ask(app: PiAssist, run: Callable[..., Any], server: FakeServer, text: str) -> None:
    page = app.window.chat_page
    server.chat_script = answer(["Yes."])
    page.composer.setPlainText(text)
    page.send_button.click()
    run(wait_until(lambda: not app.chat.generating and app.chat.messages[-1].content == "Yes."))


def thinker(server: FakeServer, *levels: bool | str, default: bool | str | None = None) -> None:
    server.details[THINKER] = replace(
        server.details[THINKER],
        capabilities=("completion", "thinking"),
        think_values=tuple(levels),
        think_default=default,
    )


def open_with(make_app: Callable[..., PiAssist], run: Callable[..., Any], **options: Any) -> PiAssist:
    app = make_app(**options)
    app.window.show()
    app.start()
    page = app.window.chat_page
    run(wait_until(lambda: page.model_box.count() == 2))
    page.model_box.select(THINKER)
    run(wait_until(page.thinking_toggle.isVisible))
    return app


def entries(app: PiAssist) -> list[bool | str]:
    return [action.data() for action in app.window.chat_page.thinking_toggle.actions_]


def choose_by_keys(app: PiAssist, run: Callable[..., Any], qtbot: Any, value: bool | str) -> None:
    """Tab's target, Space opens the menu, the arrows walk to the entry, Enter takes it."""
    toggle = app.window.chat_page.thinking_toggle
    toggle.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(toggle, Qt.Key.Key_Space)
    menu = toggle.menu_
    run(wait_until(menu.isVisible))
    values = entries(app)
    for _ in range(len(values)):
        active = menu.activeAction()
        if active is not None and active.data() == value and type(active.data()) is type(value):
            break
        qtbot.keyClick(menu, Qt.Key.Key_Down)
    assert menu.activeAction() is not None and menu.activeAction().data() == value
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    run(wait_until(lambda: not menu.isVisible()))


def test_thinking_off_and_on_per_chat_by_keys(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer, qtbot: Any
) -> None:
    thinker(server)  # an Ollama that does not say which values (v0.24 to v0.33): off and on
    app = open_with(make_app, run)
    page = app.window.chat_page
    toggle = page.thinking_toggle
    assert entries(app) == [False, True]
    assert toggle.current() is True  # on, as before: the default
    choose_by_keys(app, run, qtbot, False)
    assert toggle.current() is False and app.chat.thinking.choice is False
    ask(app, run, server, "Quick, please")
    assert server.chat_requests[-1].think is False  # sent, as false: the model does not think
    first = app.chat.conversation
    assert first is not None

    page.new_chat()  # a new chat starts from the default
    run(wait_until(lambda: toggle.current() is True))
    ask(app, run, server, "Take your time")
    assert server.chat_requests[-1].think is True

    app.chat.open_conversation(first.id)  # the first chat kept its own choice
    run(wait_until(lambda: app.chat.conversation is not None and app.chat.conversation.id == first.id))
    assert toggle.current() is False


def test_levels_where_the_server_names_them(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer, qtbot: Any
) -> None:
    thinker(server, False, "low", "medium", "high", default="medium")  # as v0.34 says of such a model
    app = open_with(make_app, run)
    toggle = app.window.chat_page.thinking_toggle
    run(wait_until(lambda: entries(app) == [False, "low", "medium", "high"]))
    assert toggle.current() == "medium"  # "on" here is the model's own level: nothing is sent for it
    ask(app, run, server, "Default")
    assert server.chat_requests[-1].think is None
    choose_by_keys(app, run, qtbot, "low")
    assert toggle.current() == "low" and toggle.text().endswith("•··")  # the first of three levels
    ask(app, run, server, "Low")
    assert server.chat_requests[-1].think == "low"
    choose_by_keys(app, run, qtbot, False)
    ask(app, run, server, "Off")
    assert server.chat_requests[-1].think is False


def test_a_model_that_cannot_be_turned_off_is_sent_nothing_for_off(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    thinker(server, "low", "medium", "high", default="medium")  # gpt-oss on v0.34: levels, no off
    app = make_app()
    app.settings.set_think_default(False)
    app = open_with(lambda **_: app, run)
    run(wait_until(lambda: entries(app) == ["low", "medium", "high"]))
    assert app.window.chat_page.thinking_toggle.current() == "medium"  # what it will do
    ask(app, run, server, "Hello")
    assert server.chat_requests[-1].think is None


@pytest.mark.parametrize("default", [True, False])
def test_a_model_that_cannot_think_is_sent_no_think_and_shows_no_menu(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer, default: bool
) -> None:
    app = make_app()
    app.settings.set_think_default(default)
    app.window.show()
    app.start()
    page = app.window.chat_page
    run(wait_until(lambda: page.model_box.count() == 2))
    page.model_box.select(THINKER)
    page.thinking_toggle.choose(default)  # the chat's own choice too
    ask(app, run, server, "Hello")
    assert server.chat_requests[-1].think is None
    assert not page.thinking_toggle.isVisible()


def test_the_default_and_each_chats_choice_survive_a_restart(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    thinker(server)
    first = open_with(make_app, run)
    dialog = first.window.open_settings_dialog()
    assert dialog.think.currentData() is True
    dialog.think.setCurrentIndex(dialog.think.findData(False))  # Preferences: off for new chats
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert first.settings.think_default is False
    first.window.chat_page.new_chat()
    run(wait_until(lambda: first.window.chat_page.thinking_toggle.current() is False))
    first.window.chat_page.thinking_toggle.choose("high")  # not offered: thinking on, as true
    ask(first, run, server, "Keep this")
    assert server.chat_requests[-1].think is True
    kept = first.chat.conversation
    assert kept is not None
    run(first.aclose())

    again = open_with(make_app, run)  # the same settings and history folders
    assert again.settings.think_default is False
    toggle = again.window.chat_page.thinking_toggle
    assert toggle.current() is False  # a new chat: the default
    again.chat.open_conversation(kept.id)
    run(wait_until(lambda: again.chat.conversation is not None and again.chat.conversation.id == kept.id))
    assert again.chat.thinking.choice == "high" and toggle.current() is True
