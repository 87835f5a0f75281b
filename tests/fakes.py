"""A fake backend for service and UI tests: same methods as the real adapter, scripted answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from piassist.core.errors import BackendError, ErrorKind
from piassist.core.models import LoadedModel, ModelInfo

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def model(name: str, size: int = 100_000_000, days_old: int = 1, family: str = "llama") -> ModelInfo:
    return ModelInfo(
        name=name,
        size=size,
        family=family,
        parameters="135M",
        quantization="Q4_0",
        modified=NOW - timedelta(days=days_old),
        digest="d" * 64,
    )


class FakeServer:
    """State shared by every backend the factory hands out: what the 'server' answers now."""

    def __init__(self) -> None:
        self.version = "0.24.0"
        self.models: list[ModelInfo] = [model("smollm2:135m"), model("gemma3:270m", 253_000_000, 3, "gemma3")]
        self.loaded: list[LoadedModel] = []
        self.error: BackendError | None = None  # every call raises this while set
        self.list_error: BackendError | None = None  # only the model lists fail
        self.calls: list[str] = []
        self.hosts: list[str] = []

    def go_down(self) -> None:
        self.error = BackendError(ErrorKind.REFUSED, "connection refused")

    def come_back(self) -> None:
        self.error = None

    async def factory(self, host_url: str) -> FakeBackend:
        self.hosts.append(host_url)
        return FakeBackend(self, host_url)


class FakeBackend:
    def __init__(self, server: FakeServer, host_url: str) -> None:
        self._server = server
        self._host_url = host_url
        self.closed = False

    @property
    def host_url(self) -> str:
        return self._host_url

    def _answer(self, call: str, *, listing: bool = False) -> None:
        self._server.calls.append(call)
        if self._server.error is not None:
            raise self._server.error
        if listing and self._server.list_error is not None:
            raise self._server.list_error

    async def version(self) -> str:
        self._answer("version")
        return self._server.version

    async def installed_models(self) -> list[ModelInfo]:
        self._answer("tags", listing=True)
        return list(self._server.models)

    async def loaded_models(self) -> list[LoadedModel]:
        self._answer("ps", listing=True)
        return list(self._server.loaded)

    async def aclose(self) -> None:
        self.closed = True
