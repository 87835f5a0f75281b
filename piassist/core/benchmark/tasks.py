"""The benchmark's fixed task set: five tasks, each in English and in Ukrainian (benchmark_tasks.json).

A task is asked on its own, with no system prompt, so every model gets exactly the same request; the answer
is expected in the task's language (the translation tasks ask for it: "Translate into English" is an English
task, "Переклади українською" a Ukrainian one).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

TASK_IDS = ("short", "long", "code", "summary", "translate")
LANGUAGES = ("uk", "en")
FILE_NAME = "benchmark_tasks.json"


class TaskFileError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class BenchmarkTask:
    id: str  # one of TASK_IDS
    language: str  # "uk" or "en": the language it is asked in, and the answer's expected language
    text: str

    @property
    def key(self) -> tuple[str, str]:
        return self.id, self.language


def load_tasks(path: Path) -> dict[tuple[str, str], BenchmarkTask]:
    """Every task of the file by (id, language); TaskFileError when a task or a language is missing."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        tasks = {}
        for raw in data["tasks"]:
            for language in LANGUAGES:
                text = str(raw["text"][language]).strip()
                if not text:
                    raise TaskFileError(f"{raw['id']}: no {language} text")
                tasks[(str(raw["id"]), language)] = BenchmarkTask(str(raw["id"]), language, text)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise TaskFileError(f"{path}: {exc}") from exc
    missing = [task for task in TASK_IDS if (task, LANGUAGES[0]) not in tasks]
    if missing:
        raise TaskFileError(f"{path}: no task {missing}")
    return tasks


def task_order(tasks: dict[tuple[str, str], BenchmarkTask], first_language: str) -> list[BenchmarkTask]:
    """The tasks in the interface's language first, then the same tasks in the other language."""
    languages = (first_language, *(lang for lang in LANGUAGES if lang != first_language))
    return [tasks[(task, lang)] for lang in languages for task in TASK_IDS if (task, lang) in tasks]
