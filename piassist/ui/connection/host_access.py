"""What the server dialog needs from the connection and the settings, as plain callables: app.py makes it
at start-up (cheap), the dialog (host_dialog.py) is built the first time it opens."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HostAccess:
    """What the dialog needs from the connection and the settings, as plain callables."""

    saved_hosts: Callable[[], list[str]]
    forget_host: Callable[[str], None]
    has_token: Callable[[str], bool]
    set_token: Callable[[str, str | None], Awaitable[None]]  # None or "" forgets it
    describe_keyring: Callable[[], Awaitable[tuple[str, bool]]]  # (name, file-backed?)
