"""Managing installed models against the real Ollama: delete, details from /api/show, unload now."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import httpx

from piassist.app import PiAssist
from piassist.core.models import ModelInfo
from piassist.ui.models.page import ModelsPage
from piassist.ui.models.table import NAME_ROLE, Column
from piassist.ui.window.menus import PAGE_MODELS
from scripts import harness
from tests.helpers.waiting import wait_until


def ps(server: harness.OllamaServer) -> list[dict[str, Any]]:
    models: list[dict[str, Any]] = httpx.get(f"{server.url}/api/ps", timeout=10).json()["models"]
    return models


def tags(server: harness.OllamaServer) -> list[str]:
    return [m["name"] for m in httpx.get(f"{server.url}/api/tags", timeout=10).json()["models"]]


def load(server: harness.OllamaServer, keep_alive: str | int) -> None:
    """Load the demo model as a chat would, kept in memory for `keep_alive`."""
    body = {
        "model": harness.DEMO_MODEL,
        "prompt": "Hi",
        "stream": False,
        "keep_alive": keep_alive,
        "options": {"num_predict": 2},
    }
    httpx.post(f"{server.url}/api/generate", json=body, timeout=120).raise_for_status()
    assert [m["name"] for m in ps(server)] == [harness.DEMO_MODEL]


def models_page(app: PiAssist, run: Callable[..., Any], loaded: bool = False) -> ModelsPage:
    app.window.show_page(PAGE_MODELS)
    app.window.show()
    app.start()
    page = app.window.models_page

    def listed() -> bool:
        models = app.library.models
        return len(models) == len(harness.MODELS) and (not loaded or any(m.loaded for m in models))

    run(wait_until(listed, timeout=15), timeout=20)
    return page


def select(page: ModelsPage, name: str) -> int:
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 0).data(NAME_ROLE) == name:
            page.table.selectRow(row)
            return row
    raise AssertionError(f"{name} is not listed")


def demo(app: PiAssist) -> ModelInfo:
    return next(m for m in app.library.models if m.name == harness.DEMO_MODEL)


def test_deleting_a_model_kept_loaded_removes_it_and_frees_its_memory(
    own_ollama: harness.OllamaServer, real_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    # keep_alive -1: Ollama reports an expiry about 292 years ahead (math.MaxInt64 ns), and its delete
    # alone would leave the model in memory for good (and then refuse to unload a name it no longer has).
    load(own_ollama, -1)
    assert datetime.fromisoformat(ps(own_ollama)[0]["expires_at"]).year > datetime.now(UTC).year + 200
    app = real_app(own_ollama.host)
    app.library.set_current_model(harness.DEMO_MODEL)
    page = models_page(app, run, loaded=True)
    row = select(page, harness.DEMO_MODEL)
    assert page.proxy.index(row, Column.UNLOADS).data() == "stays loaded"
    size = demo(app).size
    box = page.confirm_delete()
    assert box is not None
    assert box.text() == f"Delete {harness.DEMO_MODEL}? This frees {size / 1e6:.1f} MB on the disk."
    delete = next(b for b in box.buttons() if b.objectName() == "confirmDeleteButton")
    delete.click()

    run(
        wait_until(lambda: [m.name for m in app.library.models] == [harness.SECOND_MODEL], timeout=15),
        timeout=20,
    )
    assert tags(own_ollama) == [harness.SECOND_MODEL]
    assert page.proxy.rowCount() == 1 and not page.error_label.isVisible()
    assert app.library.current_model == harness.SECOND_MODEL  # the chat model fell back
    run(wait_until(lambda: ps(own_ollama) == [], timeout=15), timeout=20)


def test_details_show_the_real_models_context_length_and_capabilities(
    ollama: harness.OllamaServer, real_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    app = real_app(ollama.host)
    page = models_page(app, run)
    select(page, harness.DEMO_MODEL)
    dialog = page.open_details()
    assert dialog is not None and dialog.isVisible()
    run(wait_until(lambda: dialog.details is not None, timeout=15), timeout=20)
    shown = httpx.post(f"{ollama.url}/api/show", json={"model": harness.DEMO_MODEL}, timeout=10).json()
    assert shown["model_info"]["llama.context_length"] == 8192 and shown["capabilities"] == ["completion"]
    values = {key: label.text() for key, label in dialog.values.items()}
    assert values["context"].startswith("8,192 token")
    assert values["capabilities"] == "completion"
    assert (values["family"], values["quantization"]) == ("llama", "Q4_1")
    # The server's "134.52M", in the interface's number format (English here: 4 significant digits).
    assert shown["details"]["parameter_size"] == "134.52M" and values["parameters"] == "134.5M"
    assert '"<|im_end|>"' in dialog.parameters_text.toPlainText()
    assert dialog.template_text.toPlainText() == shown["template"] != ""
    assert dialog.license_text.toPlainText() == ""  # this GGUF brings no license text
    assert not dialog.status.isVisible()
    dialog.reject()


def test_unload_now_empties_the_servers_loaded_list(
    own_ollama: harness.OllamaServer, real_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    load(own_ollama, "10m")
    app = real_app(own_ollama.host)
    page = models_page(app, run, loaded=True)
    select(page, harness.SECOND_MODEL)
    assert not page.unload_button.isEnabled()  # gemma3 is not in memory
    row = select(page, harness.DEMO_MODEL)
    assert str(page.proxy.index(row, Column.UNLOADS).data()).startswith("in 10 minute")
    assert str(page.proxy.index(row, Column.MEMORY).data()).endswith("MB")
    assert page.unload_button.isEnabled()
    page.unload_button.click()
    run(wait_until(lambda: ps(own_ollama) == [], timeout=15), timeout=20)
    run(wait_until(lambda: page.proxy.index(row, Column.MEMORY).data() == "no"))
    assert demo(app).loaded is None and page.proxy.index(row, Column.UNLOADS).data() == ""
    run(wait_until(lambda: app.library.pending(harness.DEMO_MODEL) is None))
    assert not page.unload_button.isEnabled()
