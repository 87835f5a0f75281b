"""Every way the ollama client library can fail, turned into one BackendError with a kind the UI explains.

Part of the adapter (with client.py): like it, imported only after the window has painted.

What Ollama v0.24.0 answers, read from its source (github.com/ollama/ollama, tag v0.24.0), and where the
newest tested version (v0.34.4) differs:
- server/routes.go ChatHandler, GenerateHandler, ShowHandler: a model that is not installed gives 404
  {"error": "model 'NAME' not found"}; handleScheduleError gives 404 "model \"NAME\" not found, try pulling
  it first", and 503 with ErrMaxQueue's text when more requests wait than OLLAMA_MAX_QUEUE allows
  (server/sched.go: "server busy, please try again.  maximum pending requests exceeded").
- server/routes.go streamResponse: an error before the first chunk is sent as a plain JSON error with its
  HTTP status; once chunks have gone out, the status cannot change and the error comes as one last
  {"error": "..."} line (docs/api/errors.mdx says the same). The ollama package raises ResponseError for
  both; for the line its status_code is -1.
- A prompt longer than the context is not an error by default: server/prompt.go chatPrompt drops the
  oldest messages (keeping system messages and the last one) until the prompt fits, and the runner
  (runner/llamarunner/runner.go NewSequence) cuts what is still too long. Only a request with
  "truncate": false gets 400 "the input length exceeds the context length". Generation that reaches
  the context end shifts it, or ends with done_reason "length". v0.34.4 (llm/llama_server.go
  completionPromptForRequest) answers a prompt still longer than the context after that with 400 "the
  prompt is longer than the context length currently available to the model; …" where the model cannot
  shift its context (the deepseek2 family, or "shift": false): CONTEXT_OVERFLOW.
- A model too big for the memory: v0.24 llm/server.go refuses it before loading with 500 "model requires
  more system memory (182.1 MiB) than is available (143.1 MiB)" (figures read into the error); v0.34.4
  has no such check and starts llama-server, which the kernel kills while it loads: 500 "llama-server
  process has terminated: signal: killed" (v0.24's runner killed so: "llama runner process has
  terminated with exit code -1"). Both NOT_ENOUGH_MEMORY.
- llm/server.go Completion: a runner that crashes mid-answer (out of memory on a Pi) becomes "model
  runner has unexpectedly stopped, ..." as a 500 or an error line: SERVER_ERROR, with that text kept.
- docs/api/errors.mdx: 429 Too Many Requests (rate limits, cloud models) is treated like busy.

Pulls (server/routes.go PullHandler, server/images.go PullModel, server/download.go). A name Ollama cannot
parse is refused before the stream with 400 "invalid model name"; every other failure comes as an error
line after "pulling manifest":
- "pull model manifest: file does not exist": the registry answered 404 for the manifest (makeRequestWithRetry
  turns a 404 into os.ErrNotExist): no such model or tag.
- "pull model manifest: Get \"…\": dial tcp …: connect: connection refused" / "…: no such host" /
  "…: i/o timeout" / "http: server gave HTTP response to HTTPS client": the registry cannot be reached.
- "max retries exceeded: Get \"…\": …": a blob's download failed six times in a row (about a minute of
  retries): the registry went away mid-pull. "Head \"…\": …" and "context deadline exceeded" (the 30 s
  search for a blob's location) likewise. The partial files stay; the same pull later resumes.
- "write …: no space left on device" (ENOSPC, returned at once): disk full.
- "context canceled", or 'Get "…": context canceled': the download was cancelled. A client that is
  still reading did not cancel it: its pull joined the download of an earlier pull of the same blob that
  was stopped and is still winding down (see OllamaBackend.pull).
- "insecure protocol http": an http:// name without insecure; "digest mismatch, file must be downloaded
  again: …": a corrupt download, which Ollama deleted (a server error: pulling again fetches it anew).
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator

import httpx
import ollama
import pydantic

from piassist.core.errors import BackendError, ErrorKind

HTTP_BAD_REQUEST = 400
HTTP_UNAUTHORIZED = 401
HTTP_FORBIDDEN = 403
HTTP_NOT_FOUND = 404
HTTP_TOO_MANY_REQUESTS = 429
HTTP_SERVICE_UNAVAILABLE = 503
_MODEL_NOT_FOUND = re.compile(r"\bmodel\b.*\bnot found\b", re.IGNORECASE | re.DOTALL)
# What httpcore/h11 say when the server's side of the connection closes before the answer ended.
_DISCONNECTED = ("disconnected", "peer closed", "incomplete", "connection reset", "broken pipe")


# A prompt longer than the context: v0.30+ chat (llm/llama_server.go), and the "truncate": false texts.
_CONTEXT_OVERFLOW = (
    "longer than the context length",
    "exceeds the context length",
    "exceeds the available context",
)
# v0.24 llm/server.go: "model requires more system memory (1.2 GiB) than is available (900.0 MiB)".
_MEMORY_FIGURES = re.compile(
    r"requires more system memory \((?P<needed>[\d.]+ ?[KMGT]?i?B)\) than is available "
    r"\((?P<available>[\d.]+ ?[KMGT]?i?B)\)",
    re.IGNORECASE,
)
# A runner that died while the model loaded, as the kernel's OOM killer ends it (SIGKILL: Go's exit code -1)
# or with llama.cpp's allocation failure in its last words: v0.34 "llama-server process has terminated:
# signal: killed", v0.24 "llama runner process has terminated with exit code -1", or, when v0.24 finds it
# gone a moment later, "llama runner process no longer running: -1" (its exit code, -1: ended by a signal).
# Only before the answer began (an HTTP error status): a runner that dies mid-answer is a server error.
_RUNNER_DIED = re.compile(r"\b(llama-server|llama runner) process (has terminated|no longer running)", re.I)
_OUT_OF_MEMORY = (
    "signal: killed",
    "exit code -1",
    "no longer running: -1",
    "out of memory",
    "failed to allocate",
    "not enough memory",
    "insufficient memory",
    "cannot allocate memory",
)
_UNITS = {"b": 1, "kib": 1024, "mib": 1024**2, "gib": 1024**3, "tib": 1024**4, "kb": 1000, "mb": 1000**2}
_UNITS |= {"gb": 1000**3, "tb": 1000**4}

_INVALID_NAME = ("invalid model name", "insecure protocol http")
_UNKNOWN_MODEL = ("file does not exist",)
_NO_SPACE = ("no space left on device",)
# Words of Go's net/http and net errors, in lower case, that say the registry could not be reached.
_REGISTRY_NETWORK = (
    "dial tcp",
    "connection refused",
    "connection reset",
    "no such host",
    "network is unreachable",
    "no route to host",
    "i/o timeout",
    "tls:",
    "x509:",
    "server gave http response to https client",
    "max retries exceeded",
    "context deadline exceeded",
    "unexpected eof",
    "unexpected status code",
)
# "pull model manifest: 502: <body>": the registry itself failed (makeRequestWithRetry's "%d: %s").
_REGISTRY_FAILED = re.compile(r"^pull model manifest: 5\d\d\b")


@contextlib.contextmanager
def mapped_errors(*, streaming: bool = False, pulling: bool = False) -> Iterator[None]:
    """Turn every way the client library can fail into a BackendError.

    streaming=True is for an answer being streamed: the ollama package lets httpx's read errors out of
    its stream iterator unwrapped, and there a broken connection means the server stopped mid-answer
    (INTERRUPTED), not that something else than Ollama answered. pulling=True reads Ollama's error texts
    as a pull's: about the registry, the model's name and the disk.
    """
    try:
        yield
    except BackendError:
        raise
    except ollama.ResponseError as exc:
        raise (pull_error(exc) if pulling else response_error(exc)) from exc
    except ConnectionError as exc:
        raise connection_error(exc) from exc
    except httpx.TimeoutException as exc:
        raise BackendError(ErrorKind.TIMEOUT, str(exc) or type(exc).__name__) from exc
    except httpx.InvalidURL as exc:
        raise BackendError(ErrorKind.INVALID_HOST, str(exc)) from exc
    except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError) as exc:
        raise _broken_connection(exc, streaming=streaming) from exc
    except httpx.DecodingError as exc:
        raise BackendError(ErrorKind.BAD_RESPONSE, str(exc)) from exc
    except httpx.TransportError as exc:
        raise connection_error(exc) from exc
    except (
        json.JSONDecodeError,
        pydantic.ValidationError,
        UnicodeDecodeError,
        TypeError,
        AttributeError,
    ) as exc:
        raise BackendError(ErrorKind.BAD_RESPONSE, short(exc)) from exc


def response_error(exc: ollama.ResponseError) -> BackendError:
    """An error Ollama reported in words: an HTTP error status, or an {"error"} line inside a stream."""
    text = str(exc.error)
    status = exc.status_code if exc.status_code >= 0 else None  # -1: the error line inside a stream
    if status in (HTTP_SERVICE_UNAVAILABLE, HTTP_TOO_MANY_REQUESTS) or "server busy" in text.lower():
        kind = ErrorKind.BUSY
    elif status in (HTTP_UNAUTHORIZED, HTTP_FORBIDDEN):
        # Ollama itself never asks for credentials: this is a reverse proxy in front of it.
        kind = ErrorKind.UNAUTHORIZED
    elif status == HTTP_NOT_FOUND:
        kind = ErrorKind.MODEL_NOT_FOUND if _MODEL_NOT_FOUND.search(text) else ErrorKind.NOT_FOUND
    elif status == HTTP_BAD_REQUEST and any(s in text.lower() for s in _CONTEXT_OVERFLOW):
        kind = ErrorKind.CONTEXT_OVERFLOW
    elif memory := _MEMORY_FIGURES.search(text):
        needed, available = _bytes(memory["needed"]), _bytes(memory["available"])
        return BackendError(ErrorKind.NOT_ENOUGH_MEMORY, text, status, needed=needed, available=available)
    elif status is not None and _RUNNER_DIED.search(text) and any(s in text.lower() for s in _OUT_OF_MEMORY):
        kind = ErrorKind.NOT_ENOUGH_MEMORY  # no figures: the chat adds its own (services/model_facts.py)
    else:
        kind = ErrorKind.SERVER_ERROR
    return BackendError(kind, text, status)


def _bytes(figure: str) -> int:
    """ "182.1 MiB" (Go's format.HumanBytes2) as bytes."""
    number, unit = re.fullmatch(r"([\d.]+) ?([A-Za-z]+)", figure.strip()).groups()  # type: ignore[union-attr]
    return round(float(number) * _UNITS.get(unit.lower(), 1))


def pull_error(exc: ollama.ResponseError) -> BackendError:
    """An error a pull reported: about the name, the registry or the disk, else as any other call."""
    text = str(exc.error)
    lower = text.lower()
    status = exc.status_code if exc.status_code >= 0 else None
    if any(s in lower for s in _INVALID_NAME):
        return BackendError(ErrorKind.INVALID_NAME, text, status)
    if any(s in lower for s in _NO_SPACE):
        return BackendError(ErrorKind.DISK_FULL, text, status)
    if lower.startswith("pull model manifest") and any(s in lower for s in _UNKNOWN_MODEL):
        return BackendError(ErrorKind.UNKNOWN_MODEL, text, status)
    if is_cancelled_download(text):
        # the download this pull joined was cancelled by an earlier pull (see OllamaBackend.pull)
        return BackendError(ErrorKind.INTERRUPTED, text, status)
    if any(s in lower for s in _REGISTRY_NETWORK) or _REGISTRY_FAILED.match(lower):
        return BackendError(ErrorKind.REGISTRY_UNREACHABLE, text, status)
    return response_error(exc)


def is_cancelled_download(text: str) -> bool:
    """Ollama's text for a download whose context was cancelled: bare ("context canceled", when the wait
    ended) or inside the request that noticed it ('Get "…/blobs/…": context canceled')."""
    lower = text.strip().lower()
    return lower == "context canceled" or lower.endswith(": context canceled")


def _broken_connection(exc: httpx.TransportError, *, streaming: bool) -> BackendError:
    text = str(exc) or type(exc).__name__
    if streaming and (
        isinstance(exc, httpx.ReadError | httpx.WriteError)
        or any(word in text.lower() for word in _DISCONNECTED)
    ):
        return BackendError(ErrorKind.INTERRUPTED, text)
    if isinstance(exc, httpx.RemoteProtocolError):
        # Outside a stream (or a stream that never spoke HTTP properly): not an Ollama answer.
        return BackendError(ErrorKind.BAD_RESPONSE, text)
    return connection_error(exc)


def connection_error(exc: BaseException) -> BackendError:
    # ollama's client re-raises httpx.ConnectError as a bare ConnectionError "from None", with a long
    # generic text; the original error is still its __context__, and its innermost cause says what
    # happened (connection refused, name not known, no route) in a line an expert can use.
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 8:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    texts = " / ".join(str(e) for e in chain).lower()
    refused = "refused" in texts or "errno 111" in texts
    root = next((str(e) for e in reversed(chain) if str(e)), type(exc).__name__)
    return BackendError(ErrorKind.REFUSED if refused else ErrorKind.UNREACHABLE, root)


def short(exc: BaseException, limit: int = 300) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= limit else text[: limit - 1] + "…"
