"""What a chat may ask a thinking model (Ollama's `think`), and what it sends for a person's choice.

A person chooses off or on, or one of the levels the model offers ("low", "medium", "high"). Which values
a model accepts only the server can say: since v0.34 /api/show has `thinking: {values, default}` (read
from the model's renderer: gpt-oss offers low/medium/high and cannot be turned off; a Qwen offers
false/true). Older servers (v0.24 to v0.33) say only that a model can think (capability "thinking"); a
client cannot know its levels, so it offers off and on. A model that cannot think is sent nothing.

What is sent: the choice itself when the model offers it; "on" where the model offers only levels, and
"off" where it cannot be turned off, send nothing, so the model thinks as its author set it (its default).
No Qt here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from piassist.core.chat_types import ModelDetails

Think = bool | str  # off/on, or a level the model names
OFF_ON: tuple[Think, ...] = (False, True)


def same(a: object, b: object) -> bool:
    """Equal and of the same type (True is not "true", and no level is a bool)."""
    return type(a) is type(b) and a == b


def offered(details: ModelDetails | None) -> tuple[Think, ...]:
    """The choices to offer for this model: () when it cannot think (or nothing is known yet)."""
    if details is None or not details.can_think:
        return ()
    return details.think_values or OFF_ON


def to_send(choice: Think, details: ModelDetails | None) -> Think | None:
    """The `think` value for a request, or None to send nothing."""
    values = offered(details)
    if not values:
        return None
    if details is not None and not details.think_values:  # the server did not say: off or on
        return choice if isinstance(choice, bool) else True
    if any(same(choice, value) for value in values):
        return choice
    if isinstance(choice, str) and any(same(True, value) for value in values):
        return True  # a level this model does not name: thinking on, as it does it
    return None  # the model's own default


def shown(choice: Think, details: ModelDetails | None) -> Think:
    """What the model will do for this choice, as the menu shows it: the choice, or the model's default
    when nothing is sent."""
    sent = to_send(choice, details)
    if sent is None and details is not None and details.think_default is not None:
        return details.think_default
    return choice if sent is None else sent


def parse_values(raw: object) -> tuple[tuple[Think, ...], Think | None]:
    """/api/show's `thinking` object → (values, default); ((), None) when it is missing or not valid (the
    server's own rule: distinct booleans or non-empty names, and a default among them)."""
    if not isinstance(raw, dict):
        return (), None
    values, default = raw.get("values"), raw.get("default")
    if not isinstance(values, list) or not values:
        return (), None
    kept: list[Think] = []
    for value in values:
        if not (isinstance(value, bool) or (isinstance(value, str) and value)):
            return (), None
        if any(same(value, earlier) for earlier in kept):
            return (), None
        kept.append(value)
    if not any(same(default, value) for value in kept):
        return (), None
    return tuple(kept), default


def think_to_text(value: Think | None) -> str | None:
    """A choice as it is kept (JSON: true, false or "low"); None for no choice."""
    return None if value is None else json.dumps(value)


def think_from_text(text: object) -> Think | None:
    """A kept choice back; None when there is none or it cannot be read."""
    if not isinstance(text, str) or not text:
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, bool) or (isinstance(value, str) and value) else None


def levels_in(values: Sequence[Think]) -> bool:
    return any(isinstance(value, str) for value in values)
