#!/usr/bin/env python3
"""Benchmark speed against the real Ollama: running the Benchmark page must not distort what it measures.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python -m benchmarks.benchmark_speed

The same ten requests (the benchmark's task set, both languages, each task on its own, options
num_predict 200 and seed 42, keep_alive 5m) go to harness.DEMO_MODEL on the pinned Ollama
PIASSIST_OLLAMA_VERSION names (floor by default, or newest), either

- app: a real PiAssist window on the Benchmark page, measuring that one model (its memory sampling, its
  /api/ps after each answer, its progress bar and the table filling in), or
- bare: a small script asking the same requests with ollama.AsyncClient().chat(stream=True), text
  discarded,

each in its own process, interleaved app, bare, app, bare… Figures:

1. throughput kept: median server eval rate (eval_count / eval_duration of each final chunk) over all the
   app's answers ÷ the same over the bare script's (goal >= 0.97);
2. the app's own CPU per answer token while the benchmark streams (process CPU from Start to the run's end
   ÷ tokens generated), against the chat's goal (benchmarks/chat_speed.py: 1.3 s for 600 tokens), with
   the bare script's beside it.

With --table it then runs the page once more on both test models and prints each model's medians as the
Markdown table README.md shows ("How to choose a model on your Pi").

Prints one table and exits 1 when a goal is missed. Uses QT_QPA_PLATFORM=offscreen when there is no DISPLAY.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
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
# This benchmark again, as a child process run from ROOT (where scripts/ is a package).
SELF = [PY, "-m", "benchmarks.benchmark_speed"]
TOKENS, SEED, KEEP_ALIVE = 200, 42, "5m"
GOAL_RATIO = 0.97
GOAL_CPU_PER_TOKEN = 1.3 / 600  # the chat's goal: 1.3 s of PiAssist's CPU for a 600-token answer

Result = dict[str, Any]

BARE = """
import asyncio, json, sys, time
import ollama

async def main() -> None:
    a = json.loads(sys.argv[1])
    client = ollama.AsyncClient(host=a["host"])
    rates, tokens = [], 0
    t0 = time.process_time()
    for text in a["texts"]:
        final = None
        async for part in await client.chat(model=a["model"], messages=[{"role": "user", "content": text}],
                                            options=a["options"], keep_alive=a["keep_alive"], stream=True):
            if part.done:
                final = part
        rates.append(final.eval_count / (final.eval_duration / 1e9))
        tokens += final.eval_count
    print(json.dumps({"rates": rates, "tokens": tokens, "cpu": time.process_time() - t0}))

asyncio.run(main())
"""


def task_texts() -> list[str]:
    from piassist import paths
    from piassist.core.benchmark.tasks import load_tasks, task_order

    return [t.text for t in task_order(load_tasks(paths.resources_dir() / "benchmark_tasks.json"), "en")]


# -- the app role (runs in its own process) --------------------------------------------------------
async def measure_in_app(host: str, home: Path, every_model: bool) -> Result:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from piassist.app import PiAssist
    from piassist.ui.window.menus import PAGE_BENCHMARK

    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    app = PiAssist(qapp, settings_path=home / "piassist.ini", language="en", host=host, data_dir=home)
    window = app.window
    window.show_page(PAGE_BENCHMARK)
    window.resize(1280, 720)
    window.show()
    app.start()
    deadline = time.monotonic() + 30
    while window.benchmark.page is None or window.benchmark.page.measure.models_list.count() < 2:
        if time.monotonic() > deadline:
            raise TimeoutError("the models never showed on the Benchmark page")
        await asyncio.sleep(0.05)
    page = window.benchmark.page
    models = page.measure.models_list
    for row in range(models.count()):  # the demo model only, as the bare script asks (or all of them)
        item = models.item(row)
        chosen = every_model or item.text() == harness.DEMO_MODEL
        item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
    page.measure.length_box.setValue(TOKENS)
    await asyncio.sleep(0.5)  # let the first layouts and paints settle
    cpu = time.process_time()
    page.measure.start_button.click()
    while not app.benchmark.running:
        await asyncio.sleep(0.01)
    while app.benchmark.running:
        await asyncio.sleep(0.05)
    cpu = time.process_time() - cpu
    results = page._results
    assert results is not None and results.info.state == "complete", results
    rates = [r.stats.eval_rate or 0.0 for r in results.rows]
    result: Result = {"rates": rates, "tokens": sum(r.stats.eval_count for r in results.rows), "cpu": cpu}
    result["table"] = [summary_of(results, model) for model in results.models]
    await app.aclose()
    window.close()
    return result


def summary_of(results: Any, model: str) -> Result:
    """One model's medians over its answers (the figures are the server's final chunks)."""
    rows = results.rows_of(model)

    def median(values: list[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        return statistics.median(known) if known else None

    summary = results.summary(model)
    return {
        "model": model,
        "answers": len(rows),
        "answer_rate": summary.answer_rate,
        "prompt_rate": median([r.prompt_rate for r in rows]),
        "first_token_s": summary.first_token_s,
        "load_s": max((r.load_s for r in rows), default=None),
        "model_memory": summary.model_memory,
        "ram_peak": max((r.machine.ram_peak or 0 for r in rows), default=None),
        "ukrainian": f"{summary.ukrainian_answers} of {summary.ukrainian_tasks}",
        "failed": summary.failure is not None,
    }


def markdown_table(version: str, table: list[Result]) -> str:
    def num(x: float | None, digits: int = 1) -> str:
        return "–" if x is None else f"{x:.{digits}f}"

    def mb(n: int | None) -> str:
        return "–" if not n else f"{n / 1e6:,.0f} MB"

    lines = [
        f"| model (Ollama {version}) | answer tokens/s | question tokens/s | first token | load (longest) "
        "| model's memory | RAM in use at most | Ukrainian tasks answered in Ukrainian |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for t in table:
        lines.append(
            f"| {t['model']} | {num(t['answer_rate'])} | {num(t['prompt_rate'], 0)} | "
            f"{num(t['first_token_s'], 2)} s | {num(t['load_s'], 2)} s | {mb(t['model_memory'])} | "
            f"{mb(t['ram_peak'])} | {t['ukrainian']} |"
        )
    return "\n".join(lines)


def run_app(host: str, every_model: bool) -> Result:
    import qasync
    from PySide6.QtWidgets import QApplication

    home = Path(tempfile.mkdtemp(prefix="app-", dir=os.environ.get("PIASSIST_HOME")))  # in the run's home
    os.environ["PIASSIST_HOME"] = str(home)
    qapp = QApplication(sys.argv[:1])
    out: Result = {}

    async def main() -> None:
        out.update(await measure_in_app(host, home, every_model))

    qasync.run(main())
    del qapp
    return out


# -- the orchestrator ------------------------------------------------------------------------------
def child(args: list[str], env: dict[str, str]) -> Result:
    proc = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False)
    lines = [x for x in proc.stdout.splitlines() if x.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{args[:3]} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result: Result = json.loads(lines[-1])
    return result


def app_run(host: str, env: dict[str, str], every_model: bool = False) -> Result:
    return child([*SELF, "--role", "app", "--host", host, *(["--all"] if every_model else [])], env)


def bare_run(url: str, env: dict[str, str]) -> Result:
    request = {
        "host": url,
        "model": harness.DEMO_MODEL,
        "texts": task_texts(),
        "options": {"num_predict": TOKENS, "seed": SEED},
        "keep_alive": KEEP_ALIVE,
    }
    return child([PY, "-c", BARE, json.dumps(request)], env)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--role", choices=["app"], help=argparse.SUPPRESS)
    parser.add_argument("--host", help=argparse.SUPPRESS)
    parser.add_argument("--all", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--table", action="store_true", help="then measure both models for README's table")
    parser.add_argument("--pairs", type=int, default=3, help="interleaved app/bare pairs (each 10 answers)")
    args = parser.parse_args()
    if args.role == "app":
        print(json.dumps(run_app(args.host, args.all)), flush=True)
        return 0

    private = harness.bench_home("piassist-benchmark-speed-", offscreen=True)
    env, server = private.env, private.server
    print(f"real Ollama {server.version} at {server.host}, {harness.DEMO_MODEL}, {TOKENS} tokens; ", end="")
    print(f"display {env.get('DISPLAY') or env.get('QT_QPA_PLATFORM')}", flush=True)
    app_r: list[Result] = []
    bare_r: list[Result] = []
    try:
        bare_run(server.url, env)  # loads the model, warms the caches
        for _ in range(max(1, args.pairs)):
            app_r.append(app_run(server.host, env))
            bare_r.append(bare_run(server.url, env))
        table = app_run(server.host, env, every_model=True)["table"] if args.table else None
    finally:
        server.stop()
        shutil.rmtree(private.home, ignore_errors=True)  # the store copy, the logs, every app run's data

    app_rates = [x for r in app_r for x in r["rates"]]
    bare_rates = [x for r in bare_r for x in r["rates"]]
    ratio = statistics.median(app_rates) / statistics.median(bare_rates)
    pairs = zip(app_r, bare_r, strict=True)
    pair_ratios = [statistics.median(a["rates"]) / statistics.median(b["rates"]) for a, b in pairs]
    app_cpu = sum(r["cpu"] for r in app_r) / sum(r["tokens"] for r in app_r)
    bare_cpu = sum(r["cpu"] for r in bare_r) / sum(r["tokens"] for r in bare_r)
    print(
        f"eval rate app  (tok/s), per run median: {[round(statistics.median(r['rates']), 1) for r in app_r]}"
    )
    print(
        f"eval rate bare (tok/s), per run median: {[round(statistics.median(r['rates']), 1) for r in bare_r]}"
    )
    print(f"CPU s app {[round(r['cpu'], 2) for r in app_r]} for {[r['tokens'] for r in app_r]} tokens")
    print(f"CPU s bare {[round(r['cpu'], 2) for r in bare_r]} for {[r['tokens'] for r in bare_r]} tokens")
    rows = [
        (
            "throughput kept",
            f"{ratio:.3f} (app {statistics.median(app_rates):.1f} / "
            f"bare {statistics.median(bare_rates):.1f} tok/s), pairs "
            f"{min(pair_ratios):.3f}-{max(pair_ratios):.3f}",
            f">= {GOAL_RATIO}",
            ratio >= GOAL_RATIO,
        ),
        (
            "CPU per token",
            f"app {app_cpu * 1000:.2f} ms (bare {bare_cpu * 1000:.2f} ms)",
            f"<= {GOAL_CPU_PER_TOKEN * 1000:.2f} ms",
            app_cpu <= GOAL_CPU_PER_TOKEN,
        ),
    ]
    print(f"\n{'figure':16s} {'measured':70s} {'goal':12s} verdict")
    for name, measured, goal, ok in rows:
        print(f"{name:16s} {measured:70s} {goal:12s} {'ok' if ok else 'MISSED'}")
    if table is not None:
        print("\n" + markdown_table(server.version, table))
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
