"""The installed models, joined with the loaded ones, for whichever server is connected."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QObject, Signal

from piassist.core.backend import Backend
from piassist.core.errors import BackendError
from piassist.core.models import ModelInfo, join_loaded
from piassist.services.connection import ConnectionService
from piassist.services.settings import SettingsService
from piassist.services.tasks import TaskSlots

log = logging.getLogger(__name__)
LOADED_POLL = 5.0  # seconds between /api/ps refreshes while the models page is shown


class ModelLibraryService(QObject):
    models_changed = Signal(list)  # list[ModelInfo], sorted by name
    busy_changed = Signal(bool)
    error_changed = Signal(object)  # BackendError | None
    current_model_changed = Signal(str)

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
        connection.backend_changed.connect(self._on_backend_changed)

    @property
    def models(self) -> list[ModelInfo]:
        return list(self._models)

    @property
    def listed(self) -> bool:
        """True once a server has given a list (until then an empty list means 'not known yet')."""
        return self._listed

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
            self._set_busy(False)
            return
        self.refresh()
        self._follow_loaded()

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
        names = [m.name for m in self._models]
        if names and not self._settings.current_model:
            self.set_current_model(names[0])

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def _set_error(self, error: BackendError | None) -> None:
        self._error = error
        self.error_changed.emit(error)
