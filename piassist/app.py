"""The composition root: builds every service and the objects the window and its pages need, hands them
in, and shuts down in order. The parts a session may never need (the chat's history and system monitor,
the catalog and the fit check, the kiosk) are made here too, when first asked for."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from piassist import paths
from piassist.services.connection import BackendFactory, ConnectionService, ollama_backend_factory
from piassist.services.i18n import I18nService
from piassist.services.model_library import ModelLibraryService
from piassist.services.pull_queue import PullQueueService
from piassist.services.secret_store import SecretStore
from piassist.services.settings import SettingsService
from piassist.services.starting_points import StartingPointsService
from piassist.ui.common.appearance import Appearance
from piassist.ui.connection.host_access import HostAccess
from piassist.ui.keyboard.focus_frame import FocusFrames
from piassist.ui.keyboard.mnemonic_twins import MnemonicTwins
from piassist.ui.window.main_window import MainWindow
from piassist.ui.window.text_zoom import TextZoom

if TYPE_CHECKING:
    from piassist.core.admin_pin import PinThrottle
    from piassist.services.benchmark import BenchmarkService
    from piassist.services.chat_session import ChatService
    from piassist.services.kiosk import KioskService
    from piassist.services.pull_planner import FitFigures, PullPlanner
    from piassist.services.system_monitor import SystemMonitorService
    from piassist.ui.kiosk.mode import KioskMode

log = logging.getLogger(__name__)


class PiAssist:
    """Everything the running app is made of, in one place; nothing reaches through it."""

    def __init__(
        self,
        qapp: QApplication,
        *,
        settings_path: Path,
        qm_dir: Path | None = None,
        backend_factory: BackendFactory = ollama_backend_factory,
        language: str | None = None,
        host: str | None = None,
        poll_interval: float = 2.0,
        data_dir: Path | None = None,
        monitor: SystemMonitorService | None = None,
        model_fit: FitFigures | None = None,
        kiosk: bool = False,
        secrets: SecretStore | None = None,
        pin_throttle: PinThrottle | None = None,
        kiosk_idle_seconds: float | None = None,
    ) -> None:
        self.settings = SettingsService(settings_path)
        # Host tokens and the kiosk's admin PIN hash: keyring is only imported when one is needed.
        self.secrets = secrets or SecretStore(paths.secrets_file(data_dir))
        if host is not None:
            self.settings.set_host(host)
        self.i18n = I18nService(qapp, self.settings, qm_dir or paths.translations_dir())
        self.i18n.set_language(language or self.i18n.initial_language())
        # Light or dark before the first window is drawn (ui/common/appearance.py).
        self.appearance = Appearance(qapp, self.settings.appearance)
        self.appearance.start()
        self.settings.appearance_changed.connect(self.appearance.set_scheme)
        self.connection = ConnectionService(
            self.settings, backend_factory, poll_interval=poll_interval, secrets=self.secrets
        )
        self.library = ModelLibraryService(self.connection, self.settings)
        self._data_dir = data_dir
        # Made at start-up: a download cut short last time resumes as soon as the server answers.
        self.pulls = PullQueueService(
            self.connection, self.library, (data_dir or paths.data_dir()) / "pulls.json"
        )
        self._chat: ChatService | None = None
        self._monitor = monitor
        self._benchmark: BenchmarkService | None = None
        self._model_fit = model_fit
        self._planner: PullPlanner | None = None
        self.text_zoom = TextZoom(self.settings)
        self.starting_points = StartingPointsService(self.settings, paths.resources_dir() / "starting-points")
        settings, connection = self.settings, self.connection
        host_access = HostAccess(
            saved_hosts=lambda: settings.saved_hosts,
            forget_host=settings.forget_host,
            has_token=connection.has_token,
            set_token=connection.set_token,
            describe_keyring=connection.describe_keyring,
        )
        self.window = MainWindow(
            self.connection,
            self.library,
            self.i18n,
            self.settings,
            self.pulls,
            text_zoom=self.text_zoom,
            host_access=host_access,
            chat_parts=self._chat_parts,
            pull_planner=lambda: self.pull_planner,
            benchmark=lambda: self.benchmark,
            starting_points=self.starting_points,
        )
        # The focus frame follows the keyboard in every window of the app (ui/keyboard/focus_frame.py).
        self.focus_frames = FocusFrames(qapp, self.window)
        self.kiosk: KioskService | None = None
        self.kiosk_mode: KioskMode | None = None
        self._history_in_memory = False
        # Alt + an underlined letter with either keyboard layout (ui/keyboard/mnemonic_twins.py).
        self.mnemonic_twins = MnemonicTwins(qapp, self.window)
        if kiosk or self.settings.kiosk_enabled:
            self._make_kiosk(pin_throttle, kiosk_idle_seconds)

    def _make_kiosk(self, throttle: PinThrottle | None, idle_seconds: float | None) -> None:
        from piassist.core.admin_pin import PinThrottle
        from piassist.services.kiosk import ATTEMPTS_FILE, KioskService
        from piassist.ui.kiosk.mode import KioskMode

        data = self._data_dir or paths.data_dir()
        throttle = throttle or PinThrottle(data / ATTEMPTS_FILE)
        self.kiosk = KioskService(
            self.settings, self.secrets, throttle, library=self.library, connection=self.connection
        )
        # Visitors' conversations live in memory only, unless the admin chose to keep them.
        self._history_in_memory = not self.kiosk.keep_history
        self.kiosk_mode = KioskMode(
            self.window,
            self.kiosk,
            self.chat,
            self.library,
            self.i18n,
            idle_seconds=idle_seconds,
        )
        self.kiosk_mode.install()
        # The admin's own welcome text and tasks, where set (ui/kiosk/admin_dialog.py).
        kiosk = self.kiosk
        self.starting_points.use_instead(kiosk.tasks)
        kiosk.settings_changed.connect(self.starting_points.changed)
        self.kiosk_mode.welcome.use(kiosk.welcome_text)
        kiosk.settings_changed.connect(self.kiosk_mode.welcome.retranslate_ui)

    # The chat (history in SQLite, the system monitor, markdown) is made when its page is first built:
    # a session that only looks at the models never loads any of it.
    @property
    def chat(self) -> ChatService:
        return self._chat_parts()[0]

    @property
    def monitor(self) -> SystemMonitorService:
        return self._chat_parts()[1]

    @property
    def benchmark(self) -> BenchmarkService:
        """The benchmark (made when first asked for: its page, the catalog's measured figures, the kiosk's
        admin), with its task set and the published Pi figures. While it runs, the chat sends nothing."""
        if self._benchmark is None:
            from piassist.core.benchmark import published, store, tasks
            from piassist.services.benchmark import BenchmarkService

            resources = paths.resources_dir()
            try:
                task_set = tasks.load_tasks(resources / tasks.FILE_NAME)
            except tasks.TaskFileError as exc:  # a broken install: the page says it cannot measure
                log.warning("no benchmark tasks: %s", exc)
                task_set = {}
            try:
                figures = published.load_published(resources / published.FILE_NAME)
            except published.PublishedFileError as exc:  # a broken install: this computer's bars only
                log.warning("no published figures: %s", exc)
                figures = published.PublishedFigures([])
            self._benchmark = BenchmarkService(
                self.connection,
                self.library,
                task_set,
                figures,
                store_path=(self._data_dir or paths.data_dir()) / store.FILE_NAME,
                chat_busy=lambda: self._chat is not None and self._chat.generating,
            )
            self._benchmark.running_changed.connect(self._pause_chat)
        return self._benchmark

    def _pause_chat(self, running: bool) -> None:
        if self._chat is not None:
            self._chat.set_paused(running)

    def _chat_parts(self) -> tuple[ChatService, SystemMonitorService]:
        if self._chat is None:
            from piassist.services.chat_session import ChatService
            from piassist.services.history_access import AsyncHistory
            from piassist.services.system_monitor import SystemMonitorService

            stored = (self._data_dir or paths.data_dir()) / "history.sqlite3"
            history = AsyncHistory(Path(":memory:") if self._history_in_memory else stored)
            self._chat = ChatService(
                self.connection, self.settings, history, listed_models=lambda: self.library.models
            )
            self._chat.set_paused(self._benchmark is not None and self._benchmark.running)
            self._monitor = self._monitor or SystemMonitorService()
        assert self._monitor is not None
        return self._chat, self._monitor

    # The catalog and the download planning: made when the Get models page is first shown.
    @property
    def pull_planner(self) -> PullPlanner:
        if self._planner is None:
            from piassist.core.get_models.catalog import CatalogError, load_catalog
            from piassist.services.model_fit import ModelFit
            from piassist.services.pull_planner import PullPlanner

            try:
                catalog = load_catalog(paths.resources_dir() / "catalog.json")
            except CatalogError as exc:  # a broken install: typed names still work
                log.warning("no catalog: %s", exc)
                catalog = []
            fit = self._model_fit or ModelFit(self.connection)
            self._planner = PullPlanner(fit, self.pulls, catalog)
        return self._planner

    def start(self) -> None:
        """Begin talking to the server (call once the window is shown)."""
        self.connection.start()
        if self.kiosk_mode is not None:
            self.kiosk_mode.start()

    async def aclose(self) -> None:
        """Stop every task (an answer being written is saved as stopped), close the client and the
        history, save the settings, take the translations out."""
        if self.kiosk_mode is not None:
            self.kiosk_mode.close()
        if self.kiosk is not None:
            await self.kiosk.aclose()
        if self._planner is not None:
            await self._planner.aclose()
        if self._benchmark is not None:  # a run is stopped, and what it unloaded is loaded again
            await self._benchmark.aclose()
        if self._chat is not None:
            await self._chat.aclose()
        if self._monitor is not None:
            await self._monitor.aclose()
        await self.pulls.aclose()
        await self.library.aclose()
        await self.connection.aclose()
        self.secrets.close()
        self.settings.sync()
        self.appearance.close()
        self.i18n.unload()
        self.mnemonic_twins.remove()
        self.window.paint_pace.remove()
        log.info("shut down")
