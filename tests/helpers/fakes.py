"""Fakes for service and UI tests, each declaring the Protocol it stands for, so that mypy holds it to the
real interface: FakeBackend (core.ollama.backend.Backend) made by FakeServer.factory (services.connection.
BackendFactory), FakeProcess (services.connection.ServerProcess), FakeFit (services.pull_planner.FitFigures),
FakeKeyring (keyring's KeyringBackend); and builders of models, answers and pull events."""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import AsyncGenerator, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError

from piassist.core.chat_types import ChatChunk, ChatMessage, ChatOptions, GenerationStats, ModelDetails
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.get_models.fit_check import MachineFigures
from piassist.core.get_models.model_names import ModelName
from piassist.core.get_models.pull_progress import PullEvent
from piassist.core.models import LoadedModel, ModelInfo
from piassist.core.ollama.backend import Backend
from piassist.services.connection import BackendFactory, ServerProcess
from piassist.services.pull_planner import FitFigures

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
# What Ollama v0.32+ (llm/llama_server.go) answers with HTTP 400 for a prompt longer than the context.
CONTEXT_OVERFLOW_TEXT = (
    "the prompt is longer than the context length currently available to the model; shorten the prompt, "
    "adjust the context length in settings, or use a model with a longer context length"
)


def model(name: str, size: int = 100_000_000, days_old: int = 1, family: str = "llama") -> ModelInfo:
    return ModelInfo(
        name=name,
        size=size,
        family=family,
        parameters="135M",
        quantization="Q4_0",
        modified=NOW - timedelta(days=days_old),
        digest=hashlib.sha256(name.encode()).hexdigest(),  # its own manifest, so no two share files
    )


def answer(pieces: Iterable[str], thinking: Iterable[str] = (), done_reason: str = "stop") -> list[ChatChunk]:
    """A scripted answer: thinking pieces, then content pieces, then the final chunk with stats."""
    chunks = [ChatChunk(thinking=t) for t in thinking] + [ChatChunk(content=p) for p in pieces]
    stats = GenerationStats(
        eval_count=len(chunks),
        eval_duration_ns=len(chunks) * 50_000_000,  # 20 tokens/s
        prompt_eval_count=12,
        prompt_eval_duration_ns=100_000_000,
        load_duration_ns=5_000_000,
        total_duration_ns=len(chunks) * 50_000_000 + 105_000_000,
        done_reason=done_reason,
    )
    return [*chunks, ChatChunk(done=True, stats=stats)]


def pull_script(
    sizes: Sequence[int] = (90_000_000, 120, 400),
    steps: int = 4,
    already: int = 0,
    *,
    last_tick: float = 1.0,
    silent_below: int = 0,
) -> list[PullEvent]:
    """A scripted pull as Ollama streams it: the manifest, each layer in `steps` ticks (the first layer
    starting from `already` bytes, as a resumed pull does), verifying, writing, success.

    As v0.30+ does (a layer ends at once, between two 60 ms ticks): `last_tick` < 1 makes each layer's last
    event report only that share of it, and layers smaller than `silent_below` bytes send no event."""
    events = [PullEvent("pulling manifest")]
    for i, size in enumerate(sizes):
        if size < silent_below:
            continue
        digest = f"sha256:{i:064x}"
        start = min(already, size) if i == 0 else 0
        for step in range(1, steps + 1):
            done = start + int((size - start) * last_tick) * step // steps
            events.append(PullEvent(f"pulling {digest[7:19]}", digest, size, done))
    ending = ("verifying sha256 digest", "writing manifest", "success")
    return [*events, *(PullEvent(status) for status in ending)]


# The templates and metadata the real test models report (scripts/harness.py): SmolLM2-135M-Instruct's own
# chat template and fine-tune name; the base Gemma 3 270M given a chat template but no fine-tune.
_CHATML_TURN = "<|im_start|>{{ .Role }}\n{{ .Content }}<|im_end|>\n"
CHATML = "{{- range .Messages }}" + _CHATML_TURN + "{{ end }}<|im_start|>assistant\n"
GEMMA = (
    "{{- range .Messages }}<start_of_turn>{{ .Role }}\n{{ .Content }}<end_of_turn>\n{{ end }}"
    "<start_of_turn>model\n"
)
FINETUNES = {"smollm2:135m": "8k-lc100k-mix1-ep2"}


def details(name: str, *capabilities: str, context_length: int = 8192) -> ModelDetails:
    return ModelDetails(
        name=name,
        capabilities=capabilities or ("completion",),
        context_length=context_length,
        parameters='stop "<|im_end|>"',
        template=GEMMA if name.startswith("gemma") else CHATML,
        family="llama",
        parameter_size="135M",
        quantization="Q4_0",
        finetune=FINETUNES.get(name, ""),
    )


@dataclass(frozen=True)
class ChatRequest:
    """What a chat() call asked for, as the fake recorded it."""

    model: str
    messages: tuple[ChatMessage, ...]
    options: ChatOptions | None
    think: bool | str | None


class FakeServer:
    """State shared by every backend the factory hands out: what the 'server' answers now."""

    def __init__(self) -> None:
        self.version = "0.24.0"
        self.cloud: bool | None = False  # /api/status: cloud models off (None: a server without it)
        self.models: list[ModelInfo] = [model("smollm2:135m"), model("gemma3:270m", 253_000_000, 3, "gemma3")]
        self.loaded: list[LoadedModel] = []
        self.error: BackendError | None = None  # every call raises this while set
        self.list_error: BackendError | None = None  # only the model lists fail
        self.list_hold: asyncio.Event | None = None  # while set, the installed list waits for it
        self.calls: list[str] = []
        self.hosts: list[str] = []
        self.tokens: list[str | None] = []  # the token each backend was made with
        self.required_token: str | None = None  # a proxy in front: every call without it gets 401
        # chat(): the chunks every answer streams, and an optional failure after the first N of them
        self.chat_script: list[ChatChunk] = answer(["Hello", ", ", "world", "!"])
        # Or an answer of its own for each request (e.g. by the question's language); None: chat_script.
        self.chat_for: Callable[[ChatRequest], list[ChatChunk]] | None = None
        self.chat_error: BackendError | None = None
        self.chat_error_after = 0
        # hold_after=N: the answer waits after N chunks until release_chat(), so a test can press Stop
        self.hold_after: int | None = None
        self.chat_release = asyncio.Event()  # set by release_chat()
        self.chat_requests: list[ChatRequest] = []
        # As the newest Ollama does with a prompt longer than the model's context: a request whose
        # messages hold more characters than this is refused with HTTP 400 before any answer.
        self.context_chars: int | None = None
        self.chats_finished = 0  # answers streamed to their final chunk
        self.chats_stopped = 0  # answers the consumer closed or cancelled before their end
        # pull(): the events every pull streams, an optional failure after the first N of them, and a hold
        # (pull_hold_after=N waits after N events until release_pull()) so a test can cancel mid-pull
        self.pull_script: list[PullEvent] = pull_script()
        self.pull_error: BackendError | None = None
        self.pull_error_after = 0
        self.pull_hold_after: int | None = None
        self.pull_release = asyncio.Event()  # set by release_pull()
        self.pull_requests: list[tuple[str, bool]] = []  # (name, insecure)
        self.pulls_finished = 0
        self.pulls_stopped = 0
        self.deleted: list[str] = []
        self.delete_error: BackendError | None = None  # delete() raises this while set
        self.unload_error: BackendError | None = None  # unload() raises this while set
        self.details: dict[str, ModelDetails] = {
            "smollm2:135m": details("smollm2:135m"),
            "gemma3:270m": details("gemma3:270m", context_length=32768),
        }

    def go_down(self) -> None:
        self.error = BackendError(ErrorKind.REFUSED, "connection refused")

    def come_back(self) -> None:
        self.error = None

    def release_chat(self) -> None:
        self.chat_release.set()

    def release_pull(self) -> None:
        self.pull_release.set()

    def installed(self, name: str) -> bool:
        return any(m.name == name for m in self.models)

    async def factory(self, host_url: str, token: str | None = None) -> FakeBackend:
        self.hosts.append(host_url)
        self.tokens.append(token)
        return FakeBackend(self, host_url, token)


class FakeBackend(Backend):
    def __init__(self, server: FakeServer, host_url: str, token: str | None = None) -> None:
        self._server = server
        self._host_url = host_url
        self._token = token
        self.closed = False

    @property
    def host_url(self) -> str:
        return self._host_url

    def _answer(self, call: str, *, listing: bool = False) -> None:
        self._server.calls.append(call)
        if self._server.required_token is not None and self._token != self._server.required_token:
            raise BackendError(ErrorKind.UNAUTHORIZED, "401 Authorization Required", 401)
        if self._server.error is not None:
            raise self._server.error
        if listing and self._server.list_error is not None:
            raise self._server.list_error

    async def version(self) -> str:
        self._answer("version")
        return self._server.version

    async def installed_models(self) -> list[ModelInfo]:
        self._answer("tags", listing=True)
        if self._server.list_hold is not None:
            await self._server.list_hold.wait()
        return list(self._server.models)

    async def loaded_models(self) -> list[LoadedModel]:
        self._answer("ps", listing=True)
        return list(self._server.loaded)

    async def cloud_enabled(self) -> bool | None:
        self._answer("status")
        return self._server.cloud

    async def chat(
        self,
        model: str,
        messages: Sequence[ChatMessage],
        options: ChatOptions | None = None,
        think: bool | str | None = None,
    ) -> AsyncGenerator[ChatChunk, None]:
        server = self._server
        self._answer("chat")
        request = ChatRequest(model, tuple(messages), options, think)
        server.chat_requests.append(request)
        if not server.installed(model):
            raise _model_not_found(model)
        if server.context_chars is not None and sum(len(m.content) for m in messages) > server.context_chars:
            raise BackendError(ErrorKind.CONTEXT_OVERFLOW, CONTEXT_OVERFLOW_TEXT, 400)
        sent = 0
        script = server.chat_for(request) if server.chat_for is not None else server.chat_script
        try:
            for chunk in script:
                if server.chat_error is not None and sent == server.chat_error_after:
                    raise server.chat_error
                if server.hold_after is not None and sent == server.hold_after:
                    await server.chat_release.wait()
                await asyncio.sleep(0)  # one chunk per loop turn, as from a socket
                yield chunk
                sent += 1
            if server.chat_error is not None and sent == server.chat_error_after:
                raise server.chat_error
        except (GeneratorExit, asyncio.CancelledError):
            server.chats_stopped += 1
            raise
        server.chats_finished += 1

    async def show(self, model: str) -> ModelDetails:
        self._answer("show")
        found = self._server.details.get(model)
        if found is None or not self._server.installed(model):
            raise _model_not_found(model)
        return found

    async def unload(self, model: str) -> None:
        self._answer("unload")
        if self._server.unload_error is not None:
            raise self._server.unload_error
        if not self._server.installed(model):
            raise _model_not_found(model)
        self._server.loaded = [m for m in self._server.loaded if m.name != model]

    async def pull(self, name: str, *, insecure: bool = False) -> AsyncGenerator[PullEvent, None]:
        """Streams server.pull_script; at its "success" the model is listed as installed."""
        server = self._server
        self._answer("pull")
        server.pull_requests.append((name, insecure))
        sent = 0
        try:
            for event in server.pull_script:
                if server.pull_error is not None and sent == server.pull_error_after:
                    raise server.pull_error
                if server.pull_hold_after is not None and sent == server.pull_hold_after:
                    await server.pull_release.wait()
                await asyncio.sleep(0)
                if event.status == "success" and not server.installed(name):
                    size = sum({e.digest: e.total for e in server.pull_script if e.digest}.values())
                    server.models.append(model(name, size))
                yield event
                sent += 1
            if server.pull_error is not None and sent == server.pull_error_after:
                raise server.pull_error
        except (GeneratorExit, asyncio.CancelledError):
            server.pulls_stopped += 1
            raise
        server.pulls_finished += 1

    async def delete(self, name: str) -> None:
        self._answer("delete")
        if self._server.delete_error is not None:
            raise self._server.delete_error
        if not self._server.installed(name):
            raise _model_not_found(name)
        self._server.models = [m for m in self._server.models if m.name != name]
        self._server.loaded = [m for m in self._server.loaded if m.name != name]
        self._server.deleted.append(name)

    async def aclose(self) -> None:
        self.closed = True


def _factory_of(server: FakeServer) -> BackendFactory:
    """Never called: mypy checks here that FakeServer.factory is a BackendFactory."""
    return server.factory


def _model_not_found(model: str) -> BackendError:
    return BackendError(ErrorKind.MODEL_NOT_FOUND, f"model '{model}' not found", 404)


class FakeKeyring(KeyringBackend):
    """A keyring in memory that can hold every call (a locked keyring prompting) or fail them all."""

    priority = 1

    def __init__(self, *, hold: threading.Event | None = None, fail: bool = False) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.secrets: dict[tuple[str, str], str] = {}
        self.threads: set[str] = set()
        self.reads = 0
        self._hold = hold
        self.fail = fail  # every call raises KeyringLocked while set

    def _enter(self) -> None:
        self.threads.add(threading.current_thread().name)
        if self._hold is not None:
            self._hold.wait(5)
        if self.fail:
            raise KeyringLocked("the collection is locked")

    def get_password(self, service: str, username: str) -> str | None:
        self._enter()
        self.reads += 1
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._enter()
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._enter()
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


class FakeProcess(ServerProcess):
    """What start_server returns instead of a real `ollama serve`: running (code None) or exited with code."""

    def __init__(self, code: int | None = None) -> None:
        self.pid = 4242
        self.returncode = code
        self.killed = False

    def poll(self) -> int | None:
        return self.returncode

    def kill(self) -> None:
        self.killed = True
        self.returncode = -9

    def wait(self, timeout: float | None = None) -> int:
        return self.returncode if self.returncode is not None else 0


GB = 1_000_000_000
# A Pi 4 with 4 GB: 3 GB free now, 100 MB of swap, 20 GB free on the SD card.
PI4 = MachineFigures(ram_total=4 * GB, ram_available=3 * GB, swap_total=100_000_000, disk_free=20 * GB)


class FakeFit(FitFigures):
    """This computer's figures and the registry's sizes, as a test says."""

    def __init__(self, machine: MachineFigures | None = PI4) -> None:
        self.machine_figures = machine
        self.sizes: dict[str, int] = {}
        self.error: BackendError | None = None
        self.asked: list[tuple[str, bool]] = []

    async def machine(self) -> MachineFigures | None:
        return self.machine_figures

    async def download_size(self, name: ModelName, *, insecure: bool) -> int:
        self.asked.append((str(name), insecure))
        if self.error is not None:
            raise self.error
        return self.sizes.get(str(name), 400_000_000)
