#!/usr/bin/env python3
"""PiAssist's speed and memory goals, measured side by side in one run and printed as ratios.

- startup: process start → first painted main window, PiAssist ÷ a bare PySide6 window (goal <= 2.5)
- memory: idle RSS with the models page showing the real server's models ÷ the "card floor", a bare
  window that imported every dependency (goal <= 1.15)

Runs are interleaved (app, baseline, app, …) so that the machine's noise falls on both alike; medians
are compared. Uses the real Ollama from scripts/harness.py and the display in $DISPLAY (make bench
starts Xvfb); with --session wayland, a headless sway of its own instead (tests/session/wayland.py:
the app and the baselines run there as an ordinary user, with QT_QPA_PLATFORM=wayland).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
from scripts import harness  # noqa: E402
from tests.session.wayland import WaylandSession, as_user, owned_folder  # noqa: E402

PY = sys.executable
BASELINES = ROOT / "benchmarks" / "baselines"
GOALS = {"startup": 2.5, "memory": 1.15}


def app_command(*extra: str) -> list[str]:
    return [PY, "-m", "piassist", "--bench-events", "--lang", "en", *extra]


def wait_for_line(proc: subprocess.Popen[str], prefix: str, timeout: float) -> float:
    """Seconds until the process prints a line starting with `prefix`."""
    start = time.perf_counter()
    assert proc.stdout is not None
    while time.perf_counter() - start < timeout:
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError(f"{proc.args} ended before printing {prefix!r}")
        if line.startswith(prefix):
            return time.perf_counter() - start
    raise RuntimeError(f"{proc.args} did not print {prefix!r} within {timeout} s")


def spawn(cmd: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    # Under Wayland the session's user runs it (as_user: the process keeps its pid through setpriv).
    argv = as_user(cmd, read_all=True) if env.get("QT_QPA_PLATFORM") == "wayland" else cmd
    return subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT
    )


def finish(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def time_to_paint(cmd: list[str], env: dict[str, str]) -> float:
    proc = spawn(cmd, env)
    try:
        return wait_for_line(proc, "painted", 60)
    finally:
        finish(proc)


def idle_rss(cmd: list[str], env: dict[str, str], ready: str, settle: float) -> int:
    proc = spawn(cmd, env)
    try:
        wait_for_line(proc, ready, 60)
        time.sleep(settle)  # idle: let start-up garbage be collected and caches settle
        return int(psutil.Process(proc.pid).memory_info().rss)
    finally:
        finish(proc)


def interleave(runs: int, a: Callable[[], float], b: Callable[[], float]) -> tuple[list[float], list[float]]:
    xs: list[float] = []
    ys: list[float] = []
    for _ in range(runs):
        xs.append(a())
        ys.append(b())
    return xs, ys


def report(name: str, unit: str, app: list[float], base: list[float], scale: float = 1.0) -> float:
    ratio = statistics.median(app) / statistics.median(base)
    verdict = "ok" if ratio <= GOALS[name] else "OVER GOAL"
    print(
        f"{name:8s} app median {statistics.median(app) * scale:8.1f} {unit}  baseline median "
        f"{statistics.median(base) * scale:8.1f} {unit}  ratio {ratio:.2f} (goal <= {GOALS[name]})  {verdict}"
    )
    print(
        f"         app runs {[round(x * scale, 1) for x in app]}  "
        f"baseline runs {[round(x * scale, 1) for x in base]}"
    )
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--settle", type=float, default=3.0, help="seconds of idle before reading RSS")
    parser.add_argument("--session", choices=("x11", "wayland"), default="x11")
    args = parser.parse_args()

    private = harness.bench_home("piassist-bench-")
    env, server = {**private.env, "PYTHONPATH": str(BASELINES)}, private.server
    session: WaylandSession | None = None
    if args.session == "wayland":
        session = WaylandSession.sway((1280, 800)).launch()
        app_home = owned_folder("piassist-bench-app-")
        env = {**session.base_env(), "QT_QPA_PLATFORM": "wayland", "PIASSIST_HOME": str(app_home)}
        env["PYTHONPATH"] = str(BASELINES)
    display = (
        f"Wayland (sway, {session.display})"
        if session
        else os.environ.get("DISPLAY") or env.get("QT_QPA_PLATFORM")
    )
    print(
        f"real Ollama {server.version} at {server.host}; {args.runs} interleaved runs each; display {display}"
    )
    failures = 0
    try:
        # Warm the file cache once, so the first measured run is not the only cold one.
        time_to_paint(app_command("--bench-quit-on-paint", "--host", server.host), env)
        time_to_paint([PY, str(BASELINES / "bare_window.py"), "--quit"], env)
        app_t, base_t = interleave(
            args.runs,
            lambda: time_to_paint(app_command("--bench-quit-on-paint", "--host", server.host), env),
            lambda: time_to_paint([PY, str(BASELINES / "bare_window.py"), "--quit"], env),
        )
        failures += report("startup", "ms", app_t, base_t, 1000) > GOALS["startup"]

        runs = max(3, args.runs // 2)
        app_m, base_m = interleave(
            runs,
            lambda: idle_rss(
                app_command("--host", server.host, "--page", "models"), env, "models 2", args.settle
            ),
            lambda: idle_rss([PY, str(BASELINES / "card_floor.py")], env, "painted", args.settle),
        )
        failures += report("memory", "MB", app_m, base_m, 1e-6) > GOALS["memory"]
    finally:
        server.stop()
        if session is not None:
            session.stop()
            shutil.rmtree(app_home, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
