"""The benchmark's pure parts: the task file, the plan's time left, the published figures, the advice and
the export."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from piassist import paths
from piassist.core.benchmark.advice import Purpose, advise
from piassist.core.benchmark.export import COLUMNS, ExportWords, to_csv, to_markdown
from piassist.core.benchmark.language_check import Verdict
from piassist.core.benchmark.plan import Plan
from piassist.core.benchmark.published import PublishedFileError, load_published
from piassist.core.benchmark.results import (
    MachineFigures,
    ModelFailure,
    ResultRow,
    RunInfo,
    RunResults,
    latest_summaries,
    model_key,
)
from piassist.core.benchmark.tasks import TASK_IDS, TaskFileError, load_tasks, task_order
from piassist.core.chat_types import GenerationStats


def row(
    model: str, task: str, language: str, rate: float, answer: str = "", verdict: Verdict = Verdict.ENGLISH
) -> ResultRow:
    return ResultRow(
        model=model,
        task=task,
        language=language,
        stats=GenerationStats(
            eval_count=int(rate * 10),
            eval_duration_ns=10_000_000_000,
            prompt_eval_count=20,
            prompt_eval_duration_ns=500_000_000,
            load_duration_ns=1_500_000_000,
        ),
        first_token_s=1.7,
        machine=MachineFigures(ram_peak=2_000_000_000, ram_total=4_000_000_000, swap_peak=0, swap_total=0),
        model_memory=400_000_000,
        answer=answer,
        verdict=verdict,
    )


def info(*models: str, run_id: int = 1) -> RunInfo:
    return RunInfo(run_id, datetime(2026, 12, 4, tzinfo=UTC), "", "0.34.4", "0.1.0", 200, 42, models)


def test_the_task_file_has_every_task_in_both_languages() -> None:
    tasks = load_tasks(paths.resources_dir() / "benchmark_tasks.json")
    assert set(tasks) == {(t, lang) for t in TASK_IDS for lang in ("uk", "en")}
    order = task_order(tasks, "uk")
    assert [t.language for t in order] == ["uk"] * 5 + ["en"] * 5
    assert [t.id for t in order[:5]] == list(TASK_IDS)
    assert task_order(tasks, "en")[0].language == "en"
    assert "Python" in tasks[("code", "uk")].text and "Переклади" in tasks[("translate", "uk")].text


def test_a_broken_task_file_says_so(tmp_path: Path) -> None:
    broken = tmp_path / "tasks.json"
    broken.write_text('{"tasks": [{"id": "short", "text": {"en": "Hi"}}]}')
    with pytest.raises(TaskFileError):
        load_tasks(broken)


def test_time_left_is_the_mean_step_times_the_steps_to_go() -> None:
    plan = Plan(["a", "b"], [object()] * 3)  # type: ignore[list-item]
    assert plan.total == 6 and plan.seconds_left() is None
    plan.step_done(10.0)
    plan.step_done(20.0)
    assert plan.seconds_left() == pytest.approx(15.0 * 4)
    plan.skip(1)  # the model could not load its last task
    assert plan.progress(1, 0).done == 3 and plan.seconds_left() == pytest.approx(45.0)
    assert plan.progress(1, 0).fraction == 0.5


def test_published_figures_match_models_as_ollama_names_them(tmp_path: Path) -> None:
    figures = load_published(paths.resources_dir() / "published_figures.json")
    qwen = figures.for_model("qwen2.5:0.5b")
    assert [f.tokens_per_second for f in qwen["pi4"]] == [7.9]
    assert sorted(f.tokens_per_second for f in qwen["pi5"]) == [19.4, 20.4]
    assert figures.for_model("phi3.5:latest")["pi5"][0].tokens_per_second == 3.42
    assert figures.for_model("smollm2:135m") == {}
    assert all(s.title and s.method for s in figures.sources()) and len(figures.sources()) == 2
    bad = tmp_path / "figures.json"
    bad.write_text('{"sources": [], "figures": [{"model": "x", "board": "pi9", "tokens_per_second": 1}]}')
    with pytest.raises(PublishedFileError):
        load_published(bad)


def test_model_key() -> None:
    assert model_key("phi3.5") == model_key("phi3.5:latest") == model_key("library/phi3.5:latest")
    assert model_key("Qwen2.5:0.5B") == model_key("qwen2.5:0.5b")


def test_advice_from_the_measurements_and_the_marks() -> None:
    rows = [
        row("fast", "short", "en", 20.0, "Kyiv is the capital."),
        row("fast", "short", "uk", 20.0, "Kyiv", Verdict.LATIN),
        row("fast", "code", "en", 20.0, "I cannot write code."),
        row("ukr", "short", "uk", 8.0, "Київ", Verdict.UKRAINIAN),
        row("ukr", "code", "en", 8.0, "```python\ndef f(): pass\n```"),
        row("slow", "short", "uk", 1.0, "Київ", Verdict.UKRAINIAN),
        row("slow", "code", "en", 1.0, "def f():\n    return 1"),
    ]
    run = RunResults(
        info("fast", "ukr", "slow", "big"),
        tuple(rows),
        (ModelFailure("big", "short", "uk", "not-enough-memory"),),
    )
    advice = {a.purpose: a for a in advise(run)}
    assert advice[Purpose.QUICK].model == "fast"
    assert advice[Purpose.UKRAINIAN].model == "ukr"  # as Ukrainian as "slow", and not too slow
    half = RunResults(
        info("ukr"),
        (
            *[r for r in rows if r.model == "ukr"],
            row("ukr", "long", "uk", 8.0),
            row("ukr", "code", "uk", 8.0),
        ),
    )
    assert (
        next(a for a in advise(half) if a.purpose is Purpose.UKRAINIAN).model is None
    )  # 1 of 3 in Ukrainian
    assert advice[Purpose.CODE].model == "ukr" and advice[Purpose.CODE].code_answers == 1
    assert run.summary("slow").too_slow and not run.summary("fast").too_slow
    assert not run.summary("big").ran and run.summary("big").failure is not None
    marked = RunResults(run.info, run.rows, run.failures, {("code", "en"): "slow"})
    code = next(a for a in advise(marked) if a.purpose is Purpose.CODE)
    assert code.model == "ukr"  # a mark does not lift a model below 2 tokens/s over one that is not
    only_slow = RunResults(
        info("slow"), tuple(r for r in rows if r.model == "slow"), (), {("code", "en"): "slow"}
    )
    assert all(a.model == "slow" for a in advise(only_slow))  # named when nothing faster qualifies
    nothing = advise(RunResults(info("fast"), tuple(r for r in rows if r.model == "fast")))
    assert [a.model for a in nothing] == ["fast", None, None]


def test_newest_measurement_per_model() -> None:
    new = RunResults(info("a", run_id=2), (row("a", "short", "en", 5.0),))
    old = RunResults(
        info("a", "b:latest", run_id=1), (row("a", "short", "en", 9.0), row("b", "short", "en", 3.0))
    )
    latest = latest_summaries([new, old])
    assert latest[model_key("a")].answer_rate == 5.0
    assert latest[model_key("b")].answer_rate == 3.0


def words() -> ExportWords:
    return ExportWords(
        headers={c: c.upper() for c in COLUMNS},
        value=lambda column, key: f"<{key}>",
        failure=lambda f: f"{f.model} could not run",
        about=[("Board", "Raspberry Pi 5 | 8GB")],
    )


def test_csv_and_markdown_hold_the_server_figures() -> None:
    run = RunResults(
        info("a", "big"),
        (row("a", "short", "uk", 12.5, "Київ", Verdict.UKRAINIAN),),
        (ModelFailure("big", "short", "uk", "not-enough-memory"),),
    )
    lines = list(csv.reader(io.StringIO(to_csv(run, words()))))
    assert lines[0] == [c.upper() for c in COLUMNS]
    first = dict(zip(COLUMNS, lines[1], strict=True))
    assert first["answer_rate"] == "12.5" and first["answer_tokens"] == "125"
    assert first["load_s"] == "1.5" and first["prompt_rate"] == "40.0" and first["model_memory_mb"] == "400.0"
    assert first["task"] == "<short>" and first["answer_language"] == "<uk>" and first["throttled"] == ""
    failed = dict(zip(COLUMNS, lines[2], strict=True))
    assert failed["model"] == "big" and failed["note"] == "big could not run" and failed["answer_rate"] == ""
    markdown = to_markdown(run, words()).splitlines()
    assert markdown[0] == "- Board: Raspberry Pi 5 \\| 8GB"
    table = [line for line in markdown if line.startswith("|")]
    assert len(table) == 4 and all(line.count("|") == len(COLUMNS) + 1 for line in table)
