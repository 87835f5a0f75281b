"""SecretStore: keyring off the GUI thread, with a timeout, and the file fallback when there is no service."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from piassist.core.file_keyring import FileKeyring
from piassist.services.secret_store import SecretStore, SecretStoreError, host_token_key
from tests.helpers.fakes import FakeKeyring


def test_secrets_go_to_the_keyring_under_the_apps_name_off_the_gui_thread(
    tmp_path: Path, run: Callable[..., Any]
) -> None:
    ring = FakeKeyring()
    store = SecretStore(tmp_path / "secrets.json", backend=ring)
    key = host_token_key("http://big-pc:11434")
    run(store.set(key, "s3cret"))
    assert ring.secrets == {("piassist", "host-token:http://big-pc:11434"): "s3cret"}
    assert run(store.get(key)) == "s3cret"
    run(store.delete(key))
    run(store.delete(key))  # deleting what is not there is not an error
    assert run(store.get(key)) is None
    assert ring.threads and all(name.startswith("keyring") for name in ring.threads)
    assert not (tmp_path / "secrets.json").exists()
    store.close()


def test_a_keyring_that_does_not_answer_gives_an_error_in_time_and_the_window_keeps_running(
    tmp_path: Path, run: Callable[..., Any]
) -> None:
    hold = threading.Event()
    store = SecretStore(tmp_path / "secrets.json", timeout=0.3, backend=FakeKeyring(hold=hold))
    started = time.monotonic()
    with pytest.raises(SecretStoreError, match="did not answer"):
        run(store.get("admin-pin"))
    assert time.monotonic() - started < 3
    hold.set()
    store.close()


def test_keyring_failures_become_one_error_type(tmp_path: Path, run: Callable[..., Any]) -> None:
    store = SecretStore(tmp_path / "secrets.json", backend=FakeKeyring(fail=True))
    with pytest.raises(SecretStoreError, match="locked"):
        run(store.set("admin-pin", "x"))
    with pytest.raises(SecretStoreError):
        store.get_sync("admin-pin")
    store.close()


def test_without_a_keyring_service_the_file_keeps_the_secrets_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Any]
) -> None:
    import keyring.backends.fail
    import keyring.core

    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.backends.fail.Keyring())
    path = tmp_path / "secrets.json"
    store = SecretStore(path)
    assert run(store.describe()) == (str(path), True)
    store.set_sync("admin-pin", "hash")
    assert FileKeyring(path).get_password("piassist", "admin-pin") == "hash"
    store.close()


def test_a_working_system_keyring_is_preferred_to_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring.core

    ring = FakeKeyring()
    monkeypatch.setattr(keyring.core, "_keyring_backend", ring)
    store = SecretStore(tmp_path / "secrets.json")
    assert store.is_file_backed is False
    store.set_sync("admin-pin", "hash")
    assert ring.secrets == {("piassist", "admin-pin"): "hash"}
    store.close()
