"""Every benchmark starts the way `make bench` starts it (python -m, from the project's root), and the
two that run PiAssist in a child process of their own start that child too: the command they build for
it imports the project's packages (a child started by file path once failed with "No module named
'scripts'", which no test saw because the benchmarks run outside `make test`)."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = sorted(p.stem for p in (ROOT / "benchmarks").glob("*.py") if p.stem != "__init__")


def starts(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*command, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize("name", BENCHMARKS)
def test_each_benchmark_starts_as_make_bench_runs_it(name: str) -> None:
    done = starts([sys.executable, "-m", f"benchmarks.{name}"])
    assert done.returncode == 0, done.stderr[-2000:]
    assert "usage:" in done.stdout


@pytest.mark.parametrize("name", ["chat_speed", "benchmark_speed"])
def test_the_child_a_speed_benchmark_starts_imports_the_project(name: str) -> None:
    child: list[str] = importlib.import_module(f"benchmarks.{name}").SELF
    assert child[0] == sys.executable
    done = starts(child)
    assert done.returncode == 0, done.stderr[-2000:]
