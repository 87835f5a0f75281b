#!/usr/bin/env python3
"""A gateway on loopback that lets requests through to an Ollama server only with a bearer token.

What a Pi owner puts in front of a bigger machine's Ollama on the LAN: nginx answers 401 to any request
whose Authorization header is not exactly "Bearer TOKEN" and passes the others on unbuffered, so
streamed answers and pulls arrive as the server writes them. Every request is logged as a JSON line with
its status and whether the right token came (`authorized`), never the header itself.

CLI: token_gateway.py --upstream 127.0.0.1:11434 --token SECRET [--port N]: serve until interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from scripts.nginx_server import NginxServer

_SERVER = """\
    log_format gateway escape=json
        '{{"time":$msec,"method":"$request_method","uri":"$uri","status":$status,'
        '"body_bytes":$body_bytes_sent,"authorized":"$authorized"}}';
    map $http_authorization $authorized {{
        "Bearer {token}" "yes";
        default "no";
    }}
    server {{
        listen 127.0.0.1:{port};
        access_log {dir}/access.log gateway;
        location / {{
            if ($authorized = "no") {{ return 401; }}
            proxy_pass http://{upstream};
            proxy_http_version 1.1;
            proxy_buffering off;
            proxy_request_buffering off;
            proxy_read_timeout 600s;
            proxy_send_timeout 600s;
        }}
    }}
"""


class TokenGateway(NginxServer):
    def __init__(self, upstream: str, token: str, workdir: Path | None = None, *, port: int | None = None):
        if any(c in token for c in '"\\$;{} \n'):
            raise ValueError("the test token must be plain (it goes into nginx's config as is)")
        super().__init__(workdir, port=port, prefix="gateway")
        self.upstream = upstream
        self.token = token

    def server_config(self) -> str:
        return _SERVER.format(port=self.port, dir=self.dir, token=self.token, upstream=self.upstream)

    def requests(self, *, authorized: bool | None = None) -> list[dict[str, object]]:
        """The logged requests (all, or only those with / without the right token)."""
        lines = self.access_log_lines()
        if authorized is None:
            return lines
        return [line for line in lines if (line["authorized"] == "yes") is authorized]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--upstream", required=True, help="the Ollama server, HOST:PORT")
    parser.add_argument("--token", required=True)
    parser.add_argument("--port", type=int, default=None)
    args = parser.parse_args()
    with TokenGateway(args.upstream, args.token, port=args.port) as gateway:
        print(f"Ollama at {args.upstream} behind http://{gateway.host} (bearer token required)")
        with contextlib.suppress(KeyboardInterrupt):
            assert gateway.process is not None
            gateway.process.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
