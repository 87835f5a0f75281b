"""PiAssist as a person runs it in a desktop session: the installed `piassist` command, its own home
folder (PIASSIST_HOME), what it printed, and what it left in its history database."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.session.desktop import DesktopSession, installed_piassist, wait_for


@dataclass(frozen=True)
class StoredAnswer:
    role: str
    state: str
    length: int


class PiAssistRun:
    def __init__(self, session: DesktopSession, home: Path, *, settings: str = "") -> None:
        self.session = session
        self.home = home
        (home / "config").mkdir(parents=True, exist_ok=True)
        if settings:
            (home / "config" / "piassist.ini").write_text(settings)
        self.process: subprocess.Popen[bytes] | None = None
        self._logs = home / "output"
        self._logs.mkdir(exist_ok=True)

    def env(self) -> dict[str, str]:
        env = self.session.env()
        # Secrets (the kiosk's PIN) in the app's own file keyring, never the tester's.
        env.update(PIASSIST_HOME=str(self.home), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
        return env

    def start(self, *args: str, argv: Sequence[str] | None = None) -> subprocess.Popen[bytes]:
        """`piassist ARGS` (or another command, such as the kiosk loop), as the session starts it."""
        command = list(argv) if argv is not None else [str(installed_piassist()), *args]
        self.process = self.session.start(command, self.env(), self._logs)
        return self.process

    def set_admin_pin(self, pin: str) -> None:
        subprocess.run(
            [str(installed_piassist()), "--set-admin-pin"],
            input=f"{pin}\n{pin}\n".encode(),
            env=self.env(),
            check=True,
            capture_output=True,
            timeout=60,
        )

    def wait_exit(self, timeout: float = 60) -> int:
        assert self.process is not None
        return self.process.wait(timeout=timeout)

    @property
    def stderr(self) -> str:
        return (self._logs / "stderr").read_text(errors="replace")

    @property
    def stdout(self) -> str:
        return (self._logs / "stdout").read_text(errors="replace")

    @property
    def log(self) -> str:
        """PiAssist's own log file."""
        path = self.home / "data" / "piassist.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def wait_connected(self, timeout: float = 60) -> None:
        wait_for(lambda: "connected to Ollama" in self.log, timeout, "PiAssist connected to Ollama")

    def wait_models(self, count: int, timeout: float = 60) -> None:
        """The model list shows `count` models (needs `--bench-events`, whose milestones go to stdout)."""
        wait_for(
            lambda: any(line.startswith(f"models {count} ") for line in self.stdout.splitlines()),
            timeout,
            f"{count} models listed",
        )

    # -- the history, read as another program would -----------------------------------------------------
    def answers(self) -> list[StoredAnswer]:
        path = self.home / "data" / "history.sqlite3"
        if not path.exists():
            return []
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
                rows = db.execute("SELECT role, state, length(content) FROM messages ORDER BY id").fetchall()
        except sqlite3.OperationalError:  # the schema is being made
            return []
        return [StoredAnswer(*row) for row in rows]

    def streaming(self) -> bool:
        """An answer is being written, and some of it is saved already."""
        return any(a.role == "assistant" and a.state == "streaming" and a.length > 0 for a in self.answers())
