"""The order of a benchmark's steps (each model in turn, every task for it) and how far along it is.

The time left is the mean time of the steps done so far times the steps still to go: rough at first,
good after a model or two. Steps of a model that could not run are skipped, and count as done.
"""

from __future__ import annotations

from dataclasses import dataclass

from piassist.core.benchmark.tasks import BenchmarkTask


@dataclass(frozen=True, slots=True)
class Progress:
    model: str
    model_index: int  # 0-based
    model_count: int
    task: BenchmarkTask | None
    task_index: int  # 0-based
    task_count: int
    done: int  # steps finished or skipped
    total: int
    seconds_left: float | None  # None until one step has been timed

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


class Plan:
    def __init__(self, models: list[str], tasks: list[BenchmarkTask]) -> None:
        self.models = list(models)
        self.tasks = list(tasks)
        self._timed: list[float] = []  # seconds each measured step took
        self._done = 0

    @property
    def total(self) -> int:
        return len(self.models) * len(self.tasks)

    @property
    def done(self) -> int:
        return self._done

    def step_done(self, seconds: float) -> None:
        self._timed.append(max(0.0, seconds))
        self._done += 1

    def skip(self, steps: int) -> None:
        """Steps that will not run (their model could not load)."""
        self._done = min(self.total, self._done + steps)

    def seconds_left(self) -> float | None:
        if not self._timed:
            return None
        return sum(self._timed) / len(self._timed) * (self.total - self._done)

    def progress(self, model_index: int, task_index: int) -> Progress:
        model = self.models[model_index] if model_index < len(self.models) else ""
        task = self.tasks[task_index] if task_index < len(self.tasks) else None
        return Progress(
            model=model,
            model_index=model_index,
            model_count=len(self.models),
            task=task,
            task_index=task_index,
            task_count=len(self.tasks),
            done=self._done,
            total=self.total,
            seconds_left=self.seconds_left(),
        )
