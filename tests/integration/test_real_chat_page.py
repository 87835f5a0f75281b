"""The chat page against the real Ollama and the demo model: stream, figures, stop, history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextImageFormat
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.chat_types import GenerationStats
from piassist.core.connection_state import Backoff
from piassist.core.history.types import MessageState
from piassist.core.markdown.answer_text import drawable, split_think
from piassist.ui.chat.transcript_icons import Icon, icon_name
from piassist.ui.chat.transcript_view import COPY_MESSAGE, TranscriptView
from piassist.ui.window.menus import PAGE_CHAT
from scripts import harness
from tests.helpers.waiting import wait_until


def chat_app(
    real_app: Callable[..., PiAssist], ollama: harness.OllamaServer, run: Callable[..., Any]
) -> PiAssist:
    app = real_app(ollama.host)
    app.settings.set_current_model(harness.DEMO_MODEL)
    app.window.show_page(PAGE_CHAT)
    app.window.show()
    app.start()
    run(wait_until(lambda: app.window.chat_page.model_box.count() == 2, timeout=20))
    return app


def start_long_answer(app: PiAssist, run: Callable[..., Any], qtbot: QtBot) -> list[str]:
    """Ask for a long answer (up to 2,000 tokens) and return once ten pieces of it have arrived; the
    list keeps growing with the rest."""
    app.settings.set_num_predict(2000)
    page = app.window.chat_page
    deltas: list[str] = []
    app.chat.answer_delta.connect(lambda i, d: deltas.append(d))
    page.composer.setPlainText("Write a long story about a llama on a mountain.")
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    run(wait_until(lambda: len(deltas) >= 10, timeout=120), timeout=130)
    return deltas


def test_an_answer_streams_in_with_the_servers_own_figures(
    ollama: harness.OllamaServer, real_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot
) -> None:
    app = chat_app(real_app, ollama, run)
    app.settings.set_num_predict(48)
    page = app.window.chat_page
    finished: list[GenerationStats | None] = []
    deltas: list[str] = []
    app.chat.answer_finished.connect(lambda i, s, stats: finished.append(stats))
    app.chat.answer_delta.connect(lambda i, d: deltas.append(d))
    page.composer.setPlainText("What is a Raspberry Pi? Answer in one sentence.")
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    run(wait_until(lambda: bool(finished), timeout=120), timeout=130)
    stats = finished[0]
    # Read in batches (core/ollama/pacing.py: at most every 0.1 s), the answer still arrives in parts.
    assert stats is not None and 0 < stats.eval_count <= 48 and len(deltas) >= 2
    answer_id = page.transcript.message_ids()[-1]
    shown = page.transcript.message_text(answer_id)
    assert page.answers.stats_line(stats) in shown  # the figures shown are the final chunk's
    stored = app.chat.messages[-1]
    assert stored.state is MessageState.COMPLETE and stored.content == "".join(deltas)
    assert GenerationStats.from_dict(stored.stats or {}) == stats
    # The answer's action is an icon (an image in a link, with a tooltip); the keyboard copies with it.
    view = page.transcript
    href = f"{COPY_MESSAGE}:{answer_id}"
    icons = icon_links(view)
    assert icons[href].name() == icon_name(Icon.COPY) and icons[href].toolTip()
    assert href not in view.toPlainText() and "Copy" not in shown.split(page.answers.stats_line(stats))[-1]
    QApplication.clipboard().clear()
    view.setFocus()
    for _ in range(len(icons) + 2):  # Tab goes from link to link inside the transcript
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        if view.textCursor().charFormat().anchorHref() == href:
            break
    assert view.textCursor().charFormat().anchorHref() == href, "Tab never reached the answer's icon"
    assert view.accessibleDescription() == icons[href].toolTip()  # what a screen reader is told
    qtbot.keyClick(view, Qt.Key.Key_Return)
    copied = QApplication.clipboard().text()
    assert copied and copied == drawable(split_think(stored.content).answer)


def icon_links(view: TranscriptView) -> dict[str, QTextImageFormat]:
    """The images in links in the transcript, by the link they follow."""
    found: dict[str, QTextImageFormat] = {}
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            char = it.fragment().charFormat()
            if char.isImageFormat() and char.isAnchor():
                found[char.anchorHref()] = char.toImageFormat()
            it += 1
        block = block.next()
    return found


def test_stop_mid_answer_keeps_what_arrived(
    ollama: harness.OllamaServer, real_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot
) -> None:
    app = chat_app(real_app, ollama, run)
    page = app.window.chat_page
    deltas = start_long_answer(app, run, qtbot)
    qtbot.keyClick(page.composer, Qt.Key.Key_Escape)
    run(wait_until(lambda: not app.chat.generating, timeout=20))
    stored = app.chat.messages[-1]
    assert stored.state is MessageState.STOPPED
    assert stored.content.startswith("".join(deltas[:10])) and len(stored.content) > 0
    assert "stopped" in page.transcript.message_text(page.transcript.message_ids()[-1])


def test_server_killed_mid_answer_keeps_the_chat_readable_then_try_again_after_restart(
    own_ollama: harness.OllamaServer, real_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot
) -> None:
    app = chat_app(real_app, own_ollama, run)
    window, page = app.window, app.window.chat_page
    switches: list[Any] = []
    window.pages.currentChanged.connect(lambda _i: switches.append(window.pages.currentWidget()))
    deltas = start_long_answer(app, run, qtbot)
    own_ollama.kill()
    run(wait_until(lambda: not app.chat.generating, timeout=20))
    stored = app.chat.messages[-1]
    assert stored.state is MessageState.INTERRUPTED and stored.content.startswith("".join(deltas[:10]))
    # The watch notices the server is gone; the chat stays, its band says so (no connection page).
    run(wait_until(lambda: page.notice.about_server, timeout=20))
    app.connection.backoff = Backoff(first=60, factor=1, limit=60)  # from here on only Try again asks
    assert window.current_page() is page and switches == [] and page.notice.isVisible()
    assert page.notice.reconnect_button.isVisible() and not page.send_button.isEnabled()
    # The partial answer is on screen and copies (keyboard: select all, copy).
    answer_id = page.transcript.message_ids()[-1]
    assert stored.content[:40] in page.transcript.message_text(answer_id)
    page.transcript.setFocus()
    qtbot.keyClick(page.transcript, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.transcript, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert stored.content[:40] in QApplication.clipboard().text()
    own_ollama.start()
    page.notice.reconnect_button.click()
    run(wait_until(lambda: app.connection.status.is_connected, timeout=10))
    assert window.current_page() is page and switches == [] and not page.notice.about_server
    # Under the server's band was the note about the answer cut off: its Try again answers anew.
    assert page.notice.isVisible() and page.notice.retry_button.isVisible() and page.send_button.isEnabled()
    prompt, options = app.chat.conversation_settings()  # this chat's own copy of the options
    run(app.chat.set_conversation_settings(prompt, {**options, "num_predict": 24}))
    page.notice.retry_button.click()
    run(
        wait_until(
            lambda: not app.chat.generating and app.chat.messages[-1].state is MessageState.COMPLETE,
            timeout=120,
        ),
        timeout=130,
    )
    assert len(app.chat.messages) == 2  # the interrupted answer was replaced, the question kept
    assert not page.notice.isVisible() and switches == []
