#!/usr/bin/env python3
"""Memory limits for a real Ollama under test: launchers for harness.OllamaServer.

- memory_cgroup(limit): a real limit. The server and the runners it starts live in a cgroup of their own;
  what goes over is killed by the kernel, as on a Pi whose memory runs out.
- memory_view(limit): only what Ollama believes. v0.24 checks a model against it before loading it; v0.34's
  llama-server never asks.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path


def memory_view(limit: int) -> list[str]:
    """A launcher for OllamaServer: Ollama *believes* its computer has `limit` bytes of memory, none used.

    Ollama reads a container's limit from /sys/fs/cgroup/memory.max and memory.current (discover/
    cpu_linux.go, v0.24 and v0.34 alike). In a mount namespace of its own the server gets a small tmpfs
    there holding those two files; nothing outside it changes, and nothing is really limited (see
    memory_cgroup for that). v0.24 checks a model against this before loading; v0.34's llama-server does
    not ask. Needs root, or user namespaces."""
    script = (
        "mount -t tmpfs piassist-memory-limit /sys/fs/cgroup && "
        'echo "$1" > /sys/fs/cgroup/memory.max && echo 0 > /sys/fs/cgroup/memory.current && '
        'shift && exec "$@"'
    )
    as_root = [] if os.geteuid() == 0 else ["--user", "--map-root-user"]
    namespace = ["unshare", *as_root, "--mount", "--propagation", "private"]
    return [*namespace, "sh", "-c", script, "limit", str(limit)]


@contextlib.contextmanager
def memory_cgroup(limit: int) -> Iterator[list[str]]:
    """A real memory limit: a cgroup of its own allowing `limit` bytes and no swap; yields a launcher for
    OllamaServer that puts the server (and the runners it starts) in it. What goes over is killed by the
    kernel, as on a Pi whose memory runs out. cgroup v2 (unified) or v1's memory controller; needs root.
    Stop the server before leaving the block: the cgroup is removed then."""
    root = Path("/sys/fs/cgroup")
    name = f"piassist-test-{os.getpid()}-{time.monotonic_ns()}"
    controllers = root / "cgroup.controllers"
    if controllers.exists() and "memory" in controllers.read_text().split():
        group = root / name
        group.mkdir()
        settings = {"memory.max": str(limit), "memory.swap.max": "0"}
    else:
        group = root / "memory" / name
        group.mkdir()
        settings = {"memory.limit_in_bytes": str(limit), "memory.swappiness": "0"}
    try:
        for file, value in settings.items():
            with contextlib.suppress(FileNotFoundError):  # no swap accounting: nothing to switch off
                (group / file).write_text(value)
        yield ["sh", "-c", f'echo $$ > {group}/cgroup.procs && exec "$@"', "memory-cgroup"]
    finally:
        deadline = time.monotonic() + 15
        while (group / "cgroup.procs").read_text().strip() and time.monotonic() < deadline:
            time.sleep(0.1)  # the server's last runner is still ending
        group.rmdir()
