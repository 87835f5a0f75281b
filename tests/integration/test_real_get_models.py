"""Getting a model for real, through the app: the pinned Ollama with an empty model folder pulls the demo
model from the loopback registry (nginx). The page asks the registry for the size, checks the fit on this
machine, downloads with one bar; the app closed mid-pull resumes the pull by itself at its next start."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from piassist.app import PiAssist
from piassist.core.get_models.pull_progress import PullPhase
from piassist.core.ollama.backend import Backend
from piassist.core.ollama.client import OllamaBackend
from piassist.services.pull_queue import PullState
from piassist.ui.window.menus import PAGE_GET
from scripts import harness
from scripts.registry import LoopbackRegistry
from tests.helpers.waiting import wait_until

pytestmark = pytest.mark.slow
MB = 1_000_000


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[LoopbackRegistry]:
    reg = LoopbackRegistry(tmp_path / "registry", limit_rate=8 * MB).start()
    yield reg
    reg.close()


@pytest.fixture
def empty_ollama(tmp_path: Path) -> Iterator[harness.OllamaServer]:
    server = harness.OllamaServer(
        harness.ollama_binary(), tmp_path / "models", log_path=tmp_path / "serve.log"
    )
    server.start()
    yield server
    server.kill()


def test_a_typed_model_is_checked_downloaded_resumed_after_a_restart_and_listed(
    empty_ollama: harness.OllamaServer,
    registry: LoopbackRegistry,
    app_factory: Callable[..., PiAssist],
    run: Callable[..., Any],
    tmp_path: Path,
) -> None:
    app = app_factory(host=empty_ollama.host, data_dir=tmp_path / "data")
    app.window.show_page(PAGE_GET)
    app.window.show()
    app.start()
    page = app.window.get_models_page
    run(wait_until(lambda: app.connection.status.is_connected, timeout=20))
    page.name_edit.setText(registry.model_name)
    page.download_typed_button.click()
    run(wait_until(lambda: app.pulls.active is not None, timeout=20), timeout=30)
    job = app.pulls.active
    assert job is not None and job.insecure and job.expected_total == registry.model_size  # from the manifest
    assert page.verdict.text().startswith("Fits")  # 98 MB on this machine: green
    fractions: list[float] = []
    app.pulls.progress_changed.connect(lambda _name: fractions.append(app.pulls.jobs[0].progress.fraction))
    run(wait_until(lambda: job.progress.completed > 20 * MB, timeout=30), timeout=40)
    row = page.pulls.rows()[registry.model_name]
    assert 0 < row.bar.value() < row.bar.maximum() and job.progress.phase is PullPhase.DOWNLOADING
    assert fractions == sorted(fractions)  # the one bar never goes back
    assert app.window.pull_indicator.isVisible()

    run(app.aclose())  # the app is closed mid-pull
    # nginx logs a request when it ends: wait for the cut transfer of the big blob to be logged.
    big = max(registry.layer_sizes, key=lambda digest: registry.layer_sizes[digest])
    run(
        wait_until(
            lambda: any(e.is_blob_data and e.uri.endswith(big) for e in registry.access_log()), timeout=20
        ),
        timeout=30,
    )
    first_bytes = registry.blob_bytes_served()
    mark = len(registry.access_log())
    assert first_bytes < registry.model_size

    again = app_factory(host=empty_ollama.host, data_dir=tmp_path / "data")
    assert [j.name for j in again.pulls.jobs] == [registry.model_name]  # saved, to resume
    finished: list[tuple[str, bool]] = []
    again.pulls.pull_finished.connect(lambda name, ok: finished.append((name, ok)))
    again.window.show()
    again.start()  # nothing clicked: the pull resumes by itself
    run(wait_until(lambda: bool(finished), timeout=60), timeout=70)
    assert finished == [(registry.model_name, True)]
    run(wait_until(lambda: registry.model_name in {m.name for m in again.library.models}, timeout=10))
    second_bytes = registry.blob_bytes_served(since=mark)
    assert 0 < second_bytes < registry.model_size  # it went on from the partial files
    assert again.pulls.jobs == [] and not again.window.pull_indicator.isVisible()


def test_the_registry_gone_mid_pull_says_so_and_try_again_finishes_it(
    empty_ollama: harness.OllamaServer,
    registry: LoopbackRegistry,
    app_factory: Callable[..., PiAssist],
    run: Callable[..., Any],
    tmp_path: Path,
) -> None:
    async def quick_to_notice(host_url: str, token: str | None = None) -> Backend:
        # No byte for 2 s ends the pull (the app's default is 45 s; Ollama itself retries for ~65 s).
        return OllamaBackend(host_url, pull_stall_timeout=2.0)

    app = app_factory(host=empty_ollama.host, data_dir=tmp_path / "data", backend_factory=quick_to_notice)
    app.window.show_page(PAGE_GET)
    app.window.show()
    app.start()
    page = app.window.get_models_page
    run(wait_until(lambda: app.connection.status.is_connected, timeout=20))
    page.name_edit.setText(registry.model_name)
    page.download_typed_button.click()
    run(
        wait_until(
            lambda: app.pulls.active is not None and app.pulls.active.progress.completed > 10 * MB, 30
        ),
        40,
    )
    registry.stop()  # the network is gone
    run(wait_until(lambda: app.pulls.jobs[0].state is PullState.FAILED, timeout=30), timeout=40)
    row = page.pulls.rows()[registry.model_name]
    assert "cannot be reached" in row.status.text() and row.retry_button.isVisible()
    assert registry.model_name not in {m.name for m in app.library.models}  # nothing half-installed
    assert app.window.pull_indicator.button.text() == "1 download stopped"
    mark = len(registry.access_log())
    registry.restart(limit_rate=0)  # back
    row.retry_button.click()
    run(wait_until(lambda: app.pulls.jobs == [], timeout=60), timeout=70)
    run(wait_until(lambda: registry.model_name in {m.name for m in app.library.models}, timeout=10))
    assert 0 < registry.blob_bytes_served(since=mark) < registry.model_size  # resumed, not restarted
