"""Ollama's JSON, read into PiAssist's types: every reader of what the server sends, in one place.

What the server sends, as these readers take it (the fields PiAssist uses; Ollama v0.24 to v0.34):

POST /api/chat, one JSON object a line (NDJSON) while the answer is written:

    {"model": "smollm2:135m", "created_at": "…", "message": {"role": "assistant", "content": "Llamas",
     "thinking": "…"}, "done": false}
        `thinking` only from a model that thinks and was asked to; either text may be empty or missing
    {"model": …, "message": {"role": "assistant", "content": ""}, "done": true, "done_reason": "stop",
     "total_duration": ns, "load_duration": ns, "prompt_eval_count": n, "prompt_eval_duration": ns,
     "eval_count": n, "eval_duration": ns, "prompt_eval_cached_count": n}
        the last line, with the figures (durations in nanoseconds); the cached count only from v0.30, and
        not in the ollama package's ChatResponse, so it is read from the JSON itself
    {"error": "…"}                             a failure mid-stream (client.py raises it; not read here)

Every piece but the last is read from its JSON as it is, its types checked: the package's pydantic models
cost more than the rest of a piece's way to the screen. The last one also goes through ChatResponse.

POST /api/pull, the same way: {"status", "digest", "total", "completed"} (core/get_models/pull_progress.py
says what each status means and in which order they come).

GET /api/tags: {"models": [row, …]}, each row what the package's ListResponse.Model reads (name, size,
digest, modified_at, details.family / parameter_size / quantization_level) and what it drops, read here
from the row: from v0.30 "capabilities" (["completion", "tools", "thinking", "vision", "embedding", …])
and details.context_length; a cloud model has "remote_host" / "remote_model".

POST /api/show: {"parameters": Modelfile lines, "template", "license", "details": {family,
parameter_size, quantization_level}, "model_info": {"general.architecture": "llama",
"llama.context_length": 8192, "general.finetune": "Instruct", …}, "capabilities": […], "thinking":
{"values": [false, true] or ["low", "medium", "high"], "default": …}}; servers before cloud models leave
out model_info and capabilities, and only v0.34+ says `thinking` (core/thinking.py reads it), so none of
it is required.

GET /api/ps: expires_at is year 0001 for a model kept loaded for ever (`aware` makes that None).

A piece that is not what this says is a BackendError(BAD_RESPONSE), never a crash further on.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import ollama

from piassist.core.chat_types import ChatChunk, GenerationStats, ModelDetails, context_length_from
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.get_models.pull_progress import PullEvent
from piassist.core.models import ModelInfo
from piassist.core.thinking import parse_values


def pull_event(part: dict[str, Any]) -> PullEvent:
    """One line of /api/pull."""
    status, digest = part.get("status"), part.get("digest", "")
    total, completed = part.get("total", 0), part.get("completed", 0)
    counts = all(isinstance(n, int) and not isinstance(n, bool) for n in (total, completed))
    if not isinstance(status, str) or not isinstance(digest, str) or not counts:
        raise BackendError(ErrorKind.BAD_RESPONSE, f"not a pull status: {str(part)[:80]}")
    return PullEvent(status=status, digest=digest, total=int(total), completed=int(completed))


def chunk(part: dict[str, Any]) -> ChatChunk:
    """One streamed piece of an answer, read from its JSON; the final one's figures through the package."""
    message = part.get("message") or {}
    done = part.get("done", False)
    content = (message.get("content") or "") if isinstance(message, dict) else None
    thinking = (message.get("thinking") or "") if isinstance(message, dict) else None
    if not isinstance(content, str) or not isinstance(thinking, str) or not isinstance(done, bool):
        raise BackendError(ErrorKind.BAD_RESPONSE, f"not a chat response: {str(part)[:80]}")
    return ChatChunk(
        content=content,
        thinking=thinking,
        done=done,
        stats=stats(ollama.ChatResponse(**part), part) if done else None,
    )


def stats(part: ollama.ChatResponse, raw: dict[str, Any]) -> GenerationStats:
    """The last piece's figures."""
    # v0.30+ says how much of the prompt came from the cache; the ollama package (0.6) has no field for it.
    cached = raw.get("prompt_eval_cached_count")
    return GenerationStats(
        prompt_eval_cached_count=cached if type(cached) is int and cached >= 0 else None,
        eval_count=part.eval_count or 0,
        eval_duration_ns=part.eval_duration or 0,
        prompt_eval_count=part.prompt_eval_count or 0,
        prompt_eval_duration_ns=part.prompt_eval_duration or 0,
        load_duration_ns=part.load_duration or 0,
        total_duration_ns=part.total_duration or 0,
        done_reason=part.done_reason or "",
    )


def model_details(name: str, data: dict[str, Any]) -> ModelDetails:
    """/api/show's answer for the model `name`."""
    details = data.get("details")
    details = details if isinstance(details, dict) else {}
    info = data.get("model_info")
    capabilities = data.get("capabilities")
    think_values, think_default = parse_values(data.get("thinking"))
    return ModelDetails(
        name=name,
        capabilities=tuple(c for c in capabilities if isinstance(c, str))
        if isinstance(capabilities, list)
        else (),
        context_length=context_length_from(info) if isinstance(info, dict) else None,
        parameters=_text(data.get("parameters")),
        template=_text(data.get("template")),
        license=_text(data.get("license")),
        family=_text(details.get("family")),
        parameter_size=_text(details.get("parameter_size")),
        quantization=_text(details.get("quantization_level")),
        finetune=_text(info.get("general.finetune")) if isinstance(info, dict) else "",
        think_values=think_values,
        think_default=think_default,
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def model_info(m: ollama.ListResponse.Model, row: dict[str, Any]) -> ModelInfo:
    """One row of /api/tags: what the package read (`m`) and what it dropped (`row`, the JSON)."""
    details = m.details
    raw_details = row.get("details")
    context_length = raw_details.get("context_length") if isinstance(raw_details, dict) else None
    capabilities = row.get("capabilities")
    listed = tuple(c for c in capabilities if isinstance(c, str)) if isinstance(capabilities, list) else None
    return ModelInfo(
        name=m.model or "",
        size=int(m.size or 0),
        family=(details.family or "") if details else "",
        parameters=(details.parameter_size or "") if details else "",
        quantization=(details.quantization_level or "") if details else "",
        modified=aware(m.modified_at),
        digest=m.digest or "",
        # v0.30+ lists these; None means "not said here": ask /api/show
        capabilities=listed,
        context_length=context_length if type(context_length) is int and context_length > 0 else None,
        remote=bool(row.get("remote_host") or row.get("remote_model")),
    )


def aware(value: datetime | None) -> datetime | None:
    """A time from the server, None for none (see /api/ps above)."""
    # Ollama sends an expiry of year 0001 for models kept forever; treat anything that old as "none".
    if value is None or value.year < 1970:
        return None
    return value
