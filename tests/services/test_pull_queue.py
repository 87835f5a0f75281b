"""The pull queue over the fake server: one at a time, cancel, fail and retry, saved and resumed."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from piassist.core.errors import BackendError, ErrorKind
from piassist.core.get_models.pull_progress import PullPhase
from piassist.services.connection import ConnectionService
from piassist.services.model_library import ModelLibraryService
from piassist.services.pull_queue import PullQueueService, PullState
from piassist.services.settings import SettingsService
from tests.helpers.fakes import FakeServer, pull_script
from tests.helpers.waiting import wait_until


@pytest.fixture
def parts(
    run: Callable[..., Any],
    make_connection: Callable[..., ConnectionService],
    settings: SettingsService,
    tmp_path: Path,
) -> Iterator[Callable[[], tuple[ConnectionService, PullQueueService]]]:
    made: list[tuple[ConnectionService, ModelLibraryService, PullQueueService]] = []

    def make() -> tuple[ConnectionService, PullQueueService]:
        connection = make_connection()
        library = ModelLibraryService(connection, settings)
        queue = PullQueueService(connection, library, tmp_path / "pulls.json")
        made.append((connection, library, queue))
        return connection, queue

    yield make
    for connection, library, queue in made:
        run(queue.aclose())
        run(library.aclose())
        run(connection.aclose())


def connect(connection: ConnectionService, run: Callable[..., Any]) -> None:
    connection.start()
    run(wait_until(lambda: connection.backend is not None))


def test_a_pull_runs_to_success_and_the_model_is_listed(
    parts: Any, run: Callable[..., Any], server: FakeServer, tmp_path: Path
) -> None:
    connection, queue = parts()
    connect(connection, run)
    finished: list[tuple[str, bool]] = []
    queue.pull_finished.connect(lambda name, ok: finished.append((name, ok)))
    assert queue.enqueue("qwen2.5:0.5b")
    assert not queue.enqueue("qwen2.5:0.5b")  # once is enough
    run(wait_until(lambda: bool(finished)))
    assert finished == [("qwen2.5:0.5b", True)]
    assert queue.jobs == [] and server.installed("qwen2.5:0.5b")
    assert server.pull_requests == [("qwen2.5:0.5b", False)]
    assert json.loads((tmp_path / "pulls.json").read_text())["pulls"] == []


def test_a_new_phase_is_signalled_at_once_even_inside_the_throttle(
    parts: Any, run: Callable[..., Any], server: FakeServer
) -> None:
    """Ollama says "verifying" right after the last layer's event (well within PROGRESS_EVERY) and then
    nothing for as long as verifying takes: the view must hear of the new phase at once."""
    connection, queue = parts()
    connect(connection, run)
    server.pull_script = pull_script(steps=1, last_tick=0.75, silent_below=1000)
    server.pull_hold_after = (
        next(i for i, e in enumerate(server.pull_script) if e.status.startswith("verif")) + 1
    )
    phases: list[PullPhase] = []
    queue.progress_changed.connect(lambda name: phases.append(queue.jobs[0].progress.phase))
    queue.enqueue("gemma3:1b")
    run(wait_until(lambda: PullPhase.VERIFYING in phases))
    assert queue.jobs[0].progress.indeterminate
    server.release_pull()
    run(wait_until(lambda: queue.jobs == []))


def test_pulls_wait_their_turn(parts: Any, run: Callable[..., Any], server: FakeServer) -> None:
    connection, queue = parts()
    connect(connection, run)
    server.pull_hold_after = 3
    queue.enqueue("first:1b")
    queue.enqueue("second:1b")
    run(wait_until(lambda: len(server.pull_requests) == 1))
    assert [j.state for j in queue.jobs] == [PullState.RUNNING, PullState.QUEUED]
    progress = queue.jobs[0].progress
    assert 0 < progress.fraction < 1 and progress.percent < 100
    server.release_pull()
    run(wait_until(lambda: queue.jobs == []))
    assert [name for name, _ in server.pull_requests] == ["first:1b", "second:1b"]


def test_cancel_stops_the_pull_and_the_next_one_starts(
    parts: Any, run: Callable[..., Any], server: FakeServer
) -> None:
    connection, queue = parts()
    connect(connection, run)
    server.pull_hold_after = 3
    queue.enqueue("big:8b")
    queue.enqueue("small:1b")
    run(wait_until(lambda: len(server.pull_requests) == 1))
    queue.cancel("big:8b")
    run(wait_until(lambda: server.pulls_stopped == 1))
    assert not server.installed("big:8b")
    run(wait_until(lambda: len(server.pull_requests) == 2))
    assert queue.active is not None and queue.active.name == "small:1b"
    server.release_pull()
    run(wait_until(lambda: queue.jobs == []))


def test_a_failed_pull_stays_listed_with_its_error_until_tried_again(
    parts: Any, run: Callable[..., Any], server: FakeServer
) -> None:
    connection, queue = parts()
    connect(connection, run)
    server.pull_error = BackendError(ErrorKind.UNKNOWN_MODEL, "pull model manifest: file does not exist")
    server.pull_error_after = 1
    queue.enqueue("nosuch:1b")
    run(wait_until(lambda: queue.jobs[0].state is PullState.FAILED))
    job = queue.jobs[0]
    assert job.error is not None and job.error.kind is ErrorKind.UNKNOWN_MODEL
    server.pull_error = None
    queue.retry("nosuch:1b")
    run(wait_until(lambda: queue.jobs == []))
    assert server.installed("nosuch:1b")


def test_dismiss_forgets_a_failed_pull(parts: Any, run: Callable[..., Any], server: FakeServer) -> None:
    connection, queue = parts()
    connect(connection, run)
    server.pull_error = BackendError(ErrorKind.DISK_FULL, "no space left on device")
    queue.enqueue("huge:70b")
    run(wait_until(lambda: queue.jobs[0].state is PullState.FAILED))
    queue.dismiss("huge:70b")
    assert queue.jobs == []


def test_a_pull_cut_off_by_the_network_goes_on_when_the_server_is_back(
    parts: Any, run: Callable[..., Any], server: FakeServer
) -> None:
    connection, queue = parts()
    connect(connection, run)
    server.pull_error = BackendError(ErrorKind.INTERRUPTED, "connection reset")
    server.pull_error_after = 2
    queue.enqueue("qwen3:0.6b")
    run(wait_until(lambda: queue.jobs[0].state is PullState.FAILED))
    server.pull_error = None
    server.go_down()
    run(wait_until(lambda: connection.backend is None))
    server.come_back()
    run(wait_until(lambda: queue.jobs == []))  # tried again by itself
    assert server.installed("qwen3:0.6b") and len(server.pull_requests) == 2


def test_the_queue_is_saved_and_resumed_at_the_next_start(
    parts: Any, run: Callable[..., Any], server: FakeServer, tmp_path: Path
) -> None:
    connection, queue = parts()
    connect(connection, run)
    server.pull_hold_after = 3
    queue.enqueue("gemma3:1b", expected_total=815_000_000)
    queue.enqueue("127.0.0.1:5000/library/demo:latest", insecure=True)
    run(wait_until(lambda: len(server.pull_requests) == 1))
    saved = json.loads((tmp_path / "pulls.json").read_text())["pulls"]
    assert [(p["name"], p["insecure"], p["expected_total"]) for p in saved] == [
        ("gemma3:1b", False, 815_000_000),
        ("127.0.0.1:5000/library/demo:latest", True, None),
    ]
    run(queue.aclose())  # the app closes mid-pull
    assert server.pulls_stopped == 1
    server.pull_hold_after = None
    server.pull_requests.clear()
    connection2, queue2 = parts()
    assert [j.name for j in queue2.jobs] == ["gemma3:1b", "127.0.0.1:5000/library/demo:latest"]
    connect(connection2, run)
    run(wait_until(lambda: queue2.jobs == []))
    assert server.pull_requests == [("gemma3:1b", False), ("127.0.0.1:5000/library/demo:latest", True)]


def test_a_broken_saved_queue_is_ignored(
    parts: Any, settings: SettingsService, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "pulls.json").write_text("{not json", encoding="utf-8")
    _connection, queue = parts()
    assert queue.jobs == []
    assert "ignoring the saved pull queue" in caplog.text
