"""Reading an answer in batches (core/ollama/pacing.py) over a real loopback socket: a steady stream of
200 pieces a second, written by scripts/stream_proxy.py's replay, read by the real OllamaBackend. Paced,
the connection is read about ten times a second whatever the rate; unpaced (the interval 0, as before)
about once per piece. Every piece arrives, in order, and the final one is in the app's hands within one
interval of leaving the server."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from piassist.core.chat_types import ChatChunk, ChatMessage
from piassist.core.ollama.client import OllamaBackend
from piassist.core.ollama.pacing import READ_INTERVAL
from scripts.stream_proxy import StreamProxy

PIECES, RATE = 200, 200.0  # a second of a fast model


def lines() -> list[bytes]:
    def piece(text: str, *, done: bool = False) -> bytes:
        body: dict[str, object] = {
            "model": "m",
            "created_at": "2026-01-01T00:00:00Z",
            "message": {"role": "assistant", "content": text},
            "done": done,
        }
        if done:
            body |= {"done_reason": "stop", "eval_count": PIECES, "eval_duration": 10**9}
        return json.dumps(body).encode()

    return [piece(f"w{i} ") for i in range(PIECES)] + [piece("", done=True)]


def stream(interval: float) -> tuple[list[ChatChunk], float, int, StreamProxy]:
    """The chunks, when the final one reached the caller (monotonic), the network reads; and the proxy."""

    async def go(proxy: StreamProxy) -> tuple[list[ChatChunk], float, int]:
        backend = OllamaBackend(proxy.url, read_interval=interval)
        chunks: list[ChatChunk] = []
        final_at = 0.0
        try:
            async for chunk in backend.chat("m", [ChatMessage("user", "Hi")]):
                chunks.append(chunk)
                if chunk.done:
                    final_at = time.monotonic()
        finally:
            await backend.aclose()
        return chunks, final_at, backend.paced.reads if backend.paced else -1

    with StreamProxy("127.0.0.1:9", replay=lines(), rate=RATE) as proxy:
        chunks, final_at, reads = asyncio.run(go(proxy))
    return chunks, final_at, reads, proxy


@pytest.mark.parametrize("interval", [READ_INTERVAL, 0.0])
def test_every_piece_arrives_in_order_and_the_last_at_once(interval: float) -> None:
    chunks, final_at, _reads, proxy = stream(interval)
    assert "".join(c.content for c in chunks) == "".join(f"w{i} " for i in range(PIECES))
    assert chunks[-1].done and chunks[-1].stats is not None and chunks[-1].stats.eval_count == PIECES
    (exchange,) = proxy.chats()
    final_forwarded = exchange.final_forwarded
    assert final_forwarded is not None
    assert final_at - final_forwarded <= READ_INTERVAL + 0.1  # one interval, and a busy machine's slack


def test_paced_reads_take_many_pieces_at_once() -> None:
    _chunks, _at, paced_reads, _proxy = stream(READ_INTERVAL)
    seconds = PIECES / RATE
    assert 2 <= paced_reads <= seconds / READ_INTERVAL + 6  # about ten a second, plus the headers'
    _chunks, _at, unpaced_reads, _proxy = stream(1e-6)  # counted, but no wait between reads
    assert unpaced_reads >= PIECES / 4  # about one per piece: each one woke the loop
    assert paced_reads * 5 < unpaced_reads
