"""ConversationExport: a conversation from the history written as Markdown or JSON; a failed write is
said by `failed` and leaves the history as it was."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from piassist.core.history.store import HistoryStore
from piassist.core.history.types import Role
from piassist.services.chat_export import ConversationExport
from piassist.services.history_access import AsyncHistory


@pytest.fixture
def history(run: Callable[..., Any], tmp_path: Path) -> Iterator[AsyncHistory]:
    history = AsyncHistory(tmp_path / "history.sqlite3")
    yield history
    run(history.aclose())


def conversation(history: AsyncHistory, run: Callable[..., Any]) -> int:
    async def make() -> int:
        made = await history.call(HistoryStore.create_conversation, "Llamas", "smollm2:135m")
        await history.call(HistoryStore.add_message, made.id, Role.USER, "Where do llamas live?")
        await history.call(HistoryStore.add_message, made.id, Role.ASSISTANT, "In the Andes.")
        return made.id

    return int(run(make()))


def test_written_as_json_and_markdown(history: AsyncHistory, run: Callable[..., Any], tmp_path: Path) -> None:
    exports = ConversationExport(history)
    failures: list[str] = []
    exports.failed.connect(failures.append)
    cid = conversation(history, run)
    run(exports.write(cid, "json", str(tmp_path / "c.json")))
    run(exports.write(cid, "markdown", str(tmp_path / "c.md")))
    saved = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert [m["content"] for m in saved["messages"]] == ["Where do llamas live?", "In the Andes."]
    assert (tmp_path / "c.md").read_text(encoding="utf-8") == run(exports.text(cid, "markdown"))
    assert failures == []
    run(exports.aclose())


def test_a_failed_write_is_said_not_raised(
    history: AsyncHistory, run: Callable[..., Any], tmp_path: Path
) -> None:
    exports = ConversationExport(history)
    failures: list[str] = []
    exports.failed.connect(failures.append)
    cid = conversation(history, run)
    run(exports.write(cid, "json", str(tmp_path / "no such folder" / "c.json")))
    assert len(failures) == 1 and failures[0]  # the system's reason
    assert not (tmp_path / "no such folder").exists()
    assert "In the Andes." in run(exports.text(cid, "json"))  # the conversation is as it was
    run(exports.aclose())
