from __future__ import annotations

from collections.abc import Callable
from typing import Any

from piassist.core.connection_state import ConnectionStatus, ConnState
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.hosts import HostAddress
from piassist.services.connection import ConnectionService
from piassist.services.settings import SettingsService
from tests.helpers.fakes import FakeProcess, FakeServer
from tests.helpers.waiting import wait_until


def record(service: ConnectionService) -> tuple[list[ConnectionStatus], list[Any]]:
    statuses: list[ConnectionStatus] = []
    backends: list[Any] = []
    service.status_changed.connect(statuses.append)
    service.backend_changed.connect(backends.append)
    return statuses, backends


def test_connects_and_reports_version_and_host(
    run: Callable[..., Any], make_connection: Callable[..., ConnectionService]
) -> None:
    service = make_connection()
    statuses, backends = record(service)

    async def go() -> None:
        service.start()
        await wait_until(lambda: service.status.is_connected)
        await service.aclose()

    run(go())
    assert service.status.version == "0.24.0" and service.status.host == "127.0.0.1:11434"
    assert backends[0] is not None and backends[-1] is None  # connected, then closed
    assert statuses[-1].state is ConnState.CONNECTED


def test_goes_down_and_recovers_by_itself(
    run: Callable[..., Any], make_connection: Callable[..., ConnectionService], server: FakeServer
) -> None:
    service = make_connection()
    statuses, backends = record(service)

    async def go() -> None:
        service.start()
        await wait_until(lambda: service.status.is_connected)
        server.go_down()
        await wait_until(lambda: service.status.state is ConnState.NOT_RUNNING)
        assert service.backend is None
        await wait_until(lambda: service.status.attempts >= 3)  # retries keep going
        server.come_back()
        await wait_until(lambda: service.status.is_connected)
        await service.aclose()

    run(go())
    assert [b is not None for b in backends] == [True, False, True, False]
    retry_delays = [s.retry_in for s in statuses if s.state is ConnState.NOT_RUNNING]
    assert retry_delays[:3] == [0.02, 0.04, 0.08]


def test_not_installed_when_no_ollama_executable(
    run: Callable[..., Any], make_connection: Callable[..., ConnectionService], server: FakeServer
) -> None:
    server.go_down()
    service = make_connection(find_ollama=lambda: None)

    async def go() -> None:
        service.start()
        await wait_until(lambda: service.status.state is ConnState.NOT_INSTALLED)
        assert not service.can_start_ollama()
        await service.aclose()

    run(go())


def test_remote_refusal_is_not_called_not_installed(
    run: Callable[..., Any], make_connection: Callable[..., ConnectionService], server: FakeServer
) -> None:
    server.go_down()
    service = make_connection(find_ollama=lambda: None)

    async def go() -> None:
        service.set_host("192.168.7.7:11434")
        await wait_until(lambda: service.status.state is ConnState.REFUSED)
        await service.aclose()

    run(go())
    assert server.hosts[-1] == "http://192.168.7.7:11434"


def test_invalid_host_waits_for_a_better_one(
    run: Callable[..., Any],
    make_connection: Callable[..., ConnectionService],
    server: FakeServer,
    settings: SettingsService,
) -> None:
    service = make_connection()

    async def go() -> None:
        service.set_host("not a host")
        await wait_until(lambda: service.status.state is ConnState.INVALID_HOST)
        calls = len(server.calls)
        service.retry_now()
        await wait_until(lambda: service.status.state is ConnState.INVALID_HOST)
        assert len(server.calls) == calls  # no request is made for an invalid address
        service.set_host("127.0.0.1:5555")
        await wait_until(lambda: service.status.is_connected)
        await service.aclose()

    run(go())
    assert settings.host == "127.0.0.1:5555"
    assert server.hosts == ["http://127.0.0.1:5555"]


def test_changing_host_closes_the_old_backend(
    run: Callable[..., Any], make_connection: Callable[..., ConnectionService], server: FakeServer
) -> None:
    service = make_connection()

    async def go() -> None:
        service.start()
        await wait_until(lambda: service.status.is_connected)
        first = service.backend
        service.set_host("localhost:6000")
        await wait_until(lambda: service.status.is_connected and service.backend is not first)
        assert first is not None and first.closed  # type: ignore[attr-defined]
        await service.aclose()

    run(go())


def test_timeout_and_bad_answers_have_their_own_states(
    run: Callable[..., Any], make_connection: Callable[..., ConnectionService], server: FakeServer
) -> None:
    service = make_connection()

    async def go() -> None:
        server.error = BackendError(ErrorKind.TIMEOUT, "read timeout")
        service.start()
        await wait_until(lambda: service.status.state is ConnState.TIMEOUT)
        assert service.status.detail == "read timeout"
        server.error = BackendError(ErrorKind.BAD_RESPONSE, "not json")
        await wait_until(lambda: service.status.state is ConnState.NOT_OLLAMA)
        await service.aclose()

    run(go())


def test_start_ollama_waits_for_the_server(
    run: Callable[..., Any], make_connection: Callable[..., ConnectionService], server: FakeServer
) -> None:
    started: list[tuple[str, HostAddress]] = []

    def start_server(executable: str, host: HostAddress) -> FakeProcess:
        started.append((executable, host))
        return FakeProcess()

    server.go_down()
    service = make_connection(start_server=start_server)

    async def go() -> None:
        service.start()
        await wait_until(lambda: service.status.state is ConnState.NOT_RUNNING)
        assert service.can_start_ollama()
        service.start_ollama()
        assert service.status.state is ConnState.STARTING
        await wait_until(lambda: server.calls.count("version") >= 4)
        assert service.status.state is ConnState.STARTING  # still starting, not "not running"
        server.come_back()
        await wait_until(lambda: service.status.is_connected)
        await service.aclose()

    run(go())
    assert started == [("/usr/bin/ollama", HostAddress("http", "127.0.0.1", 11434))]


def test_a_server_that_exits_at_once_is_reported(
    run: Callable[..., Any], make_connection: Callable[..., ConnectionService], server: FakeServer
) -> None:
    server.go_down()
    service = make_connection(start_server=lambda exe, host: FakeProcess(code=1))

    async def go() -> None:
        service.start()
        await wait_until(lambda: service.status.state is ConnState.NOT_RUNNING)
        service.start_ollama()
        await wait_until(lambda: service.status.state is ConnState.NOT_RUNNING)
        await service.aclose()

    run(go())
    assert "exited with code 1" in service.status.detail
