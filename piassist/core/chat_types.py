"""Domain types for a chat with a model: messages, options, streamed chunks, statistics, model details.

Plain frozen dataclasses with no client-library types in them, so services, the history store and the UI
can use them without importing ollama or httpx.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

NS_PER_SECOND = 1_000_000_000


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One turn of a conversation as Ollama's /api/chat takes it."""

    role: str  # "system", "user" or "assistant"
    content: str
    thinking: str = ""  # a reasoning model's thoughts; sent back so the model sees its own reasoning

    def to_request(self) -> dict[str, str]:
        message = {"role": self.role, "content": self.content}
        if self.thinking:
            message["thinking"] = self.thinking
        return message


@dataclass(frozen=True, slots=True)
class ChatOptions:
    """What a person may tune for one answer; None means "the model's own default"."""

    temperature: float | None = None
    num_ctx: int | None = None
    num_predict: int | None = None
    seed: int | None = None
    # Not a model option: a top-level field of the request (how long the model stays in memory after).
    keep_alive: str | float | None = None

    def to_options(self) -> dict[str, float | int]:
        """The request's `options` object: only what is set, so the Modelfile's values apply otherwise."""
        values: dict[str, float | int | None] = {
            "temperature": self.temperature,
            "num_ctx": self.num_ctx,
            "num_predict": self.num_predict,
            "seed": self.seed,
        }
        return {key: value for key, value in values.items() if value is not None}


@dataclass(frozen=True, slots=True)
class GenerationStats:
    """The figures in the last chunk of an answer. Durations are in nanoseconds, as Ollama sends them.

    `prompt_eval_count` is the whole prompt (the conversation so far), but `prompt_eval_duration` covers
    only the tokens the model had to read: the rest came from its cache (what it read for earlier turns).
    Ollama v0.30+ says how many that were (`prompt_eval_cached_count`); older servers do not, and their
    count/duration figure (the one `ollama run --verbose` prints) overstates the speed once a cache helps.
    """

    eval_count: int = 0  # tokens generated
    eval_duration_ns: int = 0
    prompt_eval_count: int = 0  # the prompt's tokens, cached ones included
    prompt_eval_duration_ns: int = 0
    load_duration_ns: int = 0
    total_duration_ns: int = 0
    done_reason: str = ""  # "stop", "length", ...
    prompt_eval_cached_count: int | None = None  # prompt tokens taken from the cache; None: not said

    @property
    def eval_rate(self) -> float | None:
        """Tokens per second while generating, as `ollama run --verbose` reports it."""
        return _rate(self.eval_count, self.eval_duration_ns)

    @property
    def prompt_tokens_read(self) -> int:
        """The prompt's tokens the model really processed for this answer (not from its cache)."""
        return max(0, self.prompt_eval_count - (self.prompt_eval_cached_count or 0))

    @property
    def prompt_tokens_cached(self) -> int:
        return min(self.prompt_eval_cached_count or 0, self.prompt_eval_count)

    @property
    def prompt_rate(self) -> float | None:
        """Tokens per second while reading the question: (count − cached) / duration, as Ollama's own
        `--verbose` output computes it; None when nothing was read (all of it came from the cache)."""
        if self.prompt_tokens_read == 0:
            return None
        return _rate(self.prompt_tokens_read, self.prompt_eval_duration_ns)

    def to_dict(self) -> dict[str, int | str | None]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GenerationStats:
        """Read what to_dict wrote; unknown keys are ignored and missing or broken ones read as zero (the
        cached count as "not said"), so an answer saved by an older or newer version still loads."""
        values: dict[str, Any] = {}
        for field in fields(cls):
            raw = data.get(field.name)
            if field.name == "done_reason":
                values[field.name] = raw if isinstance(raw, str) else ""
            elif field.name == "prompt_eval_cached_count":
                values[field.name] = _count(raw) if raw is not None else None
            else:
                values[field.name] = _count(raw)
        return cls(**values)


@dataclass(frozen=True, slots=True)
class ChatChunk:
    """One piece of a streamed answer. The last one has done=True and, when Ollama sent them, stats."""

    content: str = ""
    thinking: str = ""
    done: bool = False
    stats: GenerationStats | None = None


@dataclass(frozen=True, slots=True)
class ModelDetails:
    """What /api/show tells about an installed model."""

    name: str
    capabilities: tuple[str, ...] = ()  # "completion", "thinking", "vision", "tools", "embedding", ...
    context_length: int | None = None  # the most the model was trained for, not what the server uses
    parameters: str = ""  # the Modelfile's PARAMETER lines, one "name value" per line
    template: str = ""
    license: str = ""
    family: str = ""
    parameter_size: str = ""
    quantization: str = ""
    finetune: str = ""  # GGUF general.finetune ("Instruct", "it", ...): empty for pretrained weights
    # What `think` accepts (v0.34+ /api/show "thinking": false, true, "low", ...) and the model's own
    # default; () when the server does not say (core/thinking.py).
    think_values: tuple[bool | str, ...] = ()
    think_default: bool | str | None = None

    @property
    def can_think(self) -> bool:
        return "thinking" in self.capabilities

    @property
    def can_see(self) -> bool:
        return "vision" in self.capabilities


def context_length_from(model_info: Mapping[str, Any]) -> int | None:
    """`<architecture>.context_length` from /api/show's model_info (e.g. "llama.context_length")."""
    arch = model_info.get("general.architecture")
    candidates = [f"{arch}.context_length"] if isinstance(arch, str) and arch else []
    # Without an architecture key, any single "*.context_length" is still the model's own.
    candidates += sorted(k for k in model_info if k.endswith(".context_length"))
    for key in candidates:
        value = model_info.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            return int(value)
    return None


def _rate(count: int, duration_ns: int) -> float | None:
    if duration_ns <= 0:
        return None
    return count / (duration_ns / NS_PER_SECOND)


def _count(value: object) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int | float) and value >= 0:
        return int(value)
    return 0
