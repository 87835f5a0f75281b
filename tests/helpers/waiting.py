"""Waiting for a condition, never for a fixed time."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sized
from typing import Any, Protocol


async def wait_until(predicate: Callable[[], bool], timeout: float = 5.0, interval: float = 0.02) -> float:
    """Wait for a condition (not for a fixed time); returns how long it took, fails on timeout."""
    start = asyncio.get_running_loop().time()
    while not predicate():
        elapsed = asyncio.get_running_loop().time() - start
        if elapsed > timeout:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(interval)
    return asyncio.get_running_loop().time() - start


async def settle(awaitable: Awaitable[Any] | None = None) -> None:
    """Let queued callbacks and posted Qt events run once."""
    if awaitable is not None:
        await awaitable
    await asyncio.sleep(0)
    await asyncio.sleep(0)


class Generating(Protocol):
    @property
    def generating(self) -> bool: ...


def answered(chat: Generating, finished: Sized, n: int) -> Callable[[], bool]:
    """The n-th answer has ended and Send is back: when a person asks the next question. The answer ends
    (answer_finished) a moment before the chat stops generating (the last /api/ps read), and Enter in
    between means Stop."""
    return lambda: len(finished) == n and not chat.generating
