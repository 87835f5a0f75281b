"""The benchmark's own SQLite file: runs, results, failures and marks survive a reopen; a newer file is left
alone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from piassist.core.benchmark.language_check import Verdict
from piassist.core.benchmark.results import MachineFigures, ModelFailure, ResultRow
from piassist.core.benchmark.store import MIGRATIONS, BenchmarkStore
from piassist.core.chat_types import GenerationStats
from piassist.core.history.schema import SchemaTooNewError

STATS = GenerationStats(
    eval_count=120,
    eval_duration_ns=6_000_000_000,
    prompt_eval_count=31,
    prompt_eval_duration_ns=300_000_000,
    load_duration_ns=900_000_000,
    total_duration_ns=7_300_000_000,
    done_reason="length",
    prompt_eval_cached_count=0,
)


def test_a_run_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "benchmarks.sqlite3"
    store = BenchmarkStore.open(path)
    info = store.start_run(
        board="Raspberry Pi 5 Model B Rev 1.0",
        ollama_version="0.34.4",
        piassist_version="0.1.0",
        num_predict=200,
        seed=42,
        models=["smollm2:135m", "big:7b"],
    )
    row = ResultRow(
        model="smollm2:135m",
        task="short",
        language="uk",
        stats=STATS,
        first_token_s=1.25,
        machine=MachineFigures(3_000_000, 8_000_000, 10, 100, 51.5, 63.0, True),
        model_memory=191_000_000,
        answer="Київ",
        verdict=Verdict.UKRAINIAN,
    )
    row_id = store.add_row(info.id, row)
    failure = ModelFailure(
        "big:7b", "short", "uk", "not-enough-memory", "killed", 9_000_000_000, 4_000_000_000
    )
    store.add_failure(info.id, failure)
    store.set_mark(info.id, "short", "uk", "smollm2:135m")
    store.finish_run(info.id, "complete")
    store.close()

    again = BenchmarkStore.open(path)
    results = again.results(info.id)
    assert results.info.state == "complete" and results.info.finished_at is not None
    assert results.info.board.startswith("Raspberry Pi 5") and results.info.models == (
        "smollm2:135m",
        "big:7b",
    )
    (stored,) = results.rows
    assert stored.id == row_id and stored.stats == STATS and stored.machine == row.machine
    assert (stored.answer, stored.verdict, stored.first_token_s) == ("Київ", Verdict.UKRAINIAN, 1.25)
    assert results.failures == (failure,)
    assert results.marks == {("short", "uk"): "smollm2:135m"}
    again.set_mark(info.id, "short", "uk", None)
    assert again.results(info.id).marks == {}
    second = again.start_run(
        board="", ollama_version="", piassist_version="", num_predict=1, seed=1, models=[]
    )
    assert [r.id for r in again.runs()] == [second.id, info.id]
    assert [r.info.id for r in again.recent_results(limit=1)] == [second.id]
    again.delete_run(info.id)
    assert [r.id for r in again.runs()] == [second.id]
    again.close()


def test_a_file_from_a_newer_piassist_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "benchmarks.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError):
        BenchmarkStore.open(path)
    assert path.read_bytes() == before
