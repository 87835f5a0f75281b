"""Domain types for what Ollama has installed and loaded."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

# How Ollama writes a parameter count (/api/tags, /api/show, the catalog): "268.10M", "1.5B", "7B".
_PARAMETER_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMBT])\s*$", re.IGNORECASE)
_SCALE = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def parameter_count(text: str) -> float | None:
    """The number of parameters Ollama's text names ("268.10M" → 268_100_000.0); None when it is not one."""
    match = _PARAMETER_SIZE.match(text)
    if match is None:
        return None
    return float(match[1]) * _SCALE[match[2].upper()]


@dataclass(frozen=True, slots=True)
class LoadedModel:
    """A model the server holds in memory (one row of /api/ps)."""

    name: str
    size: int  # bytes of memory the model holds (RAM and VRAM together)
    size_vram: int
    expires_at: datetime | None = None
    context_length: int | None = None


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """An installed model (one row of /api/tags), with its memory use when loaded."""

    name: str
    size: int  # bytes on disk
    family: str = ""
    parameters: str = ""
    quantization: str = ""
    modified: datetime | None = None
    digest: str = ""
    loaded: LoadedModel | None = None
    # What Ollama v0.30+ lists with each model; None where the server did not say (ask /api/show).
    capabilities: tuple[str, ...] | None = None
    context_length: int | None = None  # the most the model was trained for
    remote: bool = False  # a cloud model: it runs on another computer, not here (and not offline)

    def with_loaded(self, loaded: LoadedModel | None) -> ModelInfo:
        return replace(self, loaded=loaded)


def join_loaded(installed: list[ModelInfo], loaded: list[LoadedModel]) -> list[ModelInfo]:
    """Mark each installed model that is also in memory, matched by its full name."""
    by_name = {m.name: m for m in loaded}
    return [model.with_loaded(by_name.get(model.name)) for model in installed]
