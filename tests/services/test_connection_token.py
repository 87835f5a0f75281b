"""A server behind a proxy that wants a bearer token: kept in the keyring only, sent, never logged."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from piassist.core.connection_state import ConnState
from piassist.services.connection import ConnectionService
from piassist.services.secret_store import SecretStore
from piassist.services.settings import SettingsService
from tests.helpers.fakes import FakeKeyring, FakeServer
from tests.helpers.waiting import wait_until

TOKEN = "pa-7f3c9e1b2d4a"


@pytest.fixture
def keyring_() -> FakeKeyring:
    return FakeKeyring()


@pytest.fixture
def connection(
    make_connection: Callable[..., ConnectionService], keyring_: FakeKeyring, tmp_path: Path
) -> ConnectionService:
    return make_connection(secrets=SecretStore(tmp_path / "secrets.json", backend=keyring_))


def test_a_server_that_wants_a_token_says_so_and_works_once_it_is_given(
    connection: ConnectionService,
    server: FakeServer,
    settings: SettingsService,
    keyring_: FakeKeyring,
    run: Callable[..., Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    server.required_token = TOKEN
    connection.start()
    run(wait_until(lambda: connection.status.state is ConnState.NEEDS_TOKEN))
    assert connection.status.token_sent is False
    assert not connection.has_token(connection.host_text)

    run(connection.set_token(connection.host_text, f"  {TOKEN}\n"))
    run(wait_until(lambda: connection.status.is_connected))
    assert server.tokens[-1] == TOKEN
    assert keyring_.secrets == {("piassist", "host-token:http://127.0.0.1:11434"): TOKEN}
    assert connection.has_token(connection.host_text)
    settings.sync()
    assert TOKEN not in settings.path.read_text()
    assert TOKEN not in caplog.text


def test_a_refused_token_is_told_apart_from_a_missing_one(
    connection: ConnectionService, server: FakeServer, run: Callable[..., Any]
) -> None:
    server.required_token = TOKEN
    run(connection.set_token(connection.host_text, "expired"))
    connection.start()
    run(wait_until(lambda: connection.status.state is ConnState.NEEDS_TOKEN))
    assert connection.status.token_sent is True


def test_the_token_is_read_from_the_keyring_once_not_at_every_poll(
    connection: ConnectionService,
    server: FakeServer,
    keyring_: FakeKeyring,
    settings: SettingsService,
    run: Callable[..., Any],
) -> None:
    keyring_.secrets[("piassist", "host-token:http://127.0.0.1:11434")] = TOKEN
    settings.set_has_token("http://127.0.0.1:11434", True)
    server.required_token = TOKEN
    connection.start()
    run(wait_until(lambda: connection.status.is_connected))
    polls = server.calls.count("version")
    run(wait_until(lambda: server.calls.count("version") >= polls + 3))
    assert keyring_.reads == 1
    assert server.tokens == [TOKEN]  # one backend, kept


def test_forgetting_the_token_removes_it_from_the_keyring_and_stops_sending_it(
    connection: ConnectionService,
    server: FakeServer,
    keyring_: FakeKeyring,
    run: Callable[..., Any],
) -> None:
    run(connection.set_token(connection.host_text, TOKEN))
    connection.start()
    run(wait_until(lambda: connection.status.is_connected))
    run(connection.set_token(connection.host_text, ""))
    run(wait_until(lambda: server.tokens[-1] is None))
    assert keyring_.secrets == {}
    assert not connection.has_token(connection.host_text)
    assert connection.status.is_connected or connection.status.state is ConnState.CONNECTING


def test_a_keyring_that_cannot_be_read_leaves_the_app_running_and_says_the_server_wants_a_token(
    make_connection: Callable[..., ConnectionService],
    server: FakeServer,
    settings: SettingsService,
    tmp_path: Path,
    run: Callable[..., Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings.set_has_token("http://127.0.0.1:11434", True)
    server.required_token = TOKEN
    connection = make_connection(secrets=SecretStore(tmp_path / "s.json", backend=FakeKeyring(fail=True)))
    connection.start()
    run(wait_until(lambda: connection.status.state is ConnState.NEEDS_TOKEN))
    assert "could not read the token" in caplog.text
