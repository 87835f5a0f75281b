"""The adapter against scripted HTTP answers (httpx.MockTransport) and real misbehaving sockets."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import httpx
import pytest

from piassist.core.errors import BackendError, ErrorKind
from piassist.core.ollama_backend import OllamaBackend

Handler = Callable[[httpx.Request], httpx.Response]


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
            return await coro_factory(b)  # type: ignore[misc]
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


@pytest.fixture
def unused_tcp_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
