"""The chat page against the real Ollama and the demo model: stream, figures, stop, history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import harness
from piassist.app import PiAssist
from piassist.core.chat_types import GenerationStats
from piassist.core.history import MessageState
from piassist.ui.main_window import PAGE_CHAT
from tests.conftest import wait_until


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
    assert stats is not None and 0 < stats.eval_count <= 48 and len(deltas) >= 5
    answer_id = page.transcript.message_ids()[-1]
    shown = page.transcript.message_text(answer_id)
    assert page._stats_text.line(stats) in shown  # the figures shown are the final chunk's
    stored = app.chat.messages[-1]
    assert stored.state is MessageState.COMPLETE and stored.content == "".join(deltas)
    assert GenerationStats.from_dict(stored.stats or {}) == stats


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


def test_server_killed_mid_answer_then_retry_after_restart(
    own_ollama: harness.OllamaServer, real_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot
) -> None:
    app = chat_app(real_app, own_ollama, run)
    page = app.window.chat_page
    deltas = start_long_answer(app, run, qtbot)
    own_ollama.kill()
    run(wait_until(lambda: not app.chat.generating, timeout=20))
    stored = app.chat.messages[-1]
    assert stored.state is MessageState.INTERRUPTED and stored.content.startswith("".join(deltas[:10]))
    # The window may already show "Ollama is not running" instead of the chat (its 2-second check):
    # the band is set, and seen again when the chat comes back.
    assert not page.notice.isHidden() and not page.notice.retry_button.isHidden()
    assert "kept" in page.notice.text.text()
    own_ollama.start()
    run(wait_until(lambda: app.connection.status.is_connected, timeout=30))
    run(wait_until(lambda: app.window.current_page() is page))
    assert page.notice.isVisible() and page.notice.retry_button.isVisible()
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
    assert not page.notice.isVisible()
