"""What a chat needs to know about a model (can it think, how long a context it was trained for, how much
memory it needs), with as few requests as the server allows.

Ollama v0.30+ lists each model's capabilities and context length in /api/tags, which the model library
reads anyway: then no request is needed before an answer. Older servers (v0.24) list neither, so
/api/show is asked once per model and its answer kept. The Modelfile's parameters (what the model answers
with where a chat chose nothing: its temperature, its context) are only in /api/show, on every version:
asked once per model when it is chosen in the chat or its settings are opened (`parameters`).

A model too big for the server's memory: v0.24 refuses it with both figures in its words ("model requires
more system memory (X) than is available (Y)"); v0.30+ starts llama-server anyway, which the kernel kills
while it loads ("llama-server process has terminated: signal: killed"), with no figures. So that a person
reads the same sentence on both, the figures Ollama did not give are PiAssist's own: the model's memory by
the fit check's rule (core/get_models/fit_check.py) and, for a server on this computer, its memory and
swap (only when the rule agrees that it does not fit; otherwise the sentence goes without figures).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from piassist.core.chat_types import ModelDetails
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.get_models.fit_check import MachineFigures, estimate_memory, read_machine_figures
from piassist.core.hosts import InvalidHostError, parse_host
from piassist.core.models import ModelInfo
from piassist.core.ollama.backend import Backend

log = logging.getLogger(__name__)


class ModelFacts:
    def __init__(
        self,
        listed_models: Callable[[], Sequence[ModelInfo]],
        *,
        host: Callable[[], str] = str,
        machine: Callable[[Path | None], MachineFigures] = read_machine_figures,
    ) -> None:
        self._listed_models = listed_models  # the installed models as last listed (ModelLibraryService)
        self._host = host  # the server's address as the person set it
        self.machine = machine  # this computer's memory (replaceable: a test that limits the server's)
        self._shown: dict[str, ModelDetails] = {}
        self.show_requests = 0  # how many /api/show this asked (a Pi pays for each)

    async def with_memory_figures(self, error: BackendError, model: str) -> BackendError:
        """A NOT_ENOUGH_MEMORY error with the figures the server did not give, where they can be known."""
        if error.kind is not ErrorKind.NOT_ENOUGH_MEMORY or error.needed is not None:
            return error
        listed = next((m for m in self._listed_models() if m.name == model), None)
        if listed is None or listed.remote or not self._server_is_local():
            return error  # another computer's memory is not ours to read
        loop = asyncio.get_running_loop()
        machine = await loop.run_in_executor(None, self.machine, None)
        needed, available = estimate_memory(listed.size), machine.ram_total + machine.swap_total
        if needed <= available:
            return error  # the rule says it fits: figures that contradict the failure would mislead
        return BackendError(error.kind, error.detail, error.status, needed=needed, available=available)

    def _server_is_local(self) -> bool:
        host = self._host()
        try:
            return bool(host) and parse_host(host).is_local
        except InvalidHostError:
            return False

    def known(self, model: str) -> ModelDetails | None:
        """What is known of the model without asking the server (/api/show asked before, or its listing:
        that has no Modelfile parameters)."""
        if model in self._shown:
            return self._shown[model]
        listed = next((m for m in self._listed_models() if m.name == model), None)
        if listed is not None and listed.capabilities is not None:
            return ModelDetails(model, listed.capabilities, listed.context_length)
        return None

    def has_parameters(self, model: str) -> bool:
        """Whether the Modelfile's parameters are known (only /api/show tells them)."""
        return model in self._shown

    async def parameters(self, backend: Backend, model: str) -> ModelDetails | None:
        """Everything /api/show tells, asked once per model: the Modelfile's parameters (a chat's
        defaults, its context) are in no list. Asked when a model is chosen or its settings are opened,
        never while it writes an answer."""
        if model not in self._shown:
            await self._show(backend, model)
        return self._shown.get(model)

    async def details(self, backend: Backend, model: str) -> ModelDetails | None:
        """The model's capabilities and context length, or None when the server could not say.
        A model the server does not have raises MODEL_NOT_FOUND."""
        details = self.known(model)
        return details if details is not None else await self._show(backend, model)

    async def _show(self, backend: Backend, model: str) -> ModelDetails | None:
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

    async def can_think(self, backend: Backend, model: str) -> bool:
        """Whether the model writes its reasoning apart (then it is asked to)."""
        details = await self.details(backend, model)
        return details is not None and details.can_think

    async def read_ahead(self, backend: Backend, model: str) -> None:
        """Read everything /api/show tells of the model (its Modelfile's parameters too) before it is
        needed; a missing model is said when a question is sent, not here."""
        with contextlib.suppress(BackendError):
            await self.parameters(backend, model)
