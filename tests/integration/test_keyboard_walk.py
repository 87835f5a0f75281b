"""The keyboard walk against the real Ollama: the real smollm2 answer streams and Esc stops it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from piassist.app import PiAssist
from scripts import harness
from tests.helpers.keyboard_walk import walk
from tests.i18n.tour import OFFSCREEN_LIMITS

pytestmark = OFFSCREEN_LIMITS
STREAMED_CHARS = 40  # enough of the answer to be sure it streams, far from its end


def test_the_whole_walk_by_keys_alone_with_the_real_model(
    ollama: harness.OllamaServer, real_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    app = real_app(ollama.host)
    lengths: list[int] = []

    def streamed(steps: Any) -> bool:
        text = steps.answer_text()
        lengths.append(len(text))
        return len(text) >= STREAMED_CHARS

    steps = walk(
        app,
        run,
        models=2,
        model=harness.DEMO_MODEL,
        question="Write a long story about a robot who learns to paint, in ten chapters.",
        streamed=streamed,
        stream_timeout=60,
    )
    assert steps.stopped is not None and steps.stopped.model == harness.DEMO_MODEL
    assert len(steps.stopped.content) >= STREAMED_CHARS // 2  # what streamed before Esc, kept as stopped
    assert app.chat.messages == []  # then Ctrl+N: a new chat
    assert len(set(lengths)) >= 3  # the answer grew in the transcript step by step: it streamed
    assert steps.closed and app.settings.language == "uk"
