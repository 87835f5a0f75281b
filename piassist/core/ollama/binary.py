"""Finding the `ollama` executable and starting a server with it.

Where the official install puts it (scripts/install.sh in github.com/ollama/ollama, the same from v0.1 to
v0.32): the first of /usr/local/bin, /usr/bin, /bin that is on the installing shell's PATH, with its
libraries in the matching lib/ollama; a systemd unit /etc/systemd/system/ollama.service runs
`<that bin>/ollama serve`. The manual install (docs/linux.mdx) unpacks into /usr. The snap puts its
command in /snap/bin. A desktop session's PATH (or a kiosk's) need not hold any of these, so they are
looked at too, and the unit's ExecStart names any other place an administrator chose.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

from piassist.core.hosts import HostAddress

INSTALL_PLACES = ("usr/local/bin/ollama", "usr/bin/ollama", "bin/ollama", "snap/bin/ollama")
SYSTEMD_UNIT = "etc/systemd/system/ollama.service"


def find_ollama(root: Path = Path("/"), path: str | None = None) -> str | None:
    """Path of the `ollama` executable: on PATH, else where an install puts it; None when there is none.
    `root` and `path` stand for "/" and $PATH (tests give a folder of their own)."""
    on_path = shutil.which("ollama", path=path)
    if on_path is not None:
        return on_path
    for place in (*INSTALL_PLACES, *_unit_executables(root / SYSTEMD_UNIT)):
        candidate = root / place.lstrip("/")
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def _unit_executables(unit: Path) -> list[str]:
    """The programs a systemd unit's ExecStart lines run (the first word, without systemd's prefixes)."""
    try:
        text = unit.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found = []
    for line in text.splitlines():
        key, _, value = line.strip().partition("=")
        if key.strip() != "ExecStart" or not value.strip():
            continue
        try:
            words = shlex.split(value)
        except ValueError:
            continue
        if words:
            found.append(words[0].lstrip("@-:+!"))
    return found


def start_server(executable: str, host: HostAddress) -> subprocess.Popen[bytes]:
    """Start `ollama serve` for `host`, in its own session so it outlives the app like a service would."""
    env = dict(os.environ)
    env["OLLAMA_HOST"] = (
        f"{host.hostname}:{host.port}" if ":" not in host.hostname else f"[{host.hostname}]:{host.port}"
    )
    return subprocess.Popen(
        [executable, "serve"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
