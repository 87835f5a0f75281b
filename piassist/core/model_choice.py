"""Which installed model to chat with first, when the person has not chosen one. No Qt here.

A base model (pretrained only) continues text instead of answering it: its first answer to a newcomer reads
as noise. A chat model (instruction-tuned) answers. Ollama does not say which a model is, so PiAssist reads
what it does say (/api/show) and ranks the models:

- NO_CHAT: its capabilities lack "completion" (an embedding model): it cannot answer at all.
- BASE: its prompt template has no text of its own besides the prompt (Ollama's default for a model that
  came without a chat template is `{{ .Prompt }}`), or its GGUF metadata says so (general.finetune
  "base"), or its tag is a library's base tag ("text", "…-text").
- CHAT: its metadata names a fine-tune (general.finetune: "Instruct", "it", a training recipe; converters
  leave it out for pretrained weights), its name says instruct or chat, it offers thinking or tools (only
  tuned models do), or the catalog lists it for chatting.
- UNKNOWN: none of these (a chat template but no word on tuning).

The first model is the best ranked one, the catalog's order next (its demo model comes first), then the
name. A base model is chosen only when nothing better is installed, and the chat says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from piassist.core.chat_types import ModelDetails


class ModelKind(IntEnum):
    NO_CHAT = 0
    BASE = 1
    UNKNOWN = 2
    CHAT = 3


_ACTION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_CHAT_WORDS = re.compile(r"(instruct|chat|[-_.:]it\b|[-_.:]sft\b|[-_.:]dpo\b|rlhf)", re.IGNORECASE)
_BASE_TAG = re.compile(r"(^|[-_])(text|base|pretrain(ed)?)$", re.IGNORECASE)
_BASE_FINETUNES = {"base", "pretrain", "pretrained", "pt"}


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str
    details: ModelDetails | None  # None: the server could not say
    catalog_uses: tuple[str, ...] = ()  # the catalog's "uses" for this name (empty: not in the catalog)
    catalog_rank: int | None = None  # its place in the catalog (None: not in it)


def template_has_markers(template: str) -> bool:
    """True when the prompt template adds text of its own around the prompt (role markers such as
    `<|im_start|>` or `[INST]`): the shape of a chat template. `{{ .Prompt }}` alone is not."""
    return bool(_ACTION.sub("", template).strip())


def model_kind(candidate: Candidate) -> ModelKind:
    details, name = candidate.details, candidate.name
    tag = name.rsplit(":", 1)[1] if ":" in name.rsplit("/", 1)[-1] else ""
    if details is not None and details.capabilities and "completion" not in details.capabilities:
        return ModelKind.NO_CHAT
    finetune = details.finetune.strip().casefold() if details is not None else ""
    if finetune in _BASE_FINETUNES or _BASE_TAG.search(tag):
        return ModelKind.BASE
    if details is not None and not template_has_markers(details.template):
        return ModelKind.BASE
    if finetune or _CHAT_WORDS.search(name) or "chat" in candidate.catalog_uses:
        return ModelKind.CHAT
    if details is not None and {"thinking", "tools"} & set(details.capabilities):
        return ModelKind.CHAT
    return ModelKind.UNKNOWN


def first_model(candidates: Sequence[Candidate]) -> tuple[str, ModelKind] | None:
    """The model to chat with first and its kind; None when none can chat."""
    if not candidates:
        return None

    def order(c: Candidate) -> tuple[int, int, str]:
        rank = c.catalog_rank if c.catalog_rank is not None else 1_000_000
        return (-model_kind(c), rank, c.name.casefold())

    best = min(candidates, key=order)
    kind = model_kind(best)
    return None if kind is ModelKind.NO_CHAT else (best.name, kind)
