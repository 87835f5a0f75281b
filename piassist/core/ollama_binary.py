"""Finding the `ollama` executable and starting a server with it."""

from __future__ import annotations

import os
import shutil
import subprocess

from piassist.core.hosts import HostAddress


def find_ollama() -> str | None:
    """Path of the `ollama` executable on PATH, or None when it is not installed."""
    return shutil.which("ollama")


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
