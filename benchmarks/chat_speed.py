#!/usr/bin/env python3
"""Chat speed against the real Ollama: what streaming into PiAssist costs the model, the CPU and the loop.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python -m benchmarks.chat_speed

The same question (benchmark prompt "table-compare", English, from benchmarks/prompts.json), the same
messages (the app's system prompt is read from a warm-up app run) and options (seed 1, temperature 0,
the app's num_ctx, keep_alive 30m) go to harness.DEMO_MODEL on the pinned Ollama PIASSIST_OLLAMA_VERSION
names (floor by default, or newest; make bench runs both) with a private store copy, either

- app: a real PiAssist window (chat page shown: markdown, gauge, history) asked through the chat page, or
- bare: a small script streaming the same request with ollama.AsyncClient().chat(stream=True), text
  discarded,

each in its own process (no shared GIL), interleaved app, bare, app, bare… Figures:

1. throughput kept: median server eval rate (eval_count / eval_duration of the final chunk) at
   num_predict 200, app / bare (goal >= 0.97);
2. CPU per answer: the process's own CPU seconds (user + sys) from just before sending to the final chunk
   at num_predict 600, app (goal <= 1.3 s) with the bare script's beside it;
3. responsiveness: lag of a 10 ms precise QTimer while the app streams, p99 over 3 more app runs at
   num_predict 200 (goal <= 50 ms); the probe costs CPU, so it is off in the runs of 1 and 2.

Prints one table and exits 1 when a goal is missed. Uses QT_QPA_PLATFORM=offscreen when there is no DISPLAY.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
from scripts import harness  # noqa: E402

PY = sys.executable
PROMPT_ID = "table-compare"  # the only one the demo model runs on to 600 tokens (temperature 0)
SEED, TEMPERATURE, KEEP_ALIVE = 1, 0.0, "30m"
THROUGHPUT_TOKENS, CPU_TOKENS = 200, 600
TICK_MS = 10
GOAL_RATIO, GOAL_CPU, GOAL_LAG = 0.97, 1.3, 50.0

Result = dict[str, Any]

BARE = """
import asyncio, json, sys, time
import ollama

async def main() -> None:
    a = json.loads(sys.argv[1])
    client = ollama.AsyncClient(host=a["host"])
    t0 = time.process_time()
    final = None
    async for part in await client.chat(model=a["model"], messages=a["messages"], options=a["options"],
                                        keep_alive=a["keep_alive"], stream=True):
        if part.done:
            final = part
    cpu = time.process_time() - t0
    print(json.dumps({"eval_count": final.eval_count, "eval_duration_ns": final.eval_duration, "cpu": cpu}))

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
    while chat.current_model() != harness.DEMO_MODEL:
        if time.monotonic() > deadline:
            raise TimeoutError("the demo model never showed in the chat page")
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)  # let the first layouts and paints settle

    done: asyncio.Future[tuple[str, GenerationStats | None, float]] = asyncio.Future()

    def finished(_id: int, state: str, stats: GenerationStats | None) -> None:
        if not done.done():
            done.set_result((state, stats, time.process_time()))

    app.chat.answer_finished.connect(finished)
    probe = LagProbe()
    chat.composer.setPlainText(prompt_text())
    if probe_lag:
        probe.start()
    cpu_start = time.process_time()
    chat.send(chat.composer.toPlainText())
    state, stats, cpu_end = await asyncio.wait_for(done, 300)
    probe.stop()
    assert app.chat.conversation is not None
    result: Result = {
        "state": state,
        "eval_count": stats.eval_count if stats else 0,
        "eval_duration_ns": stats.eval_duration_ns if stats else 0,
        "cpu": cpu_end - cpu_start,
        "lags": [round(x, 2) for x in probe.lags],
        "system": app.chat.conversation.system_prompt,
        "num_ctx": app.settings.num_ctx,
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


# -- the orchestrator ------------------------------------------------------------------------------
def child(args: list[str], env: dict[str, str]) -> Result:
    proc = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    lines = [x for x in proc.stdout.splitlines() if x.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{args[:3]} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result: Result = json.loads(lines[-1])
    return result


def app_run(host: str, tokens: int, env: dict[str, str], *, probe_lag: bool = False) -> Result:
    probe = ["--probe-lag"] if probe_lag else []
    return child([PY, __file__, "--role", "app", "--host", host, "--tokens", str(tokens), *probe], env)


def bare_run(url: str, tokens: int, system: str, num_ctx: int, env: dict[str, str]) -> Result:
    messages = [{"role": "system", "content": system}] if system else []
    messages.append({"role": "user", "content": prompt_text()})
    options = {"temperature": TEMPERATURE, "num_ctx": num_ctx, "num_predict": tokens, "seed": SEED}
    request = {
        "host": url,
        "model": harness.DEMO_MODEL,
        "messages": messages,
        "options": options,
        "keep_alive": KEEP_ALIVE,
    }
    return child([PY, "-c", BARE, json.dumps(request)], env)


def rate(r: Result) -> float:
    return float(r["eval_count"]) / (float(r["eval_duration_ns"]) / 1e9) if r["eval_duration_ns"] else 0.0


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--role", choices=["app"], help=argparse.SUPPRESS)
    parser.add_argument("--host", help=argparse.SUPPRESS)
    parser.add_argument("--tokens", type=int, default=THROUGHPUT_TOKENS, help=argparse.SUPPRESS)
    parser.add_argument("--probe-lag", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=10, help="interleaved throughput runs of each (>= 5)")
    parser.add_argument("--cpu-runs", type=int, default=3, help="interleaved 600-token runs of each")
    args = parser.parse_args()
    if args.role == "app":
        print(json.dumps(run_app(args.host, args.tokens, args.probe_lag)), flush=True)
        return 0

    home = Path(tempfile.mkdtemp(prefix="piassist-chat-speed-"))
    env = {**os.environ, "PIASSIST_HOME": str(home)}
    env.pop("OLLAMA_HOST", None)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    store = harness.private_store(home / "models")
    server = harness.OllamaServer(harness.ollama_binary(), store, log_path=home / "serve.log").start()
    print(
        f"real Ollama {server.version} at {server.host}, {harness.DEMO_MODEL}, prompt {PROMPT_ID!r}; ", end=""
    )
    print(f"display {env.get('DISPLAY') or env.get('QT_QPA_PLATFORM')}", flush=True)
    try:
        warm = app_run(server.host, 20, env)  # loads the model; tells the app's system prompt and num_ctx
        system, num_ctx = str(warm["system"]), int(warm["num_ctx"])
        bare_run(server.url, 20, system, num_ctx, env)
        app_r: list[Result] = []
        bare_r: list[Result] = []
        for _ in range(max(5, args.runs)):
            app_r.append(app_run(server.host, THROUGHPUT_TOKENS, env))
            bare_r.append(bare_run(server.url, THROUGHPUT_TOKENS, system, num_ctx, env))
        app_c: list[Result] = []
        bare_c: list[Result] = []
        for _ in range(max(1, args.cpu_runs)):
            app_c.append(app_run(server.host, CPU_TOKENS, env))
            bare_c.append(bare_run(server.url, CPU_TOKENS, system, num_ctx, env))
        # The 100 Hz probe costs the app CPU (and the server a little speed): it runs on its own.
        app_l = [app_run(server.host, THROUGHPUT_TOKENS, env, probe_lag=True) for _ in range(3)]
    finally:
        server.stop()

    app_rates, bare_rates = [rate(r) for r in app_r], [rate(r) for r in bare_r]
    ratio = statistics.median(app_rates) / statistics.median(bare_rates)
    cpu_app = statistics.median(r["cpu"] for r in app_c)
    cpu_bare = statistics.median(r["cpu"] for r in bare_c)
    lags = [float(x) for r in app_l for x in r["lags"]]
    lag99 = p99(lags)
    print(f"eval rate app  (tok/s): {[round(x, 1) for x in app_rates]}")
    print(f"eval rate bare (tok/s): {[round(x, 1) for x in bare_rates]}")
    print(
        f"eval_count app {sorted({r['eval_count'] for r in app_r + app_c})} "
        f"bare {sorted({r['eval_count'] for r in bare_r + bare_c})}"
    )
    print(f"CPU s app {[round(r['cpu'], 2) for r in app_c]}  bare {[round(r['cpu'], 2) for r in bare_c]}")
    print(f"lag p99 per app run (ms): {[round(p99(r['lags']), 1) for r in app_l]}; ticks {len(lags)}")
    rows = [
        (
            "throughput kept",
            f"{ratio:.3f} (app {statistics.median(app_rates):.1f} / "
            f"bare {statistics.median(bare_rates):.1f} tok/s)",
            f">= {GOAL_RATIO}",
            ratio >= GOAL_RATIO,
        ),
        (
            "CPU per answer",
            f"app {cpu_app:.2f} s (bare {cpu_bare:.2f} s), {CPU_TOKENS} tokens",
            f"<= {GOAL_CPU} s",
            cpu_app <= GOAL_CPU,
        ),
        (
            "loop lag p99",
            f"{lag99:.1f} ms (max {max(lags, default=0):.1f} ms)",
            f"<= {GOAL_LAG:.0f} ms",
            lag99 <= GOAL_LAG,
        ),
    ]
    print(f"\n{'figure':16s} {'measured':54s} {'goal':10s} verdict")
    for name, measured, goal, ok in rows:
        print(f"{name:16s} {measured:54s} {goal:10s} {'ok' if ok else 'MISSED'}")
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
