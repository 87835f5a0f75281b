"""A question too long for the model (fake server): the warning before it is sent, with its choices; a
megabyte pasted with Ctrl+V never lands in the question box; an attached text is kept whole and sent in
part; the older turns left out are told; the server's "too long" (HTTP 400) has a way on."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.context_budget import CUT_MARK
from piassist.core.history.types import MessageState, Role
from piassist.services.chat_request import ATTACHED_AT
from piassist.ui.chat.transcript_view import COPY_MESSAGE
from piassist.ui.window.menus import PAGE_CHAT
from tests.helpers.fakes import FakeServer, details
from tests.helpers.waiting import wait_until
from tests.ui.test_chat_page import ask, open_chat

LONG = "The quick brown fox jumps over the lazy dog. " * 700  # 31,500 characters, ~7,900 tokens
MEGABYTE = "".join(
    f"{i:06d} INFO piassist: connected to Ollama 0.24.0 at 127.0.0.1:11434\n" for i in range(15_000)
)


def small_context_chat(make_app: Callable[..., PiAssist], run: Callable[..., Any]) -> PiAssist:
    """The chat page with a context of 2048 tokens chosen in Preferences (the figures below count on it)."""
    app = open_chat(make_app, run)
    app.settings.set_chat_defaults({"num_ctx": 2048})
    return app


def warning(page: Any) -> QMessageBox:
    box = page.long.box
    assert box is not None and box.isVisible()
    return box


def button(box: QMessageBox, name: str) -> QPushButton:
    found = box.findChild(QPushButton, name)
    assert found is not None
    return found


def back_button(box: QMessageBox) -> QPushButton:
    return next(
        b for b in box.findChildren(QPushButton) if box.buttonRole(b) is QMessageBox.ButtonRole.RejectRole
    )


def test_a_question_too_long_is_held_with_the_three_choices(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    app = small_context_chat(make_app, run)
    page = app.window.chat_page
    ask(app, qtbot, LONG)
    box = warning(page)
    assert server.chat_requests == [] and app.chat.messages == []  # nothing sent, nothing saved
    assert {b.objectName() for b in box.findChildren(QPushButton)} >= {"attachText", "sendAnyway"}
    assert "31" in box.informativeText() and "%" in box.informativeText()  # its length, and the share read
    # Shorten it: back to the box, the text still there.
    back_button(box).click()
    qtbot.waitUntil(lambda: page.long.box is None)
    assert page.composer.toPlainText() == LONG and server.chat_requests == []
    # Send anyway: the whole question goes; the transcript shows its start, Copy takes all of it.
    ask(app, qtbot, LONG)
    button(warning(page), "sendAnyway").click()
    run(wait_until(lambda: not app.chat.generating and len(app.chat.messages) == 2))
    assert server.chat_requests[-1].messages[-1].content == LONG.strip()
    question_id = page.transcript.message_ids()[0]
    shown = page.transcript.message_text(question_id)
    assert len(shown) < 5000 and "more characters" in shown
    page.transcript.anchorClicked.emit(QUrl(f"{COPY_MESSAGE}:{question_id}"))
    assert QApplication.clipboard().text() == LONG.strip()


def test_attached_at_send_time_it_is_kept_whole_and_the_model_gets_its_beginning(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    app = small_context_chat(make_app, run)
    page = app.window.chat_page
    ask(app, qtbot, LONG)
    button(warning(page), "attachText").click()
    run(wait_until(lambda: not app.chat.generating and len(app.chat.messages) == 2))
    question = app.chat.messages[0]
    assert question.content == LONG.strip() and question.stats == {ATTACHED_AT: 0}
    sent = server.chat_requests[-1].messages[-1].content
    assert sent.endswith(CUT_MARK) and LONG.startswith(sent[: -len(CUT_MARK)]) and len(sent) < len(LONG) / 3
    assert page.notice.isVisible() and "%" in page.notice.text.text()  # what part the model read
    assert page.composer.toPlainText() == ""


def test_a_megabyte_pasted_never_lands_in_the_box_and_goes_attached(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    app = small_context_chat(make_app, run)
    page = app.window.chat_page
    page.composer.setFocus()
    qtbot.keyClicks(page.composer, "What went wrong?")
    QApplication.clipboard().setText(MEGABYTE)
    qtbot.keyClick(page.composer, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    box = warning(page)
    assert page.composer.toPlainText() == "What went wrong?"  # the megabyte is not in the box
    assert back_button(box).text() == "Don't paste"
    button(box, "attachText").click()
    qtbot.waitUntil(page.long.chip.isVisible)
    assert "1,0" in page.long.chip.label.text()  # its size, in the interface's way of writing numbers
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    run(wait_until(lambda: not app.chat.generating and len(app.chat.messages) == 2))
    question = app.chat.messages[0]
    assert question.content == "What went wrong?\n\n" + MEGABYTE and not page.long.chip.isVisible()
    sent = server.chat_requests[-1].messages[-1].content
    assert sent.startswith("What went wrong?\n\n000000 INFO") and len(sent) < 10_000
    # Edit the question: the text goes back above the box, the words into it.
    page.edit_button.click()
    assert page.composer.toPlainText() == "What went wrong?" and page.long.chip.isVisible()
    qtbot.keyClick(page.composer, Qt.Key.Key_Escape)  # not editing after all
    assert not page.long.chip.isVisible()


def test_a_megabyte_pasted_then_sent_anyway_goes_whole(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    app = small_context_chat(make_app, run)
    page = app.window.chat_page
    page.composer.setFocus()
    qtbot.keyClicks(page.composer, "Look: ")
    QApplication.clipboard().setText(MEGABYTE)
    qtbot.keyClick(page.composer, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    button(warning(page), "sendAnyway").click()
    run(wait_until(lambda: not app.chat.generating and len(app.chat.messages) == 2))
    assert app.chat.messages[0].content == ("Look: " + MEGABYTE).strip()
    assert server.chat_requests[-1].messages[-1].content == ("Look: " + MEGABYTE).strip()


def test_each_step_of_a_megabyte_paste_keeps_the_window_answering(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    """The loop's longest stall from Ctrl+V to the answer, step by step: the largest gap between ticks of
    a 5 ms timer (the yardstick of benchmarks/chat_speed.py), as wall time and as this thread's CPU time
    (the work itself: a machine busy with other things stretches the first, not the second)."""
    app = small_context_chat(make_app, run)
    page = app.window.chat_page
    ask(app, qtbot, "warm up")  # the first answer loads what every answer needs
    run(wait_until(lambda: not app.chat.generating))
    gaps: list[tuple[float, float]] = []
    last = [time.perf_counter(), time.thread_time()]

    def tick() -> None:
        now = (time.perf_counter(), time.thread_time())
        gaps.append((now[0] - last[0], now[1] - last[1]))
        last[:] = now

    probe = QTimer(interval=5)
    probe.setTimerType(Qt.TimerType.PreciseTimer)
    probe.timeout.connect(tick)
    probe.start()
    steps: dict[str, tuple[float, float]] = {}

    def step(name: str, action: Callable[[], object], done: Callable[[], bool]) -> None:
        gaps.clear()
        last[:] = [time.perf_counter(), time.thread_time()]
        action()
        qtbot.waitUntil(done, timeout=10_000)
        qtbot.wait(30)  # a few probe ticks after the step
        steps[name] = (max(g[0] for g in gaps) * 1000, max(g[1] for g in gaps) * 1000)

    page.composer.setFocus()
    QApplication.clipboard().setText(MEGABYTE)
    step(
        "paste → warning",
        lambda: qtbot.keyClick(page.composer, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier),
        lambda: page.long.box is not None and page.long.box.isVisible(),
    )
    step("attach", lambda: button(warning(page), "attachText").click(), page.long.chip.isVisible)
    step(
        "send → answer",
        lambda: qtbot.keyClick(page.composer, Qt.Key.Key_Return),
        lambda: not app.chat.generating and len(app.chat.messages) == 4,
    )
    probe.stop()
    shown = {name: f"{wall:.1f} ms wall, {cpu:.1f} ms CPU" for name, (wall, cpu) in steps.items()}
    print("longest stall per step:", shown)
    assert all(cpu < 50 for _wall, cpu in steps.values()), shown


def test_too_long_for_the_server_offers_to_leave_out_older_messages_or_a_new_chat(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    app = small_context_chat(make_app, run)
    page = app.window.chat_page
    for text in ("a" * 1200, "b" * 1200):
        ask(app, qtbot, text)
        run(wait_until(lambda: not app.chat.generating))
    server.context_chars = 2500  # smaller than PiAssist's estimate: the server answers 400
    ask(app, qtbot, "c" * 1200)
    run(wait_until(lambda: not app.chat.generating and page.notice.shorter_button.isVisible()))
    assert page.notice.new_chat_button.isVisible() and not page.notice.retry_button.isVisible()
    assert app.chat.messages[-1].state is MessageState.ERROR
    page.notice.shorter_button.click()
    run(wait_until(lambda: not app.chat.generating and app.chat.messages[-1].state is MessageState.COMPLETE))
    assert next(m.content for m in server.chat_requests[-1].messages if m.role == "user") != "a" * 1200
    assert [m.content for m in app.chat.messages if m.role is Role.USER] == [
        "a" * 1200,
        "b" * 1200,
        "c" * 1200,
    ]
    assert "left out" in page.notice.text.text()  # the band says older messages were left out
    # Or a new chat: the conversation stays in the list.
    ask(app, qtbot, "d" * 2600)
    run(wait_until(lambda: not app.chat.generating and page.notice.new_chat_button.isVisible()))
    page.notice.new_chat_button.click()
    assert app.chat.conversation is None and page.transcript.message_ids() == []
    run(wait_until(lambda: page.conversations.list.count() == 1))


@pytest.mark.parametrize("language", ["uk"])
def test_the_warning_speaks_the_interfaces_language(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, language: str
) -> None:
    app = open_chat(make_app, run, language)
    page = app.window.chat_page
    ask(app, qtbot, LONG)
    box = warning(page)
    assert (
        box.text() and "model" not in box.text() and "31 500" in box.informativeText().replace("\u00a0", " ")
    )


def test_choosing_a_model_reads_its_context_before_the_first_question(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    """With no context set for the chat, the model's own counts: this one was trained for 1,024 tokens,
    so 4,000 characters are too long for it (they would fit Ollama's default of 4,096)."""
    server.details["smollm2:135m"] = details("smollm2:135m", context_length=1024)
    app = make_app()
    app.settings.set_chat_defaults({"num_ctx": None})  # not chosen: the model's own counts
    app.window.show_page(PAGE_CHAT)
    app.window.show()
    app.start()
    page = app.window.chat_page
    run(wait_until(lambda: page.model_box.count() == 2))
    page.model_box.setCurrentIndex(page.model_box.findData("smollm2:135m"))
    page.model_box.activated.emit(page.model_box.currentIndex())
    run(wait_until(lambda: "show" in server.calls))
    ask(app, qtbot, "x" * 4000)
    assert warning(page) is not None and server.chat_requests == []
