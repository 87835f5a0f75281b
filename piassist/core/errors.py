"""Our own error type for everything that can go wrong talking to Ollama.

The adapter turns the client library's exceptions (ollama.ResponseError, ConnectionError, raw httpx
errors, JSON and validation errors) into one BackendError with a kind the UI can explain in plain words.
"""

from __future__ import annotations

from enum import Enum


class ErrorKind(Enum):
    INVALID_HOST = "invalid-host"  # the host text is not an address we can use
    REFUSED = "refused"  # nothing listens at that address
    UNREACHABLE = "unreachable"  # name not found, network down, no route
    TIMEOUT = "timeout"  # connected, but no answer in time
    BAD_RESPONSE = "bad-response"  # something answered, but not what Ollama says
    NOT_FOUND = "not-found"  # HTTP 404 for something else than a model (e.g. not an Ollama server)
    MODEL_NOT_FOUND = "model-not-found"  # HTTP 404 "model '…' not found": not installed on that server
    BUSY = "busy"  # HTTP 503 "server busy" (more requests waiting than OLLAMA_MAX_QUEUE) or 429
    INTERRUPTED = "interrupted"  # the connection broke while an answer was streaming (server stopped)
    SERVER_ERROR = "server-error"  # HTTP 5xx, another error status, or an error line inside a stream
    UNAUTHORIZED = "unauthorized"  # HTTP 401/403: a proxy in front of the server wants a (valid) token
    # Getting models (pull): what the server says about the registry it downloads from.
    INVALID_NAME = "invalid-name"  # the model name is not one Ollama accepts ("invalid model name")
    UNKNOWN_MODEL = "unknown-model"  # the registry has no model or tag by that name
    REGISTRY_UNREACHABLE = "registry-unreachable"  # no network, registry down, or no data for too long
    DISK_FULL = "disk-full"  # no space left where the server stores models; the partial data is kept
    # Loading a model: it needs more memory than the server's computer has (`needed`, `available`: the
    # figures, when known).
    NOT_ENOUGH_MEMORY = "not-enough-memory"
    # HTTP 400 from Ollama v0.30+: the prompt is longer than the context the model has (the words for it
    # and the way on are the chat's).
    CONTEXT_OVERFLOW = "context-overflow"


# The connection to the server broke (or it went away): what an answer had received is worth keeping,
# and trying again once the server is back is the next step.
CONNECTION_LOST = frozenset(
    {ErrorKind.INTERRUPTED, ErrorKind.REFUSED, ErrorKind.UNREACHABLE, ErrorKind.TIMEOUT}
)


class BackendError(Exception):
    """A failure talking to the server; `detail` keeps the raw text for experts."""

    def __init__(
        self,
        kind: ErrorKind,
        detail: str = "",
        status: int | None = None,
        *,
        needed: int | None = None,
        available: int | None = None,
    ) -> None:
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)
        self.kind = kind
        self.detail = detail
        self.status = status
        self.needed = needed  # NOT_ENOUGH_MEMORY: bytes the model needs, when known
        self.available = available  # NOT_ENOUGH_MEMORY: bytes the server's computer has for it
