"""nginx (Debian's) run by a test on a free loopback port, in a folder of its own, as the current user.

nginx runs in the foreground as a child of this process (`daemon off`), with its config, pid file, logs
and temp folders in its directory (as root, its workers stay root: they must read the private temp
folder); it ends when the process that started it dies (PR_SET_PDEATHSIG). Subclasses give the `http`
block's servers (`server_config`); requests are logged as JSON lines in access.log (`access_log`).
"""

from __future__ import annotations

import contextlib
import grp
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Self

from scripts import harness

NGINX = Path(os.environ.get("PIASSIST_NGINX") or shutil.which("nginx") or "/usr/sbin/nginx")

_CONFIG = """\
{user}
worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log info;
events {{ worker_connections 256; }}
http {{
    access_log off;
    types {{ }}
    default_type application/octet-stream;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
{servers}
}}
"""


class NginxServer:
    def __init__(
        self, workdir: Path | None = None, *, port: int | None = None, prefix: str = "nginx"
    ) -> None:
        self.dir = Path(workdir or tempfile.mkdtemp(prefix=f"piassist-{prefix}-"))
        self.port = port or harness.free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def server_config(self) -> str:
        """The `server { … }` blocks (and their log_format lines) inside `http`."""
        raise NotImplementedError

    def access_log_lines(self) -> list[dict[str, Any]]:
        path = self.dir / "access.log"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, timeout: float = 15.0) -> Self:
        if self.running:
            return self
        config = self._write_config()
        with (self.dir / "nginx.out").open("ab") as out:  # nginx keeps its own copy of the descriptor
            self.process = subprocess.Popen(
                [str(NGINX), "-p", str(self.dir), "-c", str(config), "-e", str(self.dir / "error.log")],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=out,
                start_new_session=True,
                preexec_fn=harness._die_with_parent if sys.platform.startswith("linux") else None,  # noqa: PLW1509
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                said = (self.dir / "nginx.out").read_text(errors="replace")
                self.process = None
                raise RuntimeError(f"nginx exited at start: {said.strip()[-2000:]}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return self
            time.sleep(0.02)
        self.kill()
        raise RuntimeError(f"nginx did not listen on {self.host} within {timeout:.0f} s")

    def stop(self) -> None:
        """Fast shutdown (SIGTERM): open connections are closed at once, as when a network goes away."""
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)

    def close(self) -> None:
        """Stop nginx and remove its directory."""
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _signal(self, sig: int) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)  # the master and its worker
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)
        # a worker may outlive its master by a moment; the port must be free before a restart
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process = None

    def _write_config(self) -> Path:
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.dir / "tmp" / sub).mkdir(parents=True, exist_ok=True)
        user = ""
        if os.geteuid() == 0:
            # as root nginx would switch its workers to "nobody", who cannot read our private folder
            user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"
        config = self.dir / "nginx.conf"
        config.write_text(_CONFIG.format(user=user, dir=self.dir, servers=self.server_config()))
        return config

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
