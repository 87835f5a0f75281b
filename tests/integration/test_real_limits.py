"""What each real Ollama answers at the limits, and what PiAssist makes of it: a model too big for the
memory (a real cgroup limit the test sets, and v0.24's own check against the memory it believes there
is), and a prompt longer than the model's context."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.chat_types import ChatMessage, ChatOptions
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.get_models.fit_check import MachineFigures, estimate_memory
from piassist.core.ollama.client import OllamaBackend
from piassist.core.ollama.client_errors import mapped_errors
from piassist.ui.common.error_texts import error_message
from piassist.ui.common.formatting import size
from piassist.ui.window.menus import PAGE_CHAT
from scripts import harness, memory_limits
from tests.helpers import real_server
from tests.helpers.waiting import wait_until

# Less than the demo model needs (191 MB loaded with v0.24, 199 MB projected by v0.34's llama-server),
# more than `ollama serve` itself takes.
LIMIT = 150_000_000
LONG = " ".join(["The quick brown fox jumps over the lazy dog."] * 120)  # about 1,200 tokens
SMALL_CONTEXT = 512


def newer_than_0_30(version: str) -> bool:
    return tuple(int(x) for x in version.split(".")[:2]) >= (0, 30)


def limited_server(name: str, launcher: list[str]) -> harness.OllamaServer:
    plain = real_server.new_server(name)
    return harness.OllamaServer(plain.binary, plain.models, log_path=plain.log_path, launcher=launcher)


def test_a_model_too_big_for_the_memory_says_so_in_the_same_words_on_every_version(
    real_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    qtbot: QtBot,
    record_property: Callable[[str, object], None],
) -> None:
    """The server runs in a cgroup allowing 150 MB: the kernel kills the runner while the model loads
    (v0.34.4: "llama-server process has terminated: signal: killed"; v0.24.0: "llama runner process has
    terminated with exit code -1"). PiAssist, told the machine has that much memory, shows what the
    model needs, what there is, and what to do."""
    with memory_limits.memory_cgroup(LIMIT) as launcher:
        server = limited_server("memory-cgroup", launcher).start()
        try:
            app = real_app(server.host)
            app.chat.model_facts.machine = lambda _dir: MachineFigures(LIMIT, LIMIT, 0, None)
            app.settings.set_current_model(harness.DEMO_MODEL)
            app.window.show_page(PAGE_CHAT)
            app.window.show()
            app.start()
            page = app.window.chat_page
            run(wait_until(lambda: page.model_box.count() == 2, timeout=20))
            failures: list[Any] = []
            app.chat.failed.connect(failures.append)
            page.composer.setPlainText("Hello?")
            qtbot.keyClick(page.composer, Qt.Key.Key_Return)
            run(wait_until(lambda: bool(failures), timeout=120), timeout=130)
            error = failures[0].error
            shown = page.notice.text.text()
        finally:
            server.kill()
    print(f"Ollama {server.version}: {error.detail!r} -> {shown!r}")
    record_property("answer", f"{error.detail} -> {shown}")
    assert error.kind is ErrorKind.NOT_ENOUGH_MEMORY, error
    size_on_disk = next(m.size for m in app.library.models if m.name == harness.DEMO_MODEL)
    assert (error.needed, error.available) == (estimate_memory(size_on_disk), LIMIT)
    assert error_message(error) in shown
    assert size(error.needed) in shown and size(LIMIT) in shown


def test_ollama_0_24_refuses_a_model_bigger_than_the_memory_it_sees_and_gives_the_figures(
    run: Callable[..., Any],
) -> None:
    """v0.24 checks a model against the memory it believes free before loading it and says both figures;
    v0.34.4 has no such check (its llama-server fits itself to the machine's real memory) and answers."""
    server = limited_server("memory-view", memory_limits.memory_view(LIMIT)).start()

    async def ask() -> BackendError | None:
        backend = OllamaBackend(server.url)
        try:
            async for _ in backend.chat(
                harness.DEMO_MODEL, [ChatMessage("user", "Hi")], ChatOptions(num_predict=2)
            ):
                pass
        except BackendError as exc:
            return exc
        finally:
            await backend.aclose()
        return None

    try:
        error = run(ask(), timeout=120)
    finally:
        server.kill()
    print(f"Ollama {server.version} believing in {LIMIT} bytes: {error!r}")
    if newer_than_0_30(server.version):
        assert error is None
        return
    assert error is not None and error.kind is ErrorKind.NOT_ENOUGH_MEMORY, error
    figures = re.findall(r"\(([\d.]+) MiB\)", error.detail)
    assert [round(float(f) * 1024 * 1024, -5) for f in figures] == [
        round(error.needed or 0, -5),
        round(error.available or 0, -5),
    ]
    assert abs((error.available or 0) - LIMIT) < 0.1 * 1024 * 1024 < LIMIT < (error.needed or 0)


def test_a_prompt_longer_than_the_context(ollama: harness.OllamaServer, run: Callable[..., Any]) -> None:
    """PiAssist's own request is answered on both versions: Ollama cuts the prompt to the context (it
    sends no "truncate" or "shift"). Where Ollama may not cut it (v0.34.4: a model that cannot shift
    its context, here asked for with "shift": false; every version: "truncate": false), the HTTP 400 it
    answers is a CONTEXT_OVERFLOW."""
    question = [ChatMessage("user", LONG)]
    options = ChatOptions(num_ctx=SMALL_CONTEXT, num_predict=4)

    async def go() -> tuple[Any, list[BackendError]]:
        backend = OllamaBackend(ollama.url)
        try:
            chunks = [c async for c in backend.chat(harness.DEMO_MODEL, question, options)]
            refusals = []
            extra = [{"truncate": False}] + ([{"shift": False}] if newer_than_0_30(ollama.version) else [])
            for fields in extra:
                body = {
                    "model": harness.DEMO_MODEL,
                    "messages": [m.to_request() for m in question],
                    "options": options.to_options(),
                    "stream": True,
                    **fields,
                }
                with pytest.raises(BackendError) as refused, mapped_errors(streaming=True):
                    async for _ in backend._stream_lines("/api/chat", body):  # the path chat() takes
                        pass
                refusals.append(refused.value)
            return chunks, refusals
        finally:
            await backend.aclose()

    chunks, refusals = run(go(), timeout=170)
    final = chunks[-1].stats
    assert final is not None and 0 < final.prompt_eval_count <= SMALL_CONTEXT  # cut to the context
    for refusal in refusals:
        print(f"Ollama {ollama.version}: {refusal.status} {refusal.detail!r}")
        assert refusal.kind is ErrorKind.CONTEXT_OVERFLOW and refusal.status == 400, refusal
    assert len(refusals) == (2 if newer_than_0_30(ollama.version) else 1)
