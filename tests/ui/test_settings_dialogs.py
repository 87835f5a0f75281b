"""Preferences and "Settings for this chat": what a person sets is saved and used by the next answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox

from piassist.app import PiAssist
from piassist.core.chat_types import ChatMessage, ChatOptions
from piassist.core.history.store import HistoryStore
from piassist.core.history.types import MessageState
from piassist.services.answer_stream import THINKING_SECONDS
from tests.helpers.fakes import FakeServer, answer
from tests.helpers.waiting import wait_until
from tests.ui.test_chat_page import open_chat


def press(box: QDialogButtonBox, which: QDialogButtonBox.StandardButton) -> None:
    box.button(which).click()


def test_preferences_save_the_defaults_for_new_chats_and_the_instructions(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    app = open_chat(make_app, run)
    dialog = app.window.open_settings_dialog()
    assert dialog.isVisible()
    form = dialog.options
    assert form.options() == {"temperature": 0.7, "num_ctx": 2048, "keep_alive": "10m", "num_predict": 0}
    assert dialog.prompt.edit.toPlainText() == app.chat.default_system_prompt()  # PiAssist's own
    assert form.answer_length.text() == "No limit"
    form.temperature.setValue(0.3)
    form.context.setCurrentIndex(form.context.findData(4096))
    form.keep_alive.setCurrentIndex(form.keep_alive.findData("-1m"))
    form.answer_length.setValue(512)
    dialog.prompt.edit.setPlainText("Answer like a librarian.")
    press(dialog.buttons, QDialogButtonBox.StandardButton.Ok)
    assert app.settings.chat_defaults() == {
        "temperature": 0.3,
        "num_ctx": 4096,
        "keep_alive": "-1m",
        "num_predict": 512,
    }
    assert app.settings.system_prompt("en") == "Answer like a librarian."

    app.window.chat_page.composer.setPlainText("Where are the atlases?")
    app.window.chat_page.send("Where are the atlases?")
    run(wait_until(lambda: not app.chat.generating))
    request = server.chat_requests[-1]
    assert request.messages[0] == ChatMessage("system", "Answer like a librarian.")
    assert request.options == ChatOptions(temperature=0.3, num_ctx=4096, num_predict=512, keep_alive="-1m")


def test_restore_defaults_and_an_unchanged_prompt_follow_piassists_own(
    make_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    app = open_chat(make_app, run)
    app.settings.set_chat_defaults(
        {"temperature": 1.9, "num_ctx": 1024, "keep_alive": "0", "num_predict": 64}
    )
    app.settings.set_system_prompt("en", "Old words.")
    dialog = app.window.open_settings_dialog()
    assert dialog.prompt.edit.toPlainText() == "Old words."
    press(dialog.buttons, QDialogButtonBox.StandardButton.RestoreDefaults)
    assert dialog.options.options()["temperature"] == 0.7
    press(dialog.buttons, QDialogButtonBox.StandardButton.Ok)
    assert app.settings.chat_defaults()["num_ctx"] == 2048
    # The prompt is PiAssist's own again, so it follows the language instead of being frozen in English.
    assert app.settings.system_prompt("en") == ""


def test_choosing_a_language_in_preferences_switches_live(
    make_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    app = open_chat(make_app, run)
    dialog = app.window.open_settings_dialog()
    dialog.language.setCurrentIndex(dialog.language.findData("uk"))
    press(dialog.buttons, QDialogButtonBox.StandardButton.Ok)
    assert app.i18n.language == "uk" and app.settings.language == "uk"
    run(wait_until(lambda: app.window.menus.settings_menu.title() == "&Налаштування"))
    run(wait_until(lambda: "українською" in app.chat.default_system_prompt()))


def test_cancel_changes_nothing(make_app: Callable[..., PiAssist], run: Callable[..., Any]) -> None:
    app = open_chat(make_app, run)
    dialog = app.window.open_settings_dialog()
    dialog.options.temperature.setValue(2.0)
    dialog.language.setCurrentIndex(dialog.language.findData("uk"))
    press(dialog.buttons, QDialogButtonBox.StandardButton.Cancel)
    assert app.settings.temperature == 0.7 and app.i18n.language == "en"


def test_a_chats_own_settings_from_the_gear_button(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    app = open_chat(make_app, run)
    page = app.window.chat_page
    page.settings_button.click()
    dialog = page.chat_settings_dialog
    assert dialog.isVisible() and dialog.prompt.edit.toPlainText() == app.chat.default_system_prompt()
    dialog.prompt.edit.setPlainText("Answer in rhymes.")
    dialog.options.context.setCurrentIndex(dialog.options.context.findData(8192))
    press(dialog.buttons, QDialogButtonBox.StandardButton.Ok)
    run(wait_until(lambda: app.chat.conversation_settings()[0] == "Answer in rhymes."))
    page.send("A poem, please")
    run(wait_until(lambda: not app.chat.generating))
    request = server.chat_requests[-1]
    assert request.messages[0] == ChatMessage("system", "Answer in rhymes.")
    assert request.options is not None and request.options.num_ctx == 8192
    assert app.settings.num_ctx == 2048  # the app's defaults are untouched

    dialog = page.open_chat_settings()  # reopened: shows what this chat has now
    assert dialog.prompt.edit.toPlainText() == "Answer in rhymes."
    dialog.prompt.restore.click()
    assert dialog.prompt.edit.toPlainText() == app.chat.default_system_prompt()
    press(dialog.buttons, QDialogButtonBox.StandardButton.Cancel)
    assert app.chat.conversation_settings()[0] == "Answer in rhymes."


def test_a_reloaded_answer_shows_how_long_the_model_thought(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    app = open_chat(make_app, run)
    server.chat_script = answer(["42"], thinking=["Let me ", "count."])
    page = app.window.chat_page
    page.send("Answer?")
    run(wait_until(lambda: not app.chat.generating))
    cid = app.chat.conversation.id
    reply_id = page.transcript.message_ids()[-1]
    assert "Thought for 1 second" in page.transcript.message_text(reply_id)  # timed as it streamed
    reply = run(app.chat.history.call(HistoryStore.get_message, reply_id))
    assert reply.stats[THINKING_SECONDS] < 1 and reply.stats["eval_count"] == 3
    figures = {**reply.stats, THINKING_SECONDS: 12.4}  # as if the model had thought longer
    run(
        app.chat.history.call(
            HistoryStore.finish_message, reply_id, MessageState.COMPLETE, figures, None, content="42"
        )
    )
    app.window.menus.new_chat_action.trigger()
    assert page.transcript.message_ids() == []
    run(app.chat.open_conversation(cid))
    text = page.transcript.message_text(reply_id)
    assert "Thought for 12 seconds" in text and "tokens/s" in text
