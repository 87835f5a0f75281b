"""Named asyncio tasks: starting one under a name cancels the one that ran under it before."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)


async def event_or_timeout(event: asyncio.Event, timeout: float) -> bool:
    """Wait up to `timeout` seconds for the event; True when it was set.

    Not asyncio.wait_for: on Python 3.11 (Pi OS Bookworm) it swallows a cancellation that arrives in the
    same turn of the loop as the event being set, and a loop cancelled that way never ends.
    """
    waiter = asyncio.ensure_future(event.wait())
    try:
        done, _ = await asyncio.wait({waiter}, timeout=timeout)
    finally:
        waiter.cancel()
    return bool(done)


class TaskSlots:
    def __init__(self, owner: str) -> None:
        self._owner = owner
        self._tasks: dict[str, asyncio.Task[Any]] = {}
        # Cancelled, still cleaning up (e.g. saving a stopped answer): cancel_all() waits for them too.
        self._ending: set[asyncio.Task[Any]] = set()
        self._spawned = 0

    def run(self, name: str, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        self.cancel(name)
        task = asyncio.ensure_future(coro)
        self._tasks[name] = task
        task.add_done_callback(functools.partial(self._done, name))
        return task

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run a one-off task (no name to cancel it by); failures are reported like the named ones."""
        self._spawned += 1
        return self.run(f"once-{self._spawned}", coro)

    def running(self, name: str) -> bool:
        task = self._tasks.get(name)
        return task is not None and not task.done()

    def cancel(self, name: str) -> None:
        task = self._tasks.pop(name, None)
        if task is not None and not task.done():
            task.cancel()
            self._ending.add(task)
            task.add_done_callback(self._ending.discard)

    async def cancel_all(self) -> None:
        running = [t for t in self._tasks.values() if not t.done()]
        self._tasks.clear()
        for task in running:
            task.cancel()
        # Those cancelled before are left to finish their clean-up: a second cancel would cut it short.
        tasks = running + [t for t in self._ending if not t.done()]
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    def _done(self, name: str, task: asyncio.Task[Any]) -> None:
        if self._tasks.get(name) is task:
            del self._tasks[name]
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            # A bug, not a server error (those are handled inside the tasks): log it, and let the
            # loop's exception handler see it too, so tests fail on it.
            log.error("task %s.%s failed", self._owner, name, exc_info=exc)
            task.get_loop().call_exception_handler(
                {"message": f"task {self._owner}.{name} failed", "exception": exc, "task": task}
            )
