"""A model's own settings against the real Ollama: a model made with `ollama create` from a Modelfile
with PARAMETER lines, asked through the whole app behind a recording proxy. What the person never
changed is not in the request, so the Modelfile's values apply: its temperature 0 makes every answer
to the same question the same, and its num_predict ends each answer at that many tokens. The chat's
settings show those values as the model's own."""

from __future__ import annotations

import json
import subprocess
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.chat_types import GenerationStats
from piassist.core.ollama.model_defaults import modelfile_parameters
from piassist.ui.window.menus import PAGE_CHAT
from scripts import harness
from scripts.stream_proxy import StreamProxy
from tests.helpers.waiting import wait_until

STEADY = "piassist-steady:latest"
LIMIT = 20  # the Modelfile's num_predict: every answer ends there
QUESTION = "Describe the sea in a long paragraph."


def create_model(server: harness.OllamaServer, folder: Path) -> None:
    modelfile = folder / "Modelfile"
    modelfile.write_text(
        f"FROM {harness.DEMO_MODEL}\nPARAMETER temperature 0\nPARAMETER num_predict {LIMIT}\n",
        encoding="utf-8",
    )
    subprocess.run(
        [str(server.binary), "create", STEADY, "-f", str(modelfile)],
        env=server.client_env(),
        check=True,
        capture_output=True,
        timeout=120,
    )


def shown_parameters(server: harness.OllamaServer, model: str) -> str:
    request = urllib.request.Request(
        f"{server.url}/api/show", data=json.dumps({"model": model}).encode(), method="POST"
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return str(json.loads(answer.read()).get("parameters", ""))


def ask(app: PiAssist, model: str, run: Callable[..., Any]) -> list[tuple[str, GenerationStats]]:
    """The same question in two new chats; each answer with the server's figures."""
    page = app.window.chat_page
    answers: list[tuple[str, GenerationStats]] = []
    for _ in range(2):
        page.new_chat()
        page.model_box.setCurrentIndex(page.model_box.findData(model))
        assert page.current_model() == model
        page.send(QUESTION)
        run(
            wait_until(lambda: len(app.chat.messages) == 2 and not app.chat.generating, timeout=120),
            timeout=130,
        )
        stored = app.chat.messages[-1]
        stats = GenerationStats.from_dict(stored.stats or {})
        assert stats is not None, stored
        answers.append((stored.content, stats))
    return answers


def test_untouched_options_are_not_sent_and_the_modelfiles_apply(
    own_ollama: harness.OllamaServer,
    real_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    create_model(own_ollama, tmp_path)
    parameters = modelfile_parameters(shown_parameters(own_ollama, STEADY))
    assert (float(parameters["temperature"]), int(parameters["num_predict"])) == (0.0, LIMIT)
    assert "temperature" not in modelfile_parameters(shown_parameters(own_ollama, harness.DEMO_MODEL))

    with StreamProxy(own_ollama.host) as proxy:
        app = real_app(proxy.host)
        app.settings.set_current_model(STEADY)
        app.window.show_page(PAGE_CHAT)
        app.window.show()
        app.start()
        page = app.window.chat_page
        run(wait_until(lambda: page.model_box.findData(STEADY) >= 0, timeout=30))

        # The chat's settings start from the Modelfile's values, none of them chosen.
        dialog = page.open_chat_settings()
        form = dialog.options
        run(wait_until(lambda: form.answer_length.value() == LIMIT, timeout=30))
        assert form.temperature.value() == 0.0 and form.options() == {}
        dialog.reject()

        steady = ask(app, STEADY, run)
        chats = proxy.chats()
        assert len(chats) == 2
        for exchange in chats:
            body = exchange.body
            assert body["model"] == STEADY
            assert not body.get("options"), body.get("options")  # nothing chosen: nothing sent
            assert "keep_alive" not in body
        # The Modelfile's temperature 0 applies: the same question gets the same answer, token for token;
        # its num_predict applies: each answer stops at LIMIT tokens.
        assert len({text for text, _ in steady}) == 1 and steady[0][0]
        assert all(stats.eval_count == LIMIT for _, stats in steady)

        # The same through the model it was made from, whose Modelfile sets neither: Ollama's own
        # temperature (0.8) samples, so two answers differ, and none is cut at LIMIT.
        app.settings.set_chat_defaults({"num_predict": 2 * LIMIT})  # chosen: sent, and only it
        sampled = ask(app, harness.DEMO_MODEL, run)
        assert proxy.chats()[-1].body["options"] == {"num_predict": 2 * LIMIT}
        assert len({text for text, _ in sampled}) > 1
        assert any(stats.eval_count > LIMIT for _, stats in sampled)
