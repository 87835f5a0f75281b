from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from typing import Any

from piassist.core.system_stats import SystemSnapshot
from piassist.services.system_monitor import SystemMonitorService
from tests.helpers.waiting import wait_until

GB = 1_000_000_000


class Sampler:
    """Counts its calls, notes their threads and start times, and how many ran at once."""

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.gate = gate  # while cleared, each call blocks: a slow sampler
        self.calls = 0
        self.times: list[float] = []
        self.threads: set[threading.Thread] = set()
        self.running = 0
        self.most_at_once = 0
        self._lock = threading.Lock()

    def __call__(self) -> SystemSnapshot:
        with self._lock:
            self.calls += 1
            self.times.append(time.monotonic())
            self.threads.add(threading.current_thread())
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
            n = self.calls
        if self.gate is not None:
            assert self.gate.wait(10)
        with self._lock:
            self.running -= 1
        return SystemSnapshot(ram_used=n * GB, ram_total=8 * GB, swap_used=0, swap_total=0)


def test_publishes_snapshots_sampled_off_the_gui_thread(run: Callable[..., Any]) -> None:
    sampler = Sampler()
    monitor = SystemMonitorService(sampler, interval=0.02)
    published: list[SystemSnapshot] = []
    monitor.snapshot_changed.connect(published.append)
    assert monitor.snapshot is None and not monitor.running

    async def go() -> None:
        monitor.start()
        assert monitor.running
        await wait_until(lambda: len(published) >= 3)
        await monitor.aclose()

    run(go())
    assert [s.ram_used for s in published[:3]] == [1 * GB, 2 * GB, 3 * GB]
    assert monitor.snapshot == published[-1]
    assert threading.main_thread() not in sampler.threads
    history = monitor.ram_history()
    assert [v for _t, v in history] == [float(s.ram_used) for s in published]
    assert not monitor.running


def test_the_interval_is_respected(run: Callable[..., Any]) -> None:
    sampler = Sampler()
    interval = 0.1
    monitor = SystemMonitorService(sampler, interval=interval)

    async def go() -> None:
        monitor.start()
        await wait_until(lambda: sampler.calls >= 4)
        await monitor.aclose()

    run(go())
    gaps = [b - a for a, b in zip(sampler.times, sampler.times[1:], strict=False)]
    # Qt's timers are whole milliseconds and may come a little early; never a sample per loop turn.
    assert min(gaps) >= interval * 0.8, gaps


def test_a_slow_sampler_is_never_called_twice_at_once(run: Callable[..., Any]) -> None:
    gate = threading.Event()
    sampler = Sampler(gate)
    monitor = SystemMonitorService(sampler, interval=0.001)
    published: list[SystemSnapshot] = []
    monitor.snapshot_changed.connect(published.append)

    async def go() -> None:
        monitor.start()
        await wait_until(lambda: sampler.running == 1)
        # Many intervals pass and the service is stopped and started again while the call blocks.
        for _ in range(5):
            await asyncio.sleep(0.005)
            monitor.stop()
            monitor.start()
        assert sampler.calls == 1
        gate.set()
        await wait_until(lambda: len(published) >= 3)
        await monitor.aclose()

    run(go())
    assert sampler.most_at_once == 1
    # Each call's figures are published at most once and in order: no call was repeated behind itself.
    # (Whether call 1's own figures are the first published depends on when the last restart's task
    # got to its first await; a run in six published call 2 first, so that is not asserted.)
    used = [snapshot.ram_used for snapshot in published]
    assert used == sorted(set(used)) and used[0] <= 2 * GB


def test_stop_stops_sampling_and_start_resumes(run: Callable[..., Any]) -> None:
    sampler = Sampler()
    monitor = SystemMonitorService(sampler, interval=0.01)
    published: list[SystemSnapshot] = []
    monitor.snapshot_changed.connect(published.append)

    async def go() -> None:
        monitor.start()
        await wait_until(lambda: len(published) >= 2)
        monitor.stop()
        assert not monitor.running
        calls, seen = sampler.calls, len(published)
        await asyncio.sleep(0.1)  # ten intervals: nothing may happen in them
        assert sampler.calls <= calls + 1  # at most the one that was already running
        assert len(published) == seen
        monitor.start()
        await wait_until(lambda: len(published) > seen)
        await monitor.aclose()

    run(go())


def test_an_unreadable_system_skips_a_sample(run: Callable[..., Any]) -> None:
    failures = [OSError("no /proc")]

    def sampler() -> SystemSnapshot:
        if failures:
            raise failures.pop()
        return SystemSnapshot(ram_used=GB, ram_total=2 * GB, swap_used=0, swap_total=0)

    monitor = SystemMonitorService(sampler, interval=0.01)
    published: list[SystemSnapshot] = []
    monitor.snapshot_changed.connect(published.append)

    async def go() -> None:
        monitor.start()
        await wait_until(lambda: bool(published))
        await monitor.aclose()

    run(go())
    assert published[0].ram_used == GB
