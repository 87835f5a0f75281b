"""The kiosk's "Ready offline" sign tells the truth about cloud models (Ollama's /api/status and the
models list's remote models), and visitors are offered only models that run on this computer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from piassist.app import PiAssist
from piassist.core.admin_pin import PinThrottle, hash_pin
from piassist.core.models import LoadedModel
from piassist.services.kiosk import PIN_KEY
from piassist.services.secret_store import SERVICE, SecretStore
from tests.helpers.fakes import FakeKeyring, FakeServer
from tests.helpers.waiting import wait_until

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing the keyboard)")
LOCAL, CLOUD = "smollm2:135m", "gpt-oss:120b-cloud"


@pytest.fixture
def kiosk_app(
    make_app: Callable[..., PiAssist], server: FakeServer, tmp_path: Path, run: Callable[..., Any]
) -> Iterator[PiAssist]:
    ring = FakeKeyring()
    ring.secrets[(SERVICE, PIN_KEY)] = hash_pin("2468", n=16)
    # A cloud model as v0.30+ lists it (a remote host); the local one is in memory.
    server.models = [*server.models, replace(server.models[0], name=CLOUD, size=384, remote=True)]
    server.loaded = [LoadedModel(LOCAL, 191_000_000, 0)]
    (tmp_path / "settings.ini").write_text(f"[kiosk]\nmodel={LOCAL}\n")
    app = make_app(
        kiosk=True,
        secrets=SecretStore(tmp_path / "secrets.json", backend=ring),
        pin_throttle=PinThrottle(tmp_path / "attempts.json"),
    )
    app.start()
    library = app.library
    run(wait_until(lambda: app.window.isVisible() and library.listed and library.cloud_enabled is not None))
    yield app
    assert app.kiosk_mode is not None
    app.kiosk_mode.leave()


def test_with_cloud_models_off_a_loaded_local_model_is_ready_offline(
    kiosk_app: PiAssist, run: Callable[..., Any]
) -> None:
    kiosk = kiosk_app.kiosk
    assert kiosk is not None and kiosk_app.library.cloud_enabled is False
    run(wait_until(lambda: kiosk.offline_ready))
    page = kiosk_app.window.chat_page
    # a visitor is never offered a cloud model, even where the picker shows
    assert [page.model_box.itemData(i) for i in range(page.model_box.count())] == ["gemma3:270m", LOCAL]


def test_cloud_models_on_means_not_offline(
    kiosk_app: PiAssist, server: FakeServer, run: Callable[..., Any]
) -> None:
    kiosk = kiosk_app.kiosk
    assert kiosk is not None
    run(wait_until(lambda: kiosk.offline_ready))
    server.cloud = True  # the server's owner turns cloud models on; PiAssist reconnects
    server.go_down()
    run(wait_until(lambda: not kiosk.offline_ready))
    server.come_back()
    run(wait_until(lambda: kiosk_app.library.cloud_enabled is True and kiosk_app.library.listed))
    run(wait_until(lambda: any(m.name == LOCAL and m.loaded for m in kiosk_app.library.models)))
    assert not kiosk.offline_ready
    mode = kiosk_app.kiosk_mode
    assert mode is not None and not mode.bar.offline.isVisibleTo(kiosk_app.window)


def test_an_ollama_from_before_cloud_models_has_none_to_turn_off(
    kiosk_app: PiAssist, server: FakeServer, run: Callable[..., Any]
) -> None:
    kiosk = kiosk_app.kiosk
    assert kiosk is not None
    server.cloud = None  # no /api/status
    server.go_down()
    run(wait_until(lambda: not kiosk.offline_ready))
    server.come_back()
    run(wait_until(lambda: kiosk.offline_ready))
    assert kiosk_app.library.cloud_enabled is False


def test_a_cloud_model_fixed_for_visitors_is_never_ready_offline(
    kiosk_app: PiAssist, server: FakeServer, run: Callable[..., Any]
) -> None:
    kiosk = kiosk_app.kiosk
    assert kiosk is not None
    run(wait_until(lambda: kiosk.offline_ready))
    server.loaded = [*server.loaded, LoadedModel(CLOUD, 0, 0)]
    kiosk.apply(enabled=True, fixed_model=CLOUD, keep_history=False, idle_minutes=5, large_text=False)
    kiosk_app.library.refresh()
    run(wait_until(lambda: not kiosk.offline_ready))
    run(wait_until(lambda: any(m.name == CLOUD and m.loaded for m in kiosk_app.library.models)))
    assert not kiosk.offline_ready
