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

How nginx is run (a child of this process, in a folder of its own): scripts/nginx_server.py.

CLI: registry.py serve [--rate BYTES_PER_S]: serve the demo model until interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts import harness
from scripts.nginx_server import NginxServer

NAMESPACE = "library"
REPOSITORY = "demo"
TAG = "latest"
MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json"

_SERVER = """\
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


class LoopbackRegistry(NginxServer):
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
        super().__init__(workdir, port=port, prefix="registry")
        self.root = self.dir / "root"
        self.limit_rate = limit_rate
        self.manifest = _publish(store or harness.prepared_store(), model, self.root)

    # -- what the registry serves -------------------------------------------------------------------
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
        return [
            AccessEntry(
                time=float(data["time"]),
                method=data["method"],
                uri=data["uri"],
                status=int(data["status"]),
                body_bytes=int(data["body_bytes"]),
                range=data["range"],
            )
            for data in self.access_log_lines()
        ]

    def blob_bytes_served(self, since: int = 0) -> int:
        """Body bytes of blob data served by the requests logged after the first `since` entries."""
        return sum(e.body_bytes for e in self.access_log()[since:] if e.is_blob_data)

    # -- the server ---------------------------------------------------------------------------------
    def restart(self, limit_rate: int | None = None) -> LoopbackRegistry:
        """Stop, then start on the same port (with a new rate when given)."""
        self.stop()
        if limit_rate is not None:
            self.limit_rate = limit_rate
        return self.start()

    def server_config(self) -> str:
        return _SERVER.format(
            dir=self.dir,
            root=self.root,
            port=self.port,
            rate=self.limit_rate,
            namespace=NAMESPACE,
            repository=REPOSITORY,
            manifest_type=MANIFEST_TYPE,
        )


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
