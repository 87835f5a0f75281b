"""Advice from one run's measurements: the best model this Pi measured for quick answers, for Ukrainian and
for code. The person's own marks ("this answer is better") count before the measured figures where they
say something; a model below results.TOO_SLOW tokens/s is named only when nothing faster qualifies.

- quick answers: the fastest answer speed (median over its tasks); then the shorter wait for the first token.
- Ukrainian: the larger share of Ukrainian tasks answered in Ukrainian (at least half of them, or no
  advice); then the marks on Ukrainian tasks; then speed.
- code: the marks on the code tasks; then how many of its code answers hold code (a fenced block, or
  lines that read as code); then speed. A model that wrote no code and won no mark is not advised.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum

from piassist.core.benchmark.results import ModelSummary, ResultRow, RunResults

UKRAINIAN_SHARE = 0.5  # of its Ukrainian tasks a model must answer in Ukrainian to be advised for it
_CODE = re.compile(r"(?m)^[ \t]*(```|~~~|def |return |for |if |import |class |\w+ = )")


class Purpose(Enum):
    QUICK = "quick"
    UKRAINIAN = "ukrainian"
    CODE = "code"


@dataclass(frozen=True, slots=True)
class Advice:
    purpose: Purpose
    model: str | None  # None: no model measured in this run suits it
    summary: ModelSummary | None = None
    marks: int = 0  # answers of this model the person marked better, for this purpose's tasks
    code_answers: int = 0  # CODE: its code-task answers that hold code


def has_code(text: str) -> bool:
    return bool(_CODE.search(text))


def advise(run: RunResults) -> list[Advice]:
    summaries = [run.summary(m) for m in run.models]
    ran = [s for s in summaries if s.ran]
    marks = Counter((task, model) for (task, _language), model in run.marks.items())
    uk_marks = Counter(model for (_task, language), model in run.marks.items() if language == "uk")
    return [
        _quick(ran),
        _ukrainian(ran, uk_marks),
        _code(ran, run.rows, {m: n for (task, m), n in marks.items() if task == "code"}),
    ]


def _quick(ran: list[ModelSummary]) -> Advice:
    if not ran:
        return Advice(Purpose.QUICK, None)
    best = max(ran, key=lambda s: (not s.too_slow, s.answer_rate or 0.0, -(s.first_token_s or 0.0)))
    return Advice(Purpose.QUICK, best.model, best)


def _ukrainian(ran: list[ModelSummary], marks: Counter[str]) -> Advice:
    able = [
        s for s in ran if s.ukrainian_answers and s.ukrainian_answers >= UKRAINIAN_SHARE * s.ukrainian_tasks
    ]
    if not able:
        return Advice(Purpose.UKRAINIAN, None)
    best = max(
        able,
        key=lambda s: (
            not s.too_slow,
            s.ukrainian_answers / max(1, s.ukrainian_tasks),
            marks[s.model],
            s.answer_rate or 0.0,
        ),
    )
    return Advice(Purpose.UKRAINIAN, best.model, best, marks=marks[best.model])


def _code(ran: list[ModelSummary], rows: tuple[ResultRow, ...], marks: dict[str, int]) -> Advice:
    code = Counter(r.model for r in rows if r.task == "code" and has_code(r.answer))
    able = [s for s in ran if code[s.model] or marks.get(s.model)]
    if not able:
        return Advice(Purpose.CODE, None)
    best = max(
        able,
        key=lambda s: (not s.too_slow, marks.get(s.model, 0), code[s.model], s.answer_rate or 0.0),
    )
    return Advice(
        Purpose.CODE, best.model, best, marks=marks.get(best.model, 0), code_answers=code[best.model]
    )
