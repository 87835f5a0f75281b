"""What the services need from a server. The real one is OllamaBackend; tests use fakes."""

from __future__ import annotations

from typing import Protocol

from piassist.core.models import LoadedModel, ModelInfo


class Backend(Protocol):
    @property
    def host_url(self) -> str: ...

    async def version(self) -> str: ...

    async def installed_models(self) -> list[ModelInfo]: ...

    async def loaded_models(self) -> list[LoadedModel]: ...

    async def aclose(self) -> None: ...
