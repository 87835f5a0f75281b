"""Reading an answer in batches: the stream's connection is read at most every READ_INTERVAL seconds.

Ollama writes each token of an answer as its own piece. Read as it comes, every piece wakes the app's event
loop, and under qasync each wake-up is several Qt timer events and Python calls: measured here, most of
what PiAssist cost a model (docs/decisions.md, "An answer is read in batches"). Between two reads the
pieces wait in the kernel's socket buffer, and the next read takes them all at once: one wake-up for
many tokens, however fast the model writes. A read that finds nothing waits for the next byte as usual,
so a piece that comes after a pause is read at once, and none waits longer than READ_INTERVAL.

This works because httpcore reads only when it needs bytes (its anyio streams pause the socket's
transport between reads), so what is not asked for is not read. The pace is set on the connection pool's
network backend, which httpx does not expose: where a future httpx has no such pool, the stream is read
unpaced, as before, and the log says so once.
"""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

log = logging.getLogger(__name__)

READ_INTERVAL = 0.1  # seconds: as often as the transcript draws (transcript_view.UPDATE_INTERVAL_MS)


class PacedStream(httpcore.AsyncNetworkStream):
    """A connection whose reads start at least `interval` seconds apart."""

    def __init__(self, inner: httpcore.AsyncNetworkStream, backend: PacedBackend) -> None:
        self._inner = inner
        self._backend = backend
        self._ready_at = 0.0  # monotonic time before which the next read does not start
        self.reads = 0

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        wait = self._ready_at - time.monotonic()
        if wait > 0:
            await self._backend.sleep(wait)
        data = await self._inner.read(max_bytes, timeout)
        self.reads += 1
        self._backend.reads += 1
        self._ready_at = time.monotonic() + self._backend.interval
        return data

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        inner = await self._inner.start_tls(ssl_context, server_hostname, timeout)
        return PacedStream(inner, self._backend)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class PacedBackend(httpcore.AsyncNetworkBackend):
    """Makes PacedStreams over the pool's own backend (anyio on asyncio)."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend, interval: float) -> None:
        self._inner = inner
        self.interval = interval
        self.reads = 0  # network reads over every connection (tests and benchmarks read it)

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        inner = await self._inner.connect_tcp(
            host, port, timeout=timeout, local_address=local_address, socket_options=socket_options
        )
        return PacedStream(inner, self)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        inner = await self._inner.connect_unix_socket(path, timeout=timeout, socket_options=socket_options)
        return PacedStream(inner, self)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def paced_transport(interval: float = READ_INTERVAL) -> tuple[httpx.AsyncHTTPTransport, PacedBackend | None]:
    """httpx's own transport (the same defaults an AsyncClient makes), its reads paced; the backend is
    None when this httpx keeps its connection pool elsewhere (then reads are not paced)."""
    transport = httpx.AsyncHTTPTransport()
    pool = getattr(transport, "_pool", None)
    inner = getattr(pool, "_network_backend", None)
    if not isinstance(inner, httpcore.AsyncNetworkBackend):
        log.warning("this httpx has no connection pool to pace: answers are read as they come")
        return transport, None
    paced = PacedBackend(inner, interval)
    pool._network_backend = paced  # type: ignore[union-attr]
    return transport, paced
