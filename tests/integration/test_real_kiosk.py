"""The kiosk against the real Ollama: a fixed model answers a visitor, the "offline ready" sign comes on
when the model is in memory, and after the (short, injected) idle time the kiosk is back on its welcome
screen with the conversation gone from the screen and from the (in-memory) history."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.admin_pin import PinThrottle, hash_pin
from piassist.core.history.store import HistoryStore
from piassist.services.kiosk import PIN_KEY
from piassist.services.secret_store import SERVICE, SecretStore
from scripts import harness
from tests.helpers.fakes import FakeKeyring
from tests.helpers.waiting import wait_until


def test_a_visitor_asks_the_fixed_model_and_the_idle_kiosk_forgets(
    ollama: harness.OllamaServer,
    app_factory: Callable[..., PiAssist],
    run: Callable[..., Any],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    ring = FakeKeyring()
    ring.secrets[(SERVICE, PIN_KEY)] = hash_pin("1357", n=16)
    settings = tmp_path / "settings.ini"
    settings.write_text(
        f"[kiosk]\nmodel={harness.DEMO_MODEL}\n[chat]\nmodel={harness.SECOND_MODEL}\nnum_predict=24\n"
    )
    app = app_factory(
        "en",
        host=ollama.host,
        kiosk=True,
        secrets=SecretStore(tmp_path / "secrets.json", backend=ring),
        pin_throttle=PinThrottle(tmp_path / "attempts.json"),
        kiosk_idle_seconds=1.5,
    )
    mode, kiosk, page = app.kiosk_mode, app.kiosk, app.window.chat_page
    assert mode is not None and kiosk is not None
    app.start()
    run(wait_until(lambda: app.connection.status.is_connected and page.model_box.count() == 2, timeout=20))
    assert mode.on_welcome and app.window.windowState() == Qt.WindowState.WindowFullScreen
    assert not page.model_box.isVisible() and app.library.current_model == harness.DEMO_MODEL

    started: list[str] = []
    shown: list[str] = []
    app.chat.answer_started.connect(lambda _id, model: started.append(model))
    app.chat.answer_finished.connect(lambda _id, _state, _stats: shown.append(page.transcript.toPlainText()))
    qtbot.keyClick(mode.welcome.start, Qt.Key.Key_Return)
    assert not mode.on_welcome
    page.composer.setPlainText("What is a Raspberry Pi? One sentence.")
    qtbot.keyClick(page.composer, Qt.Key.Key_Return)
    run(wait_until(lambda: bool(shown), timeout=120), timeout=130)
    assert started == [harness.DEMO_MODEL]
    assert "What is a Raspberry Pi?" in shown[0] and len(app.chat.messages) == 2
    answer = app.chat.messages[1].content
    assert answer.strip()
    # The model is in this computer's memory and the server is on loopback: ready offline.
    run(wait_until(lambda: kiosk.offline_ready, timeout=20))
    assert mode.bar.offline.isVisibleTo(app.window)

    run(wait_until(lambda: mode.on_welcome, timeout=10))
    assert app.chat.messages == []
    assert "Raspberry Pi" not in page.transcript.toPlainText()
    assert answer[:20] not in page.transcript.toPlainText()
    assert not (tmp_path / "history.sqlite3").exists()

    async def forgotten() -> None:  # the history (in memory) lets go of it too
        while await app.chat.history.call(HistoryStore.list_conversations):
            await asyncio.sleep(0.05)

    run(forgotten(), timeout=5)
    mode.leave()
