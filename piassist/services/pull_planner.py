"""Planning a download before it starts, for the Get models page.

The name is checked as Ollama parses it, the registry is asked for the model's exact size (which also
proves it exists), and the size is weighed against this computer's memory and disk (when the server runs
here: another computer's figures are not ours to read). A model that will not run here waits for the
person's "Download anyway" (confirm()); any other goes to the download queue at once. Each step is
published as a PullPlan; the page only shows it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from piassist.core.errors import BackendError
from piassist.core.get_models.catalog import CatalogEntry
from piassist.core.get_models.fit_check import FitResult, MachineFigures, check_fit
from piassist.core.get_models.model_names import ModelName, NameProblem, check_pull_name
from piassist.services.model_fit import is_private_registry
from piassist.services.pull_queue import PullQueueService
from piassist.services.tasks import TaskSlots


class FitFigures(Protocol):
    """What the plan needs to know from outside (services/model_fit.py's ModelFit; tests give fakes)."""

    async def machine(self) -> MachineFigures | None: ...
    async def download_size(self, name: ModelName, *, insecure: bool) -> int: ...


class PlanStep(enum.Enum):
    BAD_NAME = "bad-name"  # the text is no model name: `problem` says why
    ASKING = "asking"  # the registry is being asked about `name`
    FAILED = "failed"  # `name` cannot be downloaded: `error` says why
    NEEDS_CONFIRMATION = "needs-confirmation"  # it will not run here (`fit`): only confirm() downloads it
    QUEUED = "queued"  # in the download queue


@dataclass(frozen=True, slots=True)
class PullPlan:
    step: PlanStep
    name: str = ""  # as Ollama reads it
    problem: NameProblem | None = None
    error: BackendError | None = None
    download: int = 0  # the bytes the pull fetches
    fit: FitResult | None = None  # None when the server runs on another computer
    insecure: bool = False  # a registry on this computer or the local network: plain http


class PullPlanner(QObject):
    plan_changed = Signal(object)  # PullPlan
    machine_changed = Signal(object)  # MachineFigures | None: this computer's figures, read again

    def __init__(
        self,
        fit: FitFigures,
        queue: PullQueueService,
        catalog: list[CatalogEntry],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fit, self._queue = fit, queue
        self.catalog = catalog  # models that suit a Pi (resources/catalog.json)
        self._tasks = TaskSlots("pull-plan")

    def read_machine(self) -> None:
        """Read this computer's figures again (free memory changes), off the GUI thread."""
        self._tasks.run("machine", self._read_machine())

    def plan(self, text: str, entry: CatalogEntry | None = None) -> None:
        """Plan the download of `text` (a catalog `entry` knows the memory its model needs); a plan
        started before is dropped."""
        self._tasks.run("plan", self._plan(text, entry))

    def confirm(self, plan: PullPlan) -> None:
        """Download a model that will not run here all the same: the person said so."""
        self._enqueue(plan)

    async def aclose(self) -> None:
        await self._tasks.cancel_all()

    async def _read_machine(self) -> None:
        self.machine_changed.emit(await self._fit.machine())

    async def _plan(self, text: str, entry: CatalogEntry | None) -> None:
        checked = check_pull_name(text)
        if not isinstance(checked, ModelName):
            self.plan_changed.emit(PullPlan(PlanStep.BAD_NAME, problem=checked))
            return
        name, insecure = str(checked), is_private_registry(checked)
        self.plan_changed.emit(PullPlan(PlanStep.ASKING, name, insecure=insecure))
        try:
            download = await self._fit.download_size(checked, insecure=insecure)
        except BackendError as exc:
            self.plan_changed.emit(PullPlan(PlanStep.FAILED, name, error=exc, insecure=insecure))
            return
        machine = await self._fit.machine()
        fit = check_fit(download, machine, entry.memory if entry else None) if machine else None
        plan = PullPlan(PlanStep.QUEUED, name, download=download, fit=fit, insecure=insecure)
        if fit is not None and fit.needs_confirmation:
            self.plan_changed.emit(replace(plan, step=PlanStep.NEEDS_CONFIRMATION))
        else:
            self._enqueue(plan)

    def _enqueue(self, plan: PullPlan) -> None:
        self._queue.enqueue(plan.name, insecure=plan.insecure, expected_total=plan.download)
        self.plan_changed.emit(replace(plan, step=PlanStep.QUEUED))
