"""The chat page over a fake server: ask, stream, stop, fail in plain words, come back to a chat."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.models import LoadedModel
from piassist.ui.window.menus import PAGE_CHAT
from tests.helpers.fakes import FakeServer, answer, model
from tests.helpers.waiting import wait_until


def open_chat(make_app: Callable[..., PiAssist], run: Callable[..., Any], language: str = "en") -> PiAssist:
    app = make_app(language)
    app.window.show_page(PAGE_CHAT)
    app.window.show()
    app.start()
    page = app.window.chat_page
    run(wait_until(lambda: page.model_box.count() == 2 and app.connection.status.is_connected))
    page.model_box.setCurrentIndex(page.model_box.findData("smollm2:135m"))
    return app


def last_text(app: PiAssist) -> str:
    ids = app.window.chat_page.transcript.message_ids()
    return app.window.chat_page.transcript.message_text(ids[-1]) if ids else ""


def ask(app: PiAssist, qtbot: QtBot, text: str) -> None:
    composer = app.window.chat_page.composer
    composer.setFocus()
    composer.setPlainText(text)
    qtbot.keyClick(composer, Qt.Key.Key_Return)


def test_enter_sends_and_the_answer_streams_in(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    app = open_chat(make_app, run)
    page = app.window.chat_page
    server.chat_script = answer(["Hi", " there", "!\n\n```python\nprint(1)\n```\n"])
    page.composer.setPlainText("line one")
    page.composer.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(page.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert page.composer.toPlainText() == "line one\n"  # Shift+Enter: a new line, not sent
    ask(app, qtbot, "Hello <b>model</b>")
    assert page.composer.toPlainText() == ""
    run(wait_until(lambda: not app.chat.generating))
    ids = page.transcript.message_ids()
    assert len(ids) == 2
    assert "Hello <b>model</b>" in page.transcript.message_text(ids[0])  # shown as typed, not as markup
    answer_text = page.transcript.message_text(ids[1])
    assert "Hi there!" in answer_text and "print(1)" in answer_text
    assert "tokens/s" in answer_text  # the server's figures under the answer
    assert page.send_button.text() == "Send" and page.regenerate_button.isEnabled()
    assert server.chat_requests[-1].model == "smollm2:135m"
    run(wait_until(lambda: page.conversations.list.count() == 1))
    assert page.conversations.list.item(0).text() == "Hello <b>model</b>"


def test_escape_stops_and_keeps_the_partial_answer(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    app = open_chat(make_app, run)
    page = app.window.chat_page
    server.hold_after = 2
    ask(app, qtbot, "Tell me a story")
    run(wait_until(lambda: "Hello, " in last_text(app)))
    assert page.send_button.text() == "Stop"
    qtbot.keyClick(page.composer, Qt.Key.Key_Escape)
    run(wait_until(lambda: not app.chat.generating))
    last = page.transcript.message_text(page.transcript.message_ids()[-1])
    assert "Hello," in last and "stopped" in last
    assert "world" not in last


def test_a_missing_model_offers_the_models_page(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    app = open_chat(make_app, run)
    page = app.window.chat_page
    server.models = [m for m in server.models if m.name != "smollm2:135m"]  # deleted behind our back
    ask(app, qtbot, "Hi")
    run(wait_until(page.notice.isVisible))
    assert "smollm2:135m" in page.notice.text.text() and page.notice.models_button.isVisible()
    assert page.notice.get_button.text() == "Download it"
    page.notice.models_button.click()
    assert app.window.current_page() is app.window.models_page
    app.window.show_page(PAGE_CHAT)
    page.notice.get_button.click()  # the catalog has it: chosen there, ready to download
    get_page = app.window.get_models_page
    assert app.window.current_page() is get_page
    assert get_page.selected_entry() is not None and get_page.selected_entry().name == "smollm2:135m"


def test_a_broken_answer_can_be_tried_again(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    app = open_chat(make_app, run)
    page = app.window.chat_page
    server.chat_error = BackendError(ErrorKind.INTERRUPTED, "incomplete chunked read")
    server.chat_error_after = 2
    ask(app, qtbot, "Hi")
    run(wait_until(page.notice.isVisible))
    assert page.notice.retry_button.isVisible() and "kept" in page.notice.text.text()
    assert "interrupted" in page.transcript.message_text(page.transcript.message_ids()[-1])
    server.chat_error = None
    page.notice.retry_button.click()
    run(wait_until(lambda: not app.chat.generating and not page.notice.isVisible()))
    last = page.transcript.message_text(page.transcript.message_ids()[-1])
    assert "Hello, world!" in last and "interrupted" not in last
    assert len(page.transcript.message_ids()) == 2


def test_conversations_come_back(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    app = open_chat(make_app, run)
    page = app.window.chat_page
    ask(app, qtbot, "First chat")
    run(wait_until(lambda: not app.chat.generating and page.conversations.list.count() == 1))
    app.window.menus.new_chat_action.trigger()
    assert page.transcript.message_ids() == []
    ask(app, qtbot, "Second chat")
    run(wait_until(lambda: not app.chat.generating and page.conversations.list.count() == 2))
    first = page.conversations.list.item(1)
    assert first.text() == "First chat"
    page.conversations.list.itemClicked.emit(first)
    run(
        wait_until(
            lambda: len(page.transcript.message_ids()) == 2 and app.chat.conversation.title == "First chat"
        )
    )
    assert "First chat" in page.transcript.message_text(page.transcript.message_ids()[0])


def test_edit_the_last_question(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    app = open_chat(make_app, run)
    page = app.window.chat_page
    ask(app, qtbot, "Waht is Ollama?")
    run(wait_until(lambda: not app.chat.generating))
    page.edit_button.click()
    assert page.composer.toPlainText() == "Waht is Ollama?"
    ask(app, qtbot, "What is Ollama?")
    run(wait_until(lambda: not app.chat.generating and len(page.transcript.message_ids()) == 2))
    assert "What is Ollama?" in page.transcript.message_text(page.transcript.message_ids()[0])
    assert app.chat.messages[0].content == "What is Ollama?"


def test_no_models_installed_says_what_to_do(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    server.models = []
    app = make_app()
    app.window.show_page(PAGE_CHAT)
    app.window.show()
    app.start()
    page = app.window.chat_page
    run(wait_until(page.notice.isVisible))
    assert "No language model" in page.notice.text.text() and page.notice.get_button.isVisible()
    assert not page.notice.models_button.isVisible() and page.notice.get_button.text() == "Get a model"
    page.notice.get_button.click()
    get_page = app.window.get_models_page  # built when first shown: on the next turn, or now
    assert app.window.current_page() is get_page
    app.window.show_page(PAGE_CHAT)
    server.models = [model("qwen2.5:0.5b")]  # someone pulled one
    app.library.refresh()
    run(wait_until(lambda: not page.notice.isVisible() and page.model_box.count() == 1))


def test_the_picker_keeps_its_model_and_follows_the_opened_chat(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    app = open_chat(make_app, run)
    page = app.window.chat_page
    page.model_box.setCurrentIndex(page.model_box.findData("gemma3:270m"))
    page.model_box.activated.emit(page.model_box.currentIndex())
    assert app.library.current_model == "gemma3:270m"
    ask(app, qtbot, "With gemma")
    run(wait_until(lambda: not app.chat.generating and page.conversations.list.count() == 1))
    assert server.chat_requests[-1].model == "gemma3:270m"
    app.library.refresh()  # a list refresh does not move the picker
    run(wait_until(lambda: not app.library.busy))
    assert page.current_model() == "gemma3:270m"
    app.window.menus.new_chat_action.trigger()
    app.library.set_current_model("smollm2:135m")
    assert page.current_model() == "smollm2:135m"
    page.conversations.list.itemClicked.emit(page.conversations.list.item(0))
    run(wait_until(lambda: app.chat.conversation is not None))
    assert page.current_model() == "gemma3:270m" and app.library.current_model == "gemma3:270m"


def test_the_gauge_shows_what_the_chats_model_holds_in_memory(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    app = open_chat(make_app, run)
    gauge = app.window.chat_page.gauge
    assert gauge.model_label.isHidden()  # nothing loaded
    server.loaded = [LoadedModel("smollm2:135m", 180_000_000, 0)]
    app.library.refresh()
    run(wait_until(lambda: not gauge.model_label.isHidden()))
    assert gauge.model_label.text() == "model 180 MB"
    page = app.window.chat_page
    page.model_box.setCurrentIndex(page.model_box.findData("gemma3:270m"))
    page.model_box.activated.emit(page.model_box.currentIndex())
    assert gauge.model_label.isHidden()  # the chosen model is not in memory
    page.model_box.setCurrentIndex(page.model_box.findData("smollm2:135m"))
    page.model_box.activated.emit(page.model_box.currentIndex())
    server.loaded = []  # Ollama let it go (keep_alive ran out)
    app.library.refresh()
    run(wait_until(gauge.model_label.isHidden))


def drag(handle: QWidget, dx: int) -> None:
    """Press the splitter's handle, move the mouse dx pixels with the button held, release."""
    start = QPointF(handle.rect().center())
    end = start + QPointF(dx, 0)
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, pos=start.toPoint())
    for point in (start + QPointF(dx / 2, 0), end):
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            point,
            QPointF(handle.mapToGlobal(point)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(handle, move)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=end.toPoint())


def test_the_conversation_list_keeps_the_width_a_person_drags_it_to(
    make_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    app = open_chat(make_app, run)
    app.window.resize(1024, 640)
    splitter = app.window.chat_page.splitter
    run(wait_until(lambda: splitter.isVisible() and splitter.sizes()[0] > 0))
    before = splitter.sizes()[0]
    drag(splitter.handle(1), 120)
    dragged = splitter.sizes()[0]
    assert dragged >= before + 100

    # The next run, from the same settings, before its window has ever closed (a kiosk never does).
    again = open_chat(make_app, run)
    again.window.resize(1024, 640)
    splitter = again.window.chat_page.splitter
    run(wait_until(lambda: splitter.isVisible() and splitter.sizes()[0] > 0))
    assert abs(splitter.sizes()[0] - dragged) <= 2
