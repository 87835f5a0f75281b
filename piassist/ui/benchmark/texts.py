"""The benchmark's words in the interface's language: task names, languages, verdicts, the line for a
model that could not run, the columns, the purposes of the advice and the sources of published figures."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, QObject

from piassist.core.benchmark.advice import Purpose
from piassist.core.benchmark.export import COLUMNS, ExportWords
from piassist.core.benchmark.language_check import Verdict
from piassist.core.benchmark.results import ModelFailure, RunInfo
from piassist.core.errors import BackendError, ErrorKind
from piassist.ui.common.error_texts import error_message
from piassist.ui.common.formatting import date_time


class BenchmarkTexts(QObject):
    def task(self, task_id: str) -> str:
        return {
            "short": self.tr("Short question"),
            "long": self.tr("Long answer"),
            "code": self.tr("Code"),
            "summary": self.tr("Summary"),
            "translate": self.tr("Translation"),
        }.get(task_id, task_id)

    def language(self, code: str) -> str:
        """The language a task was asked in, as "in English"."""
        return {"uk": self.tr("in Ukrainian"), "en": self.tr("in English")}.get(code, code)

    def task_in(self, task_id: str, language: str) -> str:
        """The task with the language it was asked in: "Summary (Ukrainian)"."""
        if language == "uk":
            return self.tr("%1 (Ukrainian)").replace("%1", self.task(task_id))
        if language == "en":
            return self.tr("%1 (English)").replace("%1", self.task(task_id))
        return f"{self.task(task_id)} ({language})"

    def verdict(self, verdict: Verdict) -> str:
        """The language an answer is written in, as "in English"."""
        return {
            Verdict.UKRAINIAN: self.tr("in Ukrainian"),
            Verdict.RUSSIAN: self.tr("in Russian"),
            Verdict.CYRILLIC: self.tr("in Cyrillic, too short to tell"),
            Verdict.ENGLISH: self.tr("in English"),
            Verdict.LATIN: self.tr("in Latin letters, not English"),
            Verdict.OTHER: self.tr("in another script"),
            Verdict.MIXED: self.tr("in mixed scripts"),
            Verdict.EMPTY: self.tr("no words"),
        }[verdict]

    def failure(self, failure: ModelFailure) -> str:
        """One clear line: what stopped the model, with the memory figures where there are any."""
        try:
            kind = ErrorKind(failure.kind)
        except ValueError:
            kind = ErrorKind.SERVER_ERROR
        error = BackendError(kind, failure.detail, needed=failure.needed, available=failure.available)
        if kind is ErrorKind.NOT_ENOUGH_MEMORY:
            return (
                self.tr("%1 could not load: %2")
                .replace("%1", failure.model)
                .replace("%2", error_message(error))
            )
        return (
            self.tr("%1 could not run: %2").replace("%1", failure.model).replace("%2", error_message(error))
        )

    def failure_short(self, failure: ModelFailure) -> str:
        """What happened, in a few words (a table's cell; `failure` says why)."""
        if failure.kind == ErrorKind.NOT_ENOUGH_MEMORY.value:
            return self.tr("could not load: too little memory")
        return self.tr("could not run")

    def purpose(self, purpose: Purpose) -> str:
        return {
            Purpose.QUICK: self.tr("For quick answers"),
            Purpose.UKRAINIAN: self.tr("For Ukrainian"),
            Purpose.CODE: self.tr("For code"),
        }[purpose]

    def source(self, source_id: str, fallback: str) -> str:
        return {
            "thesis-pi5": self.tr(
                "A thesis: a Raspberry Pi 5 with 8 GB, measured by hand in a terminal, English prompts"
            ),
            "published-pi4-pi5": self.tr("Other published runs with Ollama on a Raspberry Pi 4 and a Pi 5"),
        }.get(source_id, fallback)

    def column(self, column: str) -> str:
        return {
            "model": self.tr("Model"),
            "task": self.tr("Task"),
            "language": self.tr("Asked"),
            "load_s": self.tr("Load, s"),
            "first_token_s": self.tr("First token, s"),
            "prompt_tokens": self.tr("Question tokens"),
            "prompt_cached": self.tr("From cache"),
            "prompt_rate": self.tr("Question, tokens/s"),
            "answer_tokens": self.tr("Answer tokens"),
            "answer_rate": self.tr("Answer, tokens/s"),
            "ram_peak_mb": self.tr("Peak RAM, MB"),
            "swap_peak_mb": self.tr("Peak swap, MB"),
            "model_memory_mb": self.tr("Model memory, MB"),
            "temp_start_c": self.tr("Start, °C"),
            "temp_end_c": self.tr("End, °C"),
            "throttled": self.tr("Throttled"),
            "answer_language": self.tr("Written"),
            "note": self.tr("Note"),
        }[column]

    def board(self, board: str) -> str:
        return board or self.tr("not a Raspberry Pi")

    def run_title(self, info: RunInfo) -> str:
        """Short, for the list of runs: "04.12.2026 22:59 · Raspberry Pi 5 Model B Rev 1.0"."""
        stamp = QDateTime.fromSecsSinceEpoch(int(info.started_at.timestamp()))
        when = QLocale().toString(stamp, QLocale.FormatType.ShortFormat)
        return f"{when} · {self.board(info.board)}"

    def export_words(self, info: RunInfo) -> ExportWords:
        def value(column: str, key: str) -> str:
            if column == "task":
                return self.task(key)
            if column == "language":
                return self.language(key)
            if column == "throttled":
                return self.tr("yes") if key == "yes" else self.tr("no")
            return self.verdict(Verdict(key))

        locale = QLocale()
        about = [
            (self.tr("Date"), date_time(info.started_at)),
            (self.tr("Board"), self.board(info.board)),
            (self.tr("Ollama version"), info.ollama_version),
            (self.tr("PiAssist version"), info.piassist_version),
            (self.tr("Longest answer, tokens"), locale.toString(info.num_predict)),
            (self.tr("Seed"), str(info.seed)),
        ]
        return ExportWords({c: self.column(c) for c in COLUMNS}, value, self.failure, about)
