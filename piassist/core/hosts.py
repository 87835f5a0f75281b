"""Host strings, as a person or OLLAMA_HOST gives them, turned into a base URL we can use.

Follows Ollama's own rules: a bare host gets http:// and port 11434, `:PORT` alone means 127.0.0.1.
Anything that is not a plausible address is refused here, before any request is made.
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_PORT = 11434
DEFAULT_HOST = f"127.0.0.1:{DEFAULT_PORT}"
_HOSTNAME = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"
)


class InvalidHostError(ValueError):
    """The text cannot be read as a server address."""


@dataclass(frozen=True, slots=True)
class HostAddress:
    scheme: str
    hostname: str
    port: int
    path: str = ""

    @property
    def url(self) -> str:
        host = f"[{self.hostname}]" if ":" in self.hostname else self.hostname
        return f"{self.scheme}://{host}:{self.port}{self.path}"

    @property
    def display(self) -> str:
        """Short form for people: no scheme when it is plain http."""
        host = f"[{self.hostname}]" if ":" in self.hostname else self.hostname
        prefix = "" if self.scheme == "http" else f"{self.scheme}://"
        return f"{prefix}{host}:{self.port}{self.path}"

    @property
    def is_local(self) -> bool:
        """True when the server would run on this machine (so we may offer to start it)."""
        if self.hostname == "localhost":
            return True
        try:
            address = ipaddress.ip_address(self.hostname)
        except ValueError:
            return False
        return address.is_loopback or address.is_unspecified


def parse_host(text: str | None) -> HostAddress:
    """Read a host the way Ollama does; raise InvalidHostError for text that is not an address."""
    text = (text or "").strip()
    if not text:
        text = DEFAULT_HOST
    if any(ch.isspace() for ch in text):
        raise InvalidHostError(text)
    scheme, sep, rest = text.partition("://")
    if not sep:
        scheme, rest, port = "http", text, DEFAULT_PORT
    elif scheme in ("http", "https"):
        port = 80 if scheme == "http" else 443
    else:
        raise InvalidHostError(text)
    if rest.startswith(":"):
        rest = "127.0.0.1" + rest
    try:
        split = urlsplit(f"{scheme}://{rest}")
        hostname = split.hostname or ""
        port = split.port or port
    except ValueError as exc:  # bad port, unbalanced brackets
        raise InvalidHostError(text) from exc
    if split.query or split.fragment or split.username or split.password:
        raise InvalidHostError(text)
    if not _valid_hostname(hostname):
        raise InvalidHostError(text)
    path = split.path.rstrip("/")
    return HostAddress(scheme, hostname, port, path)


def _valid_hostname(name: str) -> bool:
    if not name:
        return False
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return bool(_HOSTNAME.match(name))
    return True


def default_host_text() -> str:
    """The host a new user gets: OLLAMA_HOST when set, else Ollama's own default."""
    return os.environ.get("OLLAMA_HOST", "").strip() or DEFAULT_HOST
