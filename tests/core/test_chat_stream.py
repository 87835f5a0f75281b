"""Streaming chat in the adapter: scripted answers (httpx.MockTransport) and raw
sockets on loopback that cut, reset or hold a stream the way a killed or slow server does."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import struct
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from piassist.core.chat_types import ChatChunk, ChatMessage, ChatOptions, GenerationStats
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.ollama.client import CONTROL_TIMEOUT, STREAM_TIMEOUT, OllamaBackend

Handler = Callable[[httpx.Request], httpx.Response]
HI = [ChatMessage("user", "Hi")]


def part(content: str = "", thinking: str = "") -> dict[str, Any]:
    message = {"role": "assistant", "content": content}
    if thinking:
        message["thinking"] = thinking
    return {"model": "m:1", "created_at": "2026-11-23T10:00:00Z", "message": message, "done": False}


def final(content: str = "", **stats: Any) -> dict[str, Any]:
    figures = {
        "done_reason": "stop",
        "total_duration": 2_500_000_000,
        "load_duration": 600_000_000,
        "prompt_eval_count": 16,
        "prompt_eval_duration": 320_000_000,
        "eval_count": 64,
        "eval_duration": 1_600_000_000,
    }
    return {**part(content), "done": True, **figures, **stats}


def ndjson(*lines: dict[str, Any]) -> bytes:
    return b"".join(json.dumps(line).encode() + b"\n" for line in lines)


async def collect(
    backend: OllamaBackend, chunks: list[ChatChunk], model: str = "m:1", **kwargs: Any
) -> list[ChatChunk]:
    """Read a whole answer into `chunks` (which keeps what arrived if it fails)."""
    async for chunk in backend.chat(model, kwargs.pop("messages", HI), **kwargs):
        chunks.append(chunk)
    return chunks


def stream(handler: Handler, **kwargs: Any) -> tuple[list[ChatChunk], BackendError | None]:
    """The chunks an answer delivered and the error it ended with (None when it ended well)."""
    chunks: list[ChatChunk] = []

    async def go() -> BackendError | None:
        backend = OllamaBackend("http://127.0.0.1:11434", transport=httpx.MockTransport(handler))
        try:
            await collect(backend, chunks, **kwargs)
        except BackendError as exc:
            return exc
        finally:
            await backend.aclose()
        return None

    return chunks, asyncio.run(go())


# -- parsing a stream --------------------------------------------------------------------------------
def test_thinking_then_content_then_final_stats() -> None:
    body = ndjson(
        part(thinking="Let me "),
        part(thinking="think."),
        part(content="Hello"),
        part(),  # an empty piece (Ollama sends them around tool calls and logprobs): skipped
        part(content=" world"),
        final(),
    )
    chunks, error = stream(lambda r: httpx.Response(200, content=body), think=True)
    assert error is None
    assert [(c.thinking, c.content, c.done) for c in chunks] == [
        ("Let me ", "", False),
        ("think.", "", False),
        ("", "Hello", False),
        ("", " world", False),
        ("", "", True),
    ]
    assert all(c.stats is None for c in chunks[:-1])
    stats = chunks[-1].stats
    assert stats == GenerationStats(
        eval_count=64,
        eval_duration_ns=1_600_000_000,
        prompt_eval_count=16,
        prompt_eval_duration_ns=320_000_000,
        load_duration_ns=600_000_000,
        total_duration_ns=2_500_000_000,
        done_reason="stop",
    )
    assert stats.eval_rate == pytest.approx(40.0)
    assert stats.prompt_rate == pytest.approx(50.0)


def test_the_cached_part_of_the_prompt_is_read_and_left_out_of_the_question_speed() -> None:
    """v0.30+: 300 prompt tokens, 282 from the cache; 18 were read in 0.2 s: 90 tokens/s, not 1,500."""
    body = ndjson(
        part(content="Hi"),
        final(prompt_eval_count=300, prompt_eval_cached_count=282, prompt_eval_duration=200_000_000),
    )
    chunks, error = stream(lambda r: httpx.Response(200, content=body))
    stats = chunks[-1].stats
    assert error is None and stats is not None
    assert stats.prompt_eval_cached_count == stats.prompt_tokens_cached == 282
    assert stats.prompt_tokens_read == 18
    assert stats.prompt_rate == pytest.approx(90.0)
    assert GenerationStats.from_dict(stats.to_dict()) == stats


@pytest.mark.parametrize(
    ("cached", "read", "rate"),
    [
        (None, 16, 50.0),  # an older server: nothing said about the cache
        (0, 16, 50.0),
        (16, 0, None),  # all of it from the cache: no speed to show
        (40, 0, None),  # more than the count (never seen): no negative reading
        (-3, 16, 50.0),  # nonsense is "not said"
        ("7", 16, 50.0),
    ],
)
def test_cached_counts_of_any_kind(cached: object, read: int, rate: float | None) -> None:
    extra = {} if cached is None else {"prompt_eval_cached_count": cached}
    chunks, _ = stream(lambda r: httpx.Response(200, content=ndjson(final(**extra))))
    stats = chunks[-1].stats
    assert stats is not None and stats.prompt_tokens_read == read
    assert stats.prompt_rate == (pytest.approx(rate) if rate is not None else None)


def test_saved_figures_without_a_cached_count_load_as_not_said() -> None:
    saved = GenerationStats(eval_count=3, prompt_eval_count=7).to_dict()
    del saved["prompt_eval_cached_count"]  # as an answer saved before this field existed
    assert GenerationStats.from_dict(saved).prompt_eval_cached_count is None
    assert GenerationStats.from_dict({**saved, "prompt_eval_cached_count": 5}).prompt_tokens_read == 2


def test_the_final_chunk_may_carry_text_and_lack_figures() -> None:
    body = ndjson(part(content="a"), {**part(content="b"), "done": True, "done_reason": "length"})
    chunks, error = stream(lambda r: httpx.Response(200, content=body))
    assert error is None
    assert "".join(c.content for c in chunks) == "ab" and chunks[-1].done
    assert chunks[-1].stats is not None and chunks[-1].stats.done_reason == "length"
    assert chunks[-1].stats.eval_rate is None and chunks[-1].stats.prompt_rate is None


def test_a_stream_ending_without_its_final_chunk_still_ends_with_done() -> None:
    # llm/server.go ends an answer this way when the model repeats one token over 30 times.
    chunks, error = stream(lambda r: httpx.Response(200, content=ndjson(part(content="la"))))
    assert error is None
    assert [(c.content, c.done, c.stats) for c in chunks] == [("la", False, None), ("", True, None)]


def test_the_request_carries_messages_options_think_and_keep_alive() -> None:
    seen: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append({"path": request.url.path, **json.loads(request.content)})
        return httpx.Response(200, content=ndjson(final()))

    messages = [
        ChatMessage("system", "Be brief."),
        ChatMessage("user", "2+2?"),
        ChatMessage("assistant", "4", thinking="Easy."),
        ChatMessage("user", "And 3+3?"),
    ]
    options = ChatOptions(temperature=0.0, num_predict=64, seed=0, keep_alive="10m")
    stream(handler, messages=messages, options=options, think=False)
    stream(handler)
    full, bare = seen
    assert full["path"] == "/api/chat" and full["model"] == "m:1" and full["stream"] is True
    assert full["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "2+2?"},
        {"role": "assistant", "content": "4", "thinking": "Easy."},
        {"role": "user", "content": "And 3+3?"},
    ]
    # zero is a real value (greedy sampling, seed 0), not "unset"
    assert full["options"] == {"temperature": 0.0, "num_predict": 64, "seed": 0}
    assert full["keep_alive"] == "10m" and full["think"] is False
    assert "options" not in bare and "keep_alive" not in bare and "think" not in bare


def test_a_chat_needs_a_model_name() -> None:
    with pytest.raises(ValueError, match="model"):
        stream(lambda r: httpx.Response(200, content=ndjson(final())), model="")


# -- errors Ollama reports -------------------------------------------------------------------------
def test_an_error_line_mid_stream_keeps_the_chunks_before_it() -> None:
    text = "model runner has unexpectedly stopped, this may be due to resource limitations"
    body = ndjson(part(content="Once"), part(content=" upon"), {"error": text})
    chunks, error = stream(lambda r: httpx.Response(200, content=body))
    assert [c.content for c in chunks] == ["Once", " upon"]
    assert error is not None and error.kind is ErrorKind.SERVER_ERROR
    assert error.detail == text and error.status is None


@pytest.mark.parametrize(
    ("status", "text", "kind"),
    [
        # server/routes.go ChatHandler (GetModel fails) and handleScheduleError (os.ErrNotExist)
        (404, "model 'nope:1b' not found", ErrorKind.MODEL_NOT_FOUND),
        (404, 'model "nope:1b" not found, try pulling it first', ErrorKind.MODEL_NOT_FOUND),
        (404, "404 page not found", ErrorKind.NOT_FOUND),  # not Ollama, or an old one without /api/chat
        # server/sched.go ErrMaxQueue, sent as 503 by handleScheduleError
        (503, "server busy, please try again.  maximum pending requests exceeded", ErrorKind.BUSY),
        (429, "too many requests", ErrorKind.BUSY),
        (500, "model runner has unexpectedly stopped", ErrorKind.SERVER_ERROR),
        (400, '"m:1" does not support thinking', ErrorKind.SERVER_ERROR),
    ],
)
def test_error_statuses_before_the_first_chunk(status: int, text: str, kind: ErrorKind) -> None:
    chunks, error = stream(lambda r: httpx.Response(status, json={"error": text}), think=True)
    assert chunks == []
    assert error is not None and (error.kind, error.detail, error.status) == (kind, text, status)
    # the same status from a proxy, without Ollama's JSON: the raw text kept; a 404 names no model
    _, error = stream(lambda r: httpx.Response(status, text="<h1>Oops</h1>"))
    expected = ErrorKind.NOT_FOUND if kind is ErrorKind.MODEL_NOT_FOUND else kind
    assert error is not None and (error.kind, error.detail) == (expected, "<h1>Oops</h1>")


MIB = 1024 * 1024


@pytest.mark.parametrize(
    ("status", "text", "kind", "needed", "available"),
    [
        # v0.24 llm/server.go: its own check before loading, with both figures
        (
            500,
            "model requires more system memory (182.1 MiB) than is available (143.1 MiB)",
            ErrorKind.NOT_ENOUGH_MEMORY,
            round(182.1 * MIB),
            round(143.1 * MIB),
        ),
        (
            500,
            "model requires more system memory (7.5 GiB) than is available (3.8 GiB)",
            ErrorKind.NOT_ENOUGH_MEMORY,
            round(7.5 * 1024 * MIB),
            round(3.8 * 1024 * MIB),
        ),
        # the kernel killed the runner while it loaded (v0.34.4; v0.24), or llama.cpp could not allocate
        (500, "llama-server process has terminated: signal: killed", ErrorKind.NOT_ENOUGH_MEMORY, None, None),
        (
            500,
            "llama runner process has terminated with exit code -1",
            ErrorKind.NOT_ENOUGH_MEMORY,
            None,
            None,
        ),
        # v0.24 finding the killed runner gone a moment later (seen in CI under the 150 MB cgroup)
        (500, "llama runner process no longer running: -1 ", ErrorKind.NOT_ENOUGH_MEMORY, None, None),
        # ... and a runner that ended with an exit status of its own is not about memory
        (500, "llama runner process no longer running: 2 bad magic", ErrorKind.SERVER_ERROR, None, None),
        (
            500,
            "llama-server process has terminated: exit status 1: failed to allocate buffer",
            ErrorKind.NOT_ENOUGH_MEMORY,
            None,
            None,
        ),
        # a runner that ended some other way is not about memory
        (
            500,
            "llama-server process has terminated: exit status 2: bad magic",
            ErrorKind.SERVER_ERROR,
            None,
            None,
        ),
        # v0.34.4 with "shift": false; with "truncate": false (llama-server's own words); v0.24 truncate false
        (
            400,
            "the prompt is longer than the context length currently available to the model; shorten it",
            ErrorKind.CONTEXT_OVERFLOW,
            None,
            None,
        ),
        (
            400,
            '{"error":{"code":400,"message":"request (1209 tokens) exceeds the available context size '
            '(512 tokens), try increasing it","type":"exceed_context_size_error"}}',
            ErrorKind.CONTEXT_OVERFLOW,
            None,
            None,
        ),
        (400, "the input length exceeds the context length", ErrorKind.CONTEXT_OVERFLOW, None, None),
    ],
)
def test_limits_the_server_reports(
    status: int, text: str, kind: ErrorKind, needed: int | None, available: int | None
) -> None:
    _, error = stream(lambda r: httpx.Response(status, json={"error": text}))
    assert error is not None and (error.kind, error.status, error.detail) == (kind, status, text)
    assert (error.needed, error.available) == (needed, available)


def test_a_runner_that_dies_mid_answer_is_a_server_error_not_a_memory_verdict() -> None:
    body = ndjson(part(content="Hi"), {"error": "llama-server process has terminated: signal: killed"})
    chunks, error = stream(lambda r: httpx.Response(200, content=body))
    assert [c.content for c in chunks] == ["Hi"]
    assert error is not None and error.kind is ErrorKind.SERVER_ERROR


@pytest.mark.parametrize("body", [b"<html>not ndjson</html>\n", b'["a list"]\n', b'{"done": true}\n'])
def test_garbage_in_a_stream_is_a_bad_response(body: bytes) -> None:
    _, error = stream(lambda r: httpx.Response(200, content=body))
    assert error is not None and error.kind is ErrorKind.BAD_RESPONSE


# -- real sockets: a server that dies, resets, holds or is slow --------------------------------------
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"


def http_chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


Script = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


class RawServer:
    """An HTTP server on loopback whose every answer is a script writing raw bytes."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.client_gone = asyncio.Event()  # the client closed its side after the script ran
        self.tasks: list[asyncio.Task[None]] = []
        self.port = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self.tasks.append(task)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            length = re.search(rb"content-length: *(\d+)", head, re.IGNORECASE)
            await reader.readexactly(int(length.group(1)) if length else 0)
            await self.script(reader, writer)
            if await reader.read() == b"":  # returns at EOF: the client closed the connection
                self.client_gone.set()
        except (ConnectionError, asyncio.IncompleteReadError):
            self.client_gone.set()
        finally:
            writer.close()


@asynccontextmanager
async def raw_server(script: Script) -> AsyncIterator[RawServer]:
    raw = RawServer(script)
    server = await asyncio.start_server(raw.handle, "127.0.0.1", 0)
    raw.port = server.sockets[0].getsockname()[1]
    try:
        yield raw
    finally:
        server.close()
        for task in raw.tasks:
            task.cancel()
        await asyncio.gather(*raw.tasks, return_exceptions=True)
        await server.wait_closed()


def over_raw(script: Script, **backend_kwargs: Any) -> tuple[list[ChatChunk], BackendError | None]:
    chunks: list[ChatChunk] = []

    async def go() -> BackendError | None:
        async with raw_server(script) as raw:
            backend = OllamaBackend(f"http://127.0.0.1:{raw.port}", **backend_kwargs)
            try:
                await collect(backend, chunks)
            except BackendError as exc:
                return exc
            finally:
                await backend.aclose()
        return None

    return chunks, asyncio.run(go())


async def two_chunks(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Two chunks, then silence: a model still working on the next token (unless the caller goes on)."""
    writer.write(
        HEAD + http_chunk(ndjson(part(content="Partial"))) + http_chunk(ndjson(part(content=" answer")))
    )
    await writer.drain()


def test_a_server_killed_mid_stream_is_interrupted_and_the_chunks_before_it_arrive() -> None:
    async def die(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await two_chunks(_reader, writer)
        writer.close()  # no terminating chunk: what the kernel does for a killed process

    chunks, error = over_raw(die)
    assert [c.content for c in chunks] == ["Partial", " answer"]
    assert error is not None and error.kind is ErrorKind.INTERRUPTED
    assert "incomplete chunked read" in error.detail


def test_a_connection_reset_mid_stream_is_interrupted() -> None:
    async def reset(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await two_chunks(_reader, writer)
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()  # RST instead of FIN

    chunks, error = over_raw(reset)
    assert [c.content for c in chunks] == ["Partial", " answer"]
    assert error is not None and error.kind is ErrorKind.INTERRUPTED


def test_a_server_dying_before_the_first_chunk_is_interrupted_too() -> None:
    # While loading the model Ollama has sent nothing yet, not even the headers.
    async def die(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.close()

    chunks, error = over_raw(die)
    assert chunks == []
    assert error is not None and error.kind is ErrorKind.INTERRUPTED
    assert "without sending a response" in error.detail


def test_something_that_does_not_speak_http_is_a_bad_response() -> None:
    async def babble(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"SSH-2.0-OpenSSH_9.2\r\n\r\n")
        await writer.drain()
        writer.close()

    _, error = over_raw(babble)
    assert error is not None and error.kind is ErrorKind.BAD_RESPONSE


def test_streams_wait_longer_for_the_first_chunk_than_control_calls_do() -> None:
    # minutes, not seconds: a Pi can take that long to load a model and read a long prompt
    assert STREAM_TIMEOUT.read is not None and STREAM_TIMEOUT.read >= 120
    assert STREAM_TIMEOUT.connect == CONTROL_TIMEOUT.connect

    async def slow_load(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(1.0)  # the model loading: longer than this test's control read timeout
        writer.write(HEAD + http_chunk(ndjson(part(content="late"), final())) + http_chunk(b""))
        await writer.drain()

    control = httpx.Timeout(0.3)
    chunks, error = over_raw(slow_load, timeout=control, stream_timeout=httpx.Timeout(0.3, read=10.0))
    assert error is None and [c.content for c in chunks] == ["late", ""] and chunks[-1].done
    # the same server with the control timeout on the stream too would have given up
    chunks, error = over_raw(slow_load, timeout=control, stream_timeout=control)
    assert chunks == [] and error is not None and error.kind is ErrorKind.TIMEOUT


# -- stopping an answer ------------------------------------------------------------------------------
def without_asyncgen_hooks() -> None:
    """Behave like the app's loop: qasync installs no async-generator hooks (sys.get_asyncgen_hooks()
    is empty under the `loop` fixture), so nothing would close an abandoned inner generator for us; the
    adapter has to close the HTTP stream itself. (asyncio.run restores its hooks when it ends.)"""
    sys.set_asyncgen_hooks(firstiter=None, finalizer=None)


def test_aclose_after_two_chunks_closes_the_connection_at_once() -> None:
    async def go() -> tuple[list[str], float]:
        without_asyncgen_hooks()
        async with raw_server(two_chunks) as raw:
            backend = OllamaBackend(f"http://127.0.0.1:{raw.port}")
            try:
                answer = backend.chat("m:1", HI)
                got = [(await anext(answer)).content, (await anext(answer)).content]
                start = asyncio.get_running_loop().time()
                await answer.aclose()
                await asyncio.wait_for(raw.client_gone.wait(), 5)
                return got, asyncio.get_running_loop().time() - start
            finally:
                await backend.aclose()

    got, took = asyncio.run(go())
    assert got == ["Partial", " answer"]
    assert took < 2.0


def test_cancelling_the_reading_task_closes_the_connection_at_once() -> None:
    async def go() -> list[str]:
        without_asyncgen_hooks()
        async with raw_server(two_chunks) as raw:
            backend = OllamaBackend(f"http://127.0.0.1:{raw.port}")
            got: list[str] = []
            two = asyncio.Event()

            async def read() -> None:
                async for chunk in backend.chat("m:1", HI):
                    got.append(chunk.content)
                    if len(got) == 2:
                        two.set()

            task = asyncio.create_task(read())
            try:
                await asyncio.wait_for(two.wait(), 5)
                task.cancel()  # the task now waits for a third chunk that never comes
                with pytest.raises(asyncio.CancelledError):
                    await task
                await asyncio.wait_for(raw.client_gone.wait(), 5)
                # the backend stays usable: the next answer gets a connection of its own
                again = backend.chat("m:1", HI)
                assert (await anext(again)).content == "Partial"
                await again.aclose()
            finally:
                await backend.aclose()
            return got

    assert asyncio.run(go()) == ["Partial", " answer"]
