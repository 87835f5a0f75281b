"""SecretStore: keyring off the GUI thread, with a timeout, and the file fallback when there is no service."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError

from piassist.core.file_keyring import FileKeyring
from piassist.services.secret_store import SecretStore, SecretStoreError, host_token_key


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self, *, hold: threading.Event | None = None, fail: bool = False) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.secrets: dict[tuple[str, str], str] = {}
        self.threads: set[str] = set()
        self._hold = hold
        self._fail = fail

    def _enter(self) -> None:
        self.threads.add(threading.current_thread().name)
        if self._hold is not None:
            self._hold.wait(5)
        if self._fail:
            raise KeyringLocked("the collection is locked")

    def get_password(self, service: str, username: str) -> str | None:
        self._enter()
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._enter()
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._enter()
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


def test_secrets_go_to_the_keyring_under_the_apps_name_off_the_gui_thread(
    tmp_path: Path, run: Callable[..., Any]
) -> None:
    ring = MemoryKeyring()
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
    store = SecretStore(tmp_path / "secrets.json", timeout=0.3, backend=MemoryKeyring(hold=hold))
    started = time.monotonic()
    with pytest.raises(SecretStoreError, match="did not answer"):
        run(store.get("admin-pin"))
    assert time.monotonic() - started < 3
    hold.set()
    store.close()


def test_keyring_failures_become_one_error_type(tmp_path: Path, run: Callable[..., Any]) -> None:
    store = SecretStore(tmp_path / "secrets.json", backend=MemoryKeyring(fail=True))
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
    assert run(store.describe()) == (f"PiAssist file keyring ({path})", True)
    store.set_sync("admin-pin", "hash")
    assert FileKeyring(path).get_password("piassist", "admin-pin") == "hash"
    store.close()


def test_a_working_system_keyring_is_preferred_to_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring.core

    ring = MemoryKeyring()
    monkeypatch.setattr(keyring.core, "_keyring_backend", ring)
    store = SecretStore(tmp_path / "secrets.json")
    assert store.is_file_backed is False
    store.set_sync("admin-pin", "hash")
    assert ring.secrets == {("piassist", "admin-pin"): "hash"}
    store.close()
