"""Watches the Ollama server: connects, notices when it goes away, retries with backoff, recovers.

One task runs the watch loop. While connected it asks /api/version every `poll_interval` seconds (a
tiny request; the model does not notice it). After a failure it retries after 0.5, 1, 2, 4, then every
5 seconds, and the UI can ask for a try at once. Changing the host restarts the loop.

A server behind a reverse proxy may want a bearer token: it is kept in the keyring only (SecretStore),
read once per server when the settings say one is saved, sent as an Authorization header, and never
logged. A 401/403 answer shows as NEEDS_TOKEN.
"""

from __future__ import annotations

import asyncio
import logging
import subprocess
import time
from collections.abc import Awaitable, Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from piassist.core.connection_state import Backoff, ConnectionStatus, ConnState, classify
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.hosts import HostAddress, InvalidHostError, parse_host
from piassist.core.ollama import binary as ollama_binary
from piassist.core.ollama.backend import Backend
from piassist.services.secret_store import SecretStore, SecretStoreError, host_token_key
from piassist.services.settings import SettingsService
from piassist.services.tasks import TaskSlots, event_or_timeout

log = logging.getLogger(__name__)


class BackendFactory(Protocol):
    """Makes the backend for a server's base URL; `token` goes with every request as a bearer token."""

    def __call__(self, host_url: str, token: str | None = None) -> Awaitable[Backend]: ...


class ServerProcess(Protocol):
    """The `ollama serve` this app started (a subprocess.Popen; tests give fakes)."""

    pid: int
    returncode: int | None

    def poll(self) -> int | None: ...
    def kill(self) -> None: ...
    def wait(self, timeout: float | None = None) -> int: ...


STARTING_GRACE = 30.0  # seconds we wait for a server we started before calling it a failure
STARTING_POLL = 0.3


def _find_ollama_now() -> str | None:
    return ollama_binary.find_ollama()  # looked up on each call: Ollama may be installed while we run


def _start_server_now(executable: str, host: HostAddress) -> subprocess.Popen[bytes]:
    return ollama_binary.start_server(executable, host)


async def ollama_backend_factory(host_url: str, token: str | None = None) -> Backend:
    """The real backend. The client library (ollama, httpx, pydantic) is imported the first time,
    after the window has painted, on the GUI thread: an import thread would cost 1.3 MB of memory for
    as long as the app runs (docs/decisions.md), the import itself 0.2 s once."""
    import importlib

    await asyncio.sleep(0)  # let pending paints happen first
    module = importlib.import_module("piassist.core.ollama.client")
    headers = {"Authorization": f"Bearer {token}"} if token else None
    backend: Backend = module.OllamaBackend(host_url, headers=headers)
    return backend


class ConnectionService(QObject):
    status_changed = Signal(object)  # ConnectionStatus
    backend_changed = Signal(object)  # the connected backend, or None when the connection is lost

    def __init__(
        self,
        settings: SettingsService,
        backend_factory: BackendFactory = ollama_backend_factory,
        *,
        find_ollama: Callable[[], str | None] | None = None,
        start_server: Callable[[str, HostAddress], ServerProcess] | None = None,
        poll_interval: float = 2.0,
        backoff: Backoff | None = None,
        secrets: SecretStore | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._secrets = secrets
        # Tokens read from the keyring, by host URL: read once, not at every poll (a D-Bus call each).
        self._tokens: dict[str, str | None] = {}
        self._backend_token: str | None = None
        self._factory = backend_factory
        self._find_ollama = find_ollama or _find_ollama_now
        self._start_server = start_server or _start_server_now
        self._poll_interval = poll_interval
        self._backoff = backoff or Backoff()
        self._tasks = TaskSlots("connection")
        self._wake = asyncio.Event()
        # While someone holds the polls (an answer is streaming: the stream itself shows the server is
        # there), the connected server is not asked for its version: on a Pi, every request the
        # server handles takes a little from the model's speed.
        self._holders: set[str] = set()
        self._unheld = asyncio.Event()
        self._unheld.set()
        self._backend: Backend | None = None
        self._connected_backend: Backend | None = None
        self._started: ServerProcess | None = None
        self._starting_until = 0.0
        self._host_text = settings.host
        self._reached = False  # this host answered at least once since it was chosen
        self._status = ConnectionStatus(ConnState.CONNECTING, self._host_text)

    # -- what the UI reads -------------------------------------------------------------------------
    @property
    def status(self) -> ConnectionStatus:
        return self._status

    @property
    def backoff(self) -> Backoff:
        """How long the tries wait while the server is away (a test sets a faster or slower one)."""
        return self._backoff

    @backoff.setter
    def backoff(self, backoff: Backoff) -> None:
        self._backoff = backoff

    @property
    def backend(self) -> Backend | None:
        """The backend while connected, else None."""
        return self._connected_backend

    @property
    def reached(self) -> bool:
        """The server at this address answered at least once in this session (it may be gone now)."""
        return self._reached

    @property
    def host_text(self) -> str:
        return self._host_text

    @property
    def started_process(self) -> ServerProcess | None:
        """The `ollama serve` this app started, if any (it keeps running after the app quits)."""
        return self._started

    # -- what the UI asks for ----------------------------------------------------------------------
    def start(self) -> None:
        self._tasks.run("watch", self._watch())

    def set_host(self, text: str) -> None:
        """Use another server address; saved in the settings and tried at once."""
        self._settings.set_host(text)
        self._host_text = self._settings.host
        self._settings.remember_host(self._host_text)
        self._starting_until = 0.0
        self._reached = False
        self._lose_connection()
        self._set_status(ConnectionStatus(ConnState.CONNECTING, self._host_text))
        self.start()

    def has_token(self, host_text: str) -> bool:
        """Whether a token is saved for that address (known from the settings: no keyring call)."""
        try:
            return self._settings.has_token(parse_host(host_text).url)
        except InvalidHostError:
            return False

    async def set_token(self, host_text: str, token: str | None) -> None:
        """Save (or, with None or "", forget) the bearer token for a server, in the keyring only, and
        use it from the next request on. SecretStoreError when the keyring cannot take it."""
        url = parse_host(host_text).url
        if self._secrets is None:
            raise SecretStoreError("no secret store")
        token = (token or "").strip() or None
        if token is None:
            await self._secrets.delete(host_token_key(url))
        else:
            await self._secrets.set(host_token_key(url), token)
        self._settings.set_has_token(url, token is not None)
        self._tokens[url] = token
        log.info("token for %s %s", url, "saved" if token else "forgotten")  # never the token itself
        self._wake.set()

    async def describe_keyring(self) -> tuple[str, bool]:
        """Where tokens are kept: (PiAssist's own file's path or the keyring's name, is it the file)."""
        if self._secrets is None:
            raise SecretStoreError("no secret store")
        return await self._secrets.describe()

    def retry_now(self) -> None:
        self._wake.set()

    def hold_polls(self, who: str, hold: bool) -> None:
        if hold:
            self._holders.add(who)
        else:
            self._holders.discard(who)
        if self._holders:
            self._unheld.clear()
        else:
            self._unheld.set()

    @property
    def polls_held(self) -> bool:
        return bool(self._holders)

    def can_start_ollama(self) -> bool:
        try:
            host = parse_host(self._host_text)
        except InvalidHostError:
            return False
        return host.is_local and self._find_ollama() is not None

    def start_ollama(self) -> None:
        """Start `ollama serve` for the configured local host, then wait for it to answer."""
        executable = self._find_ollama()
        try:
            host = parse_host(self._host_text)
        except InvalidHostError:
            return
        if executable is None or not host.is_local:
            self._wake.set()
            return
        try:
            self._started = self._start_server(executable, host)
        except OSError as exc:
            log.warning("could not start %s: %s", executable, exc)
            self._set_status(ConnectionStatus(ConnState.NOT_RUNNING, host.display, detail=str(exc)))
            return
        log.info("started %s serve (pid %s) for %s", executable, self._started.pid, host.display)
        self._starting_until = time.monotonic() + STARTING_GRACE
        self._set_status(ConnectionStatus(ConnState.STARTING, host.display))
        self._wake.set()

    async def aclose(self) -> None:
        await self._tasks.cancel_all()
        self._lose_connection()
        if self._backend is not None:
            await self._backend.aclose()
            self._backend = None

    # -- the watch loop ----------------------------------------------------------------------------
    async def _watch(self) -> None:
        failures = 0
        while True:
            self._wake.clear()
            try:
                host = parse_host(self._host_text)
            except InvalidHostError:
                self._set_status(ConnectionStatus(ConnState.INVALID_HOST, self._host_text))
                await self._wake.wait()
                continue
            try:
                backend = await self._backend_for(host)
                version = await backend.version()
            except BackendError as error:
                failures += 1
                delay = self._on_failure(host, error, failures)
            else:
                failures = 0
                self._starting_until = 0.0
                self._on_success(host, backend, version)
                delay = self._poll_interval
            await event_or_timeout(self._wake, delay)
            if self._connected_backend is not None and not self._wake.is_set():
                await self._unheld.wait()

    async def _backend_for(self, host: HostAddress) -> Backend:
        token = await self._token_for(host.url)
        if self._backend is None or self._backend.host_url != host.url or token != self._backend_token:
            if self._backend is not None:
                self._lose_connection()
                await self._backend.aclose()
                self._backend = None
            self._backend = await self._factory(host.url, token)
            self._backend_token = token
        return self._backend

    async def _token_for(self, url: str) -> str | None:
        if not self._settings.has_token(url) or self._secrets is None:
            return None
        if url not in self._tokens:
            try:
                self._tokens[url] = await self._secrets.get(host_token_key(url))
            except SecretStoreError as exc:
                # Asked again at the next try; the server will say it wants the token meanwhile.
                log.warning("could not read the token for %s from the keyring: %s", url, exc)
                return None
        return self._tokens[url]

    def _on_success(self, host: HostAddress, backend: Backend, version: str) -> None:
        status = ConnectionStatus(ConnState.CONNECTED, host.display, version=version)
        self._reached = True
        if self._connected_backend is not backend:
            log.info("connected to Ollama %s at %s", version, host.display)
            self._connected_backend = backend
            self._set_status(status)
            self.backend_changed.emit(backend)
        elif status != self._status:
            self._set_status(status)

    def _on_failure(self, host: HostAddress, error: BackendError, failures: int) -> float:
        state = classify(
            error,
            host_is_local=host.is_local,
            ollama_installed=self._find_ollama() is not None,
            reached=self._reached,
        )
        delay = self._backoff.delay(failures)
        detail = error.detail
        if self._starting_until and error.kind is ErrorKind.REFUSED:
            exited = self._started is not None and self._started.poll() is not None
            if exited or time.monotonic() > self._starting_until:
                self._starting_until = 0.0
                if exited and self._started is not None:
                    detail = f"ollama serve exited with code {self._started.returncode}"
            else:
                state, delay = ConnState.STARTING, STARTING_POLL
        if self._connected_backend is not None:
            log.warning("lost the connection to %s: %s", host.display, error)
        self._lose_connection()
        self._set_status(
            ConnectionStatus(
                state,
                host.display,
                detail=detail,
                retry_in=delay,
                attempts=failures,
                token_sent=self._backend_token is not None,
            )
        )
        return delay

    def _lose_connection(self) -> None:
        if self._connected_backend is not None:
            self._connected_backend = None
            self.backend_changed.emit(None)

    def _set_status(self, status: ConnectionStatus) -> None:
        self._status = status
        self.status_changed.emit(status)
