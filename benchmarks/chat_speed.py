#!/usr/bin/env python3
"""Chat speed against the real Ollama: what streaming into PiAssist costs the model, in paired runs.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python -m benchmarks.chat_speed [--pairs 10]

One question (benchmark prompt "table-compare", English) goes to harness.DEMO_MODEL on the pinned Ollama
PIASSIST_OLLAMA_VERSION names (floor by default, or newest; make bench runs both), through
scripts/stream_proxy.py, which records each request and times each piece of each answer as it comes from
the server and as it is handed on. It is asked by

- app: a real PiAssist window (chat page shown: markdown, gauge, history) asked through the chat page,
  with temperature 0, seed 1, num_predict 600 and keep_alive 30m chosen (num_ctx is not: the app sends
  none unless the person chooses one), or
- bare: a small ollama-python script that sends **the request the app sent**, as the proxy recorded it,
  with AsyncClient().chat(stream=True), discarding the text,

each in a process of its own, in pairs whose order alternates (app, bare; bare, app; …). In each run's
window the CPU of every other process on the machine (all busy CPU time less the client's, the server's
and this script's) is measured; a pair where either window had more than --noise cores of it (0.3 by
default; this machine has psutil.cpu_count() of them) is discarded as noisy, and more pairs are run, up
to 3 × --pairs in all. From the kept pairs:

1. throughput: the median of the paired ratios of eval rate (eval_count / eval_duration of the final
   piece, the server's own figure), app / bare, with the interquartile range and a 95 % bootstrap
   interval of the median; goal: median >= 0.97 and the interval's lower end >= 0.95;
2. CPU per answer: the client process's own CPU seconds (user + sys) from just before sending to the
   final piece, paired ratio app / bare the same way; goal: median <= 2.5;
3. final-piece lag: from the proxy handing the final piece on to the client having it (the app: the
   answer finished on the page, saved; the bare script: the final part read), for every run, kept or
   not; goal: none over 0.2 s;
4. what a streamed answer does in the app: updates of the transcript per second, network reads per
   piece, and requests other than the chat reaching the server while it writes;
5. loop lag: a 10 ms precise QTimer's lateness while the app streams, p99 over 2 more app runs of 200
   tokens (goal <= 50 ms); the probe costs CPU, so it is off in the pairs.

Prints the figures as ratios against the goals and exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
from scripts import harness  # noqa: E402
from scripts.stream_proxy import StreamProxy  # noqa: E402

PY = sys.executable
# This benchmark again, as a child process run from ROOT (where scripts/ is a package).
SELF = [PY, "-m", "benchmarks.chat_speed"]
PROMPT_ID = "table-compare"  # the demo model writes 600 tokens of it at temperature 0
SEED, TEMPERATURE, KEEP_ALIVE = 1, 0.0, "30m"
TOKENS, LAG_TOKENS = 600, 200
TICK_MS = 10
GOAL_RATIO, GOAL_RATIO_LOW, GOAL_CPU, GOAL_FINAL_LAG, GOAL_LOOP_LAG = 0.97, 0.95, 2.5, 0.2, 50.0
BOOTSTRAP = 4000

Result = dict[str, Any]

BARE = """
import asyncio, json, sys, time
import ollama

async def main() -> None:
    body = json.loads(sys.argv[1])
    client = ollama.AsyncClient(host=sys.argv[2])
    fields = {k: body[k] for k in ("options", "keep_alive", "think", "format") if k in body}
    t0 = time.process_time()
    final = None
    answer = await client.chat(model=body["model"], messages=body["messages"], stream=True, **fields)
    async for part in answer:
        if part.done:
            final = part
            got = time.monotonic()
    cpu = time.process_time() - t0
    print(json.dumps({"eval_count": final.eval_count, "eval_duration_ns": final.eval_duration, "cpu": cpu,
                      "final_at": got}))

asyncio.run(main())
"""


def prompt_text() -> str:
    prompts = json.loads((ROOT / "benchmarks" / "prompts.json").read_text())
    return str(next(p["text"] for p in prompts["en"] if p["id"] == PROMPT_ID))


# -- the app role (runs in its own process) --------------------------------------------------------
def seed_app_requests() -> None:
    """The app has no seed setting: add it to the chat request options so both sides send the same."""
    import dataclasses

    from piassist.core.chat_types import ChatOptions
    from piassist.services.chat_session import ChatService

    plain_options = ChatService._options

    def seeded(self: ChatService) -> ChatOptions:
        return dataclasses.replace(plain_options(self), seed=SEED)

    ChatService._options = seeded  # type: ignore[method-assign]


class LagProbe:
    """A precise QTimer every TICK_MS; records how late each tick is, in ms."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.lags: list[float] = []
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.lags.append(max(0.0, (now - self._last) * 1000 - TICK_MS))
        self._last = now


async def ask_in_app(host: str, tokens: int, home: Path, probe_lag: bool) -> Result:
    from PySide6.QtWidgets import QApplication

    from piassist.app import PiAssist
    from piassist.core.chat_types import GenerationStats
    from piassist.core.ollama.client import OllamaBackend
    from piassist.ui.window.menus import PAGE_CHAT

    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    app = PiAssist(qapp, settings_path=home / "piassist.ini", language="en", host=host, data_dir=home)
    app.settings.set_chat_defaults(
        {"temperature": TEMPERATURE, "keep_alive": KEEP_ALIVE, "num_predict": tokens}
    )
    window = app.window
    window.show_page(PAGE_CHAT)
    window.resize(1280, 720)
    window.show()
    app.start()
    chat = window.chat_page
    app.library.set_current_model(harness.DEMO_MODEL)
    deadline = time.monotonic() + 30
    while chat.current_model() != harness.DEMO_MODEL or app.chat.generating:
        if time.monotonic() > deadline:
            raise TimeoutError("the demo model never showed in the chat page")
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)  # let the first layouts and paints settle, the model's details come

    done: asyncio.Future[tuple[str, GenerationStats | None, float, float]] = asyncio.Future()

    def finished(_id: int, state: str, stats: GenerationStats | None) -> None:
        if not done.done():
            done.set_result((state, stats, time.process_time(), time.monotonic()))

    pieces = [0]
    app.chat.answer_finished.connect(finished)
    app.chat.pieces_streamed.connect(lambda n: pieces.__setitem__(0, pieces[0] + n))
    probe = LagProbe()
    chat.composer.setPlainText(prompt_text())
    if probe_lag:
        probe.start()
    flushes = chat.transcript.flush_count
    backend = app.connection.backend
    paced = backend.paced if isinstance(backend, OllamaBackend) else None
    reads = paced.reads if paced else 0
    started = time.monotonic()
    cpu_start = time.process_time()
    chat.send(chat.composer.toPlainText())
    state, stats, cpu_end, final_at = await asyncio.wait_for(done, 1200)
    probe.stop()
    paced = backend.paced if isinstance(backend, OllamaBackend) else None  # made at the first chat
    result: Result = {
        "state": state,
        "eval_count": stats.eval_count if stats else 0,
        "eval_duration_ns": stats.eval_duration_ns if stats else 0,
        "cpu": cpu_end - cpu_start,
        "final_at": final_at,
        "seconds": final_at - started,
        "flushes": chat.transcript.flush_count - flushes,
        "reads": (paced.reads - reads) if paced else -1,
        "pieces": pieces[0],
        "lags": [round(x, 2) for x in probe.lags],
    }
    await app.aclose()
    window.close()
    return result


def run_app(host: str, tokens: int, probe_lag: bool) -> Result:
    import qasync
    from PySide6.QtWidgets import QApplication

    seed_app_requests()
    home = Path(tempfile.mkdtemp(prefix="piassist-speed-"))
    os.environ["PIASSIST_HOME"] = str(home)
    qapp = QApplication(sys.argv[:1])
    out: Result = {}

    async def main() -> None:
        out.update(await ask_in_app(host, tokens, home, probe_lag))

    qasync.run(main())
    del qapp
    return out


# -- measuring a run's window ----------------------------------------------------------------------
def busy_seconds() -> float:
    t = psutil.cpu_times()
    return float(sum(t) - t.idle - getattr(t, "iowait", 0.0))


def tree_cpu(pid: int) -> float:
    total = 0.0
    try:
        root = psutil.Process(pid)
        for proc in [root, *root.children(recursive=True)]:
            try:
                t = proc.cpu_times()
                total += t.user + t.system
            except psutil.NoSuchProcess:
                pass
    except psutil.NoSuchProcess:
        pass
    return total


def own_cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


@dataclass
class Window:
    """One client run: its result, and the cores the machine's other processes used meanwhile."""

    result: Result
    others: float  # cores (CPU seconds per second)


def measured(args: list[str], env: dict[str, str], server_pid: int) -> Window:
    busy0, server0 = busy_seconds(), tree_cpu(server_pid)
    children0, self0, wall0 = (
        own_cpu(resource.RUSAGE_CHILDREN),
        own_cpu(resource.RUSAGE_SELF),
        time.monotonic(),
    )
    proc = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=1500, check=False)
    wall = time.monotonic() - wall0
    busy = busy_seconds() - busy0
    mine = (own_cpu(resource.RUSAGE_CHILDREN) - children0) + (own_cpu(resource.RUSAGE_SELF) - self0)
    server = tree_cpu(server_pid) - server0
    lines = [x for x in proc.stdout.splitlines() if x.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{args[:3]} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return Window(json.loads(lines[-1]), max(0.0, busy - mine - server) / wall)


# -- figures ---------------------------------------------------------------------------------------
def rate(r: Result) -> float:
    return float(r["eval_count"]) / (float(r["eval_duration_ns"]) / 1e9) if r["eval_duration_ns"] else 0.0


def quartiles(values: list[float]) -> tuple[float, float]:
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


def bootstrap_median(values: list[float]) -> tuple[float, float]:
    """A 95 % percentile-bootstrap interval of the median (fixed seed: the same data, the same interval)."""
    rng = random.Random(1)
    medians = sorted(statistics.median(rng.choices(values, k=len(values))) for _ in range(BOOTSTRAP))
    return medians[int(0.025 * BOOTSTRAP)], medians[int(0.975 * BOOTSTRAP) - 1]


def summary(values: list[float]) -> str:
    if len(values) < 2:
        return f"{values[0]:.3f} (one pair)" if values else "no pairs"
    q1, q3 = quartiles(values)
    low, high = bootstrap_median(values)
    return f"{statistics.median(values):.3f}  IQR {q1:.3f}–{q3:.3f}  95% CI {low:.3f}–{high:.3f}"


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else 0.0


# -- the orchestrator ------------------------------------------------------------------------------
class Bench:
    def __init__(self, server: harness.OllamaServer, proxy: StreamProxy, env: dict[str, str]) -> None:
        self.server, self.proxy, self.env = server, proxy, env
        assert server.process is not None
        self.pid = server.process.pid
        self.final_lags: list[float] = []
        self.side_requests: list[str] = []

    def app(self, tokens: int, *, probe_lag: bool = False) -> tuple[Window, dict[str, Any]]:
        probe = ["--probe-lag"] if probe_lag else []
        seen = len(self.proxy.requests)
        args = [*SELF, "--role", "app", "--host", self.proxy.host, "--tokens", str(tokens), *probe]
        window = measured(args, self.env, self.pid)
        return window, self._exchange(window, seen)

    def bare(self, body: dict[str, Any]) -> Window:
        seen = len(self.proxy.requests)
        window = measured([PY, "-c", BARE, json.dumps(body), self.proxy.url], self.env, self.pid)
        sent = self._exchange(window, seen)
        keys = ("model", "messages", "options", "keep_alive", "think", "format", "stream")
        if {k: sent.get(k) for k in keys} != {k: body.get(k) for k in keys}:
            raise RuntimeError(f"the bare request differs from the app's:\n{sent}\n{body}")
        return window

    def _exchange(self, window: Window, seen: int) -> dict[str, Any]:
        """The run's chat request as the server got it; its final-piece lag; requests during the answer."""
        new = self.proxy.requests[seen:]
        chats = [e for e in new if e.path == "/api/chat"]
        if len(chats) != 1 or chats[0].final_forwarded is None:
            raise RuntimeError(f"expected one chat with its final piece, saw {[e.path for e in new]}")
        chat = chats[0]
        end = chat.final_forwarded
        assert end is not None
        self.final_lags.append(float(window.result["final_at"]) - end)
        self.side_requests += [e.path for e in new if e is not chat and chat.sent <= e.sent <= end]
        body: dict[str, Any] = chat.body
        return body


def run_pairs(
    bench: Bench, body: dict[str, Any], pairs: int, noise: float
) -> list[tuple[Window, Window, bool]]:
    done: list[tuple[Window, Window, bool]] = []
    for index in range(3 * pairs):
        if sum(kept for *_, kept in done) >= pairs:
            break
        if index % 2 == 0:
            app, _ = bench.app(TOKENS)
            bare = bench.bare(body)
        else:
            bare = bench.bare(body)
            app, _ = bench.app(TOKENS)
        kept = max(app.others, bare.others) <= noise
        done.append((app, bare, kept))
        print(
            f"pair {index + 1:2d} {'app first' if index % 2 == 0 else 'bare first'}: "
            f"rate app {rate(app.result):6.1f} bare {rate(bare.result):6.1f} tok/s, "
            f"cpu app {app.result['cpu']:.2f} bare {bare.result['cpu']:.2f} s, "
            f"others {app.others:.2f}/{bare.others:.2f} cores{'' if kept else '  (noisy: discarded)'}",
            flush=True,
        )
    return done


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--role", choices=["app"], help=argparse.SUPPRESS)
    parser.add_argument("--host", help=argparse.SUPPRESS)
    parser.add_argument("--tokens", type=int, default=TOKENS, help=argparse.SUPPRESS)
    parser.add_argument("--probe-lag", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--pairs", type=int, default=10, help="kept (quiet) pairs wanted (>= 10 for make bench)"
    )
    parser.add_argument(
        "--noise", type=float, default=0.3, help="cores other processes may use in a kept pair"
    )
    args = parser.parse_args()
    if args.role == "app":
        print(json.dumps(run_app(args.host, args.tokens, args.probe_lag)), flush=True)
        return 0

    private = harness.bench_home("piassist-chat-speed-", offscreen=True)
    env, server = private.env, private.server
    print(
        f"real Ollama {server.version}, {harness.DEMO_MODEL}, prompt {PROMPT_ID!r}, {TOKENS} tokens; ", end=""
    )
    print(
        f"display {env.get('DISPLAY') or env.get('QT_QPA_PLATFORM')}; {psutil.cpu_count()} cores", flush=True
    )
    try:
        with StreamProxy(server.host) as proxy:
            bench = Bench(server, proxy, env)
            _warm, body = bench.app(TOKENS)  # loads the model; the request the bare runs send
            print(f"the app's request options: {body.get('options')}, keep_alive {body.get('keep_alive')!r}")
            bench.bare(body)
            bench.final_lags.clear()
            done = run_pairs(bench, body, max(1, args.pairs), args.noise)
            streams = [app.result for app, _bare, _kept in done]
            lag_runs = [bench.app(LAG_TOKENS, probe_lag=True)[0].result for _ in range(2)]
    finally:
        server.stop()

    kept = [(a.result, b.result) for a, b, ok in done if ok]
    rates = [rate(a) / rate(b) for a, b in kept]
    cpus = [a["cpu"] / b["cpu"] for a, b in kept]
    counts = sorted({r["eval_count"] for pair in done for r in (pair[0].result, pair[1].result)})
    seconds = sum(r["seconds"] for r in streams)
    updates = sum(r["flushes"] for r in streams) / seconds
    reads_per_piece = sum(r["reads"] for r in streams) / max(1, sum(r["pieces"] for r in streams))
    loop_lags = [float(x) for r in lag_runs for x in r["lags"]]
    worst_final = max(bench.final_lags, default=0.0)
    noisy = len(done) - len(kept)
    print(
        f"\npairs: {len(done)} run, {noisy} discarded as noisy (another process used more than {args.noise}"
    )
    print(f"cores in the app's or the bare run's window), {len(kept)} kept; eval_count {counts}")
    print(f"CPU per {TOKENS}-token answer, kept pairs: app {[round(a['cpu'], 2) for a, _ in kept]}")
    print(f"{'':38s}bare {[round(b['cpu'], 2) for _, b in kept]}")
    print(f"final-piece lag, all {len(bench.final_lags)} runs (s): {[round(x, 3) for x in bench.final_lags]}")
    print(
        f"in the app while it streams: {updates:.1f} transcript updates/s, {reads_per_piece:.3f} network "
        f"reads per piece, {len(bench.side_requests)} other requests to the server "
        f"{sorted(set(bench.side_requests))}"
    )
    rows = [
        ("throughput app/bare", summary(rates), f"median >= {GOAL_RATIO}, low >= {GOAL_RATIO_LOW}"),
        ("CPU per answer app/bare", summary(cpus), f"median <= {GOAL_CPU}"),
        ("final-piece lag (max)", f"{worst_final:.3f} s", f"<= {GOAL_FINAL_LAG} s"),
        (
            "loop lag p99",
            f"{p99(loop_lags):.1f} ms (max {max(loop_lags, default=0):.1f})",
            f"<= {GOAL_LOOP_LAG:.0f} ms",
        ),
    ]
    oks = [
        bool(rates)
        and statistics.median(rates) >= GOAL_RATIO
        and bootstrap_median(rates)[0] >= GOAL_RATIO_LOW,
        bool(cpus) and statistics.median(cpus) <= GOAL_CPU,
        worst_final <= GOAL_FINAL_LAG,
        p99(loop_lags) <= GOAL_LOOP_LAG,
    ]
    print(f"\n{'figure':24s} {'paired median, spread':52s} {'goal':28s} verdict")
    for (name, value, goal), ok in zip(rows, oks, strict=True):
        print(f"{name:24s} {value:52s} {goal:28s} {'ok' if ok else 'MISSED'}")
    return 0 if all(oks) else 1


if __name__ == "__main__":
    sys.exit(main())
