"""A model name typed to pull, checked before any request is sent.

Accepted, as Ollama v0.24.0 parses names (types/model/name.go ParseNameBare and isValidPart):

    name                   smollm2            → smollm2:latest
    name:tag               qwen2.5:0.5b
    namespace/name:tag     someone/model:q4
    host[:port]/namespace/name[:tag]
                           hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M, 127.0.0.1:8080/library/demo

Each part starts with a letter, digit or "_" and goes on with letters, digits, "_", "-" and "." (not "."
in a namespace; ":" only in the host, before its port). Parts are 1–80 characters, the host up to 350.
Ollama needs the namespace whenever a host is given: `host/name` would be read as namespace "host" and
refused, so it is reported here (NameProblem.HOST_WITHOUT_NAMESPACE) rather than sent.

The result is the name in Ollama's shortest form (server/routes.go pulls `DisplayShortest()`): the default
registry and the "library" namespace left out, the tag always there. Problems are an enum: the UI says
them in the person's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

DEFAULT_HOST = "registry.ollama.ai"
DEFAULT_NAMESPACE = "library"
DEFAULT_TAG = "latest"
MAX_PART = 80
MAX_HOST = 350
MAX_PORT = 65535


class NameProblem(Enum):
    EMPTY = "empty"  # nothing typed
    SPACE = "space"  # a space (or another blank) inside the name
    BAD_CHARACTER = "bad-character"  # a character no part may hold (e.g. "@", "#", "é", "\\")
    EMPTY_PART = "empty-part"  # "a//b", "/name", "name:" — a separator with nothing on one side
    TOO_MANY_PARTS = "too-many-parts"  # more than host/namespace/name
    HOST_WITHOUT_NAMESPACE = "host-without-namespace"  # "example.com/name": Ollama needs host/namespace/name
    BAD_HOST = "bad-host"  # the host part is not a host name with an optional port 1–65535
    BAD_NAMESPACE = "bad-namespace"
    BAD_MODEL = "bad-model"
    BAD_TAG = "bad-tag"
    TOO_LONG = "too-long"  # a part longer than Ollama allows


@dataclass(frozen=True)
class ModelName:
    """A checked name; str() is what to send to /api/pull."""

    model: str
    tag: str = DEFAULT_TAG
    namespace: str = DEFAULT_NAMESPACE
    host: str = DEFAULT_HOST

    @property
    def repository(self) -> str:
        """namespace/model: the path part of the registry's URLs."""
        return f"{self.namespace}/{self.model}"

    @property
    def on_default_registry(self) -> bool:
        return self.host.lower() == DEFAULT_HOST

    def __str__(self) -> str:
        if not self.on_default_registry:
            return f"{self.host}/{self.namespace}/{self.model}:{self.tag}"
        if self.namespace.lower() != DEFAULT_NAMESPACE:
            return f"{self.namespace}/{self.model}:{self.tag}"
        return f"{self.model}:{self.tag}"


def check_pull_name(text: str) -> ModelName | NameProblem:
    """The name to pull, or what is wrong with it."""
    text = text.strip()
    if not text:
        return NameProblem.EMPTY
    if any(c.isspace() for c in text):
        return NameProblem.SPACE
    tag = DEFAULT_TAG
    rest = text
    if text.rfind(":") > text.rfind("/"):  # as Ollama: a ":" after the last "/" starts the tag
        rest, _, tag = text.rpartition(":")
        if not tag or not rest:
            return NameProblem.EMPTY_PART
    parts = rest.split("/")
    if any(not p for p in parts):
        return NameProblem.EMPTY_PART
    if len(parts) > 3:
        return NameProblem.TOO_MANY_PARTS
    if len(parts) == 2 and _looks_like_host(parts[0]):
        return NameProblem.HOST_WITHOUT_NAMESPACE
    host = parts[0].lower() if len(parts) == 3 else DEFAULT_HOST
    namespace = parts[-2] if len(parts) >= 2 else DEFAULT_NAMESPACE
    model = parts[-1]
    checks = (
        (host, _valid_host, NameProblem.BAD_HOST),
        (namespace, lambda s: _valid_part(s, extra="-_"), NameProblem.BAD_NAMESPACE),
        (model, lambda s: _valid_part(s, extra="-_."), NameProblem.BAD_MODEL),
        (tag, lambda s: _valid_part(s, extra="-_."), NameProblem.BAD_TAG),
    )
    for value, valid, problem in checks:
        if len(value) > (MAX_HOST if problem is NameProblem.BAD_HOST else MAX_PART):
            return NameProblem.TOO_LONG
        if not valid(value):
            return NameProblem.BAD_CHARACTER if _has_foreign_character(value) else problem
    return ModelName(model=model, tag=tag, namespace=namespace, host=host)


def _is_word_char(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c == "_")


def _valid_part(s: str, *, extra: str) -> bool:
    return bool(s) and _is_word_char(s[0]) and all(_is_word_char(c) or c in extra for c in s[1:])


def _valid_host(s: str) -> bool:
    name, colon, port = s.partition(":")
    if colon and not (port.isascii() and port.isdigit() and 0 < int(port) <= MAX_PORT):
        return False
    return _valid_part(name, extra="-_.")


def _looks_like_host(s: str) -> bool:
    # "." and ":" cannot be in a namespace, so this never turns away a name Ollama would take
    return "." in s or ":" in s


def _has_foreign_character(s: str) -> bool:
    """A character that no part of any name may hold (as opposed to one misplaced, like a leading "-")."""
    return any(not (_is_word_char(c) or c in "-_.:") for c in s)
