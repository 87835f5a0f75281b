"""The catalog of models that make sense on a Pi (resources/catalog.json): works offline. No Qt here.

Each entry names a model to pull, its download size and the memory it needs (estimates, see the file's
"about"), what it can do beyond text (thinking, vision), what it is good for, and how well it answers in
Ukrainian. The words people read are the UI's, translated; the file only holds keys.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from piassist.core.get_models.model_names import ModelName, check_pull_name

USES = ("tiny", "chat", "reasoning", "code", "images", "languages")
CAPABILITIES = ("thinking", "vision")


class Ukrainian(Enum):
    GOOD = "good"  # answers usefully in Ukrainian
    BASIC = "basic"  # understands it, answers poorly or mixes in other languages
    NONE = "none"  # English (and a few others) only


@dataclass(frozen=True)
class CatalogEntry:
    name: str  # what to pull, e.g. "qwen2.5:0.5b"
    title: str  # the family's proper name, e.g. "Qwen 2.5"
    parameters: str  # "0.5B"
    download_size: int  # bytes
    memory: int  # bytes needed to run it at a 2048-token context (an estimate)
    capabilities: tuple[str, ...]
    uses: tuple[str, ...]
    ukrainian: Ukrainian

    @property
    def model_name(self) -> ModelName:
        checked = check_pull_name(self.name)
        assert isinstance(checked, ModelName)  # load_catalog() only keeps valid names
        return checked


class CatalogError(ValueError):
    pass


def load_catalog(path: Path) -> list[CatalogEntry]:
    """The entries in the file's order (smallest first); CatalogError when the file is broken."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [_entry(raw) for raw in data["models"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CatalogError(f"{path}: {exc}") from exc


def _entry(raw: dict[str, Any]) -> CatalogEntry:
    name = str(raw["name"])
    if not isinstance(check_pull_name(name), ModelName):
        raise CatalogError(f"not a model name: {name!r}")
    capabilities = tuple(str(c) for c in raw.get("capabilities", ()))
    uses = tuple(str(u) for u in raw.get("uses", ()))
    unknown = [v for v in capabilities if v not in CAPABILITIES] + [v for v in uses if v not in USES]
    if unknown:
        raise CatalogError(f"{name}: unknown {unknown}")
    sizes = int(raw["download_size"]), int(raw["memory"])
    if min(sizes) <= 0:
        raise CatalogError(f"{name}: sizes must be positive")
    return CatalogEntry(
        name=name,
        title=str(raw["title"]),
        parameters=str(raw["parameters"]),
        download_size=sizes[0],
        memory=sizes[1],
        capabilities=capabilities,
        uses=uses,
        ukrainian=Ukrainian(raw["ukrainian"]),
    )
