"""The installed models, joined with the loaded ones, for whichever server is connected; deleting and
unloading them, and reading one model's details."""

from __future__ import annotations

import asyncio
import logging
from enum import Enum

from PySide6.QtCore import QObject, Signal

from piassist.core.errors import BackendError, ErrorKind
from piassist.core.models import ModelInfo, join_loaded
from piassist.core.ollama.backend import Backend
from piassist.services.connection import ConnectionService
from piassist.services.first_model import choose_first_model
from piassist.services.settings import SettingsService
from piassist.services.tasks import TaskSlots

log = logging.getLogger(__name__)
LOADED_POLL = 5.0  # seconds between /api/ps refreshes while the models page is shown
# After "unload now" Ollama answers at once and unloads on its scheduler's next turn (or when the
# request using the model ends): /api/ps is read this often, this many times, until the model is gone.
UNLOAD_CHECK_INTERVAL = 0.2
UNLOAD_CHECKS = 25


class ModelAction(Enum):
    DELETE = "delete"
    UNLOAD = "unload"
    DETAILS = "details"


class ModelLibraryService(QObject):
    models_changed = Signal(list)  # list[ModelInfo], sorted by name
    busy_changed = Signal(bool)
    error_changed = Signal(object)  # BackendError | None
    current_model_changed = Signal(str)
    model_deleted = Signal(str)
    model_unloaded = Signal(str)  # Ollama was asked to unload it, and /api/ps no longer lists it (or
    # still does after a few seconds, when a request is using it)
    details_ready = Signal(object)  # ModelDetails
    action_failed = Signal(object, str, object)  # ModelAction, the model's name, BackendError
    pending_changed = Signal()  # a delete or unload started or ended (see pending())
    cloud_changed = Signal()  # cloud_enabled was read (or is unknown again: the connection went)
    first_model_chosen = Signal(str, object)  # chosen for the person (none was): name, ModelKind

    def __init__(
        self, connection: ConnectionService, settings: SettingsService, parent: QObject | None = None
    ):
        super().__init__(parent)
        self._connection = connection
        self._settings = settings
        self._tasks = TaskSlots("models")
        self._models: list[ModelInfo] = []
        self._error: BackendError | None = None
        self._busy = False
        self._watchers: set[str] = set()
        self._listed = False
        self._pending: dict[str, ModelAction] = {}
        self._cloud: bool | None = None
        connection.backend_changed.connect(self._on_backend_changed)

    @property
    def models(self) -> list[ModelInfo]:
        return list(self._models)

    @property
    def cloud_enabled(self) -> bool | None:
        """Whether the server may run cloud models (/api/status): False also for an Ollama from before
        cloud models; None while unknown (not connected, not read yet, or it could not be read)."""
        return self._cloud

    @property
    def listed(self) -> bool:
        """True once a server has given a list (until then an empty list means 'not known yet')."""
        return self._listed

    @property
    def choosing_first_model(self) -> bool:
        """Asking the server about the installed models to choose the first one (first_model_chosen)."""
        return self._tasks.running("first-model")

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def error(self) -> BackendError | None:
        return self._error

    @property
    def current_model(self) -> str:
        return self._settings.current_model

    def set_current_model(self, name: str) -> None:
        if name == self._settings.current_model:
            return
        self._settings.set_current_model(name)
        self.current_model_changed.emit(name)

    def pending(self, name: str) -> ModelAction | None:
        """The delete or unload under way for this model, if any."""
        return self._pending.get(name)

    def delete(self, name: str) -> None:
        """Remove an installed model from the server, then read the list again. Emits model_deleted, or
        action_failed(DELETE, ...). The model chosen for chat falls back to the first one left."""
        backend = self._connection.backend
        if backend is None or name in self._pending:
            return
        self._set_pending(name, ModelAction.DELETE)
        self._tasks.run(f"delete:{name}", self._delete(backend, name))

    def unload(self, name: str) -> None:
        """Ask the server to free the model's memory now (keep_alive 0). Emits model_unloaded once
        /api/ps no longer lists it, or action_failed(UNLOAD, ...)."""
        backend = self._connection.backend
        if backend is None or name in self._pending:
            return
        self._set_pending(name, ModelAction.UNLOAD)
        self._tasks.run(f"unload:{name}", self._unload(backend, name))

    def load_details(self, name: str) -> None:
        """Read what /api/show tells about a model: details_ready(ModelDetails) or
        action_failed(DETAILS, ...). A newer request replaces an older one."""
        backend = self._connection.backend
        if backend is not None:
            self._tasks.run("details", self._details(backend, name))

    def refresh(self) -> None:
        """Read the installed and loaded models again (the Refresh button and F5)."""
        backend = self._connection.backend
        if backend is None:
            return
        self._set_busy(True)
        self._tasks.run("refresh", self._refresh(backend))

    def set_watching(self, watching: bool, who: str = "models") -> None:
        """Keep the loaded models' memory fresh while some page shows it (the models page, the chat's
        gauge), and only then."""
        if watching:
            self._watchers.add(who)
        else:
            self._watchers.discard(who)
        self._follow_loaded()

    def _follow_loaded(self) -> None:
        if not self._watchers or self._connection.backend is None:
            self._tasks.cancel("watch-loaded")
        elif not self._tasks.running("watch-loaded"):
            self._tasks.run("watch-loaded", self._watch_loaded())

    async def aclose(self) -> None:
        await self._tasks.cancel_all()

    def _on_backend_changed(self, backend: Backend | None) -> None:
        if backend is None:
            self._tasks.cancel("refresh")
            self._tasks.cancel("watch-loaded")
            self._tasks.cancel("details")
            self._tasks.cancel("cloud")
            self._set_cloud(None)
            for name, action in list(self._pending.items()):
                self._tasks.cancel(f"{action.value}:{name}")
            self._set_busy(False)
            if self._pending:
                self._pending.clear()
                self.pending_changed.emit()
            return
        self.refresh()
        self._follow_loaded()
        self._tasks.run("cloud", self._read_cloud(backend))

    async def _read_cloud(self, backend: Backend) -> None:
        try:
            enabled = await backend.cloud_enabled()
        except BackendError as error:
            log.info("could not read whether cloud models are on: %s", error)
            self._set_cloud(None)
        else:
            self._set_cloud(bool(enabled))  # None: an Ollama from before cloud models has none

    def _set_cloud(self, enabled: bool | None) -> None:
        if enabled != self._cloud:
            self._cloud = enabled
            self.cloud_changed.emit()

    async def _refresh(self, backend: Backend) -> None:
        try:
            installed, loaded = await asyncio.gather(backend.installed_models(), backend.loaded_models())
        except BackendError as error:
            log.warning("could not list models: %s", error)
            self._set_error(error)
        else:
            self._set_error(None)
            self._publish(join_loaded(installed, loaded))
        finally:
            self._set_busy(False)

    async def _delete(self, backend: Backend, name: str) -> None:
        try:
            # Ollama's DeleteHandler (server/routes.go, v0.24.0) removes the files but leaves a loaded
            # model in memory until its keep_alive ends, which with keep_alive -1 is never. `ollama rm`
            # unloads it first (cmd/cmd.go DeleteHandler); so do we, and go on if that fails.
            try:
                await backend.unload(name)
            except BackendError as error:
                log.info("could not unload %s before deleting it: %s", name, error)
            await backend.delete(name)
        except BackendError as error:
            log.warning("could not delete %s: %s", name, error)
            self._end_pending(name)
            self.action_failed.emit(ModelAction.DELETE, name, error)
            if error.kind is ErrorKind.MODEL_NOT_FOUND:
                self.refresh()  # gone already: the list was out of date
            return
        self._end_pending(name)
        left = [m for m in self._models if m.name != name]
        if name == self._settings.current_model:
            await self._choose_first(backend, left, replacing=name)
        self._publish(left)
        self.model_deleted.emit(name)
        self.refresh()

    async def _unload(self, backend: Backend, name: str) -> None:
        try:
            await backend.unload(name)
        except BackendError as error:
            log.warning("could not unload %s: %s", name, error)
            self._end_pending(name)
            self.action_failed.emit(ModelAction.UNLOAD, name, error)
            if error.kind is ErrorKind.MODEL_NOT_FOUND:
                self.refresh()
            return
        try:
            for check in range(UNLOAD_CHECKS):
                if check:
                    await asyncio.sleep(UNLOAD_CHECK_INTERVAL)
                try:
                    loaded = await backend.loaded_models()
                except BackendError as error:
                    log.info("could not read loaded models: %s", error)
                    break
                joined = join_loaded(self._models, loaded)
                if joined != self._models:
                    self._publish(joined)
                if all(m.name != name for m in loaded):
                    break
        finally:
            self._end_pending(name)
        self.model_unloaded.emit(name)

    async def _details(self, backend: Backend, name: str) -> None:
        try:
            details = await backend.show(name)
        except BackendError as error:
            log.warning("could not read the details of %s: %s", name, error)
            self.action_failed.emit(ModelAction.DETAILS, name, error)
        else:
            self.details_ready.emit(details)

    def read_loaded_now(self) -> None:
        """Read which models are in memory once, now (e.g. when an answer starts or ends)."""
        if self._connection.backend is not None and not self._tasks.running("refresh"):
            self._tasks.run("loaded-once", self._read_loaded())

    async def _watch_loaded(self) -> None:
        while True:
            await asyncio.sleep(LOADED_POLL)
            # Not while an answer streams (the connection's polls are held): it would cost the model.
            if not self._tasks.running("refresh") and not self._connection.polls_held:
                await self._read_loaded()

    async def _read_loaded(self) -> None:
        backend = self._connection.backend
        if backend is None:
            return
        try:
            loaded = await backend.loaded_models()
        except BackendError as error:
            log.info("could not read loaded models: %s", error)
            return
        joined = join_loaded(self._models, loaded)
        if joined != self._models:
            self._publish(joined)

    def _publish(self, models: list[ModelInfo]) -> None:
        self._models = sorted(models, key=lambda m: m.name.casefold())
        self._listed = True
        self.models_changed.emit(self.models)
        backend = self._connection.backend
        choosing = self.choosing_first_model
        if self._models and not self._settings.current_model and backend is not None and not choosing:
            self._tasks.run("first-model", self._choose_first(backend, self._models))

    async def _choose_first(self, backend: Backend, models: list[ModelInfo], replacing: str = "") -> None:
        """A chat model before a base model (services/first_model.py), never an embedding model; unless
        the person chose one meanwhile."""
        chosen = await choose_first_model(backend, models) if models else None
        if self._settings.current_model not in ("", replacing):
            return
        self.set_current_model(chosen[0] if chosen else "")
        if chosen:
            self.first_model_chosen.emit(*chosen)

    def _set_pending(self, name: str, action: ModelAction) -> None:
        self._pending[name] = action
        self.pending_changed.emit()

    def _end_pending(self, name: str) -> None:
        if self._pending.pop(name, None) is not None:
            self.pending_changed.emit()

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def _set_error(self, error: BackendError | None) -> None:
        self._error = error
        self.error_changed.emit(error)
