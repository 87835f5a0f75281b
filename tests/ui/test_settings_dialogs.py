"""Preferences and "Settings for this chat": what a person sets is saved and used by the next answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox

from piassist.app import PiAssist
from piassist.core.chat_types import ChatMessage, ChatOptions
from piassist.core.history.store import HistoryStore
from piassist.core.history.types import MessageState
from piassist.services.answer_stream import THINKING_SECONDS
from tests.helpers.fakes import FakeServer, answer, details
from tests.helpers.waiting import wait_until
from tests.ui.test_chat_page import open_chat


def press(box: QDialogButtonBox, which: QDialogButtonBox.StandardButton) -> None:
    box.button(which).click()


def test_preferences_start_from_the_models_own_values_and_keep_only_what_was_changed(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    server.details["smollm2:135m"] = replace(
        details("smollm2:135m", context_length=8192), parameters="temperature 0.6\nnum_predict 300"
    )
    app = open_chat(make_app, run)
    dialog = app.window.open_settings_dialog()
    assert dialog.isVisible()
    form = dialog.options
    # The model's own values (its Modelfile, read once from /api/show), none of them chosen.
    run(wait_until(lambda: form.temperature.value() == 0.6))
    assert form.options() == {} and not form.use_model_defaults.isEnabled()
    assert form.answer_length.value() == 300 and form.context.currentData() == 4096  # Ollama's default
    default_note = form.notes["temperature"].text()
    assert "smollm2:135m" in form.intro.text()
    assert dialog.prompt.edit.toPlainText() == app.chat.default_system_prompt()  # PiAssist's own
    form.temperature.setValue(0.3)
    form.keep_alive.setCurrentIndex(form.keep_alive.findData("-1m"))
    form.answer_length.setValue(0)  # "No limit", chosen over the model's 300
    assert form.answer_length.text() == "No limit"
    assert form.is_chosen("temperature") and not form.is_chosen("num_ctx")
    assert "0.6" in form.notes["temperature"].text() and form.notes["num_ctx"].text() == default_note
    dialog.prompt.edit.setPlainText("Answer like a librarian.")
    press(dialog.buttons, QDialogButtonBox.StandardButton.Ok)
    assert app.settings.chat_defaults() == {"temperature": 0.3, "keep_alive": "-1m", "num_predict": -1}
    assert app.settings.system_prompt("en") == "Answer like a librarian."

    app.window.chat_page.send("Where are the atlases?")
    run(wait_until(lambda: not app.chat.generating))
    request = server.chat_requests[-1]
    assert request.messages[0] == ChatMessage("system", "Answer like a librarian.")
    assert request.options == ChatOptions(temperature=0.3, num_predict=-1, keep_alive="-1m")
    assert "num_ctx" not in request.options.to_options()  # the context stays the server's


def test_restore_defaults_takes_every_choice_back_and_the_prompt_follows_piassists_own(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    app = open_chat(make_app, run)
    app.settings.set_chat_defaults(
        {"temperature": 1.9, "num_ctx": 1024, "keep_alive": "0", "num_predict": 64}
    )
    app.settings.set_system_prompt("en", "Old words.")
    dialog = app.window.open_settings_dialog()
    assert dialog.prompt.edit.toPlainText() == "Old words."
    assert "4096" in dialog.options.notes["num_ctx"].text()  # the model's own, beside the choice
    press(dialog.buttons, QDialogButtonBox.StandardButton.RestoreDefaults)
    assert dialog.options.options() == {}
    assert dialog.options.temperature.value() == 0.8  # Ollama's own: the Modelfile sets none
    press(dialog.buttons, QDialogButtonBox.StandardButton.Ok)
    assert app.settings.chat_defaults() == {}
    # The prompt is PiAssist's own again, so it follows the language instead of being frozen in English.
    assert app.settings.system_prompt("en") == ""
    app.window.chat_page.send("Hi")
    run(wait_until(lambda: not app.chat.generating))
    assert server.chat_requests[-1].options == ChatOptions()


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
    assert app.settings.chat_defaults() == {} and app.i18n.language == "en"


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
    assert request.options == ChatOptions(num_ctx=8192)
    assert app.settings.chat_defaults() == {}  # the app's defaults are untouched

    dialog = page.open_chat_settings()  # reopened: shows what this chat has now
    assert dialog.prompt.edit.toPlainText() == "Answer in rhymes."
    assert dialog.options.options() == {"num_ctx": 8192} and dialog.options.context.currentData() == 8192
    dialog.options.use_model_defaults.click()
    assert dialog.options.options() == {} and dialog.options.context.currentData() == 4096
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
