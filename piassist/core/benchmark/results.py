"""What one benchmark run measured: one row per model and task, one failure per model that could not run.

Every speed and count in a row is the server's own, from the final chunk of that answer (GenerationStats,
kept whole); the machine's figures are sampled by PiAssist around it; the time to the first token is the
one figure PiAssist's own clock measures (from sending the request to the first piece of answer).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from piassist.core.benchmark.language_check import Verdict
from piassist.core.chat_types import NS_PER_SECOND, GenerationStats
from piassist.core.get_models.model_names import ModelName, check_pull_name

TOO_SLOW = 2.0  # tokens/s: below this, talking to the model is a wait for every sentence


@dataclass(frozen=True, slots=True)
class MachineFigures:
    """The whole system while one answer was written (sampled every half second; None: not known)."""

    ram_peak: int = 0  # bytes used (total − available) at the highest sample
    ram_total: int = 0
    swap_peak: int = 0
    swap_total: int = 0
    temp_start: float | None = None  # °C of the SoC before the request and after the answer
    temp_end: float | None = None
    throttled: bool | None = None  # the firmware slowed the board down (None: no vcgencmd)


@dataclass(frozen=True, slots=True)
class ResultRow:
    model: str
    task: str  # a task id (tasks.TASK_IDS)
    language: str  # the task's language
    stats: GenerationStats  # the server's final chunk
    first_token_s: float | None  # PiAssist's clock: request sent → first piece of the answer
    machine: MachineFigures
    model_memory: int | None  # bytes /api/ps gave for the model right after the answer
    answer: str
    verdict: Verdict  # the language check of the answer
    id: int = 0  # the row's id in the store (0 before it is saved)

    @property
    def load_s(self) -> float:
        return self.stats.load_duration_ns / NS_PER_SECOND

    @property
    def answer_rate(self) -> float | None:
        return self.stats.eval_rate

    @property
    def prompt_rate(self) -> float | None:
        return self.stats.prompt_rate

    @property
    def in_task_language(self) -> bool:
        return (self.language == "uk" and self.verdict is Verdict.UKRAINIAN) or (
            self.language == "en" and self.verdict is Verdict.ENGLISH
        )


@dataclass(frozen=True, slots=True)
class ModelFailure:
    """A model that could not run (too big for the memory, missing, broken): its tasks were skipped."""

    model: str
    task: str  # the task it failed on
    language: str
    kind: str  # an ErrorKind value
    detail: str = ""  # the server's words, for experts
    needed: int | None = None  # NOT_ENOUGH_MEMORY: bytes it needs, when known
    available: int | None = None


@dataclass(frozen=True, slots=True)
class RunInfo:
    """One benchmark run: when, on what, with which settings."""

    id: int
    started_at: datetime
    board: str  # /proc/device-tree/model, or "" where the machine has none (a PC)
    ollama_version: str
    piassist_version: str
    num_predict: int
    seed: int
    models: tuple[str, ...]
    state: str = "running"  # running, complete, cancelled, failed
    finished_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class RunResults:
    info: RunInfo
    rows: tuple[ResultRow, ...] = ()
    failures: tuple[ModelFailure, ...] = ()
    marks: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (task, language) → better model

    @property
    def models(self) -> list[str]:
        """The models in the order they ran (those that failed included)."""
        seen = dict.fromkeys([*self.info.models, *(r.model for r in self.rows)])
        seen.update(dict.fromkeys(f.model for f in self.failures))
        return list(seen)

    def rows_of(self, model: str) -> list[ResultRow]:
        return [r for r in self.rows if r.model == model]

    def failure_of(self, model: str) -> ModelFailure | None:
        return next((f for f in self.failures if f.model == model), None)

    def answers_to(self, task: str, language: str) -> list[ResultRow]:
        return [r for r in self.rows if r.task == task and r.language == language]

    def summary(self, model: str) -> ModelSummary:
        return summarize(model, self.rows_of(model), self.failure_of(model))


@dataclass(frozen=True, slots=True)
class ModelSummary:
    """One model across a run's tasks: what the chart, the advice and the catalog use."""

    model: str
    answer_rate: float | None  # median of its answers' eval rates
    first_token_s: float | None  # median
    model_memory: int | None  # the most /api/ps gave
    ukrainian_answers: int  # Ukrainian tasks answered in Ukrainian
    ukrainian_tasks: int
    failure: ModelFailure | None = None

    @property
    def too_slow(self) -> bool:
        return self.answer_rate is not None and self.answer_rate < TOO_SLOW

    @property
    def ran(self) -> bool:
        return self.answer_rate is not None and self.failure is None


def summarize(model: str, rows: Sequence[ResultRow], failure: ModelFailure | None) -> ModelSummary:
    rates = [r.answer_rate for r in rows if r.answer_rate is not None]
    firsts = [r.first_token_s for r in rows if r.first_token_s is not None]
    memories = [r.model_memory for r in rows if r.model_memory]
    ukrainian = [r for r in rows if r.language == "uk"]
    return ModelSummary(
        model=model,
        answer_rate=statistics.median(rates) if rates else None,
        first_token_s=statistics.median(firsts) if firsts else None,
        model_memory=max(memories) if memories else None,
        ukrainian_answers=sum(r.verdict is Verdict.UKRAINIAN for r in ukrainian),
        ukrainian_tasks=len(ukrainian),
        failure=failure,
    )


def model_key(name: str) -> str:
    """One spelling per model: "phi3.5" and "phi3.5:latest", "library/x:y" and "x:y" are the same."""
    parsed = check_pull_name(name.strip())
    return str(parsed).casefold() if isinstance(parsed, ModelName) else name.strip().casefold()


def latest_summaries(runs: Iterable[RunResults]) -> dict[str, ModelSummary]:
    """Each model's summary from the newest run that measured it (runs given newest first), by model_key."""
    found: dict[str, ModelSummary] = {}
    for run in runs:
        for model in run.models:
            key = model_key(model)
            if key not in found:
                summary = run.summary(model)
                if summary.ran or summary.failure is not None:
                    found[key] = summary
    return found


def stats_from(data: Mapping[str, Any]) -> GenerationStats:
    return GenerationStats.from_dict(data)
