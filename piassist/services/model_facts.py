"""What a chat needs to know about a model (can it think, how long a context it was trained for), with as
few requests as the server allows.

Ollama v0.30+ lists each model's capabilities and context length in /api/tags, which the model library
reads anyway: then no request is needed at all. Older servers (v0.24) list neither, so /api/show is asked
once per model and its answer kept.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from piassist.core.backend import Backend
from piassist.core.chat_types import ModelDetails
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.models import ModelInfo

log = logging.getLogger(__name__)


class ModelFacts:
    def __init__(self, listed_models: Callable[[], Sequence[ModelInfo]]) -> None:
        self._listed_models = listed_models  # the installed models as last listed (ModelLibraryService)
        self._shown: dict[str, ModelDetails] = {}
        self.show_requests = 0  # how many /api/show this asked (a Pi pays for each)

    async def details(self, backend: Backend, model: str) -> ModelDetails | None:
        """The model's capabilities and context length, or None when the server could not say.
        A model the server does not have raises MODEL_NOT_FOUND."""
        listed = next((m for m in self._listed_models() if m.name == model), None)
        if listed is not None and listed.capabilities is not None:
            return ModelDetails(model, listed.capabilities, listed.context_length)
        details = self._shown.get(model)
        if details is None:
            self.show_requests += 1
            try:
                details = await backend.show(model)
            except BackendError as exc:
                if exc.kind is ErrorKind.MODEL_NOT_FOUND:
                    raise
                log.info("could not read %s's details: %s", model, exc)
                return None
            self._shown[model] = details
        return details
