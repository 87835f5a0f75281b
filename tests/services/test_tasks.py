"""Named task slots: a new task under a name replaces the old; closing waits for every task's clean-up."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from piassist.services.tasks import TaskSlots, event_or_timeout


async def _cleans_up_slowly(log: list[str], gate: asyncio.Event) -> None:
    try:
        await asyncio.Event().wait()
    except asyncio.CancelledError:
        log.append("cancelled")
        await gate.wait()  # e.g. saving a stopped answer to the history
        log.append("saved")
        raise


def test_close_waits_for_a_task_stopped_just_before(run: Callable[..., Any]) -> None:
    async def scenario() -> list[str]:
        log: list[str] = []
        slots, gate = TaskSlots("test"), asyncio.Event()
        task = slots.run("answer", _cleans_up_slowly(log, gate))
        await asyncio.sleep(0)  # the task starts waiting
        slots.cancel("answer")  # Stop...
        closing = asyncio.ensure_future(slots.cancel_all())  # ...then the window closes at once
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        assert log == ["cancelled"] and not closing.done()  # still saving: closing must wait
        gate.set()
        await closing
        assert task.cancelled()
        return log

    assert run(scenario()) == ["cancelled", "saved"]


def test_a_new_task_under_a_name_cancels_the_old_one(run: Callable[..., Any]) -> None:
    async def scenario() -> tuple[bool, bool]:
        slots = TaskSlots("test")
        first = slots.run("list", asyncio.Event().wait())
        second = slots.run("list", asyncio.sleep(0, "done"))
        assert slots.running("list")
        assert await second == "done"
        await asyncio.sleep(0)
        return first.cancelled(), slots.running("list")

    assert run(scenario()) == (True, False)


def test_a_wait_cancelled_as_its_event_is_set_still_ends(run: Callable[..., Any]) -> None:
    """The race that kept the connection's watch loop alive on Python 3.11 after it was replaced."""
    event = asyncio.Event()
    turns: list[int] = []

    async def loop() -> None:
        while True:
            event.clear()
            turns.append(1)
            await event_or_timeout(event, 5.0)

    async def race() -> None:
        task = asyncio.ensure_future(loop())
        await asyncio.sleep(0.05)
        event.set()  # the wait's inner waiter completes in this turn of the loop…
        task.cancel()  # …and the cancellation arrives in the same turn
        await asyncio.wait({task}, timeout=2)
        assert task.cancelled(), f"the loop went on for {len(turns)} turns"

    run(race())


def test_event_or_timeout_says_whether_the_event_came(run: Callable[..., Any]) -> None:
    event = asyncio.Event()
    assert run(event_or_timeout(event, 0.01)) is False
    event.set()
    assert run(event_or_timeout(event, 1.0)) is True
