"""Pull and delete in the adapter over scripted HTTP answers (httpx.MockTransport): the events, Ollama
v0.24.0's exact error texts mapped to kinds, a stalled download, a pull that joined a cancelled one, and
the fake backend the service tests use."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from piassist.core.errors import BackendError, ErrorKind
from piassist.core.get_models.pull_progress import PullEvent
from piassist.core.ollama.client import PULL_REJOINS, OllamaBackend
from tests.helpers.clocks import Clock
from tests.helpers.fakes import FakeServer, pull_script

Handler = Callable[[httpx.Request], httpx.Response]
DIGEST = "sha256:b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
NAME = "127.0.0.1:5000/library/demo:latest"


def ndjson(*lines: dict[str, Any]) -> bytes:
    return b"".join(json.dumps(line).encode() + b"\n" for line in lines)


def layer(completed: int, total: int = 98_362_432) -> dict[str, Any]:
    line: dict[str, Any] = {"status": "pulling b179c9523d0e", "digest": DIGEST, "total": total}
    if completed:
        line["completed"] = completed  # Ollama leaves it out while it is 0 (omitempty)
    return line


SUCCESS = (
    {"status": "pulling manifest"},
    layer(0),
    layer(98_362_432),
    {"status": "verifying sha256 digest"},
    {"status": "writing manifest"},
    {"status": "success"},
)


def pull(
    handler: Handler, name: str = NAME, insecure: bool = True, **kwargs: Any
) -> tuple[list[PullEvent], BackendError | None]:
    events: list[PullEvent] = []

    async def go() -> BackendError | None:
        backend = OllamaBackend("http://127.0.0.1:11434", transport=httpx.MockTransport(handler), **kwargs)
        try:
            async for event in backend.pull(name, insecure=insecure):
                events.append(event)
        except BackendError as exc:
            return exc
        finally:
            await backend.aclose()
        return None

    return events, asyncio.run(go())


def test_pull_streams_every_event_and_sends_insecure() -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, content=ndjson(*SUCCESS))

    events, error = pull(handler)
    assert error is None
    assert [e.status for e in events] == [line["status"] for line in SUCCESS]
    assert events[1] == PullEvent("pulling b179c9523d0e", DIGEST, 98_362_432, 0)
    assert events[2].completed == 98_362_432
    assert requests[0].url.path == "/api/pull"
    assert json.loads(requests[0].content) == {"model": NAME, "stream": True, "insecure": True}
    events, _ = pull(handler, name="smollm2:135m", insecure=False)
    assert json.loads(requests[1].content) == {"model": "smollm2:135m", "stream": True}


# The texts Ollama v0.24.0 sends, from its source (server/images.go, server/download.go, server/routes.go).
@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("pull model manifest: file does not exist", ErrorKind.UNKNOWN_MODEL),
        (
            'pull model manifest: Get "http://127.0.0.1:5000/v2/library/demo/manifests/latest": dial tcp '
            "127.0.0.1:5000: connect: connection refused",
            ErrorKind.REGISTRY_UNREACHABLE,
        ),
        (
            'pull model manifest: Get "https://registry.ollama.ai/v2/library/x/manifests/latest": dial tcp: '
            "lookup registry.ollama.ai on 10.0.0.1:53: no such host",
            ErrorKind.REGISTRY_UNREACHABLE,
        ),
        (
            'pull model manifest: Get "https://127.0.0.1:5000/v2/library/demo/manifests/latest": http: '
            "server gave HTTP response to HTTPS client",
            ErrorKind.REGISTRY_UNREACHABLE,
        ),
        ("pull model manifest: 502: <html>Bad Gateway</html>", ErrorKind.REGISTRY_UNREACHABLE),
        (
            'max retries exceeded: Get "http://localhost:39593/direct/sha256:b179": dial tcp '
            "127.0.0.1:39593: connect: connection refused",
            ErrorKind.REGISTRY_UNREACHABLE,
        ),
        ("context deadline exceeded", ErrorKind.REGISTRY_UNREACHABLE),
        (
            "write /usr/share/ollama/.ollama/models/blobs/sha256-b179-partial: no space left on device",
            ErrorKind.DISK_FULL,
        ),
        ("insecure protocol http", ErrorKind.INVALID_NAME),
        (
            "digest mismatch, file must be downloaded again: want sha256:1, got sha256:2",
            ErrorKind.SERVER_ERROR,
        ),
    ],
)
def test_error_lines_mid_pull_are_mapped(line: str, kind: ErrorKind) -> None:
    events, error = pull(
        lambda r: httpx.Response(200, content=ndjson({"status": "pulling manifest"}, {"error": line}))
    )
    assert [e.status for e in events] == ["pulling manifest"]
    assert error is not None and error.kind is kind and error.detail == line


def test_an_invalid_name_is_refused_before_the_stream() -> None:
    _, error = pull(lambda r: httpx.Response(400, json={"error": "invalid model name"}), name="a b")
    assert error is not None and (error.kind, error.status) == (ErrorKind.INVALID_NAME, 400)


def test_ollama_going_away_mid_pull_is_interrupted() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadError("peer closed connection without sending complete message body")

    _, error = pull(handler)
    assert error is not None and error.kind is ErrorKind.INTERRUPTED


def test_bad_status_lines_are_a_bad_response() -> None:
    _, error = pull(lambda r: httpx.Response(200, content=ndjson({"status": "x", "total": "many"})))
    assert error is not None and error.kind is ErrorKind.BAD_RESPONSE


def test_a_download_that_gets_no_bytes_for_too_long_ends_with_registry_unreachable() -> None:
    stuck = [layer(20_000_000)] * 10  # Ollama keeps ticking with the same figures
    events, error = pull(
        lambda r: httpx.Response(200, content=ndjson({"status": "pulling manifest"}, *stuck)),
        pull_stall_timeout=3.5,
        clock=Clock(tick=1.0),  # each reading one second after the last
    )
    assert error is not None and error.kind is ErrorKind.REGISTRY_UNREACHABLE
    assert "no data" in error.detail
    assert len(events) == 1 + 4  # the manifest, then the stuck layer until 3.5 s had passed


def test_slow_but_moving_download_is_not_a_stall() -> None:
    moving = [layer(1_000_000 * i) for i in range(1, 20)]
    events, error = pull(
        lambda r: httpx.Response(200, content=ndjson(*moving, {"status": "success"})),
        pull_stall_timeout=1.5,
        clock=Clock(tick=1.0),  # each reading one second after the last
    )
    assert error is None and events[-1].status == "success"


@pytest.mark.parametrize(
    "cancelled",
    ["context canceled", f'Get "http://localhost:42733/direct/{DIGEST}": context canceled'],
)
def test_a_pull_that_joined_a_cancelled_download_is_sent_again(cancelled: str) -> None:
    answers = [
        ndjson({"status": "pulling manifest"}, layer(20_000_000), {"error": cancelled}),
        ndjson(*SUCCESS),
    ]
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, content=answers[len(requests) - 1])

    events, error = pull(handler)
    assert error is None and len(requests) == 2
    assert [e.status for e in events][:3] == ["pulling manifest", "pulling b179c9523d0e", "pulling manifest"]
    assert events[-1].status == "success"


def test_rejoining_is_bounded() -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(200, content=ndjson({"error": "context canceled"}))

    _, error = pull(handler)
    assert error is not None and error.kind is ErrorKind.INTERRUPTED
    assert len(requests) == PULL_REJOINS + 1


def test_stopping_a_pull_closes_its_stream() -> None:
    """aclose() mid-pull: no more events, and the response is closed (Ollama then cancels the download)."""
    closed: list[bool] = []

    class Body(httpx.AsyncByteStream):
        async def __aiter__(self):  # type: ignore[no-untyped-def]
            yield ndjson({"status": "pulling manifest"})
            for i in range(1, 1000):
                yield ndjson(layer(i * 1000))

        async def aclose(self) -> None:
            closed.append(True)

    async def go() -> list[PullEvent]:
        backend = OllamaBackend(
            "http://127.0.0.1:11434",
            transport=httpx.MockTransport(lambda r: httpx.Response(200, stream=Body())),
        )
        got: list[PullEvent] = []
        events = backend.pull(NAME, insecure=True)
        async for event in events:
            got.append(event)
            if len(got) == 3:
                break
        await events.aclose()
        await backend.aclose()
        return got

    got = asyncio.run(go())
    assert len(got) == 3 and closed == [True]


def test_delete() -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        if json.loads(request.content)["model"] == "gone:latest":
            return httpx.Response(404, json={"error": "model 'gone:latest' not found"})
        return httpx.Response(200)

    async def go() -> BackendError | None:
        backend = OllamaBackend("http://127.0.0.1:11434", transport=httpx.MockTransport(handler))
        try:
            await backend.delete("smollm2:135m")
            await backend.delete("gone:latest")
        except BackendError as exc:
            return exc
        finally:
            await backend.aclose()
        return None

    error = asyncio.run(go())
    assert (requests[0].method, requests[0].url.path) == ("DELETE", "/api/delete")
    assert json.loads(requests[0].content) == {"model": "smollm2:135m"}
    assert error is not None and error.kind is ErrorKind.MODEL_NOT_FOUND


# -- the fake the service tests use ------------------------------------------------------------------------
def test_fake_pull_installs_the_model_and_can_fail_or_be_stopped() -> None:
    server = FakeServer()

    async def go() -> None:
        backend = await server.factory("http://fake")
        events = [e async for e in backend.pull("qwen2.5:0.5b")]
        assert events == server.pull_script and server.installed("qwen2.5:0.5b")
        assert server.pull_requests == [("qwen2.5:0.5b", False)] and server.pulls_finished == 1

        server.pull_error = BackendError(ErrorKind.REGISTRY_UNREACHABLE, "max retries exceeded")
        server.pull_error_after = 3
        got: list[PullEvent] = []
        with pytest.raises(BackendError) as info:
            async for event in backend.pull("tinyllama", insecure=True):
                got.append(event)
        assert info.value.kind is ErrorKind.REGISTRY_UNREACHABLE and len(got) == 3
        assert not server.installed("tinyllama")

        server.pull_error = None
        server.pull_hold_after = 2
        stream = backend.pull("tinyllama")
        assert [await anext(stream), await anext(stream)] == server.pull_script[:2]
        await stream.aclose()
        assert server.pulls_stopped == 1 and not server.installed("tinyllama")

        await backend.delete("qwen2.5:0.5b")
        assert not server.installed("qwen2.5:0.5b") and server.deleted == ["qwen2.5:0.5b"]
        with pytest.raises(BackendError) as info:
            await backend.delete("qwen2.5:0.5b")
        assert info.value.kind is ErrorKind.MODEL_NOT_FOUND

    asyncio.run(go())


def test_fake_pull_script_resumes_from_bytes_already_there() -> None:
    script = pull_script(sizes=(1000, 10), steps=4, already=600)
    first_layer = [e.completed for e in script if e.digest.endswith("0" * 64)]
    assert first_layer == [700, 800, 900, 1000]
