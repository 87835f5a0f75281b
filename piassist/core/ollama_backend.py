"""The adapter between Ollama's official AsyncClient and our domain types.

This is the only module that imports `ollama` or `httpx`. It is imported lazily, after the window has
painted: the client library pulls in httpx and pydantic, which would slow the first paint a lot.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx
import ollama
import pydantic

from piassist.core.errors import BackendError, ErrorKind
from piassist.core.models import LoadedModel, ModelInfo

# Short control calls (version, lists) should answer at once; a server that takes longer is in trouble.
CONTROL_TIMEOUT = httpx.Timeout(connect=3.0, read=5.0, write=5.0, pool=3.0)
HTTP_NOT_FOUND = 404


class OllamaBackend:
    """Backend over `ollama.AsyncClient` for one host."""

    def __init__(
        self, host_url: str, *, timeout: httpx.Timeout = CONTROL_TIMEOUT, **client_kwargs: Any
    ) -> None:
        self._host_url = host_url
        self._client = ollama.AsyncClient(host=host_url, timeout=timeout, **client_kwargs)

    @property
    def host_url(self) -> str:
        return self._host_url

    async def version(self) -> str:
        with _mapped_errors():
            response = await self._client._request_raw("GET", "/api/version")  # type: ignore[no-untyped-call]
            version = response.json().get("version")
        if not isinstance(version, str) or not version:
            raise BackendError(ErrorKind.BAD_RESPONSE, "no version in the answer to /api/version")
        return version

    async def installed_models(self) -> list[ModelInfo]:
        with _mapped_errors():
            listing = await self._client.list()
        return [_model_info(m) for m in listing.models if m.model]

    async def loaded_models(self) -> list[LoadedModel]:
        with _mapped_errors():
            listing = await self._client.ps()
        return [
            LoadedModel(
                name=m.model or m.name or "",
                size=int(m.size or 0),
                size_vram=int(m.size_vram or 0),
                expires_at=_aware(m.expires_at),
                context_length=m.context_length,
            )
            for m in listing.models
            if m.model or m.name
        ]

    async def aclose(self) -> None:
        with contextlib.suppress(Exception):
            await self._client.close()  # type: ignore[no-untyped-call]


def _model_info(m: ollama.ListResponse.Model) -> ModelInfo:
    details = m.details
    return ModelInfo(
        name=m.model or "",
        size=int(m.size or 0),
        family=(details.family or "") if details else "",
        parameters=(details.parameter_size or "") if details else "",
        quantization=(details.quantization_level or "") if details else "",
        modified=_aware(m.modified_at),
        digest=m.digest or "",
    )


def _aware(value: datetime | None) -> datetime | None:
    # Ollama sends an expiry of year 0001 for models kept forever; treat anything that old as "none".
    if value is None or value.year < 1970:
        return None
    return value


@contextlib.contextmanager
def _mapped_errors() -> Iterator[None]:
    """Turn every way the client library can fail into a BackendError."""
    try:
        yield
    except BackendError:
        raise
    except ollama.ResponseError as exc:
        kind = ErrorKind.NOT_FOUND if exc.status_code == HTTP_NOT_FOUND else ErrorKind.SERVER_ERROR
        raise BackendError(kind, str(exc.error), exc.status_code) from exc
    except ConnectionError as exc:
        raise _connection_error(exc) from exc
    except httpx.TimeoutException as exc:
        raise BackendError(ErrorKind.TIMEOUT, str(exc) or type(exc).__name__) from exc
    except httpx.InvalidURL as exc:
        raise BackendError(ErrorKind.INVALID_HOST, str(exc)) from exc
    except (httpx.RemoteProtocolError, httpx.DecodingError) as exc:
        raise BackendError(ErrorKind.BAD_RESPONSE, str(exc)) from exc
    except httpx.TransportError as exc:
        raise _connection_error(exc) from exc
    except (
        json.JSONDecodeError,
        pydantic.ValidationError,
        UnicodeDecodeError,
        TypeError,
        AttributeError,
    ) as exc:
        raise BackendError(ErrorKind.BAD_RESPONSE, _short(exc)) from exc


def _connection_error(exc: BaseException) -> BackendError:
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


def _short(exc: BaseException, limit: int = 300) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= limit else text[: limit - 1] + "…"
