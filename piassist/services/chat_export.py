"""A conversation written out of the history: as Markdown or JSON (core/history/store.py makes the text),
to a file the person chose (ui/chat/export_dialog.py asks where).

The text is made on the history's thread (services/history_access.py) and written on the GUI thread: a
conversation is at most a few megabytes, and a file that cannot be written is said in `failed`, not lost
in a log.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QObject, Signal

from piassist.core.history.store import HistoryStore
from piassist.services.history_access import AsyncHistory
from piassist.services.tasks import TaskSlots


class ConversationExport(QObject):
    failed = Signal(str)  # why a conversation could not be written to a file (the system's words)

    def __init__(self, history: AsyncHistory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._history = history
        self._tasks = TaskSlots("export")

    async def text(self, conversation_id: int, kind: str) -> str:
        """The conversation as JSON (`kind` "json") or Markdown (anything else)."""
        method = HistoryStore.export_json if kind == "json" else HistoryStore.export_markdown
        return str(await self._history.call(method, conversation_id))

    def write(self, conversation_id: int, kind: str, path: str) -> asyncio.Task[None]:
        """Write the conversation as `kind` to `path`; `failed` says why not."""
        return self._tasks.spawn(self._write(conversation_id, kind, path))

    async def _write(self, conversation_id: int, kind: str, path: str) -> None:
        text = await self.text(conversation_id, kind)
        try:
            with open(path, "w", encoding="utf-8") as out:
                out.write(text)
        except OSError as exc:
            self.failed.emit(exc.strerror or str(exc))

    async def aclose(self) -> None:
        """Let no write outlive the history it reads from."""
        await self._tasks.cancel_all()
