"""The app killed with SIGKILL in the middle of an answer from the real Ollama: on the next start the
partial answer is in the history, marked interrupted, and the database is intact."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from piassist.app import PiAssist
from piassist.core.history.types import MessageState, Role
from scripts import harness

DRIVER = textwrap.dedent(
    """
    import asyncio, os, sys
    import qasync
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from piassist.app import PiAssist
    from piassist.core.history.store import HistoryStore
    from piassist.core.history.types import Role
    from piassist.ui.window.menus import PAGE_CHAT

    async def main(qapp):
        home = Path(os.environ["PIASSIST_HOME"])
        settings = home / "settings.ini"
        app = PiAssist(qapp, settings_path=settings, language="en", host=sys.argv[1], data_dir=home)
        app.settings.set_num_predict(2000)
        app.settings.set_current_model(sys.argv[2])
        app.window.show_page(PAGE_CHAT)
        app.window.show()
        app.start()
        page = app.window.chat_page
        while page.model_box.count() == 0:
            await asyncio.sleep(0.05)
        deltas = []
        app.chat.answer_delta.connect(lambda i, d: deltas.append(d))
        page.send("Write a long story about a llama who climbs a mountain.")
        while len(deltas) < 5:
            await asyncio.sleep(0.05)
        # until a periodic save of the streaming answer is in the database (not a fixed wait: on a busy
        # machine the tokens after the fifth may come slowly)
        conversation = app.chat.conversation.id
        while not any(
            m.content for m in await app.chat.history.call(HistoryStore.messages, conversation)
            if m.role is Role.ASSISTANT
        ):
            await asyncio.sleep(0.05)
        print("streaming", len(deltas), flush=True)
        await asyncio.sleep(3600)  # the test kills us here

    qapp = QApplication([])
    qasync.run(main(qapp))
    """
)


def test_sigkill_mid_answer_keeps_the_partial_answer(
    ollama: harness.OllamaServer,
    tmp_path: Path,
    app_factory: Callable[..., PiAssist],
    run: Callable[..., Any],
) -> None:
    home = tmp_path / "killed"
    env = {**os.environ, "PIASSIST_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", DRIVER, ollama.host, harness.DEMO_MODEL],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("streaming"), line
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    database = home / "history.sqlite3"
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()

    app = app_factory(host=ollama.host, data_dir=home)
    lists: list[list[Any]] = []
    app.chat.conversations_changed.connect(lists.append)
    assert run(app.chat.start()) == 1  # one answer found cut short
    run(app.chat.open_conversation(lists[-1][0].id))
    question, reply = app.chat.messages
    assert (question.role, question.content) == (
        Role.USER,
        "Write a long story about a llama who climbs a mountain.",
    )
    assert reply.role is Role.ASSISTANT and reply.state is MessageState.INTERRUPTED
    assert len(reply.content) > 0  # what was saved while it streamed
