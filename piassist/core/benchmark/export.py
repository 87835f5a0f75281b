"""A run as CSV (for a spreadsheet) and as a Markdown table (for a forum post or a README).

The words (headings, task names, the failure sentences, the lines about the run) are the interface's,
translated by the caller; the numbers are written plainly (a dot before decimals, no thousands separator),
so that any spreadsheet reads them. Speeds are the server's (eval and prompt rates of the final chunk),
memory in MB (10^6 bytes, as Ollama quotes sizes).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from piassist.core.benchmark.results import ModelFailure, ResultRow, RunResults
from piassist.core.chat_types import NS_PER_SECOND

COLUMNS = (
    "model",
    "task",
    "language",
    "load_s",
    "first_token_s",
    "prompt_tokens",
    "prompt_cached",
    "prompt_rate",
    "answer_tokens",
    "answer_rate",
    "ram_peak_mb",
    "swap_peak_mb",
    "model_memory_mb",
    "temp_start_c",
    "temp_end_c",
    "throttled",
    "answer_language",
    "note",
)
# Columns whose raw value is a key the caller puts into words (task ids, languages, verdicts, yes/no).
WORDED = frozenset({"task", "language", "throttled", "answer_language"})
Value = str | int | float | None


@dataclass(frozen=True)
class ExportWords:
    headers: Mapping[str, str]  # column → heading
    value: Callable[[str, str], str]  # (column in WORDED, raw key) → words
    failure: Callable[[ModelFailure], str]  # the line for a model that could not run
    about: Sequence[tuple[str, str]] = ()  # (label, value) lines above the Markdown table


def _mb(n: int | None) -> float | None:
    return None if n is None else round(n / 1_000_000, 1)


def _round(x: float | None, digits: int = 2) -> float | None:
    return None if x is None else round(x, digits)


def row_values(row: ResultRow) -> dict[str, Value]:
    """A result's figures by column (the server's final chunk for the speeds and counts)."""
    s, m = row.stats, row.machine
    return {
        "model": row.model,
        "task": row.task,
        "language": row.language,
        "load_s": round(s.load_duration_ns / NS_PER_SECOND, 3),
        "first_token_s": _round(row.first_token_s, 3),
        "prompt_tokens": s.prompt_eval_count,
        "prompt_cached": s.prompt_eval_cached_count,
        "prompt_rate": _round(s.prompt_rate),
        "answer_tokens": s.eval_count,
        "answer_rate": _round(s.eval_rate),
        "ram_peak_mb": _mb(m.ram_peak),
        "swap_peak_mb": _mb(m.swap_peak),
        "model_memory_mb": _mb(row.model_memory),
        "temp_start_c": m.temp_start,
        "temp_end_c": m.temp_end,
        "throttled": None if m.throttled is None else ("yes" if m.throttled else "no"),
        "answer_language": row.verdict.value,
        "note": None,
    }


def _cells(run: RunResults, words: ExportWords) -> list[list[str]]:
    lines: list[list[str]] = []
    for model in run.models:
        for row in run.rows_of(model):
            values = row_values(row)
            lines.append([_text(column, values[column], words) for column in COLUMNS])
        failure = run.failure_of(model)
        if failure is not None:
            values = {"model": model, "task": failure.task, "language": failure.language}
            line = [_text(c, values.get(c), words) for c in COLUMNS]
            line[-1] = words.failure(failure)
            lines.append(line)
    return lines


def _text(column: str, value: Value, words: ExportWords) -> str:
    if value is None:
        return ""
    if column in WORDED:
        return words.value(column, str(value))
    return str(value)


def to_csv(run: RunResults, words: ExportWords) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([words.headers[c] for c in COLUMNS])
    writer.writerows(_cells(run, words))
    return out.getvalue()


def to_markdown(run: RunResults, words: ExportWords) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [f"- {label}: {cell(value)}" for label, value in words.about]
    if lines:
        lines.append("")
    lines.append("| " + " | ".join(cell(words.headers[c]) for c in COLUMNS) + " |")
    lines.append("|" + "|".join("---" for _ in COLUMNS) + "|")
    lines += ["| " + " | ".join(cell(t) for t in line) + " |" for line in _cells(run, words)]
    return "\n".join(lines) + "\n"
