"""The benchmark: runs one in the background, keeps every run, and tells what was measured.

While a run goes on nothing else asks the model for anything: the connection's polls are held, the chat
refuses to send (app.py tells it; the chat page says why), and what the server held in memory before is put
back afterwards with the time it had left (core/benchmark/runner.py). Results go to benchmarks.sqlite3 on a
worker thread of its own, one call at a time, opened on first use.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from piassist import __version__
from piassist.core.benchmark.export import ExportWords, to_csv, to_markdown
from piassist.core.benchmark.plan import Plan
from piassist.core.benchmark.published import PublishedFigures
from piassist.core.benchmark.results import ModelSummary, RunInfo, RunResults, latest_summaries
from piassist.core.benchmark.runner import (
    DEFAULT_NUM_PREDICT,
    DEFAULT_SEED,
    Memory,
    ModelFailed,
    RowDone,
    Runner,
    StepStarted,
    read_board,
    read_memory,
)
from piassist.core.benchmark.store import BenchmarkStore
from piassist.core.benchmark.tasks import BenchmarkTask, task_order
from piassist.core.errors import BackendError
from piassist.core.system_stats import SystemSnapshot, read_snapshot
from piassist.services.connection import ConnectionService
from piassist.services.model_facts import ModelFacts
from piassist.services.model_library import ModelLibraryService
from piassist.services.tasks import TaskSlots

log = logging.getLogger(__name__)
T = TypeVar("T")
HOLDER = "benchmark"


class Refusal(Enum):
    """Why a run did not start."""

    NOT_CONNECTED = "not-connected"
    NO_MODELS = "no-models"
    RUNNING = "running"
    CHAT_BUSY = "chat-busy"  # the chat is writing an answer
    NO_TASKS = "no-tasks"  # the task file is missing (a broken install)


class BenchmarkService(QObject):
    running_changed = Signal(bool)
    progress_changed = Signal(object)  # plan.Progress
    row_added = Signal(object)  # results.ResultRow of the run going on
    model_failed = Signal(object)  # results.ModelFailure of the run going on
    run_started = Signal(object)  # RunInfo
    run_ended = Signal(object)  # RunResults of the run that ended (complete, cancelled or failed)
    failed = Signal(object)  # BackendError that ended a run (the server went away)
    runs_changed = Signal(list)  # list[RunInfo], newest first
    results_ready = Signal(object)  # RunResults asked for with show_run()
    measured_changed = Signal(dict)  # model_key → ModelSummary: each model's newest measurement
    export_failed = Signal(str)  # why the results could not be written to a file

    def __init__(
        self,
        connection: ConnectionService,
        library: ModelLibraryService,
        tasks: dict[tuple[str, str], BenchmarkTask],
        published: PublishedFigures,
        *,
        store_path: Path,
        chat_busy: Callable[[], bool] = lambda: False,
        snapshot: Callable[[], SystemSnapshot] = read_snapshot,
        memory: Callable[[], Memory] = read_memory,
        board: Callable[[], str] = read_board,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._connection, self._library, self._tasks_by_key = connection, library, tasks
        self.published = published  # what others measured on a Pi, drawn beside this computer's figures
        self._store_path = store_path
        self._chat_busy = chat_busy
        self._snapshot, self._memory, self._board = snapshot, memory, board
        self.model_facts = ModelFacts(lambda: library.models, host=lambda: connection.host_text)
        self._tasks = TaskSlots("benchmark")
        self._executor: ThreadPoolExecutor | None = None  # the store's thread
        self._store: BenchmarkStore | None = None
        self._machine: ThreadPoolExecutor | None = None  # the machine's figures (psutil, vcgencmd)
        self._running = False
        self._measured: dict[str, ModelSummary] = {}
        self._runs: list[RunInfo] = []
        self.sample_interval: float | None = None  # tests may sample faster

    # -- what the UI reads -------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._running

    @property
    def measured(self) -> dict[str, ModelSummary]:
        return dict(self._measured)

    @property
    def runs(self) -> list[RunInfo]:
        return list(self._runs)

    def tasks_for(self, language: str) -> list[BenchmarkTask]:
        return task_order(self._tasks_by_key, language)

    # -- what the UI asks for ----------------------------------------------------------------------
    def start(
        self, models: list[str], language: str, num_predict: int = DEFAULT_NUM_PREDICT
    ) -> Refusal | None:
        """Measure these models on every task (the `language` ones first); None when it started."""
        backend = self._connection.backend
        if self._running:
            return Refusal.RUNNING
        if backend is None:
            return Refusal.NOT_CONNECTED
        if not models:
            return Refusal.NO_MODELS
        if not self._tasks_by_key:
            return Refusal.NO_TASKS
        if self._chat_busy():
            return Refusal.CHAT_BUSY
        self._set_running(True)  # before the first await: a second click must not start a second run
        plan = Plan(list(models), self.tasks_for(language))
        self._tasks.run("run", self._run(plan, num_predict))
        return None

    def cancel(self) -> None:
        self._tasks.cancel("run")

    def refresh(self) -> None:
        """Read the runs and each model's newest figures from the file (runs_changed, measured_changed)."""
        self._tasks.run("refresh", self._refresh())

    def show_run(self, run_id: int) -> None:
        self._tasks.run("show", self._show(run_id))

    def set_mark(self, run_id: int, task: str, language: str, model: str | None) -> None:
        """Keep which answer the person found better (None: neither); the advice then counts it."""
        self._tasks.spawn(self._mark(run_id, task, language, model))

    async def export(self, run_id: int, kind: str, words: ExportWords) -> str:
        results: RunResults = await self._call(BenchmarkStore.results, run_id)
        return to_csv(results, words) if kind == "csv" else to_markdown(results, words)

    def export_to(self, run_id: int, kind: str, words: ExportWords, path: str) -> asyncio.Task[None]:
        """Write a run's results as CSV or Markdown (`kind`) to `path`; export_failed says why not."""
        return self._tasks.spawn(self._export_to(run_id, kind, words, path))

    async def _export_to(self, run_id: int, kind: str, words: ExportWords, path: str) -> None:
        text = await self.export(run_id, kind, words)
        try:
            await self._blocking(lambda: Path(path).write_text(text, encoding="utf-8", newline=""))
        except OSError as exc:
            self.export_failed.emit(exc.strerror or str(exc))

    async def results(self, run_id: int) -> RunResults:
        return await self._call(BenchmarkStore.results, run_id)

    async def aclose(self) -> None:
        await self._tasks.cancel_all()
        if self._store is not None and self._executor is not None:
            await asyncio.get_running_loop().run_in_executor(self._executor, self._store.close)
        for executor in (self._executor, self._machine):
            if executor is not None:
                executor.shutdown(wait=False, cancel_futures=True)
        self._store = self._executor = self._machine = None

    # -- the run -----------------------------------------------------------------------------------
    async def _run(self, plan: Plan, num_predict: int) -> None:
        backend = self._connection.backend
        info: RunInfo | None = None
        state = "failed"
        runner: Runner | None = None
        try:
            assert backend is not None
            board = await self._blocking(self._board)
            info = await self._call(
                BenchmarkStore.start_run,
                board=board,
                ollama_version=self._connection.status.version,
                piassist_version=__version__,
                num_predict=num_predict,
                seed=DEFAULT_SEED,
                models=plan.models,
            )
            self.run_started.emit(info)
            await self._refresh()  # the run going on is in the list of runs
            runner = Runner(
                backend,
                self._snapshot,
                self._memory,
                self._blocking,
                num_predict=num_predict,
                explain=self.model_facts.with_memory_figures,
            )
            if self.sample_interval is not None:
                runner.sample_interval = self.sample_interval
            await runner.remember_loaded()
            self.progress_changed.emit(plan.progress(0, 0))
            async with contextlib.aclosing(runner.run(plan)) as events:
                async for event in events:
                    await self._record(info.id, event)
            state = "complete"
        except asyncio.CancelledError:
            state = "cancelled"
            raise
        except BackendError as exc:
            log.warning("the benchmark ended: %s", exc)
            self.failed.emit(exc)
        finally:
            await self._end(info, state, runner)

    async def _record(self, run_id: int, event: StepStarted | RowDone | ModelFailed) -> None:
        if isinstance(event, RowDone):
            row_id = await self._call(BenchmarkStore.add_row, run_id, event.row)
            self.row_added.emit(replace(event.row, id=row_id))
        elif isinstance(event, ModelFailed):
            await self._call(BenchmarkStore.add_failure, run_id, event.failure)
            self.model_failed.emit(event.failure)
        self.progress_changed.emit(event.progress)

    async def _end(self, info: RunInfo | None, state: str, runner: Runner | None) -> None:
        try:
            if runner is not None:
                await runner.restore()
            if info is not None:
                await self._call(BenchmarkStore.finish_run, info.id, state)
                self.run_ended.emit(await self._call(BenchmarkStore.results, info.id))
            await self._refresh()
        finally:
            self._set_running(False)

    # -- the store ---------------------------------------------------------------------------------
    async def _refresh(self) -> None:
        runs: list[RunInfo] = await self._call(BenchmarkStore.runs)
        recent: list[RunResults] = await self._call(BenchmarkStore.recent_results)
        self._runs, self._measured = runs, latest_summaries(recent)
        self.runs_changed.emit(self.runs)
        self.measured_changed.emit(self.measured)

    async def _show(self, run_id: int) -> None:
        self.results_ready.emit(await self._call(BenchmarkStore.results, run_id))

    async def _mark(self, run_id: int, task: str, language: str, model: str | None) -> None:
        await self._call(BenchmarkStore.set_mark, run_id, task, language, model)
        await self._refresh()
        await self._show(run_id)

    async def _call(self, method: Callable[..., T], /, *args: object, **kwargs: object) -> T:
        loop = asyncio.get_running_loop()
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="benchmark-store")
        if self._store is None:
            self._store = await loop.run_in_executor(self._executor, BenchmarkStore.open, self._store_path)
        call = functools.partial(method, self._store, *args, **kwargs)
        return await loop.run_in_executor(self._executor, call)

    async def _blocking(self, function: Callable[[], Any]) -> Any:
        if self._machine is None:
            self._machine = ThreadPoolExecutor(max_workers=1, thread_name_prefix="benchmark-machine")
        return await asyncio.get_running_loop().run_in_executor(self._machine, function)

    def _set_running(self, running: bool) -> None:
        if running != self._running:
            self._running = running
            self._connection.hold_polls(HOLDER, running)
            self.running_changed.emit(running)
