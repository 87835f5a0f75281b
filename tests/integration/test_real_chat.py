"""Chat, show and unload against the real Ollama v0.24.0 with the two PyPI models: streamed answers with
their statistics, a server killed mid-answer, Stop, a missing model, a full queue.

Assertions are on structure (chunks, counts, kinds), never on the words: gemma3 270M is a base model
and its text is not meaningful."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

import pytest

from piassist.core.chat_types import ChatChunk, ChatMessage, ChatOptions, ModelDetails
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.ollama.client import OllamaBackend
from scripts import harness
from tests.helpers import real_server

Run = Callable[..., Any]
SHORT = ChatOptions(num_predict=64, seed=1, temperature=0.0)
LONG = ChatOptions(num_predict=2000, seed=1, temperature=0.0)
QUESTION = [ChatMessage("user", "Write a short poem about the sea.")]
LONG_TASK = [ChatMessage("user", "Count from 1 to 1000, one number per line, and say nothing else.")]


@pytest.mark.parametrize("model", [harness.DEMO_MODEL, harness.SECOND_MODEL])
def test_a_streamed_answer_ends_with_its_statistics(
    ollama: harness.OllamaServer, run: Run, model: str
) -> None:
    async def go() -> list[ChatChunk]:
        backend = OllamaBackend(ollama.url)
        try:
            return [chunk async for chunk in backend.chat(model, QUESTION, SHORT)]
        finally:
            await backend.aclose()

    chunks = run(go(), timeout=180)
    assert len(chunks) >= 8  # streamed piece by piece, not in one block
    assert [c.done for c in chunks] == [False] * (len(chunks) - 1) + [True]
    assert all(c.stats is None for c in chunks[:-1])
    assert "".join(c.content for c in chunks).strip()
    assert not any(c.thinking for c in chunks)  # neither model thinks
    stats = chunks[-1].stats
    assert stats is not None
    assert 0 < stats.eval_count <= 64
    assert stats.done_reason in {"stop", "length"}
    assert stats.eval_rate is not None and stats.eval_rate > 0
    assert stats.prompt_eval_count > 0 and stats.total_duration_ns >= stats.eval_duration_ns > 0
    print(
        f"{model}: {stats.eval_count} tokens at {stats.eval_rate:.1f} tok/s, prompt {stats.prompt_rate} tok/s"
    )


@pytest.mark.parametrize(
    ("model", "family", "quantization"),
    [(harness.DEMO_MODEL, "llama", "Q4_1"), (harness.SECOND_MODEL, "gemma3", "Q4_K_M")],
)
def test_show_reports_what_the_model_can_do(
    ollama: harness.OllamaServer, run: Run, model: str, family: str, quantization: str
) -> None:
    async def go() -> ModelDetails:
        backend = OllamaBackend(ollama.url)
        try:
            return await backend.show(model)
        finally:
            await backend.aclose()

    details = run(go(), timeout=60)
    assert details.name == model
    assert "completion" in details.capabilities
    assert not details.can_think and not details.can_see
    assert details.context_length is not None and details.context_length > 0
    assert (details.family, details.quantization) == (family, quantization)
    assert details.parameter_size.endswith("M")
    assert details.template  # both have a chat template (gemma3's comes from the harness's Modelfile)
    assert "stop" in details.parameters


def test_unload_frees_the_model(own_ollama: harness.OllamaServer, run: Run) -> None:
    async def go() -> tuple[list[str], float]:
        backend = OllamaBackend(own_ollama.url)
        try:
            answer = [c async for c in backend.chat(harness.DEMO_MODEL, QUESTION, ChatOptions(num_predict=2))]
            assert answer[-1].done
            before = [m.name for m in await backend.loaded_models()]
            await backend.unload(harness.DEMO_MODEL)
            # The scheduler unloads in the background: wait for it, with a limit.
            start = loop_time()
            while harness.DEMO_MODEL in [m.name for m in await backend.loaded_models()]:
                assert loop_time() - start < 30, "still loaded 30 s after unload"
                await asyncio.sleep(0.1)
            return before, loop_time() - start
        finally:
            await backend.aclose()

    before, took = run(go(), timeout=120)
    assert harness.DEMO_MODEL in before
    print(f"unloaded within {took:.2f} s")


def loop_time() -> float:
    return asyncio.get_running_loop().time()


def test_a_missing_model_is_model_not_found_everywhere(ollama: harness.OllamaServer, run: Run) -> None:
    async def go() -> list[BackendError]:
        backend = OllamaBackend(ollama.url)
        errors: list[BackendError] = []
        try:
            for attempt in (
                lambda: backend.show("no-such-model:1b"),
                lambda: backend.unload("no-such-model:1b"),
                lambda: anext(backend.chat("no-such-model:1b", QUESTION, SHORT)),
            ):
                with pytest.raises(BackendError) as info:
                    await attempt()
                errors.append(info.value)
        finally:
            await backend.aclose()
        return errors

    for error in run(go(), timeout=60):
        assert (error.kind, error.status) == (ErrorKind.MODEL_NOT_FOUND, 404)
        assert "no-such-model:1b" in error.detail and "not found" in error.detail


def test_a_server_killed_mid_answer_interrupts_it_and_the_partial_answer_stays(
    own_ollama: harness.OllamaServer, run: Run
) -> None:
    async def go() -> tuple[list[ChatChunk], BackendError]:
        backend = OllamaBackend(own_ollama.url)
        chunks: list[ChatChunk] = []
        try:
            with pytest.raises(BackendError) as info:
                async for chunk in backend.chat(harness.DEMO_MODEL, LONG_TASK, LONG):
                    chunks.append(chunk)
                    if len(chunks) == 5:
                        own_ollama.kill()  # SIGKILL to the server and its runner, as a crash would
            return chunks, info.value
        finally:
            await backend.aclose()

    chunks, error = run(go(), timeout=180)
    assert error.kind is ErrorKind.INTERRUPTED, error
    assert len(chunks) >= 5 and not any(c.done for c in chunks)
    assert "".join(c.content for c in chunks)  # what came before the crash is the consumer's to keep


def test_stop_ends_the_generation_and_the_server_answers_at_once(
    ollama: harness.OllamaServer, run: Run
) -> None:
    # Ollama runs one request per model at a time (OLLAMA_NUM_PARALLEL=1 by default, envconfig/config.go):
    # had the 2000-token answer gone on after Stop, the next request would wait for it, about a minute
    # and a half at gemma3's ~20 tokens/s. The base model rambles on instead of stopping by itself.
    async def go() -> tuple[list[ChatChunk], list[ChatChunk], float]:
        backend = OllamaBackend(ollama.url)
        got: list[ChatChunk] = []
        five = asyncio.Event()

        async def read() -> None:
            async for chunk in backend.chat(harness.SECOND_MODEL, LONG_TASK, LONG):
                got.append(chunk)
                if len(got) == 5:
                    five.set()

        task = asyncio.create_task(read())
        try:
            await asyncio.wait_for(five.wait(), 120)
            task.cancel()  # what the Stop button does
            with contextlib.suppress(asyncio.CancelledError):
                await task
            start = asyncio.get_running_loop().time()
            next_answer = [
                c async for c in backend.chat(harness.SECOND_MODEL, QUESTION, ChatOptions(num_predict=8))
            ]
            return got, next_answer, asyncio.get_running_loop().time() - start
        finally:
            task.cancel()
            await backend.aclose()

    stopped, next_answer, took = run(go(), timeout=240)
    # The stream is read in batches (core/ollama/pacing.py): the pieces read with the fifth are still taken.
    assert len(stopped) >= 5 and not any(c.done for c in stopped)
    assert next_answer[-1].done and next_answer[-1].stats is not None
    assert 0 < next_answer[-1].stats.eval_count <= 8
    assert took < 30, f"the next answer took {took:.1f} s: the stopped one was still generating"


def test_a_full_queue_is_busy(monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    # server/sched.go GetRunner: requests for a model that is not loaded yet queue in a channel of
    # OLLAMA_MAX_QUEUE places; when it is full the answer is 503 ErrMaxQueue. With one place, requests
    # sent together while the model loads overflow it.
    monkeypatch.setenv("OLLAMA_MAX_QUEUE", "1")
    server = real_server.new_server("full-queue").start()

    async def one(backend: OllamaBackend) -> ChatChunk:
        return [c async for c in backend.chat(harness.DEMO_MODEL, QUESTION, ChatOptions(num_predict=4))][-1]

    async def go() -> list[ChatChunk | BaseException]:
        backend = OllamaBackend(server.url)
        try:
            return await asyncio.gather(*(one(backend) for _ in range(6)), return_exceptions=True)
        finally:
            await backend.aclose()

    try:
        results = run(go(), timeout=180)
    finally:
        server.kill()
    busy = [r for r in results if isinstance(r, BackendError) and r.kind is ErrorKind.BUSY]
    answered = [r for r in results if isinstance(r, ChatChunk) and r.done]
    assert busy and answered, results
    assert len(busy) + len(answered) == len(results), results
    assert all(e.status == 503 and "server busy" in e.detail for e in busy)
