"""What the services need from a server. The real one is OllamaBackend (client.py); tests use fakes."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Sequence
from typing import Protocol

from piassist.core.chat_types import ChatChunk, ChatMessage, ChatOptions, ModelDetails
from piassist.core.get_models.pull_progress import PullEvent
from piassist.core.models import LoadedModel, ModelInfo


class Backend(Protocol):
    @property
    def host_url(self) -> str: ...

    async def version(self) -> str: ...

    async def installed_models(self) -> list[ModelInfo]: ...

    async def loaded_models(self) -> list[LoadedModel]: ...

    # /api/status: whether the server may run cloud models (on other computers, over the internet); None
    # when it has no such endpoint (an Ollama from before cloud models).
    async def cloud_enabled(self) -> bool | None: ...

    # An async generator (not just an iterator), so that a caller can aclose() it to stop the answer.
    def chat(
        self,
        model: str,
        messages: Sequence[ChatMessage],
        options: ChatOptions | None = None,
        think: bool | str | None = None,  # off/on, or a level the model offers (core/thinking.py)
    ) -> AsyncGenerator[ChatChunk, None]: ...

    async def show(self, model: str) -> ModelDetails: ...

    async def unload(self, model: str) -> None: ...

    # Download a model from its registry, one status event at a time (feed them to a PullTracker). An
    # async generator: aclose() it (or cancel the task iterating it) to stop the pull; the server keeps
    # what it downloaded, and the same pull later resumes from there.
    def pull(self, name: str, *, insecure: bool = False) -> AsyncGenerator[PullEvent, None]: ...

    async def delete(self, name: str) -> None: ...

    async def aclose(self) -> None: ...
