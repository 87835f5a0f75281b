"""Samples the machine's memory, temperature and throttling every few seconds, off the GUI thread."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from piassist.core.rate import Series
from piassist.core.system_stats import SystemSnapshot, read_snapshot
from piassist.services.tasks import TaskSlots

log = logging.getLogger(__name__)
SAMPLE_INTERVAL = 2.0  # seconds; the gauge's figures need no more, and each sample costs the Pi a little


class SystemMonitorService(QObject):
    snapshot_changed = Signal(object)  # SystemSnapshot

    def __init__(
        self,
        sampler: Callable[[], SystemSnapshot] = read_snapshot,
        interval: float = SAMPLE_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._sampler = sampler
        self._interval = interval
        self._clock = clock
        self._tasks = TaskSlots("system-monitor")
        self._snapshot: SystemSnapshot | None = None
        self._ram = Series(span=60.0, capacity=64)
        # One worker thread of our own: the sampler may block (a subprocess, /sys files), and one
        # thread is all it ever needs since calls never overlap (see _sample).
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        self._in_flight: concurrent.futures.Future[SystemSnapshot] | None = None
        self._failing = False

    @property
    def snapshot(self) -> SystemSnapshot | None:
        """The last sample, or None before the first."""
        return self._snapshot

    @property
    def running(self) -> bool:
        return self._tasks.running("sample")

    def ram_history(self) -> list[tuple[float, float]]:
        """(monotonic time, bytes of RAM used) for the last minute, oldest first."""
        return self._ram.values(self._clock())

    def start(self) -> None:
        """Sample now and then every `interval` seconds until stop(). Starting twice changes nothing."""
        if self.running:
            return
        if self._executor is None:
            self._executor = concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="piassist-sysmon"
            )
        self._tasks.run("sample", self._sample_forever(self._executor))

    def stop(self) -> None:
        self._tasks.cancel("sample")

    async def aclose(self) -> None:
        await self._tasks.cancel_all()
        if self._executor is not None:
            # Not waiting: a sample still running finishes on its own within its timeouts.
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
        self._in_flight = None

    async def _sample_forever(self, executor: concurrent.futures.Executor) -> None:
        loop = asyncio.get_running_loop()
        while True:
            started = loop.time()
            snapshot = await self._sample(executor)
            if snapshot is not None:
                self._publish(snapshot)
            # The interval runs from one sample's start to the next, whatever a sample cost.
            await asyncio.sleep(max(0.0, self._interval - (loop.time() - started)))

    async def _sample(self, executor: concurrent.futures.Executor) -> SystemSnapshot | None:
        # What loop.run_in_executor does, but keeping the thread's own future: if stop() cancels us
        # while the sampler runs, the thread cannot be stopped, and the next start() waits for that
        # same call instead of queueing a second one behind it. One call at a time, never a pile.
        if self._in_flight is None or self._in_flight.done():
            self._in_flight = executor.submit(self._sampler)
        try:
            return await asyncio.wrap_future(self._in_flight)
        except OSError as error:  # the machine would not say (/proc unreadable): skip this sample
            if not self._failing:
                log.warning("could not read the system's figures: %s", error)
            self._failing = True
            return None

    def _publish(self, snapshot: SystemSnapshot) -> None:
        self._failing = False
        self._snapshot = snapshot
        self._ram.add(self._clock(), float(snapshot.ram_used))
        self.snapshot_changed.emit(snapshot)
