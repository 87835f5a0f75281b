"""A keyring kept in one file that only its owner can read: for systems with no keyring service.

A Pi OS Lite kiosk or a bare X session often has no Secret Service running; keyring then has nothing to
store in. This backend keeps {service: {user: secret}} as JSON in a file created with mode 0600, written
whole to a temporary file and renamed, so a crash never leaves half a file. It is not encrypted: the
settings tell the person so. PiAssist stores only a slow hash of the admin PIN, and host tokens.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import threading
from pathlib import Path
from typing import Any

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    # Never chosen by keyring itself; PiAssist makes one when the system offers nothing better.
    priority = 0.1

    def __init__(self, path: Path) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.path = path
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return f"PiAssist file keyring ({self.path})"

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            value = self._read().get(service, {}).get(username)
        return value if isinstance(value, str) else None

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            data = self._read()
            data.setdefault(service, {})[username] = password
            self._write(data)

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            data = self._read()
            if username not in data.get(service, {}):
                raise PasswordDeleteError(f"no secret {username!r} for {service!r}")
            del data[service][username]
            if not data[service]:
                del data[service]
            self._write(data)

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return {}
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(self.path, 0o600)  # someone widened it: take it back before reading
        data = json.loads(self.path.read_text(encoding="utf-8") or "{}")
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, dict[str, Any]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, self.path)
