"""The adapter between Ollama's official AsyncClient and our domain types.

Only the modules of core/ollama/ (this one, wire.py, client_errors.py, pacing.py and registry_manifest.py)
import `ollama` or `httpx`. This one is imported lazily, after the window has painted: the client library
pulls in httpx and pydantic, which would slow the first paint a lot.

Answers stream on a client of their own whose connection is read in batches (pacing.py). What the server
sends is read into PiAssist's types by wire.py, which also describes it.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import AsyncGenerator, Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

import httpx
import ollama

from piassist.core.chat_types import ChatChunk, ChatMessage, ChatOptions, ModelDetails
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.get_models.pull_progress import PullEvent
from piassist.core.models import LoadedModel, ModelInfo
from piassist.core.ollama import wire
from piassist.core.ollama.client_errors import is_cancelled_download, mapped_errors
from piassist.core.ollama.pacing import READ_INTERVAL, PacedBackend, paced_transport

if TYPE_CHECKING:
    from piassist.core.ollama.backend import Backend

# Short control calls (version, lists, show, unload) should answer at once; a server that takes longer
# is in trouble.
CONTROL_TIMEOUT = httpx.Timeout(connect=3.0, read=5.0, write=5.0, pool=3.0)
# Answers stream on a client of their own. Nothing arrives before the first token: on a Pi, loading a
# model from an SD card and reading a long prompt can each take a minute or more, so the read timeout
# (the longest silence between two pieces) is generous. A dead server on the local machine still shows
# at once (refused, or the connection breaks); the timeout only ends a connection that went silent,
# e.g. Wi-Fi to a remote Pi dropped. Connecting stays short: nothing is loading yet then. A separate
# client, because the ollama package has no per-request timeout on chat().
STREAM_TIMEOUT = httpx.Timeout(connect=3.0, read=300.0, write=30.0, pool=3.0)
# A pull whose bytes stop coming (the registry or the network went away) is ended after this many seconds
# with REGISTRY_UNREACHABLE. Ollama itself would retry a failed part six times with sleeps of 1, 2, … 32 s
# (about a minute) before it says "max retries exceeded", and restarts a part that got nothing for 30 s;
# this is longer than the latter and ends the wait a little sooner than the former. What was downloaded
# stays on the server's disk, and the same pull resumes from there.
PULL_STALL_TIMEOUT = 45.0
# A pull sent right after another pull of the same model was stopped can join that one's download while it
# is still winding down in the server (its part may sleep up to 32 s between retries), and then fails with
# "context canceled" (server/download.go: downloads are shared by digest until they end). That download
# has ended by then, so sending the pull again works; this many times at most.
PULL_REJOINS = 3


class OllamaBackend:
    """Backend over `ollama.AsyncClient` for one host."""

    def __init__(
        self,
        host_url: str,
        *,
        timeout: httpx.Timeout = CONTROL_TIMEOUT,
        stream_timeout: httpx.Timeout = STREAM_TIMEOUT,
        pull_stall_timeout: float = PULL_STALL_TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
        read_interval: float = READ_INTERVAL,
        **client_kwargs: Any,
    ) -> None:
        self._host_url = host_url
        self._pull_stall_timeout = pull_stall_timeout
        self._clock = clock
        self._client = ollama.AsyncClient(host=host_url, timeout=timeout, **client_kwargs)
        self._stream_timeout = stream_timeout
        self._client_kwargs = client_kwargs
        self._stream_client: ollama.AsyncClient | None = None  # made at the first chat: most runs never do
        self._read_interval = read_interval
        self.paced: PacedBackend | None = None  # the stream client's paced reads, once it is made

    @property
    def host_url(self) -> str:
        return self._host_url

    async def version(self) -> str:
        with mapped_errors():
            response = await self._client._request_raw("GET", "/api/version")  # type: ignore[no-untyped-call]
            version = response.json().get("version")
        if not isinstance(version, str) or not version:
            raise BackendError(ErrorKind.BAD_RESPONSE, "no version in the answer to /api/version")
        return version

    async def installed_models(self) -> list[ModelInfo]:
        """/api/tags, read as JSON and checked with the package's ListResponse: the package (0.6) drops
        what newer servers add to each row (capabilities, context length, a cloud model's remote host)."""
        with mapped_errors():
            response = await self._client._request_raw("GET", "/api/tags")  # type: ignore[no-untyped-call]
            data = response.json()
            listing = ollama.ListResponse(**data)
            rows = data["models"]
        return [wire.model_info(m, row) for m, row in zip(listing.models, rows, strict=True) if m.model]

    async def loaded_models(self) -> list[LoadedModel]:
        with mapped_errors():
            listing = await self._client.ps()
        return [
            LoadedModel(
                name=m.model or m.name or "",
                size=int(m.size or 0),
                size_vram=int(m.size_vram or 0),
                expires_at=wire.aware(m.expires_at),
                context_length=m.context_length,
            )
            for m in listing.models
            if m.model or m.name
        ]

    async def cloud_enabled(self) -> bool | None:
        """/api/status {"cloud": {"disabled": …}} (Ollama has it since cloud models came); None when the
        server answers 404: it predates them."""
        try:
            with mapped_errors():
                response = await self._client._request_raw("GET", "/api/status")  # type: ignore[no-untyped-call]
                data = response.json()
        except BackendError as exc:
            if exc.kind is ErrorKind.NOT_FOUND:
                return None
            raise
        cloud = data.get("cloud") if isinstance(data, dict) else None
        disabled = cloud.get("disabled") if isinstance(cloud, dict) else None
        if not isinstance(disabled, bool):
            raise BackendError(ErrorKind.BAD_RESPONSE, f"not a status: {str(data)[:80]}")
        return not disabled

    async def chat(
        self,
        model: str,
        messages: Sequence[ChatMessage],
        options: ChatOptions | None = None,
        think: bool | str | None = None,
    ) -> AsyncGenerator[ChatChunk, None]:
        """Stream an answer. The last chunk has done=True; any failure is a BackendError, INTERRUPTED when
        the connection broke mid-answer (the chunks before it were already delivered).

        Stopping: `aclose()` this generator or cancel the task iterating it. Either closes the HTTP
        response at once, and Ollama stops generating when it sees the client gone.
        """
        if not model:
            raise ValueError("chat() needs a model name")
        options = options or ChatOptions()
        body: dict[str, Any] = {
            "model": model,
            "messages": [m.to_request() for m in messages],
            "stream": True,
        }
        if model_options := options.to_options():
            body["options"] = model_options
        if options.keep_alive is not None:
            body["keep_alive"] = options.keep_alive
        if think is not None:
            body["think"] = think
        finished = False
        with mapped_errors(streaming=True):
            # aclosing: when our consumer stops, the HTTP stream is closed now, in order, rather than
            # left to the garbage collector (see _stream_lines).
            async with contextlib.aclosing(self._stream_lines("/api/chat", body)) as parts:
                async for part in parts:
                    chunk = wire.chunk(part)
                    finished = finished or chunk.done
                    if chunk.content or chunk.thinking or chunk.done:
                        yield chunk
        if not finished:
            # The response ended cleanly but without the final chunk: llm/server.go (Completion) ends an
            # answer that way when the model repeats one token over 30 times. The answer is over.
            yield ChatChunk(done=True)

    async def _stream_lines(self, path: str, body: dict[str, Any]) -> AsyncGenerator[dict[str, Any], None]:
        """POST and yield the NDJSON objects of the answer as they arrive; an {"error"} line raises.

        Not AsyncClient.chat(stream=True): when its consumer stops early, that generator leaves httpx's
        nested line/byte iterators to be finalized by the garbage collector while the connection is still
        open, and on qasync's loop (which installs no async-generator hooks) httpcore's iterator then
        awaits its own close during finalization: "async generator ignored GeneratorExit", and the
        connection is not closed in order. Here the response is closed first, then the line iterator,
        which then has nothing left to await. The package's own httpx client is used, so the address,
        headers and transport are the same as for every other call.
        """
        http: httpx.AsyncClient = self._streams()._client
        async with http.stream("POST", path, json=body) as response:
            if response.is_error:
                await response.aread()
                raise ollama.ResponseError(response.text, response.status_code)
            lines = cast(AsyncGenerator[str, None], response.aiter_lines())
            try:
                async for line in lines:
                    if not line.strip():
                        continue
                    part = json.loads(line)
                    if not isinstance(part, dict):
                        raise BackendError(
                            ErrorKind.BAD_RESPONSE, f"not an object in the stream: {line[:80]}"
                        )
                    if error := part.get("error"):
                        raise ollama.ResponseError(str(error))  # status -1: an error line mid-stream
                    yield part
            finally:
                await response.aclose()
                await lines.aclose()

    async def show(self, model: str) -> ModelDetails:
        """Details from /api/show. Read as plain JSON: the package's ShowResponse insists on model_info,
        which older servers leave out."""
        with mapped_errors():
            response = await self._client._request_raw(  # type: ignore[no-untyped-call]
                "POST", "/api/show", json={"model": model}
            )
            data = response.json()
        if not isinstance(data, dict):
            raise BackendError(ErrorKind.BAD_RESPONSE, "the answer to /api/show is not an object")
        return wire.model_details(model, data)

    async def unload(self, model: str) -> None:
        """Free the model's memory now: a generate request with keep_alive 0 and no prompt (docs/api.md,
        "Unload a model"). Ollama answers at once and unloads when no request uses the model any more."""
        with mapped_errors():
            await self._client.generate(model=model, keep_alive=0)

    async def pull(self, name: str, *, insecure: bool = False) -> AsyncGenerator[PullEvent, None]:
        """Pull a model from its registry (`insecure`: plain HTTP allowed, for a registry on a LAN or
        loopback), streaming every status event; the last one is "success". Failures are BackendErrors:
        INVALID_NAME, UNKNOWN_MODEL, REGISTRY_UNREACHABLE (also when no byte came for
        `pull_stall_timeout` seconds while downloading), DISK_FULL, and those of any stream (INTERRUPTED
        when the server went away, ...).

        Stopping: `aclose()` this generator or cancel the task iterating it. The HTTP response is closed at
        once; the server then cancels the download and keeps the partial files, so the same pull resumes.
        """
        if not name:
            raise ValueError("pull() needs a model name")
        body: dict[str, Any] = {"model": name, "stream": True}
        if insecure:
            body["insecure"] = True
        for attempt in range(PULL_REJOINS + 1):
            try:
                async with contextlib.aclosing(self._pull_events(body)) as events:
                    async for event in events:
                        yield event
                return
            except BackendError as exc:
                joined_a_cancelled_download = (
                    exc.kind is ErrorKind.INTERRUPTED and is_cancelled_download(exc.detail) and not exc.status
                )
                if not joined_a_cancelled_download or attempt == PULL_REJOINS:
                    raise

    async def _pull_events(self, body: dict[str, Any]) -> AsyncGenerator[PullEvent, None]:
        """One POST /api/pull, as events; ends the pull when the download has stalled for too long."""
        last: tuple[str, str, int] | None = None
        changed = self._clock()
        with mapped_errors(streaming=True, pulling=True):
            async with contextlib.aclosing(self._stream_lines("/api/pull", body)) as parts:
                async for part in parts:
                    event = wire.pull_event(part)
                    now = self._clock()
                    key = (event.status, event.digest, event.completed)
                    if key != last:
                        last, changed = key, now
                    elif event.digest and now - changed > self._pull_stall_timeout:
                        # Ollama still ticks every 60 ms, with the same figures: nothing arrives.
                        raise BackendError(
                            ErrorKind.REGISTRY_UNREACHABLE,
                            f"no data from the registry for {now - changed:.0f} s ({event.status})",
                        )
                    yield event

    async def delete(self, name: str) -> None:
        """Remove an installed model (its manifest, and the files no other model uses)."""
        with mapped_errors():
            await self._client.delete(name)

    async def aclose(self) -> None:
        for client in (self._client, self._stream_client):
            if client is not None:
                with contextlib.suppress(Exception):
                    await client.close()  # type: ignore[no-untyped-call]

    def _streams(self) -> ollama.AsyncClient:
        if self._stream_client is None:
            kwargs = dict(self._client_kwargs)
            if "transport" not in kwargs and self._read_interval > 0:
                kwargs["transport"], self.paced = paced_transport(self._read_interval)
            self._stream_client = ollama.AsyncClient(
                host=self._host_url, timeout=self._stream_timeout, **kwargs
            )
        return self._stream_client


if TYPE_CHECKING:

    def _is_a_backend(backend: OllamaBackend) -> Backend:
        return backend  # mypy checks here that the adapter keeps the Protocol services rely on
