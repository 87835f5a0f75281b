"""A recording HTTP proxy in front of Ollama, for tests and benchmarks: what each request asked for, and
when each piece of each answer passed, on both sides.

    with StreamProxy("127.0.0.1:11434") as proxy:   # listens on proxy.host, a free loopback port
        ...point a client at proxy.host...
        proxy.requests                              # [Exchange]: method, path, body (parsed JSON)

Each Exchange holds the monotonic times (CLOCK_MONOTONIC: the same clock as time.monotonic() in any
process on this machine) at which the request went upstream and each piece of the answer came from the
server (`pieces`: time, bytes, whether it held the final NDJSON object) and was handed to the client.

`replay`: answers to /api/chat are not asked of the server but written by the proxy, from NDJSON lines
recorded before, one line every 1/rate seconds (a steady "model" that costs nothing, so a client's own
cost can be measured on a busy machine).

Plain asyncio on a thread of its own: HTTP/1.1 without pipelining (what httpx sends), bodies with a
Content-Length. Bytes are forwarded as they come, never buffered to the end.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

FINAL = b'"done":true'


@dataclass
class Piece:
    at: float  # when it came from the server (monotonic seconds)
    size: int
    final: bool  # holds the answer's last object ("done":true)
    forwarded: float = 0.0  # when it was written to the client (drained into the kernel)


@dataclass
class Exchange:
    method: str
    path: str
    body: Any  # the JSON body, or None
    sent: float  # when the request went upstream (or, replayed, when it arrived)
    pieces: list[Piece] = field(default_factory=list)

    @property
    def final_at(self) -> float | None:
        """When the piece holding the final object came from the server."""
        return next((p.at for p in self.pieces if p.final), None)

    @property
    def final_forwarded(self) -> float | None:
        return next((p.forwarded for p in self.pieces if p.final), None)


class StreamProxy:
    def __init__(self, upstream: str, *, replay: Sequence[bytes] | None = None, rate: float = 50.0) -> None:
        host, _, port = upstream.removeprefix("http://").partition(":")
        self._upstream = (host, int(port or 11434))
        self._replay = list(replay) if replay is not None else None
        self._rate = rate
        self.requests: list[Exchange] = []
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.host}"

    def chats(self) -> list[Exchange]:
        return [r for r in list(self.requests) if r.path == "/api/chat"]

    def start(self) -> StreamProxy:
        self._thread = threading.Thread(target=self._run, name="stream-proxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the proxy did not start")
        return self

    def stop(self) -> None:
        loop = self._loop
        if loop is not None and self._thread is not None:
            loop.call_soon_threadsafe(loop.stop)
            self._thread.join(10)
        self._loop = None

    def __enter__(self) -> StreamProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- the proxy's own thread -----------------------------------------------------------------------
    def _run(self) -> None:
        loop = self._loop = asyncio.new_event_loop()
        self._server = loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            self._server.close()
            for task in asyncio.all_tasks(loop):
                task.cancel()
            with contextlib.suppress(Exception):
                loop.run_until_complete(asyncio.gather(*asyncio.all_tasks(loop), return_exceptions=True))
            loop.close()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        current: list[Exchange] = []  # the exchange the server is answering now
        pump: asyncio.Task[None] | None = None
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = _content_length(head)
                body = await reader.readexactly(length) if length else b""
                method, path = _request_line(head)
                exchange = Exchange(method, path, _json(body), time.monotonic())
                self.requests.append(exchange)
                if self._replay is not None and path == "/api/chat":
                    await self._play(writer, exchange)
                    continue
                if upstream is None:
                    upstream = await asyncio.open_connection(*self._upstream)
                    pump = asyncio.ensure_future(self._pump(upstream[0], writer, current))
                current[:] = [exchange]
                exchange.sent = time.monotonic()
                upstream[1].write(head + body)
                await upstream[1].drain()
        except (
            asyncio.IncompleteReadError,
            ConnectionError,
            asyncio.LimitOverrunError,
            asyncio.CancelledError,
        ):
            pass  # the client went away, or the proxy stops
        finally:
            if pump is not None:
                pump.cancel()
            for w in (writer, upstream[1] if upstream else None):
                if w is not None:
                    with contextlib.suppress(Exception):
                        w.close()

    async def _pump(
        self, upstream: asyncio.StreamReader, writer: asyncio.StreamWriter, current: list[Exchange]
    ) -> None:
        with contextlib.suppress(ConnectionError, asyncio.CancelledError):
            while data := await upstream.read(65536):
                piece = Piece(time.monotonic(), len(data), FINAL in data.replace(b" ", b""))
                if current:
                    current[0].pieces.append(piece)
                writer.write(data)
                await writer.drain()
                piece.forwarded = time.monotonic()
        with contextlib.suppress(Exception):
            writer.close()

    async def _play(self, writer: asyncio.StreamWriter, exchange: Exchange) -> None:
        assert self._replay is not None
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        step, start = 1.0 / self._rate, time.monotonic()
        for index, line in enumerate(self._replay):
            wait = start + index * step - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            data = line.rstrip(b"\n") + b"\n"
            piece = Piece(time.monotonic(), len(data), FINAL in data.replace(b" ", b""))
            exchange.pieces.append(piece)
            writer.write(b"%x\r\n%s\r\n" % (len(data), data))
            await writer.drain()
            piece.forwarded = time.monotonic()
        writer.write(b"0\r\n\r\n")
        await writer.drain()


def _request_line(head: bytes) -> tuple[str, str]:
    first = head.split(b"\r\n", 1)[0].decode("latin-1").split()
    return (first[0], first[1].split("?", 1)[0]) if len(first) >= 2 else ("", "")


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip() or 0)
    return 0


def _json(body: bytes) -> Any:
    if not body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None
