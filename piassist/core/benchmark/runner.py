"""The benchmark run itself, over any Backend: each model alone in memory, every task in turn.

For each model: every model the server holds is unloaded first (so the model loads from disk, as a person's
first question would, and the memory figures are its own), then each task is asked on its own with the run's
seed and num_predict. Around each answer the whole system's RAM and swap are sampled every
SAMPLE_INTERVAL seconds (the peak is kept), the SoC's temperature and the firmware's throttling flags are
read before and after, and /api/ps is asked for the model's memory once the answer is complete. The model
is unloaded after its last task. A model that cannot run (too big for the memory, missing, broken) gives
one ModelFailure and its other tasks are skipped; a lost connection ends the run (BackendError).

What was in memory before is put back by restore() (with the time it had left), whatever ended the run.

Blocking reads (psutil, /sys, vcgencmd) go through `blocking`, which runs them off the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from piassist.core.benchmark.language_check import check_language
from piassist.core.benchmark.plan import Plan, Progress
from piassist.core.benchmark.results import MachineFigures, ModelFailure, ResultRow, model_key
from piassist.core.benchmark.tasks import BenchmarkTask
from piassist.core.chat_types import ChatMessage, ChatOptions, GenerationStats
from piassist.core.errors import CONNECTION_LOST, BackendError
from piassist.core.models import LoadedModel
from piassist.core.ollama.backend import Backend
from piassist.core.system_stats import SystemSnapshot, ThrottleState

T = TypeVar("T")
SAMPLE_INTERVAL = 0.5  # seconds between memory samples while a model answers
KEEP_ALIVE = "5m"  # the model stays loaded between its tasks; it is unloaded after the last one
UNLOAD_WAIT = 10.0  # seconds to wait for the server to let go of the models it held
UNLOAD_POLL = 0.2
DEFAULT_SEED = 42
DEFAULT_NUM_PREDICT = 200

Blocking = Callable[[Callable[[], Any]], Awaitable[Any]]
Explain = Callable[[BackendError, str], Awaitable[BackendError]]


@dataclass(frozen=True, slots=True)
class Memory:
    ram_used: int
    ram_total: int
    swap_used: int
    swap_total: int


@dataclass(frozen=True, slots=True)
class StepStarted:
    progress: Progress


@dataclass(frozen=True, slots=True)
class RowDone:
    row: ResultRow
    progress: Progress


@dataclass(frozen=True, slots=True)
class ModelFailed:
    failure: ModelFailure
    progress: Progress


Event = StepStarted | RowDone | ModelFailed


@dataclass(slots=True)
class _Peaks:
    ram: int = 0
    ram_total: int = 0
    swap: int = 0
    swap_total: int = 0

    def add(self, ram: int, ram_total: int, swap: int, swap_total: int) -> None:
        self.ram, self.swap = max(self.ram, ram), max(self.swap, swap)
        self.ram_total, self.swap_total = ram_total, swap_total


@dataclass(frozen=True, slots=True)
class Kept:
    """A model the server held before the run, and for how much longer (None: for ever)."""

    name: str
    seconds_left: float | None


@dataclass
class Runner:
    backend: Backend
    snapshot: Callable[[], SystemSnapshot]  # memory, temperature, throttling (blocking)
    memory: Callable[[], Memory]  # memory alone, cheap (blocking)
    blocking: Blocking
    num_predict: int = DEFAULT_NUM_PREDICT
    seed: int = DEFAULT_SEED
    explain: Explain | None = None  # adds what a NOT_ENOUGH_MEMORY error did not say (ModelFacts)
    clock: Callable[[], float] = time.monotonic
    sample_interval: float = SAMPLE_INTERVAL
    kept: list[Kept] = field(default_factory=list)

    async def remember_loaded(self) -> list[Kept]:
        """What the server holds now, to be put back by restore()."""
        now = datetime.now(UTC)
        self.kept = [
            Kept(m.name, None if m.expires_at is None else (m.expires_at - now).total_seconds())
            for m in await self.backend.loaded_models()
        ]
        return self.kept

    async def restore(self) -> None:
        """Load again what the server held before, each for the time it had left (an empty chat request
        loads a model: Ollama's docs, "Load a model"). Failures are ignored: it is a courtesy."""
        for kept in self.kept:
            keep_alive: str | float = (
                -1 if kept.seconds_left is None else f"{max(1, round(kept.seconds_left))}s"
            )
            with contextlib.suppress(BackendError):
                async for _ in self.backend.chat(kept.name, [], ChatOptions(keep_alive=keep_alive)):
                    pass

    async def run(self, plan: Plan) -> AsyncGenerator[Event, None]:
        for model_index, model in enumerate(plan.models):
            await self._unload_all()
            for task_index, task in enumerate(plan.tasks):
                yield StepStarted(plan.progress(model_index, task_index))
                started = self.clock()
                try:
                    row = await self.measure(model, task)
                except BackendError as exc:
                    if exc.kind in CONNECTION_LOST:
                        raise
                    failure = await self._failure(exc, model, task)
                    plan.skip(len(plan.tasks) - task_index)
                    yield ModelFailed(failure, plan.progress(model_index, task_index))
                    break
                plan.step_done(self.clock() - started)
                yield RowDone(row, plan.progress(model_index, task_index + 1))
            with contextlib.suppress(BackendError):
                await self.backend.unload(model)

    async def measure(self, model: str, task: BenchmarkTask) -> ResultRow:
        """One answer, with the machine's figures around it."""
        before: SystemSnapshot = await self.blocking(self.snapshot)
        peaks = _Peaks()
        peaks.add(before.ram_used, before.ram_total, before.swap_used, before.swap_total)
        sampler = asyncio.ensure_future(self._sample(peaks))
        pieces: list[str] = []
        stats: GenerationStats | None = None
        first: float | None = None
        options = ChatOptions(num_predict=self.num_predict, seed=self.seed, keep_alive=KEEP_ALIVE)
        sent = self.clock()
        try:
            stream = self.backend.chat(model, [ChatMessage("user", task.text)], options)
            try:
                async for chunk in stream:
                    if first is None and (chunk.content or chunk.thinking):
                        first = self.clock() - sent
                    if chunk.content:
                        pieces.append(chunk.content)
                    if chunk.done:
                        stats = chunk.stats
            finally:
                await stream.aclose()
        finally:
            sampler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sampler
        after: SystemSnapshot = await self.blocking(self.snapshot)
        peaks.add(after.ram_used, after.ram_total, after.swap_used, after.swap_total)
        loaded = await self.backend.loaded_models()
        answer = "".join(pieces)
        return ResultRow(
            model=model,
            task=task.id,
            language=task.language,
            stats=stats or GenerationStats(),
            first_token_s=first,
            machine=MachineFigures(
                ram_peak=peaks.ram,
                ram_total=peaks.ram_total,
                swap_peak=peaks.swap,
                swap_total=peaks.swap_total,
                temp_start=before.soc_temp_c,
                temp_end=after.soc_temp_c,
                throttled=throttled_between(before.throttled, after.throttled),
            ),
            model_memory=memory_of(model, loaded),
            answer=answer,
            verdict=check_language(answer).verdict,
        )

    async def _sample(self, peaks: _Peaks) -> None:
        while True:
            await asyncio.sleep(self.sample_interval)
            now: Memory = await self.blocking(self.memory)
            peaks.add(now.ram_used, now.ram_total, now.swap_used, now.swap_total)

    async def _unload_all(self) -> None:
        loaded = await self.backend.loaded_models()
        for model in loaded:
            with contextlib.suppress(BackendError):
                await self.backend.unload(model.name)
        deadline = self.clock() + UNLOAD_WAIT
        while loaded and self.clock() < deadline:
            await asyncio.sleep(UNLOAD_POLL)
            loaded = await self.backend.loaded_models()

    async def _failure(self, error: BackendError, model: str, task: BenchmarkTask) -> ModelFailure:
        if self.explain is not None:
            error = await self.explain(error, model)
        return ModelFailure(
            model=model,
            task=task.id,
            language=task.language,
            kind=error.kind.value,
            detail=error.detail,
            needed=error.needed,
            available=error.available,
        )


def memory_of(model: str, loaded: list[LoadedModel]) -> int | None:
    key = model_key(model)
    return next((m.size for m in loaded if model_key(m.name) == key), None)


def throttled_between(before: ThrottleState | None, after: ThrottleState | None) -> bool | None:
    """Whether the firmware slowed the board during the answer: a flag up at either end, or a flag of
    "since boot" that was not up before. None where the board does not say (no vcgencmd)."""
    if before is None and after is None:
        return None
    states = [s for s in (before, after) if s is not None]
    if any(s.active for s in states):
        return True
    if before is not None and after is not None:
        return any(
            getattr(after, name) and not getattr(before, name)
            for name in (
                "under_voltage_occurred",
                "frequency_capped_occurred",
                "throttled_occurred",
                "soft_temp_limit_occurred",
            )
        )
    return False


def read_memory() -> Memory:
    """The whole system's RAM and swap now (psutil; /proc/meminfo and /proc/swaps)."""
    import psutil

    memory, swap = psutil.virtual_memory(), psutil.swap_memory()
    return Memory(max(0, memory.total - memory.available), memory.total, swap.used, swap.total)


BOARD_PATH = Path("/proc/device-tree/model")


def read_board(path: Path = BOARD_PATH) -> str:
    """The board's model as its firmware names it ("Raspberry Pi 5 Model B Rev 1.0"); "" on a machine
    without a device tree (a PC)."""
    try:
        return path.read_bytes().decode("utf-8", "replace").strip("\x00\n ").strip()
    except OSError:
        return ""
