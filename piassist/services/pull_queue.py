"""Model downloads: a queue, one pull at a time, saved so that a pull cut short resumes at the next start.

A pull goes QUEUED → RUNNING → (installed: it leaves the list) or FAILED (kept, with the error, until
tried again or dismissed). Cancel stops it and takes it off the list; the server keeps what it had
downloaded, so pulling the same model later goes on from there. What is queued, running or failed is
written to a small JSON file; at the next start it is queued again and Ollama resumes from its partial
files. A pull that failed because the server or the network went away is tried again by itself when the
server is back.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from piassist.core.errors import CONNECTION_LOST, BackendError, ErrorKind
from piassist.core.get_models.pull_progress import PullProgress, PullTracker
from piassist.core.ollama.backend import Backend
from piassist.services.connection import ConnectionService
from piassist.services.model_library import ModelLibraryService
from piassist.services.tasks import TaskSlots

log = logging.getLogger(__name__)
PROGRESS_EVERY = 0.25  # seconds between progress signals (Ollama sends an event every 60 ms per layer)
# Failures worth trying again by themselves once the server answers again.
RETRY_BY_ITSELF = CONNECTION_LOST | {ErrorKind.REGISTRY_UNREACHABLE}


class PullState(Enum):
    QUEUED = "queued"
    RUNNING = "running"
    FAILED = "failed"


@dataclass
class PullJob:
    name: str  # as checked by model_names (str(ModelName))
    insecure: bool = False  # a registry on this computer or the LAN, over plain http
    expected_total: int | None = None  # bytes, when known before (the registry's manifest)
    state: PullState = PullState.QUEUED
    progress: PullProgress = field(default_factory=PullProgress)
    error: BackendError | None = None


class PullQueueService(QObject):
    jobs_changed = Signal()  # a job was added, removed, or changed state
    progress_changed = Signal(str)  # a running job's progress moved (at most every PROGRESS_EVERY s)
    pull_finished = Signal(str, bool)  # name, installed (False: failed; cancelled pulls say nothing)

    def __init__(
        self,
        connection: ConnectionService,
        library: ModelLibraryService,
        state_path: Path,
        *,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._connection = connection
        self._library = library
        self._state_path = state_path
        self._jobs: list[PullJob] = []
        self._tasks = TaskSlots("pulls")
        self._last_emit = 0.0
        self._load()
        connection.backend_changed.connect(self._on_backend_changed)
        if connection.backend is not None:
            self._on_backend_changed(connection.backend)

    # -- what the UI reads -------------------------------------------------------------------------
    @property
    def jobs(self) -> list[PullJob]:
        return list(self._jobs)

    def job(self, name: str) -> PullJob | None:
        return next((j for j in self._jobs if j.name == name), None)

    @property
    def active(self) -> PullJob | None:
        """The pull being downloaded now, if any."""
        return next((j for j in self._jobs if j.state is PullState.RUNNING), None)

    # -- what the UI asks for ----------------------------------------------------------------------
    def enqueue(self, name: str, *, insecure: bool = False, expected_total: int | None = None) -> bool:
        """Queue a pull; False when that model is already in the list (a failed one is tried again)."""
        existing = self.job(name)
        if existing is not None:
            if existing.state is PullState.FAILED:
                self.retry(name)
            return False
        self._jobs.append(PullJob(name, insecure, expected_total))
        self._changed()
        self._next()
        return True

    def cancel(self, name: str) -> None:
        """Stop a pull and take it off the list; the server keeps its partial data for a later pull."""
        job = self.job(name)
        if job is None:
            return
        self._jobs.remove(job)
        self._tasks.cancel(f"pull:{name}")
        self._changed()
        self._next()

    def retry(self, name: str) -> None:
        job = self.job(name)
        if job is not None and job.state is PullState.FAILED:
            job.state, job.error = PullState.QUEUED, None
            self._changed()
            self._next()

    def dismiss(self, name: str) -> None:
        """Forget a failed pull (its partial data stays on the server)."""
        job = self.job(name)
        if job is not None and job.state is PullState.FAILED:
            self._jobs.remove(job)
            self._changed()

    async def aclose(self) -> None:
        # Running pulls are cancelled but stay in the saved list: the next start resumes them.
        self._save()
        await self._tasks.cancel_all()

    # -- the work ----------------------------------------------------------------------------------
    def _on_backend_changed(self, backend: Backend | None) -> None:
        if backend is None:
            return  # a running pull fails by itself and is tried again when the server is back
        retried = False
        for job in self._jobs:
            if job.state is PullState.FAILED and job.error is not None and job.error.kind in RETRY_BY_ITSELF:
                job.state, job.error = PullState.QUEUED, None
                retried = True
        if retried:  # otherwise nothing changed: no need to write the queue at every reconnect
            self._changed()
        self._next()

    def _next(self) -> None:
        backend = self._connection.backend
        if backend is None or self.active is not None:
            return
        job = next((j for j in self._jobs if j.state is PullState.QUEUED), None)
        if job is None:
            return
        job.state, job.progress = PullState.RUNNING, PullProgress()
        self._changed()
        self._tasks.run(f"pull:{job.name}", self._pull(backend, job))

    async def _pull(self, backend: Backend, job: PullJob) -> None:
        tracker = PullTracker(expected_total=job.expected_total)
        log.info("pulling %s", job.name)
        try:
            stream = backend.pull(job.name, insecure=job.insecure)
            try:
                async for event in stream:
                    phase = job.progress.phase
                    job.progress = tracker.update(event)
                    now = time.monotonic()
                    # A new phase is shown at once: Ollama may say nothing for minutes after it
                    # (verifying a large model on a Pi), and the view must not stay on the old one.
                    if job.progress.phase is not phase or now - self._last_emit >= PROGRESS_EVERY:
                        self._last_emit = now
                        self.progress_changed.emit(job.name)
            finally:
                await stream.aclose()
        except BackendError as exc:
            log.warning("pull of %s failed: %s", job.name, exc)
            job.state, job.error = PullState.FAILED, exc
            self._changed()
            self.pull_finished.emit(job.name, False)
        else:
            if job.progress.done:
                log.info("pulled %s", job.name)
                self._jobs.remove(job)
                self._changed()
                self._library.refresh()
                self.pull_finished.emit(job.name, True)
            else:  # the stream ended without "success": treat it as a broken connection
                job.state = PullState.FAILED
                job.error = BackendError(ErrorKind.INTERRUPTED, "the pull ended before success")
                self._changed()
                self.pull_finished.emit(job.name, False)
        self._next_soon()

    def _next_soon(self) -> None:
        # After this task has finished: the next pull must not start inside the one ending.
        asyncio.get_running_loop().call_soon(self._next)

    # -- saved between runs ------------------------------------------------------------------------
    def _changed(self) -> None:
        self._save()
        self.jobs_changed.emit()

    def _save(self) -> None:
        entries = [
            {"name": job.name, "insecure": job.insecure, "expected_total": job.expected_total}
            for job in self._jobs
        ]
        try:
            self._state_path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self._state_path.with_suffix(".tmp")
            temporary.write_text(json.dumps({"version": 1, "pulls": entries}), encoding="utf-8")
            os.replace(temporary, self._state_path)
        except OSError as exc:  # a full disk must not break the pulls themselves
            log.warning("could not save the pull queue: %s", exc)

    def _load(self) -> None:
        try:
            data = json.loads(self._state_path.read_text(encoding="utf-8"))
            for entry in data.get("pulls", []):
                total = entry.get("expected_total")
                self._jobs.append(
                    PullJob(
                        str(entry["name"]),
                        bool(entry.get("insecure", False)),
                        int(total) if isinstance(total, int) else None,
                    )
                )
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("ignoring the saved pull queue %s: %s", self._state_path, exc)
            self._jobs = []
        if self._jobs:
            log.info("resuming %d pull(s) cut short last time", len(self._jobs))
