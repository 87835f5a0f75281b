"""What a model answers with when the person chose nothing: its Modelfile's PARAMETER lines, else
Ollama's own defaults. And which of a chat's options the person chose. No Qt.

A chat sends only the options the person chose (docs/decisions.md, "Only the options a person chose
are sent"). Stored options, in Preferences and in each conversation's row, hold just those keys:
temperature (a number), num_ctx (tokens), num_predict (tokens; -1 chosen as "no limit") and keep_alive
(an Ollama duration, not a model option but a field of the request). A key that is missing is not sent.

Ollama's defaults are api/types.go DefaultOptions, the same in v0.24.0 and v0.34.4: temperature 0.8,
num_predict -1 (no limit); the context is the server's own (OLLAMA_CONTEXT_LENGTH, else by the memory it
has: context_budget.DEFAULT_CONTEXT on a Pi), and keep_alive is the server's OLLAMA_KEEP_ALIVE (5
minutes unless set), which the API does not tell.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from piassist.core.chat_types import ChatOptions

log = logging.getLogger(__name__)

OLLAMA_TEMPERATURE = 0.8
NO_LIMIT = -1  # num_predict: the model writes until it stops
OPTION_KEYS = ("temperature", "num_ctx", "num_predict", "keep_alive")
# What PiAssist itself sent before it sent only chosen options: in files written then, a value equal to
# one of these was PiAssist's choice as far as anyone can tell (see docs/decisions.md).
OLD_BUILTIN = {"temperature": 0.7, "num_ctx": 2048, "keep_alive": "10m", "num_predict": 0}
_PARAMETER = re.compile(r"^\s*(\w+)\s+(.+?)\s*$", re.MULTILINE)


def modelfile_parameters(text: str) -> dict[str, str]:
    """/api/show's `parameters` ("name value" lines, e.g. `temperature 0.6`), the first value of each
    name (a name such as `stop` may repeat; those are not options a person sets here)."""
    found: dict[str, str] = {}
    for name, value in _PARAMETER.findall(text or ""):
        found.setdefault(name, value.strip('"'))
    return found


@dataclass(frozen=True, slots=True)
class ModelDefaults:
    """The values a model answers with when a chat sends none; `own` names those its Modelfile sets."""

    temperature: float = OLLAMA_TEMPERATURE
    num_ctx: int | None = None  # the server's context for it, when known
    num_predict: int = NO_LIMIT
    own: frozenset[str] = frozenset()

    @classmethod
    def of(cls, parameters: str, context: int | None) -> ModelDefaults:
        """From the Modelfile's parameters and the context the server will run the model with."""
        given = modelfile_parameters(parameters)
        temperature = _number(given.get("temperature"))
        num_predict = _number(given.get("num_predict"))
        own = {
            key
            for key, value in (("temperature", temperature), ("num_predict", num_predict))
            if value is not None
        }
        if "num_ctx" in given:
            own.add("num_ctx")
        return cls(
            temperature=temperature if temperature is not None else OLLAMA_TEMPERATURE,
            num_ctx=context,
            num_predict=int(num_predict) if num_predict is not None and num_predict > 0 else NO_LIMIT,
            own=frozenset(own),
        )

    def value(self, key: str) -> Any:
        return {
            "temperature": self.temperature,
            "num_ctx": self.num_ctx,
            "num_predict": self.num_predict,
        }.get(key)


def chosen_options(stored: Mapping[str, Any]) -> dict[str, Any]:
    """The readable options among those stored (a hand-edited file may hold anything), as clean values:
    what a chat sends. Unreadable ones are left out, as if not chosen; so are 0 and "", which older
    versions stored for "none"."""
    chosen: dict[str, Any] = {}
    for key in OPTION_KEYS:
        value = stored.get(key)
        clean = option_value(key, value)
        if clean is not None:
            chosen[key] = clean
        elif value not in (None, 0, "", "0"):
            log.warning("ignoring an unreadable option %s=%r", key, value)
    return chosen


def option_value(key: str, value: object) -> Any:
    """One option as a chat sends it, or None when the value does not say anything to send."""
    if key == "keep_alive":
        readable = isinstance(value, str | int | float) and not isinstance(value, bool)
        return str(value) if readable and str(value) else None
    number = _number(value)
    if number is None:
        return None
    if key == "temperature":
        return number if 0 <= number <= 2 else None
    if key == "num_ctx":
        return int(number) if number >= 1 else None
    if key == "num_predict":
        return int(number) if number >= 1 or number == NO_LIMIT else None
    return None


def chat_options(stored: Mapping[str, Any]) -> ChatOptions:
    """The request's options: exactly the chosen ones."""
    chosen = chosen_options(stored)
    return ChatOptions(
        temperature=chosen.get("temperature"),
        num_ctx=chosen.get("num_ctx"),
        num_predict=chosen.get("num_predict"),
        keep_alive=chosen.get("keep_alive"),
    )


def without_old_builtin(stored: Mapping[str, Any]) -> dict[str, Any]:
    """Stored options as they would be had PiAssist never chosen for the person: a value equal to what
    PiAssist used to send on its own is taken out (num_predict 0, "no limit", was never sent at all)."""
    return {
        key: value
        for key, value in stored.items()
        if key not in OLD_BUILTIN or not _same(value, OLD_BUILTIN[key])
    }


def _same(value: object, builtin: object) -> bool:
    if isinstance(builtin, str):
        return str(value) == builtin
    number = _number(value)
    return number is not None and math.isclose(number, float(str(builtin)))


def _number(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None
