"""The chat history for the services: the SQLite store, called off the GUI thread, one call at a time.

SQLite calls are fast but not free (a search over 100,000 messages, an fsync on a slow SD card), so each
runs on one worker thread of its own; the GUI thread only awaits the result. The store is opened on
first use, so a session that never shows the chat does not pay for the thread.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import ParamSpec, TypeVar

from piassist.core.history.store import HistoryStore

P = ParamSpec("P")
T = TypeVar("T")


class AsyncHistory:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._executor: ThreadPoolExecutor | None = None
        self._store: HistoryStore | None = None
        self._opening: asyncio.Future[HistoryStore] | None = None

    @property
    def path(self) -> Path:
        return self._path

    async def call(self, method: Callable[..., T], /, *args: object, **kwargs: object) -> T:
        """Run `method(store, *args, **kwargs)` on the history's thread: call(HistoryStore.messages, 3)."""
        store = await self._open()
        loop = asyncio.get_running_loop()
        assert self._executor is not None
        return await loop.run_in_executor(self._executor, functools.partial(method, store, *args, **kwargs))

    async def _open(self) -> HistoryStore:
        if self._store is not None:
            return self._store
        if self._opening is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="history")
            loop = asyncio.get_running_loop()
            self._opening = asyncio.ensure_future(
                loop.run_in_executor(self._executor, HistoryStore.open, self._path)
            )
        self._store = await asyncio.shield(self._opening)
        return self._store

    async def aclose(self) -> None:
        if self._opening is not None and self._store is None:
            try:
                self._store = await self._opening
            except Exception:  # nothing to close when opening failed
                self._store = None
        if self._store is not None and self._executor is not None:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(self._executor, self._store.close)
        if self._executor is not None:
            self._executor.shutdown(wait=True)
        self._store, self._executor, self._opening = None, None, None
