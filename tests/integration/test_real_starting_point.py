"""Issue 19's walk: from the first start to a first useful answer by the keyboard alone, through a
starting point, against the real Ollama with both test models installed and nothing chosen yet."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from piassist.app import PiAssist
from piassist.core.history.types import MessageState, Role
from scripts import harness
from tests.helpers.keyboard_walk import KeyboardWalk
from tests.helpers.waiting import wait_until
from tests.i18n.tour import OFFSCREEN_LIMITS

pytestmark = OFFSCREEN_LIMITS
ANSWER_SECONDS = 300  # smollm2:135m on a busy two-core machine; a Pi 5 takes a few seconds


@pytest.mark.timeout(ANSWER_SECONDS + 120)
def test_first_start_to_an_answer_through_a_starting_point_by_keys_alone(
    ollama: harness.OllamaServer, real_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    app = real_app(ollama.host)
    steps = KeyboardWalk(app, run)
    steps.start(models=2)  # the window active, the question box focused
    page = app.window.chat_page
    steps.wait(lambda: app.library.current_model == harness.DEMO_MODEL)  # the instruct model, unasked
    assert page.starting.isVisible()
    explain = page.starting.buttons[2]  # "Explain simply"
    for _ in range(10):  # Shift+Tab back from the question box to the starting point
        if QApplication.focusWidget() is explain:
            break
        steps.press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is explain
    steps.press(Qt.Key.Key_Space)
    assert QApplication.focusWidget() is page.composer
    prompt = page.starting.points[2].prompt
    assert page.composer.toPlainText() == prompt
    steps.type("what a rainbow is")
    steps.press(Qt.Key.Key_Return)
    steps.wait(lambda: app.chat.generating)
    assert not page.starting.isVisible() and page.transcript.isVisible()
    steps.wait(lambda: not app.chat.generating, timeout=ANSWER_SECONDS)
    question, reply = app.chat.messages
    assert question.role is Role.USER and question.content == prompt + "what a rainbow is"
    assert reply.role is Role.ASSISTANT and reply.model == harness.DEMO_MODEL
    assert reply.state is MessageState.COMPLETE
    words = reply.content.split()
    assert len(words) >= 5  # an answer in words, not an empty or one-token reply
    assert page.transcript.message_text(page.transcript.message_ids()[-1]).strip()  # and it is shown


@pytest.mark.timeout(ANSWER_SECONDS + 120)
def test_a_starting_point_edited_in_preferences_asks_the_real_model(
    ollama: harness.OllamaServer, real_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    app = real_app(ollama.host)
    app.settings.set_current_model(harness.DEMO_MODEL)
    app.window.show()
    app.start()
    page = app.window.chat_page
    run(wait_until(lambda: page.current_model() == harness.DEMO_MODEL, timeout=30))
    dialog = app.window.open_settings_dialog()
    editor = dialog.starting
    editor.list.setCurrentRow(0)
    editor.label.setText("Capital")
    editor.label.textEdited.emit("Capital")
    editor.prompt.setPlainText("Answer in one sentence: what is the capital of ")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    run(wait_until(lambda: page.starting.buttons[0].text() == "Capital"))
    page.starting.buttons[0].click()
    page.composer.insertPlainText("France?")
    page.send_button.click()
    run(wait_until(lambda: app.chat.generating))
    run(wait_until(lambda: not app.chat.generating, timeout=ANSWER_SECONDS), timeout=ANSWER_SECONDS + 10)
    question, reply = app.chat.messages
    assert question.content == "Answer in one sentence: what is the capital of France?"
    assert reply.state is MessageState.COMPLETE and reply.model == harness.DEMO_MODEL
    assert len(reply.content.split()) >= 2
    assert page.transcript.message_text(page.transcript.message_ids()[-1]).strip()
