#!/usr/bin/env python3
"""A model registry on loopback for pull tests: nginx (Debian) serving a copy of one cached model.

Ollama v0.24.0 pulls `HOST/NAMESPACE/MODEL:TAG` like this (server/images.go PullModel, server/download.go):
GET /v2/NAMESPACE/MODEL/manifests/TAG, then for each blob a HEAD and a GET of /v2/NAMESPACE/MODEL/blobs/DIGEST
that must answer 307 with a Location on *another host name* (it stops following redirects at the first
host change, as for a CDN), and then byte ranges (206) from that location. So this registry answers on
127.0.0.1:PORT, redirects blobs to localhost:PORT/direct/DIGEST, and serves the files from there:

    ROOT/v2/library/demo/manifests/latest          the model's manifest (from the store's manifests/)
    ROOT/v2/library/demo/blobs/sha256:HEX          the blobs it names (hard links into the store)

Pull `registry.model_name` (127.0.0.1:PORT/library/demo:latest) with insecure=True. `limit_rate` (bytes/s
per connection; Ollama fetches a blob under 100 MB over one connection) slows a pull down so that it can
be watched, cancelled and cut. Every request is logged as a JSON line with the body bytes nginx sent, so a
test can tell how much of the model a pull really fetched.

nginx runs in the foreground as a child of this process (`daemon off`), with its config, pid file, logs
and temp folders in a directory of its own, as the current user (as root, its workers stay root: they must
read the private temp folder); it ends when the process that started it dies (PR_SET_PDEATHSIG).

CLI: registry.py serve [--rate BYTES_PER_S]: serve the demo model until interrupted.
"""

from __future__ import annotations

import argparse
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import harness

NGINX = Path(os.environ.get("PIASSIST_NGINX") or shutil.which("nginx") or "/usr/sbin/nginx")
NAMESPACE = "library"
REPOSITORY = "demo"
TAG = "latest"
MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json"

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
    log_format registry escape=json
        '{{"time":$msec,"method":"$request_method","uri":"$uri","status":$status,'
        '"body_bytes":$body_bytes_sent,"range":"$http_range"}}';
    server {{
        listen 127.0.0.1:{port};
        server_name 127.0.0.1 localhost;
        root {root};
        access_log {dir}/access.log registry;
        location ~ /manifests/ {{ default_type {manifest_type}; }}
        location ~ ^/v2/{namespace}/{repository}/blobs/(sha256:[0-9a-f]+)$ {{
            return 307 http://localhost:{port}/direct/$1;
        }}
        location /direct/ {{
            alias {root}/v2/{namespace}/{repository}/blobs/;
            limit_rate {rate};
        }}
    }}
}}
"""


@dataclass(frozen=True)
class AccessEntry:
    """One request as nginx logged it, when it ended (or the client went away: status 499)."""

    time: float
    method: str
    uri: str
    status: int
    body_bytes: int
    range: str

    @property
    def is_blob_data(self) -> bool:
        return self.uri.startswith("/direct/")


class LoopbackRegistry:
    """nginx on a free loopback port serving one model from the harness's prepared store."""

    def __init__(
        self,
        workdir: Path | None = None,
        *,
        model: str = harness.DEMO_MODEL,
        store: Path | None = None,
        limit_rate: int = 0,
        port: int | None = None,
    ) -> None:
        self.dir = Path(workdir or tempfile.mkdtemp(prefix="piassist-registry-"))
        self.root = self.dir / "root"
        self.port = port or harness.free_port()
        self.limit_rate = limit_rate
        self.process: subprocess.Popen[bytes] | None = None
        self.manifest = _publish(store or harness.prepared_store(), model, self.root)

    # -- what the registry serves -------------------------------------------------------------------
    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def model_name(self) -> str:
        """The name to pull (with insecure=True)."""
        return f"{self.host}/{NAMESPACE}/{REPOSITORY}:{TAG}"

    @property
    def manifest_url(self) -> str:
        return f"http://{self.host}/v2/{NAMESPACE}/{REPOSITORY}/manifests/{TAG}"

    @property
    def layer_sizes(self) -> dict[str, int]:
        """Every blob a pull fetches (the layers and the config) and its size in bytes."""
        blobs = [*self.manifest["layers"], self.manifest["config"]]
        return {b["digest"]: int(b["size"]) for b in blobs}

    @property
    def model_size(self) -> int:
        return sum(self.layer_sizes.values())

    # -- the access log -----------------------------------------------------------------------------
    def access_log(self) -> list[AccessEntry]:
        path = self.dir / "access.log"
        if not path.exists():
            return []
        entries = []
        for line in path.read_text().splitlines():
            if line.strip():
                data = json.loads(line)
                entries.append(
                    AccessEntry(
                        time=float(data["time"]),
                        method=data["method"],
                        uri=data["uri"],
                        status=int(data["status"]),
                        body_bytes=int(data["body_bytes"]),
                        range=data["range"],
                    )
                )
        return entries

    def blob_bytes_served(self, since: int = 0) -> int:
        """Body bytes of blob data served by the requests logged after the first `since` entries."""
        return sum(e.body_bytes for e in self.access_log()[since:] if e.is_blob_data)

    # -- the server ---------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, timeout: float = 15.0) -> LoopbackRegistry:
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
                out = (self.dir / "nginx.out").read_text(errors="replace")
                self.process = None
                raise RuntimeError(f"nginx exited at start: {out.strip()[-2000:]}")
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

    def restart(self, limit_rate: int | None = None) -> LoopbackRegistry:
        """Stop, then start on the same port (with a new rate when given)."""
        self.stop()
        if limit_rate is not None:
            self.limit_rate = limit_rate
        return self.start()

    def close(self) -> None:
        """Stop nginx and remove the directory (the blobs there are links: the store keeps its files)."""
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
        config.write_text(
            _CONFIG.format(
                user=user,
                dir=self.dir,
                root=self.root,
                port=self.port,
                rate=self.limit_rate,
                namespace=NAMESPACE,
                repository=REPOSITORY,
                manifest_type=MANIFEST_TYPE,
            )
        )
        return config

    def __enter__(self) -> LoopbackRegistry:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def _publish(store: Path, model: str, root: Path) -> dict[str, Any]:
    """Lay out the model's manifest and blobs under ROOT/v2/library/demo/ as a registry serves them."""
    name, _, tag = model.partition(":")
    source = store / "manifests" / "registry.ollama.ai" / "library" / name / (tag or "latest")
    manifest = json.loads(source.read_text())
    for blob in [*manifest["layers"], manifest["config"]]:
        blob.pop("from", None)  # Ollama's local note of where a layer came from; registries have none
    base = root / "v2" / NAMESPACE / REPOSITORY
    (base / "manifests").mkdir(parents=True, exist_ok=True)
    (base / "blobs").mkdir(parents=True, exist_ok=True)
    (base / "manifests" / TAG).write_text(json.dumps(manifest, separators=(",", ":")))
    for blob in [*manifest["layers"], manifest["config"]]:
        digest = blob["digest"]
        src = store / "blobs" / digest.replace(":", "-")
        dest = base / "blobs" / digest
        if not dest.exists():
            try:
                os.link(src, dest)
            except OSError:
                shutil.copyfile(src, dest)
    return dict(manifest)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the demo model until interrupted")
    serve.add_argument("--rate", type=int, default=0, help="bytes per second per connection (0: no limit)")
    serve.add_argument("--port", type=int, default=None)
    args = parser.parse_args()
    with LoopbackRegistry(limit_rate=args.rate, port=args.port) as registry:
        print(f"pull {registry.model_name} with insecure=True; access log {registry.dir / 'access.log'}")
        with contextlib.suppress(KeyboardInterrupt):
            assert registry.process is not None
            registry.process.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
