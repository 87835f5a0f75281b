"""The adapter against scripted HTTP answers (httpx.MockTransport) and real misbehaving sockets: control
calls, show and unload, the domain types, and the fake the service tests use. Streaming chat is in
test_chat_stream.py."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import httpx
import pytest

from piassist.core.chat_types import ChatChunk, ChatMessage, ChatOptions, GenerationStats
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.models import LoadedModel
from piassist.core.ollama.client import OllamaBackend
from tests.helpers.fakes import FakeServer, answer

Handler = Callable[[httpx.Request], httpx.Response]
HI = [ChatMessage("user", "Hi")]
SHORT_OPTIONS = ChatOptions(num_predict=64, seed=1, temperature=0.0)


def backend(handler: Handler) -> OllamaBackend:
    return OllamaBackend("http://127.0.0.1:11434", transport=httpx.MockTransport(handler))


def tags(n: int) -> dict[str, object]:
    return {
        "models": [
            {
                "model": f"model-{i:03d}:latest",
                "name": f"model-{i:03d}:latest",
                "size": 1000 + i,
                "digest": f"{i:064x}",
                "modified_at": "2026-11-20T10:00:00.5+02:00",
                "details": {"family": "llama", "parameter_size": "1B", "quantization_level": "Q4_0"},
            }
            for i in range(n)
        ]
    }


def call(coro_factory: Callable[[OllamaBackend], object], handler: Handler) -> object:
    async def go() -> object:
        b = backend(handler)
        try:
            return await coro_factory(b)
        finally:
            await b.aclose()

    return asyncio.run(go())


def error_kind(coro_factory: Callable[[OllamaBackend], object], handler: Handler) -> ErrorKind:
    with pytest.raises(BackendError) as info:
        call(coro_factory, handler)
    return info.value.kind


def test_version() -> None:
    assert call(lambda b: b.version(), lambda r: httpx.Response(200, json={"version": "0.24.0"})) == "0.24.0"


def test_lists_500_models_with_their_details() -> None:
    models = call(lambda b: b.installed_models(), lambda r: httpx.Response(200, json=tags(500)))
    assert isinstance(models, list) and len(models) == 500
    first = models[0]
    assert (first.name, first.size, first.family, first.parameters, first.quantization) == (
        "model-000:latest",
        1000,
        "llama",
        "1B",
        "Q4_0",
    )
    assert first.modified is not None and first.modified.utcoffset() is not None


def test_newer_servers_list_capabilities_context_length_and_cloud_models() -> None:
    """v0.30+ rows carry capabilities and details.context_length; a cloud model has a remote host.
    Older rows (v0.24) say neither: None, so that the caller asks /api/show."""
    body = tags(3)
    rows = body["models"]
    assert isinstance(rows, list)
    rows[0]["capabilities"] = ["completion", "thinking"]
    rows[0]["details"]["context_length"] = 8192
    rows[1]["remote_host"] = "https://ollama.com:443"
    rows[1]["remote_model"] = "gpt-oss:120b"
    rows[1]["capabilities"] = ["completion", 7]
    rows[1]["details"]["context_length"] = "long"
    models = call(lambda b: b.installed_models(), lambda r: httpx.Response(200, json=body))
    assert isinstance(models, list)
    assert [(m.capabilities, m.context_length, m.remote) for m in models] == [
        (("completion", "thinking"), 8192, False),
        (("completion",), None, True),
        (None, None, False),
    ]


def test_loaded_models_read_memory_and_ignore_year_one_expiry() -> None:
    body = {
        "models": [
            {
                "model": "smollm2:135m",
                "size": 191_000_000,
                "size_vram": 0,
                "expires_at": "0001-01-01T00:00:00Z",
                "context_length": 4096,
            }
        ]
    }
    loaded = call(lambda b: b.loaded_models(), lambda r: httpx.Response(200, json=body))
    assert isinstance(loaded, list)
    assert loaded[0].size == 191_000_000 and loaded[0].expires_at is None and loaded[0].context_length == 4096


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        (httpx.Response(200, text="<html>hello</html>"), ErrorKind.BAD_RESPONSE),
        (httpx.Response(200, json={"version": 12}), ErrorKind.BAD_RESPONSE),
        (httpx.Response(200, json=["not", "a", "dict"]), ErrorKind.BAD_RESPONSE),
        (httpx.Response(500, json={"error": "boom"}), ErrorKind.SERVER_ERROR),
        (httpx.Response(404, text="404 page not found"), ErrorKind.NOT_FOUND),
        (httpx.Response(503, text="Service Unavailable"), ErrorKind.BUSY),  # e.g. a proxy in front
        (httpx.Response(200, content=b"\xff\xfe\x00garbage"), ErrorKind.BAD_RESPONSE),
    ],
)
def test_bad_version_answers(response: httpx.Response, kind: ErrorKind) -> None:
    assert error_kind(lambda b: b.version(), lambda r: response) is kind


@pytest.mark.parametrize(
    "body",
    [
        b"not json at all",
        json.dumps({"models": 5}).encode(),
        json.dumps({"models": [{"size": "big"}]}).encode(),
    ],
)
def test_garbage_model_lists(body: bytes) -> None:
    assert error_kind(lambda b: b.installed_models(), lambda r: httpx.Response(200, content=body)) is (
        ErrorKind.BAD_RESPONSE
    )


def test_server_error_keeps_the_raw_text() -> None:
    with pytest.raises(BackendError) as info:
        call(lambda b: b.installed_models(), lambda r: httpx.Response(500, json={"error": "disk on fire"}))
    assert info.value.kind is ErrorKind.SERVER_ERROR
    assert info.value.status == 500 and "disk on fire" in info.value.detail


def test_refused_when_nothing_listens(unused_tcp_port: int) -> None:
    async def go() -> None:
        b = OllamaBackend(f"http://127.0.0.1:{unused_tcp_port}")
        try:
            await b.version()
        finally:
            await b.aclose()

    with pytest.raises(BackendError) as info:
        asyncio.run(go())
    assert info.value.kind is ErrorKind.REFUSED


def test_timeout_when_the_server_accepts_and_never_answers() -> None:
    async def go() -> float:
        accepted: list[asyncio.StreamWriter] = []

        async def hold(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            accepted.append(writer)  # keep the connection open, say nothing

        server = await asyncio.start_server(hold, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        b = OllamaBackend(f"http://127.0.0.1:{port}", timeout=httpx.Timeout(0.5))
        start = asyncio.get_running_loop().time()
        try:
            with pytest.raises(BackendError) as info:
                await b.version()
            assert info.value.kind is ErrorKind.TIMEOUT
            return asyncio.get_running_loop().time() - start
        finally:
            await b.aclose()
            for w in accepted:
                w.close()
            server.close()
            await server.wait_closed()

    assert asyncio.run(go()) < 3.0


def test_a_chat_is_refused_when_nothing_listens(unused_tcp_port: int) -> None:
    async def go() -> None:
        backend = OllamaBackend(f"http://127.0.0.1:{unused_tcp_port}")
        try:
            await anext(backend.chat("m:1", HI))
        finally:
            await backend.aclose()

    with pytest.raises(BackendError) as info:
        asyncio.run(go())
    assert info.value.kind is ErrorKind.REFUSED


# -- show and unload -------------------------------------------------------------------------------
SHOW = {
    "license": "Apache License 2.0",
    "parameters": 'stop                           "<|im_end|>"',
    "template": "{{ .Prompt }}",
    "details": {"family": "qwen3", "parameter_size": "596.05M", "quantization_level": "Q4_K_M"},
    "model_info": {"general.architecture": "qwen3", "qwen3.context_length": 40960, "general.x": 1},
    "capabilities": ["completion", "tools", "thinking"],
}


def test_show_reads_capabilities_context_and_details() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=SHOW)

    details = call(lambda b: b.show("qwen3:0.6b"), handler)
    assert (seen[0].url.path, json.loads(seen[0].content)) == ("/api/show", {"model": "qwen3:0.6b"})
    assert details.name == "qwen3:0.6b"
    assert details.capabilities == ("completion", "tools", "thinking") and details.can_think
    assert not details.can_see
    assert details.context_length == 40960
    assert (details.family, details.parameter_size, details.quantization) == ("qwen3", "596.05M", "Q4_K_M")
    assert details.license == "Apache License 2.0" and "im_end" in details.parameters
    assert details.template == "{{ .Prompt }}"


def test_show_from_an_older_server_without_model_info_or_capabilities() -> None:
    details = call(lambda b: b.show("old:1b"), lambda r: httpx.Response(200, json={"template": "t"}))
    assert details.capabilities == () and details.context_length is None and not details.can_think
    assert (details.template, details.family) == ("t", "")


def test_show_reads_the_thinking_values_a_newer_server_names() -> None:
    """v0.34's /api/show says which `think` values a model takes (gpt-oss: three levels, no off); a
    request's level goes as the name itself."""
    body = {**SHOW, "thinking": {"values": ["low", "medium", "high"], "default": "medium"}}
    details = call(lambda b: b.show("gpt-oss:20b"), lambda r: httpx.Response(200, json=body))
    assert (details.think_values, details.think_default) == (("low", "medium", "high"), "medium")
    assert call(lambda b: b.show("q"), lambda r: httpx.Response(200, json=SHOW)).think_values == ()
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200,
            text=json.dumps(
                {"model": "gpt-oss:20b", "message": {"role": "assistant", "content": ""}, "done": True}
            )
            + "\n",
        )

    async def chat(backend: OllamaBackend) -> None:
        async for _chunk in backend.chat("gpt-oss:20b", [ChatMessage("user", "hi")], think="low"):
            pass

    call(chat, handler)
    assert json.loads(seen[0].content)["think"] == "low"


@pytest.mark.parametrize(
    ("response", "kind"),
    [
        (httpx.Response(404, json={"error": "model 'x' not found"}), ErrorKind.MODEL_NOT_FOUND),
        (httpx.Response(200, json=["not", "an", "object"]), ErrorKind.BAD_RESPONSE),
        (httpx.Response(200, text="<html>"), ErrorKind.BAD_RESPONSE),
    ],
)
def test_show_failures(response: httpx.Response, kind: ErrorKind) -> None:
    with pytest.raises(BackendError) as info:
        call(lambda b: b.show("x"), lambda r: response)
    assert info.value.kind is kind


def test_unload_is_a_generate_request_with_keep_alive_zero_and_no_prompt() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200, json={"model": "m:1", "response": "", "done": True, "done_reason": "unload"}
        )

    call(lambda b: b.unload("m:1"), handler)
    body = json.loads(seen[0].content)
    assert seen[0].url.path == "/api/generate"
    assert body["model"] == "m:1" and body["keep_alive"] == 0 and not body.get("prompt")


def test_unloading_a_missing_model() -> None:
    with pytest.raises(BackendError) as info:
        call(lambda b: b.unload("x"), lambda r: httpx.Response(404, json={"error": "model 'x' not found"}))
    assert info.value.kind is ErrorKind.MODEL_NOT_FOUND and info.value.status == 404


# -- the domain types ------------------------------------------------------------------------------
def test_options_send_only_what_is_set() -> None:
    assert ChatOptions().to_options() == {}
    assert ChatOptions(keep_alive="5m").to_options() == {}  # a request field, not a model option
    assert ChatOptions(temperature=0.0, seed=0).to_options() == {"temperature": 0.0, "seed": 0}
    assert ChatOptions(temperature=0.7, num_ctx=4096, num_predict=256, seed=42).to_options() == {
        "temperature": 0.7,
        "num_ctx": 4096,
        "num_predict": 256,
        "seed": 42,
    }


def test_stats_survive_a_json_round_trip_and_read_older_or_broken_records() -> None:
    stats = GenerationStats(64, 1_600_000_000, 16, 320_000_000, 600_000_000, 2_500_000_000, "length")
    assert GenerationStats.from_dict(json.loads(json.dumps(stats.to_dict()))) == stats
    assert stats.to_dict()["eval_duration_ns"] == 1_600_000_000
    older = GenerationStats.from_dict({"eval_count": 10, "eval_duration_ns": 500_000_000, "future": 1})
    assert older.eval_rate == pytest.approx(20.0) and older.done_reason == "" and older.prompt_rate is None
    broken = GenerationStats.from_dict({"eval_count": "many", "eval_duration_ns": -5, "done_reason": 3})
    assert broken == GenerationStats()
    assert broken.eval_rate is None


def test_context_length_comes_from_the_architecture_key() -> None:
    from piassist.core.chat_types import context_length_from

    assert context_length_from({"general.architecture": "llama", "llama.context_length": 8192}) == 8192
    assert context_length_from({"gemma3.context_length": 32768}) == 32768  # no architecture key
    assert context_length_from({"general.architecture": "llama"}) is None
    assert context_length_from({"general.architecture": "x", "x.context_length": "big"}) is None
    assert context_length_from({}) is None


# -- the fake the service tests will use keeps the same contract -------------------------------------
def test_the_fake_streams_its_script_fails_where_told_and_counts_stops() -> None:
    async def go() -> None:
        server = FakeServer()
        backend = await server.factory("http://fake")
        server.chat_script = answer(["a", "b", "c"], thinking=["hmm"])
        chunks = [c async for c in backend.chat("smollm2:135m", HI, SHORT_OPTIONS, think=True)]
        assert [(c.thinking, c.content) for c in chunks[:-1]] == [
            ("hmm", ""),
            ("", "a"),
            ("", "b"),
            ("", "c"),
        ]
        assert chunks[-1].done and chunks[-1].stats is not None and chunks[-1].stats.eval_rate == 20.0
        assert server.chat_requests[-1].options == SHORT_OPTIONS and server.chat_requests[-1].think is True

        server.chat_error, server.chat_error_after = BackendError(ErrorKind.INTERRUPTED, "cut"), 2
        kept: list[ChatChunk] = []
        with pytest.raises(BackendError) as info:
            async for chunk in backend.chat("smollm2:135m", HI):
                kept.append(chunk)
        assert info.value.kind is ErrorKind.INTERRUPTED and [c.thinking for c in kept] == ["hmm", ""]

        server.chat_error, server.hold_after = None, 1
        held = backend.chat("smollm2:135m", HI)
        assert (await anext(held)).thinking == "hmm"
        waiting = asyncio.ensure_future(anext(held))
        for _ in range(10):
            await asyncio.sleep(0)
        assert not waiting.done()  # held until release_chat()
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        assert (server.chats_finished, server.chats_stopped) == (1, 1)

        with pytest.raises(BackendError) as info:
            await anext(backend.chat("nope:1b", HI))
        assert info.value.kind is ErrorKind.MODEL_NOT_FOUND

    asyncio.run(go())


def test_the_fake_shows_and_unloads() -> None:
    async def go() -> None:
        server = FakeServer()
        backend = await server.factory("http://fake")
        assert (await backend.show("gemma3:270m")).context_length == 32768
        server.loaded = [LoadedModel("gemma3:270m", 1, 0)]
        await backend.unload("gemma3:270m")
        assert server.loaded == [] and server.calls == ["show", "unload"]
        for call in (backend.show("nope:1b"), backend.unload("nope:1b")):
            with pytest.raises(BackendError) as info:
                await call
            assert info.value.kind is ErrorKind.MODEL_NOT_FOUND
        server.go_down()
        with pytest.raises(BackendError) as info:
            await anext(backend.chat("gemma3:270m", HI))
        assert info.value.kind is ErrorKind.REFUSED

    asyncio.run(go())


@pytest.fixture
def unused_tcp_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
