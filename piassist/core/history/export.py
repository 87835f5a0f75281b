"""A stored conversation as Markdown (to read or share) or JSON (to keep or move, nothing lost).

Core has no Qt and so no tr(): the Markdown's few words are English unless the caller passes `labels`
(translated texts for the keys of LABELS).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC
from typing import Any

from piassist.core.history.schema import SCHEMA_VERSION
from piassist.core.history.types import Conversation, StoredMessage, time_text

JSON_FORMAT = "piassist-conversation"

LABELS: Mapping[str, str] = {
    "user": "You",
    "assistant": "Assistant",
    "system": "System",
    "model": "Model",
    "created": "Created",
    "system_prompt": "System prompt",
    "thinking": "Thinking",
    "streaming": "still being written",
    "stopped": "stopped",
    "interrupted": "interrupted",
    "error": "error",
}


def _quote(text: str) -> str:
    """Markdown block quote; every line quoted so a blank line does not end it."""
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines() or [""])


def to_markdown(
    conversation: Conversation, messages: Sequence[StoredMessage], labels: Mapping[str, str] | None = None
) -> str:
    words = {**LABELS, **(labels or {})}
    created = conversation.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"# {conversation.title}",
        "",
        f"{words['model']}: `{conversation.model}` · {words['created']}: {created}",
    ]
    if conversation.system_prompt:
        lines += ["", f"**{words['system_prompt']}:**", "", _quote(conversation.system_prompt)]
    for message in messages:
        heading = words[message.role.value]
        if message.model and message.role.value == "assistant":
            heading += f" · `{message.model}`"
        lines += ["", f"## {heading}", ""]
        if message.thinking:
            lines += [f"*{words['thinking']}:*", "", _quote(message.thinking), ""]
        lines.append(message.content)
        if message.state.value != "complete":
            note = words[message.state.value]
            lines += ["", f"*({note}: {message.error})*" if message.error else f"*({note})*"]
    return "\n".join(lines) + "\n"


def _json_time(conversation_or_message: Conversation | StoredMessage) -> dict[str, str]:
    return {
        "created_at": time_text(conversation_or_message.created_at),
        "updated_at": time_text(conversation_or_message.updated_at),
    }


def to_json(conversation: Conversation, messages: Sequence[StoredMessage]) -> str:
    document: dict[str, Any] = {
        "format": JSON_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "id": conversation.id,
        "title": conversation.title,
        "model": conversation.model,
        "system_prompt": conversation.system_prompt,
        "options": conversation.options,
        **_json_time(conversation),
        "messages": [
            {
                "id": message.id,
                "role": message.role.value,
                "content": message.content,
                "thinking": message.thinking,
                "model": message.model,
                "state": message.state.value,
                "stats": message.stats,
                "error": message.error,
                **_json_time(message),
            }
            for message in messages
        ],
    }
    # ensure_ascii=False keeps Ukrainian readable in the file; json still escapes control characters.
    return json.dumps(document, ensure_ascii=False, indent=2)
