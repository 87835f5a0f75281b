"""Pulls for real: the Ollama under test (either pinned version), with an empty model folder of its own,
pulling the demo model from a registry on loopback (nginx, scripts/registry.py). Progress, cancel and
resume, the registry going away mid-pull and coming back, unknown names, delete."""

from __future__ import annotations

import contextlib
import itertools
import time
from collections.abc import AsyncGenerator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from piassist.core.errors import BackendError, ErrorKind
from piassist.core.get_models.model_names import ModelName, check_pull_name
from piassist.core.get_models.pull_progress import PullEvent, PullPhase, PullProgress, PullTracker
from piassist.core.ollama.client import OllamaBackend
from piassist.core.ollama.registry_manifest import fetch_manifest
from scripts import harness
from scripts.registry import LoopbackRegistry
from tests.helpers.waiting import wait_until

pytestmark = pytest.mark.slow

MB = 1_000_000
# Slow enough that a pull can be caught in the middle (the demo model's 98 MB take about 10 s), fast
# enough that reaching the point where a test cuts it takes a second or two.
SLOW_RATE = 10 * MB
CUT_AFTER = 15 * MB
WATCH_RATE = 40 * MB  # the demo model in about 2.5 s: some 40 progress events on Ollama's 60 ms tick


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[LoopbackRegistry]:
    reg = LoopbackRegistry(tmp_path / "registry").start()
    yield reg
    reg.close()


@pytest.fixture
def empty_ollama(tmp_path: Path) -> Iterator[harness.OllamaServer]:
    """A server with no models at all, so that a pull really downloads every byte."""
    server = harness.OllamaServer(
        harness.ollama_binary(), tmp_path / "models", log_path=tmp_path / "serve.log"
    )
    server.start()
    yield server
    server.kill()


@contextlib.asynccontextmanager
async def backend_for(server: harness.OllamaServer, **kwargs: Any) -> AsyncGenerator[OllamaBackend, None]:
    backend = OllamaBackend(server.url, **kwargs)
    try:
        yield backend
    finally:
        await backend.aclose()


async def installed(backend: OllamaBackend) -> dict[str, int]:
    return {m.name: m.size for m in await backend.installed_models()}


def big_blob_fetched(reg: LoopbackRegistry) -> Callable[[], bool]:
    """True once nginx logged a request for the model's large blob: it logs a request when it ends, so
    this says that the cut transfer is over and its byte count is final."""
    big = max(reg.layer_sizes, key=lambda digest: reg.layer_sizes[digest])
    return lambda: any(e.is_blob_data and e.method == "GET" and e.uri.endswith(big) for e in reg.access_log())


def test_a_real_pull_progress_install_and_delete(
    empty_ollama: harness.OllamaServer,
    registry: LoopbackRegistry,
    run: Callable[..., Any],
    record_property: Callable[[str, object], None],
) -> None:
    """What holds for every Ollama version: Ollama's per-layer events differ (v0.30+ sends none for a
    layer that ends between two 60 ms ticks, and no final one for the big layer), the whole model's
    progress does not."""
    name = check_pull_name(registry.model_name)
    assert isinstance(name, ModelName) and str(name) == registry.model_name
    registry.restart(limit_rate=WATCH_RATE)  # slow enough for a few dozen events, as on a real line

    async def go() -> tuple[list[PullEvent], list[PullProgress], int, dict[str, int], dict[str, int]]:
        manifest = await fetch_manifest(name, insecure=True)  # what the fit check reads first
        tracker = PullTracker(expected_total=manifest.download_size)  # as the Get models page pulls
        events, seen = [], []
        async with backend_for(empty_ollama) as backend:
            async for event in backend.pull(str(name), insecure=True):
                events.append(event)
                seen.append(tracker.update(event))
            after_pull = await installed(backend)
            await backend.delete(str(name))
            after_delete = await installed(backend)
            with pytest.raises(BackendError) as again:
                await backend.delete(str(name))
            assert again.value.kind is ErrorKind.MODEL_NOT_FOUND
        return events, seen, manifest.download_size, after_pull, after_delete

    events, seen, manifest_size, after_pull, after_delete = run(go(), timeout=120)
    shown = [f"{p.phase.name.lower()}:{p.percent}" for p in seen]
    assert sum(1 for p in seen if p.phase is PullPhase.DOWNLOADING) >= 10  # the bar moved in steps
    print(f"Ollama {empty_ollama.version}: {len(events)} events; progress shown: {' '.join(shown)}")
    record_property("progress", " ".join(shown))
    # the registry's model: every layer Ollama named has the registry's size, and the whole is their sum
    assert manifest_size == registry.model_size == sum(registry.layer_sizes.values())
    totals = {e.digest: e.total for e in events if e.digest}
    assert totals and totals.items() <= registry.layer_sizes.items()
    assert all(p.total == manifest_size for p in seen)
    # monotonic, and no step bigger than one layer's share of the model
    biggest_share = max(registry.layer_sizes.values()) / manifest_size
    for before, after in itertools.pairwise(seen):
        assert after.completed >= before.completed and after.fraction >= before.fraction
        assert after.fraction - before.fraction <= biggest_share
    # 100 % only at success; Ollama's verifying shown as its own phase, busy, with every byte there
    assert all(p.percent < 100 for p in seen[:-1])
    assert events[-1].status == "success" and seen[-1].percent == 100
    assert seen[-1].completed == seen[-1].total == registry.model_size
    verifying = [p for p in seen if p.phase is PullPhase.VERIFYING]
    assert verifying and all(p.indeterminate and p.completed == p.total for p in verifying)
    assert [p.phase.name for p in seen if p.phase is not PullPhase.DOWNLOADING][-3:] == [
        "VERIFYING",
        "FINISHING",
        "DONE",
    ]
    assert after_pull == {registry.model_name: registry.model_size}
    assert after_delete == {}
    assert registry.blob_bytes_served() == registry.model_size  # the first pull fetched every byte once


def test_cancel_mid_pull_then_pull_again_resumes(
    empty_ollama: harness.OllamaServer, registry: LoopbackRegistry, run: Callable[..., Any]
) -> None:
    registry.restart(limit_rate=SLOW_RATE)

    async def cut() -> tuple[int, float]:
        started = time.monotonic()
        async with backend_for(empty_ollama) as backend:
            stream = backend.pull(registry.model_name, insecure=True)
            async for event in stream:
                if event.completed >= CUT_AFTER:
                    break
            await stream.aclose()  # cancel
            assert registry.model_name not in await installed(backend)
        await wait_until(big_blob_fetched(registry), timeout=10)
        return registry.blob_bytes_served(), time.monotonic() - started

    first_bytes, cut_seconds = run(cut(), timeout=60)
    mark = len(registry.access_log())
    # at a rate that lets Ollama report the resumed download (v0.34 reports nothing of a layer that ends
    # within its first 60 ms tick)
    registry.restart(limit_rate=WATCH_RATE)

    async def resume() -> tuple[PullProgress, PullProgress, dict[str, int]]:
        tracker = PullTracker()
        progress = []
        async with backend_for(empty_ollama) as backend:
            async for event in backend.pull(registry.model_name, insecure=True):
                progress.append(tracker.update(event))
            downloading = next(p for p in progress if p.phase is PullPhase.DOWNLOADING)
            return downloading, progress[-1], await installed(backend)

    first_layer, last, models = run(resume(), timeout=60)
    second_bytes = registry.blob_bytes_served(since=mark)
    print(f"cut after {first_bytes} bytes ({cut_seconds:.1f} s); the second pull fetched {second_bytes}")
    assert CUT_AFTER <= first_bytes < registry.model_size
    assert second_bytes < registry.model_size  # it resumed: fewer bytes than the model's size
    assert first_bytes + second_bytes >= registry.model_size  # and between them every byte came
    assert first_layer.completed >= CUT_AFTER  # the resumed pull starts where the first one stopped
    assert last.done and models == {registry.model_name: registry.model_size}


def test_registry_stopped_mid_pull_is_a_clear_error_and_the_pull_resumes_when_it_is_back(
    empty_ollama: harness.OllamaServer, registry: LoopbackRegistry, run: Callable[..., Any]
) -> None:
    registry.restart(limit_rate=SLOW_RATE)

    async def cut() -> tuple[BackendError, float, dict[str, int]]:
        async with backend_for(empty_ollama, pull_stall_timeout=2.0) as backend:
            with pytest.raises(BackendError) as failure:
                async for event in backend.pull(registry.model_name, insecure=True):
                    if event.completed >= CUT_AFTER and registry.running:
                        registry.stop()  # the network goes away
                        stopped = time.monotonic()
            took = time.monotonic() - stopped
            return failure.value, took, await installed(backend)

    error, seconds, models = run(cut(), timeout=60)
    assert error.kind is ErrorKind.REGISTRY_UNREACHABLE and "no data" in error.detail, error
    assert 2.0 <= seconds < 10
    assert models == {}  # nothing half-installed is listed
    mark = len(registry.access_log())  # (nginx's fast shutdown does not log the transfer it cut)
    registry.restart(limit_rate=0)

    async def resume() -> tuple[PullEvent, dict[str, int]]:
        async with backend_for(empty_ollama) as backend:
            events = [e async for e in backend.pull(registry.model_name, insecure=True)]
            return events[-1], await installed(backend)

    last, models = run(resume(), timeout=90)
    second_bytes = registry.blob_bytes_served(since=mark)
    print(f"registry stopped: error after {seconds:.1f} s; the pull resumed with {second_bytes} bytes")
    assert last.status == "success"
    assert models == {registry.model_name: registry.model_size}
    assert second_bytes < registry.model_size


def test_registry_down_unknown_model_and_invalid_name(
    empty_ollama: harness.OllamaServer, registry: LoopbackRegistry, run: Callable[..., Any]
) -> None:
    async def kind_of(name: str) -> ErrorKind:
        async with backend_for(empty_ollama) as backend:
            with pytest.raises(BackendError) as failure:
                async for _ in backend.pull(name, insecure=True):
                    pass
            assert await installed(backend) == {}
            return failure.value.kind

    host = registry.host
    assert run(kind_of(f"{host}/library/nosuch:latest")) is ErrorKind.UNKNOWN_MODEL
    assert run(kind_of(f"{host}/library/demo:no-such-tag")) is ErrorKind.UNKNOWN_MODEL
    assert run(kind_of("bad name!")) is ErrorKind.INVALID_NAME
    registry.stop()
    assert run(kind_of(registry.model_name)) is ErrorKind.REGISTRY_UNREACHABLE
    unknown = check_pull_name(f"{host}/library/demo")
    assert isinstance(unknown, ModelName)
    with pytest.raises(BackendError) as failure:
        run(fetch_manifest(unknown, insecure=True))
    assert failure.value.kind is ErrorKind.REGISTRY_UNREACHABLE
