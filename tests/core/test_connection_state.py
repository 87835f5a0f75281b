import pytest

from piassist.core.connection_state import Backoff, ConnectionStatus, ConnState, classify, keeps_page
from piassist.core.errors import BackendError, ErrorKind


@pytest.mark.parametrize(
    ("kind", "local", "installed", "state"),
    [
        (ErrorKind.REFUSED, True, True, ConnState.NOT_RUNNING),
        (ErrorKind.REFUSED, True, False, ConnState.NOT_INSTALLED),
        (ErrorKind.REFUSED, False, False, ConnState.REFUSED),
        (ErrorKind.REFUSED, False, True, ConnState.REFUSED),
        (ErrorKind.TIMEOUT, True, True, ConnState.TIMEOUT),
        (ErrorKind.UNREACHABLE, False, True, ConnState.UNREACHABLE),
        (ErrorKind.BAD_RESPONSE, True, True, ConnState.NOT_OLLAMA),
        (ErrorKind.NOT_FOUND, True, True, ConnState.NOT_OLLAMA),
        (ErrorKind.SERVER_ERROR, False, False, ConnState.NOT_OLLAMA),
        (ErrorKind.INVALID_HOST, True, True, ConnState.INVALID_HOST),
    ],
)
def test_classify(kind: ErrorKind, local: bool, installed: bool, state: ConnState) -> None:
    assert classify(BackendError(kind), host_is_local=local, ollama_installed=installed) is state


def test_backoff_grows_then_stays_at_its_limit() -> None:
    backoff = Backoff(first=0.5, factor=2, limit=5)
    assert [backoff.delay(n) for n in range(8)] == [0.0, 0.5, 1.0, 2.0, 4.0, 5.0, 5.0, 5.0]


@pytest.mark.parametrize(
    ("installed", "reached", "state"),
    [
        (True, True, ConnState.NOT_RUNNING),
        (True, False, ConnState.NOT_RUNNING),
        (False, True, ConnState.STOPPED),  # it answered a moment ago: stopped, not uninstalled
        (False, False, ConnState.NOT_INSTALLED),
    ],
)
def test_not_installed_only_for_a_local_server_never_reached(
    installed: bool, reached: bool, state: ConnState
) -> None:
    error = BackendError(ErrorKind.REFUSED)
    assert classify(error, host_is_local=True, ollama_installed=installed, reached=reached) is state
    assert (
        classify(error, host_is_local=False, ollama_installed=installed, reached=reached) is ConnState.REFUSED
    )


@pytest.mark.parametrize(
    ("state", "on_chat", "reached", "first", "kept"),
    [
        (ConnState.CONNECTED, False, True, False, True),
        (ConnState.CONNECTING, False, False, True, True),  # the first try: no problem screen flashes up
        (ConnState.CONNECTING, False, False, False, False),
        (ConnState.NOT_RUNNING, True, True, False, True),  # the chat stays once the server answered
        (ConnState.STOPPED, True, True, False, True),
        (ConnState.UNREACHABLE, True, True, False, True),
        (ConnState.NOT_RUNNING, True, False, True, False),  # never reached: the connection page
        (ConnState.NOT_RUNNING, False, True, False, False),  # the models page needs the server
        (ConnState.NEEDS_TOKEN, True, True, False, False),  # only the address dialog can fix it
        (ConnState.NOT_OLLAMA, True, True, False, False),
    ],
)
def test_which_page_stays(state: ConnState, on_chat: bool, reached: bool, first: bool, kept: bool) -> None:
    status = ConnectionStatus(state, "127.0.0.1:11434")
    assert keeps_page(status, on_chat=on_chat, reached=reached, first=first) is kept
