"""What the server says about a chat and its models, read the same way on every pinned Ollama version:
the question's speed from the tokens really read (v0.30+ says how many came from the cache), a model's
capabilities from the models list where the server puts them there (v0.30+) and /api/show otherwise,
and whether cloud models are on (/api/status) and which listed models are cloud models."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.chat_types import GenerationStats
from piassist.core.ollama.client import OllamaBackend
from piassist.services.model_facts import ModelFacts
from piassist.ui.window.menus import PAGE_CHAT
from scripts import harness
from tests.helpers.waiting import answered, wait_until

QUESTIONS = ("Name one fruit.", "And one vegetable?", "And one colour?")


def newer_than_0_30(version: str) -> bool:
    return tuple(int(x) for x in version.split(".")[:2]) >= (0, 30)


def shown_question(text: str) -> tuple[int, float, int]:
    """(tokens read, speed, tokens from cache) as the line under an answer shows them (English)."""
    read = re.search(r"question: ([\d,]+) tokens? at ([\d,]+\.\d) tokens/s", text)
    cached = re.search(r"([\d,]+) from cache", text)
    tokens = int(read[1].replace(",", "")) if read else 0
    speed = float(read[2].replace(",", "")) if read else 0.0
    return tokens, speed, int(cached[1].replace(",", "")) if cached else 0


def test_three_turns_show_the_question_speed_of_the_tokens_really_read(
    ollama: harness.OllamaServer,
    real_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    qtbot: QtBot,
    record_property: pytest.RecordProperty,
) -> None:
    app = real_app(ollama.host)
    app.settings.set_current_model(harness.DEMO_MODEL)
    app.settings.set_num_predict(16)
    app.window.show_page(PAGE_CHAT)
    app.window.show()
    app.start()
    page = app.window.chat_page
    run(wait_until(lambda: page.model_box.count() == 2, timeout=20))
    finished: list[GenerationStats] = []
    app.chat.answer_finished.connect(lambda _id, _state, stats: finished.append(stats))
    rows = []
    for turn, question in enumerate(QUESTIONS, 1):
        page.composer.setPlainText(question)
        qtbot.keyClick(page.composer, Qt.Key.Key_Return)
        run(wait_until(answered(app.chat, finished, turn), timeout=120), timeout=130)
        stats = finished[-1]
        assert stats is not None and stats.prompt_eval_duration_ns > 0
        shown = page.transcript.message_text(page.transcript.message_ids()[-1])
        tokens, speed, from_cache = shown_question(shown)
        cached = stats.prompt_eval_cached_count or 0
        expected = (stats.prompt_eval_count - cached) / (stats.prompt_eval_duration_ns / 1e9)
        rows.append(
            f"turn {turn}: count {stats.prompt_eval_count} cached {stats.prompt_eval_cached_count} "
            f"duration {stats.prompt_eval_duration_ns / 1e6:.1f} ms -> shown {tokens} at {speed} tok/s, "
            f"{from_cache} from cache (formula {expected:.1f})"
        )
        # what is shown is (count - cached) / duration of the final chunk, and the cache named apart
        assert tokens == stats.prompt_eval_count - cached and from_cache == cached
        assert speed == pytest.approx(round(expected, 1), abs=0.051)
        gauge = re.search(r"Reading the question: ([\d,]+\.\d) tokens/s", page.gauge.phase_label.toolTip())
        assert gauge is not None and float(gauge[1].replace(",", "")) == speed  # the gauge agrees
    print(f"Ollama {ollama.version}:\n" + "\n".join(rows))
    record_property("turns", " | ".join(rows))
    if newer_than_0_30(ollama.version):
        # v0.30+ says what came from the cache: from the second turn on, the conversation so far
        assert all(s.prompt_eval_cached_count is not None for s in finished)
        assert all((s.prompt_eval_cached_count or 0) > 0 for s in finished[1:])
        assert finished[2].prompt_eval_count > finished[1].prompt_eval_count > finished[0].prompt_eval_count


def test_capabilities_come_from_the_models_list_where_the_server_lists_them(
    ollama: harness.OllamaServer, run: Callable[..., Any]
) -> None:
    async def go() -> tuple[list[Any], ModelFacts, list[Any]]:
        backend = OllamaBackend(ollama.url)
        try:
            listed = await backend.installed_models()
            facts = ModelFacts(lambda: listed)
            found = [await facts.details(backend, m.name) for m in listed for _ in range(2)]
            return listed, facts, found
        finally:
            await backend.aclose()

    listed, facts, found = run(go(), timeout=30)
    assert sorted(m.name for m in listed) == sorted([harness.DEMO_MODEL, harness.SECOND_MODEL])
    assert all(f is not None and "completion" in f.capabilities for f in found)
    if newer_than_0_30(ollama.version):
        assert all(m.capabilities is not None and m.context_length for m in listed)
        assert facts.show_requests == 0  # one request less per chat
    else:
        assert all(m.capabilities is None for m in listed)
        assert facts.show_requests == 2  # once per model, then kept


def test_cloud_status_and_a_cloud_model_in_the_list(
    own_ollama: harness.OllamaServer, run: Callable[..., Any], tmp_path: Any
) -> None:
    """A cloud model made the way Ollama makes one (a model with a remote host: nothing is downloaded)
    is listed as remote; /api/status says whether cloud models are on."""
    created = httpx.post(
        f"{own_ollama.url}/api/create",
        json={"model": "faraway:latest", "from": harness.DEMO_MODEL, "remote_host": "http://192.0.2.1:11434"},
        timeout=60,
    )
    assert created.status_code == 200, created.text
    cloud_on = harness.OllamaServer(
        own_ollama.binary, own_ollama.models, log_path=tmp_path / "cloud.log", env={"OLLAMA_NO_CLOUD": "0"}
    )

    async def read(server: harness.OllamaServer) -> tuple[bool | None, dict[str, bool]]:
        backend = OllamaBackend(server.url)
        try:
            return await backend.cloud_enabled(), {m.name: m.remote for m in await backend.installed_models()}
        finally:
            await backend.aclose()

    enabled, remote = run(read(own_ollama), timeout=30)
    assert enabled is False  # the harness runs Ollama with OLLAMA_NO_CLOUD=1
    assert remote == {"faraway:latest": True, harness.DEMO_MODEL: False, harness.SECOND_MODEL: False}
    own_ollama.stop()
    with cloud_on:
        enabled, _ = run(read(cloud_on), timeout=30)
    assert enabled is True
