"""Connection states in plain terms, and how an error becomes one. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from piassist.core.errors import BackendError, ErrorKind


class ConnState(Enum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    STARTING = "starting"  # we started `ollama serve` and wait for it to answer
    NOT_RUNNING = "not-running"  # local host, nothing listens, an `ollama` executable exists
    NOT_INSTALLED = "not-installed"  # local host, nothing listens, no `ollama` anywhere, never reached
    STOPPED = "stopped"  # local host that answered earlier in this session; nothing listens now
    REFUSED = "refused"  # a remote host refused the connection
    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    NOT_OLLAMA = "not-ollama"  # something answers, but it is not an Ollama server
    INVALID_HOST = "invalid-host"
    NEEDS_TOKEN = "needs-token"  # a proxy in front of the server wants a token, or refused ours


@dataclass(frozen=True, slots=True)
class ConnectionStatus:
    state: ConnState
    host: str  # as shown to people
    version: str = ""
    detail: str = ""  # raw error text, for experts
    retry_in: float | None = None  # seconds until the next automatic try
    attempts: int = 0  # failed tries in a row
    token_sent: bool = False  # a saved token went with the requests (NEEDS_TOKEN: it was refused)

    @property
    def is_connected(self) -> bool:
        return self.state is ConnState.CONNECTED


# The server went away (or is on its way back): an open conversation stays readable meanwhile. The other
# states need the person to act on the address or the token, on the connection page.
GONE_AWAY = frozenset(
    {
        ConnState.CONNECTING,
        ConnState.STARTING,
        ConnState.NOT_RUNNING,
        ConnState.STOPPED,
        ConnState.REFUSED,
        ConnState.UNREACHABLE,
        ConnState.TIMEOUT,
    }
)


def keeps_page(status: ConnectionStatus, *, on_chat: bool, reached: bool, first: bool) -> bool:
    """Whether the window keeps the page the person chose (else it shows the connection page).
    Connected, yes. While the first answer is awaited (`first`: nothing went wrong yet), too: with
    "Connecting…" in the status bar, no problem screen flashes up when Ollama runs. And the chat, when
    the server answered earlier in this session and went away: the conversation stays readable, its
    band says what happened."""
    if status.is_connected or (first and status.state is ConnState.CONNECTING):
        return True
    return on_chat and reached and status.state in GONE_AWAY


def classify(
    error: BackendError, *, host_is_local: bool, ollama_installed: bool, reached: bool = False
) -> ConnState:
    """Which screen a person should see for this failure. `reached`: this server answered earlier in
    this session (then it is not "not installed", wherever its executable is)."""
    if error.kind is ErrorKind.INVALID_HOST:
        return ConnState.INVALID_HOST
    if error.kind is ErrorKind.REFUSED:
        if not host_is_local:
            return ConnState.REFUSED
        if ollama_installed:
            return ConnState.NOT_RUNNING
        return ConnState.STOPPED if reached else ConnState.NOT_INSTALLED
    if error.kind is ErrorKind.TIMEOUT:
        return ConnState.TIMEOUT
    if error.kind is ErrorKind.UNREACHABLE:
        return ConnState.UNREACHABLE
    if error.kind is ErrorKind.UNAUTHORIZED:
        return ConnState.NEEDS_TOKEN
    # It answered HTTP, but /api/version is missing, broken or failing: not a working Ollama.
    return ConnState.NOT_OLLAMA


class Backoff:
    """Delays between automatic retries: quick at first, then every few seconds at most."""

    def __init__(self, first: float = 0.5, factor: float = 2.0, limit: float = 5.0) -> None:
        self.first, self.factor, self.limit = first, factor, limit

    def delay(self, failures: int) -> float:
        if failures <= 0:
            return 0.0
        return float(min(self.limit, self.first * self.factor ** (failures - 1)))
