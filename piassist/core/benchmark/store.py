"""The benchmark's results on disk: a SQLite file of their own (benchmarks.sqlite3 beside the history).

Not the chat history's file: a kiosk may keep its visitors' history in memory only, but the admin's
measurements must last; and the history's schema version stays the chat's alone, so an older PiAssist
still opens the history (docs/decisions.md). The migrations work as the history's do
(core/history_schema.py: PRAGMA user_version, every step in one transaction).

Version 1
- runs(id, started_at, finished_at, board, ollama_version, piassist_version, num_predict, seed,
  models JSON, state)
- results(id, run_id → runs ON DELETE CASCADE, model, task, language, stats JSON (the server's final
  chunk), first_token_s, ram_peak, ram_total, swap_peak, swap_total, temp_start, temp_end, throttled,
  model_memory, answer, verdict)
- failures(id, run_id →, model, task, language, kind, detail, needed, available)
- marks(run_id →, task, language, model): the answer the person marked better, one per task
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from piassist.core.benchmark.language_check import Verdict
from piassist.core.benchmark.results import (
    MachineFigures,
    ModelFailure,
    ResultRow,
    RunInfo,
    RunResults,
)
from piassist.core.chat_types import GenerationStats
from piassist.core.history.schema import HistoryError, Migration, migrate
from piassist.core.history.types import parse_time, time_text

FILE_NAME = "benchmarks.sqlite3"
STATES = ("running", "complete", "cancelled", "failed")

_V1 = (
    f"""
    CREATE TABLE runs (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at       TEXT NOT NULL,
        finished_at      TEXT,
        board            TEXT NOT NULL DEFAULT '',
        ollama_version   TEXT NOT NULL DEFAULT '',
        piassist_version TEXT NOT NULL DEFAULT '',
        num_predict      INTEGER NOT NULL,
        seed             INTEGER NOT NULL,
        models           TEXT NOT NULL CHECK (json_valid(models)),
        state            TEXT NOT NULL DEFAULT 'running'
                         CHECK (state IN ({", ".join(f"'{s}'" for s in STATES)}))
    )
    """,
    """
    CREATE TABLE results (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id        INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        model         TEXT NOT NULL,
        task          TEXT NOT NULL,
        language      TEXT NOT NULL,
        stats         TEXT NOT NULL CHECK (json_valid(stats)),
        first_token_s REAL,
        ram_peak      INTEGER NOT NULL,
        ram_total     INTEGER NOT NULL,
        swap_peak     INTEGER NOT NULL,
        swap_total    INTEGER NOT NULL,
        temp_start    REAL,
        temp_end      REAL,
        throttled     INTEGER,
        model_memory  INTEGER,
        answer        TEXT NOT NULL,
        verdict       TEXT NOT NULL
    )
    """,
    "CREATE INDEX results_by_run ON results (run_id, id)",
    """
    CREATE TABLE failures (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        model     TEXT NOT NULL,
        task      TEXT NOT NULL,
        language  TEXT NOT NULL,
        kind      TEXT NOT NULL,
        detail    TEXT NOT NULL DEFAULT '',
        needed    INTEGER,
        available INTEGER
    )
    """,
    """
    CREATE TABLE marks (
        run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        task     TEXT NOT NULL,
        language TEXT NOT NULL,
        model    TEXT NOT NULL,
        PRIMARY KEY (run_id, task, language)
    )
    """,
)


def _run(statements: tuple[str, ...]) -> Migration:
    def step(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return step


MIGRATIONS: tuple[Migration, ...] = (_run(_V1),)


class BenchmarkStore:
    """Open with BenchmarkStore.open(path); every call is its own transaction, one at a time."""

    def __init__(self, conn: sqlite3.Connection, clock: Callable[[], datetime]) -> None:
        self._conn = conn
        self._clock = clock
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: Path, *, clock: Callable[[], datetime] | None = None) -> BenchmarkStore:
        """Open (creating it) and upgrade; SchemaTooNewError for a newer PiAssist's file, HistoryError
        for one that is not a benchmark file. Neither is changed."""
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=10.0, isolation_level=None, check_same_thread=False)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn, MIGRATIONS)
            conn.execute("PRAGMA journal_mode = WAL")
            # A run still "running" when the file is opened is one whose app stopped before it ended.
            conn.execute("UPDATE runs SET state = 'cancelled' WHERE state = 'running'")
        except HistoryError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise HistoryError(f"cannot open the benchmark results {path}: {exc}") from exc
        return cls(conn, clock or (lambda: datetime.now(UTC)))

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    # -- writing -----------------------------------------------------------------------------------
    def start_run(
        self,
        *,
        board: str,
        ollama_version: str,
        piassist_version: str,
        num_predict: int,
        seed: int,
        models: list[str],
    ) -> RunInfo:
        started = self._clock()
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO runs (started_at, board, ollama_version, piassist_version, num_predict, seed,"
                " models) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    time_text(started),
                    board,
                    ollama_version,
                    piassist_version,
                    num_predict,
                    seed,
                    json.dumps(models),
                ),
            )
            run_id = int(cursor.lastrowid or 0)
        return self.run_info(run_id)

    def finish_run(self, run_id: int, state: str) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE runs SET state = ?, finished_at = ? WHERE id = ?",
                (state, time_text(self._clock()), run_id),
            )

    def add_row(self, run_id: int, row: ResultRow) -> int:
        m = row.machine
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO results (run_id, model, task, language, stats, first_token_s, ram_peak,"
                " ram_total, swap_peak, swap_total, temp_start, temp_end, throttled, model_memory, answer,"
                " verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    run_id,
                    row.model,
                    row.task,
                    row.language,
                    json.dumps(row.stats.to_dict()),
                    row.first_token_s,
                    m.ram_peak,
                    m.ram_total,
                    m.swap_peak,
                    m.swap_total,
                    m.temp_start,
                    m.temp_end,
                    None if m.throttled is None else int(m.throttled),
                    row.model_memory,
                    row.answer,
                    row.verdict.value,
                ),
            )
            return int(cursor.lastrowid or 0)

    def add_failure(self, run_id: int, failure: ModelFailure) -> None:
        f = failure
        with self._write() as conn:
            conn.execute(
                "INSERT INTO failures (run_id, model, task, language, kind, detail, needed, available)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, f.model, f.task, f.language, f.kind, f.detail, f.needed, f.available),
            )

    def set_mark(self, run_id: int, task: str, language: str, model: str | None) -> None:
        """The better answer to a task, as the person marked it (None: no mark)."""
        with self._write() as conn:
            conn.execute(
                "DELETE FROM marks WHERE run_id = ? AND task = ? AND language = ?", (run_id, task, language)
            )
            if model:
                conn.execute(
                    "INSERT INTO marks (run_id, task, language, model) VALUES (?, ?, ?, ?)",
                    (run_id, task, language, model),
                )

    def delete_run(self, run_id: int) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM runs WHERE id = ?", (run_id,))

    # -- reading -----------------------------------------------------------------------------------
    def run_info(self, run_id: int) -> RunInfo:
        with self._lock:
            row = self._conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise HistoryError(f"no benchmark run {run_id}")
        return _info(row)

    def runs(self) -> list[RunInfo]:
        """Every run, newest first."""
        with self._lock:
            rows = self._conn.execute("SELECT * FROM runs ORDER BY id DESC").fetchall()
        return [_info(r) for r in rows]

    def results(self, run_id: int) -> RunResults:
        info = self.run_info(run_id)
        with self._lock:
            rows = self._conn.execute("SELECT * FROM results WHERE run_id = ? ORDER BY id", (run_id,))
            results = tuple(_row(r) for r in rows.fetchall())
            failed = self._conn.execute("SELECT * FROM failures WHERE run_id = ? ORDER BY id", (run_id,))
            failures = tuple(_failure(r) for r in failed.fetchall())
            marked = self._conn.execute("SELECT * FROM marks WHERE run_id = ?", (run_id,)).fetchall()
        marks = {(m["task"], m["language"]): m["model"] for m in marked}
        return RunResults(info, results, failures, marks)

    def recent_results(self, limit: int = 20) -> list[RunResults]:
        """The newest runs' results, newest first (what "measured on this Pi" draws from)."""
        return [self.results(info.id) for info in self.runs()[:limit]]


def _info(row: sqlite3.Row) -> RunInfo:
    return RunInfo(
        id=row["id"],
        started_at=parse_time(row["started_at"]),
        finished_at=parse_time(row["finished_at"]) if row["finished_at"] else None,
        board=row["board"],
        ollama_version=row["ollama_version"],
        piassist_version=row["piassist_version"],
        num_predict=row["num_predict"],
        seed=row["seed"],
        models=tuple(str(m) for m in json.loads(row["models"])),
        state=row["state"],
    )


def _row(row: sqlite3.Row) -> ResultRow:
    stats: dict[str, Any] = json.loads(row["stats"])
    try:
        verdict = Verdict(row["verdict"])
    except ValueError:  # a newer PiAssist's verdict
        verdict = Verdict.MIXED
    throttled = row["throttled"]
    return ResultRow(
        id=row["id"],
        model=row["model"],
        task=row["task"],
        language=row["language"],
        stats=GenerationStats.from_dict(stats),
        first_token_s=row["first_token_s"],
        machine=MachineFigures(
            ram_peak=row["ram_peak"],
            ram_total=row["ram_total"],
            swap_peak=row["swap_peak"],
            swap_total=row["swap_total"],
            temp_start=row["temp_start"],
            temp_end=row["temp_end"],
            throttled=None if throttled is None else bool(throttled),
        ),
        model_memory=row["model_memory"],
        answer=row["answer"],
        verdict=verdict,
    )


def _failure(row: sqlite3.Row) -> ModelFailure:
    return ModelFailure(
        model=row["model"],
        task=row["task"],
        language=row["language"],
        kind=row["kind"],
        detail=row["detail"],
        needed=row["needed"],
        available=row["available"],
    )
