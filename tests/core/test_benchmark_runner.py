"""The benchmark's runner over the fake backend: the requests it sends, the figures it keeps, a model that
cannot run, a lost server, and what the server held before put back."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from piassist import paths
from piassist.core.benchmark.plan import Plan
from piassist.core.benchmark.runner import (
    Memory,
    ModelFailed,
    RowDone,
    Runner,
    StepStarted,
    read_board,
    throttled_between,
)
from piassist.core.benchmark.tasks import load_tasks, task_order
from piassist.core.chat_types import ChatChunk, GenerationStats
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.models import LoadedModel
from piassist.core.system_stats import SystemSnapshot, ThrottleState
from tests.helpers.fakes import FakeServer, answer

TASKS = task_order(load_tasks(paths.resources_dir() / "benchmark_tasks.json"), "uk")


async def inline(function: Callable[[], Any]) -> Any:
    return function()


class Machine:
    """Snapshots and memory samples from a script: the RAM climbs while the model answers."""

    def __init__(self, server: FakeServer | None = None) -> None:
        self.server = server  # its held answer goes on once a sample was taken
        self.ram = 1_000
        self.temps = iter([50.0, 55.0] * 40)
        self.throttles = iter([ThrottleState(), ThrottleState(soft_temp_limit_occurred=True)] * 40)

    def snapshot(self) -> SystemSnapshot:
        return SystemSnapshot(self.ram, 8_000, 5, 100, next(self.temps), next(self.throttles))

    def memory(self) -> Memory:
        self.ram += 500
        if self.server is not None:
            self.server.release_chat()
        return Memory(self.ram, 8_000, 7, 100)


def runner_for(server: FakeServer, machine: Machine, **options: Any) -> Runner:
    backend = asyncio.run(server.factory("http://fake"))
    return Runner(backend, machine.snapshot, machine.memory, inline, sample_interval=0.001, **options)


def collect(runner: Runner, plan: Plan) -> list[Any]:
    async def go() -> list[Any]:
        return [event async for event in runner.run(plan)]

    return asyncio.run(go())


def test_every_model_on_every_task_with_the_run_options() -> None:
    server = FakeServer()
    machine = Machine(server)
    server.hold_after = 1  # the answer waits half-way until the memory was sampled
    chunks = [ChatChunk(content="Столиця "), ChatChunk(content="— Київ.")]
    stats = GenerationStats(
        eval_count=2, eval_duration_ns=100_000_000, load_duration_ns=7, done_reason="stop"
    )
    server.chat_script = [*chunks, ChatChunk(done=True, stats=stats)]
    server.loaded = [LoadedModel("smollm2:135m", 191_000_000, 0)]
    runner = runner_for(server, machine, num_predict=64, seed=7)
    events = collect(runner, Plan(["smollm2:135m", "gemma3:270m"], TASKS))
    rows = [e.row for e in events if isinstance(e, RowDone)]
    assert len(rows) == 20 and sum(isinstance(e, StepStarted) for e in events) == 20
    assert {(r.model, r.task, r.language) for r in rows} == {
        (m, t.id, t.language) for m in ("smollm2:135m", "gemma3:270m") for t in TASKS
    }
    first = rows[0]
    assert first.stats == stats and first.answer == "Столиця — Київ." and first.verdict.value == "uk"
    assert first.machine.temp_start == 50.0 and first.machine.temp_end == 55.0 and first.machine.throttled
    assert first.machine.ram_peak >= 1_500 and first.machine.ram_total == 8_000
    assert first.first_token_s is not None and first.first_token_s >= 0
    for request in server.chat_requests:
        assert request.options is not None and request.options.to_options() == {"num_predict": 64, "seed": 7}
        assert [m.role for m in request.messages] == ["user"] and request.think is None
    assert [r.messages[0].content for r in server.chat_requests[:10]] == [t.text for t in TASKS]
    assert events[-1].progress.done == 20 and events[-1].progress.fraction == 1.0
    # The model held before the run was unloaded first; each model is unloaded after its last task.
    assert server.calls.count("unload") >= 3


def test_a_model_that_cannot_run_is_one_failure_and_its_tasks_are_skipped() -> None:
    server, machine = FakeServer(), Machine()
    runner = runner_for(server, machine)

    async def explain(error: BackendError, model: str) -> BackendError:
        return BackendError(error.kind, error.detail, needed=9, available=4)

    runner.explain = explain
    plan = Plan(["missing:1b", "smollm2:135m"], TASKS[:2])
    events = collect(runner, plan)
    (failed,) = [e for e in events if isinstance(e, ModelFailed)]
    assert failed.failure.model == "missing:1b" and failed.failure.kind == ErrorKind.MODEL_NOT_FOUND.value
    assert (failed.failure.needed, failed.failure.available) == (9, 4)
    assert failed.progress.done == 2  # both of its tasks count as done
    assert [e.row.model for e in events if isinstance(e, RowDone)] == ["smollm2:135m"] * 2


def test_a_lost_server_ends_the_run() -> None:
    server, machine = FakeServer(), Machine()
    server.chat_error = BackendError(ErrorKind.INTERRUPTED, "connection reset")
    with pytest.raises(BackendError):
        collect(runner_for(server, machine), Plan(["smollm2:135m"], TASKS))


def test_what_was_loaded_is_loaded_again_with_the_time_it_had_left() -> None:
    server, machine = FakeServer(), Machine()
    soon = datetime.now(UTC) + timedelta(minutes=10)
    server.loaded = [LoadedModel("smollm2:135m", 1, 0, expires_at=soon), LoadedModel("gemma3:270m", 1, 0)]
    runner = runner_for(server, machine)

    async def go(step: Callable[[], Awaitable[Any]]) -> Any:
        return await step()

    kept = asyncio.run(go(runner.remember_loaded))
    assert [k.name for k in kept] == ["smollm2:135m", "gemma3:270m"]
    server.chat_requests.clear()
    asyncio.run(go(runner.restore))
    restored = {r.model: r for r in server.chat_requests}
    assert all(not r.messages for r in restored.values())  # an empty chat only loads the model
    ten_minutes = restored["smollm2:135m"].options
    assert ten_minutes is not None and ten_minutes.keep_alive in {"599s", "600s"}
    forever = restored["gemma3:270m"].options
    assert forever is not None and forever.keep_alive == -1


def test_throttling_between_two_readings() -> None:
    calm, capped = ThrottleState(), ThrottleState(frequency_capped=True)
    since_boot = ThrottleState(throttled_occurred=True)
    assert throttled_between(None, None) is None
    assert throttled_between(calm, calm) is False
    assert throttled_between(calm, capped) is True
    assert throttled_between(calm, since_boot) is True  # it happened during the answer
    assert throttled_between(since_boot, since_boot) is False  # it happened before


def test_board_model_from_the_device_tree(tmp_path: Any) -> None:
    model = tmp_path / "model"
    model.write_bytes(b"Raspberry Pi 5 Model B Rev 1.0\x00")
    assert read_board(model) == "Raspberry Pi 5 Model B Rev 1.0"
    assert read_board(tmp_path / "none") == ""


def test_answer_helper_is_what_the_fake_streams() -> None:
    assert answer(["a"])[-1].done
