"""The adapter against the real server: the installed and loaded models as Ollama reports them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ollama as ollama_client

from piassist.core.ollama.client import OllamaBackend
from scripts import harness


def test_version_is_the_pinned_one(ollama: harness.OllamaServer, run: Callable[..., Any]) -> None:
    async def go() -> str:
        backend = OllamaBackend(ollama.url)
        try:
            return await backend.version()
        finally:
            await backend.aclose()

    assert run(go()) == harness.VERSION


def test_lists_both_pypi_models_with_their_details(
    ollama: harness.OllamaServer, run: Callable[..., Any]
) -> None:
    async def go() -> list[Any]:
        backend = OllamaBackend(ollama.url)
        try:
            return await backend.installed_models()
        finally:
            await backend.aclose()

    models = {m.name: m for m in run(go())}
    assert set(models) == {harness.DEMO_MODEL, harness.SECOND_MODEL}
    demo, gemma = models[harness.DEMO_MODEL], models[harness.SECOND_MODEL]
    gguf = {s.name: harness.gguf_path(s).stat().st_size for s in harness.MODELS}
    # The model's size is its layers: the GGUF plus small template/params layers.
    assert gguf[harness.DEMO_MODEL] <= demo.size < gguf[harness.DEMO_MODEL] + 100_000
    assert gguf[harness.SECOND_MODEL] <= gemma.size < gguf[harness.SECOND_MODEL] + 100_000
    assert (demo.family, demo.quantization) == ("llama", "Q4_1")
    assert (gemma.family, gemma.quantization) == ("gemma3", "Q4_K_M")
    assert demo.parameters.endswith("M") and gemma.parameters.endswith("M")
    assert demo.modified is not None and demo.digest


def test_a_model_in_use_shows_its_memory(ollama: harness.OllamaServer, run: Callable[..., Any]) -> None:
    async def go() -> list[Any]:
        client = ollama_client.AsyncClient(host=ollama.url)
        try:
            reply = await client.chat(
                model=harness.DEMO_MODEL,
                messages=[{"role": "user", "content": "Say hi."}],
                options={"num_predict": 4, "seed": 1},
                keep_alive="2m",
            )
        finally:
            await client.close()
        assert reply.done and (reply.eval_count or 0) >= 1
        backend = OllamaBackend(ollama.url)
        try:
            return await backend.loaded_models()
        finally:
            await backend.aclose()

    loaded = {m.name: m for m in run(go(), timeout=120)}
    demo = loaded[harness.DEMO_MODEL]
    assert 100_000_000 < demo.size < 1_000_000_000  # ~190 MB for SmolLM2 with its context
    assert demo.expires_at is not None and demo.context_length and demo.context_length > 0
