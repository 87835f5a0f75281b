"""The session's real Ollama server, started once (in the pytest header) and shared by integration tests."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from scripts import harness

_server: harness.OllamaServer | None = None
_workdir: Path | None = None


def model_names() -> list[str]:
    return [m.name for m in harness.MODELS]


def workdir() -> Path:
    global _workdir
    if _workdir is None:
        _workdir = Path(tempfile.mkdtemp(prefix="piassist-ollama-"))
    return _workdir


def new_server(name: str) -> harness.OllamaServer:
    """A server of its own (not started) with a private copy of the model store."""
    # A test's name may hold "[param]": Ollama would read brackets in OLLAMA_MODELS as a file pattern.
    base = workdir() / re.sub(r"[^A-Za-z0-9_.-]", "_", name)
    base.mkdir(parents=True, exist_ok=True)
    store = harness.private_store(base / "models")
    return harness.OllamaServer(harness.ollama_binary(), store, log_path=base / "serve.log")


def session_server() -> harness.OllamaServer:
    global _server
    if _server is None or not _server.running:
        _server = new_server("session").start()
    return _server


def stop_session_server() -> None:
    global _server
    if _server is not None:
        _server.stop()
        _server = None
