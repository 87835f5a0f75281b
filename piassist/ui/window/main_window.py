"""The main window: navigation, the pages, the connection screen, the status bar and the dialogs it
opens (its actions and menus are in menus.py).

Everything it shows a service's state with is made in app.py and handed in; the pages that cost the most
are built when first needed, from the parts app.py makes then. A kiosk changes the window only through the
methods under "what a kiosk may change", and the window asks it (its `WindowLock`) before it leaves.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QStackedWidget, QWidget

from piassist.core.connection_state import ConnectionStatus, keeps_page
from piassist.services.connection import ConnectionService
from piassist.services.i18n import I18nService
from piassist.services.model_library import ModelLibraryService
from piassist.services.pull_queue import PullQueueService
from piassist.services.settings import SettingsService
from piassist.ui.benchmark.place import BenchmarkPlace
from piassist.ui.chat.prompts import builtin_system_prompt
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import LazyPage, named
from piassist.ui.models.page import ModelsPage
from piassist.ui.window.fit import remember_split
from piassist.ui.window.menus import PAGE_CHAT, PAGE_GET, PAGE_MODELS, WindowAction, WindowMenus
from piassist.ui.window.page_list import PageList
from piassist.ui.window.paint_pace import PaintPace
from piassist.ui.window.status_bar import WindowStatusBar
from piassist.ui.window.text_zoom import TextZoom

if TYPE_CHECKING:
    from piassist.services.benchmark import BenchmarkService
    from piassist.services.chat_session import ChatService
    from piassist.services.pull_planner import PullPlanner
    from piassist.services.starting_points import StartingPointsService
    from piassist.services.system_monitor import SystemMonitorService
    from piassist.ui.benchmark.dialog import BenchmarkDialog
    from piassist.ui.chat.page import ChatPage
    from piassist.ui.connection.host_access import HostAccess
    from piassist.ui.connection.host_dialog import HostDialog
    from piassist.ui.connection.page import ConnectionPage
    from piassist.ui.get_models.page import GetModelsPage
    from piassist.ui.keyboard.shortcut_sheet import ShortcutEntry, ShortcutSheet
    from piassist.ui.settings.dialogs import SettingsDialog

log = logging.getLogger(__name__)


class Lock(enum.Enum):
    """What the window asks its lock before it lets a person go there."""

    OTHER_PAGES = enum.auto()  # any page but the chat (the connection screen always shows)
    SERVER_DIALOG = enum.auto()


class WindowLock(Protocol):
    """What keeps a kiosk's window in place (ui/kiosk/mode.py); the window asks it before leaving."""

    def allows(self, what: Lock) -> bool: ...
    def close_allowed(self) -> bool: ...
    def window_state_changed(self) -> None: ...
    def window_hidden(self) -> None: ...


class MainWindow(Retranslating, QMainWindow):
    closing = Signal()

    def __init__(
        self,
        connection: ConnectionService,
        library: ModelLibraryService,
        i18n: I18nService,
        settings: SettingsService,
        pulls: PullQueueService,
        *,
        text_zoom: TextZoom,
        host_access: HostAccess,
        chat_parts: Callable[[], tuple[ChatService, SystemMonitorService]],
        pull_planner: Callable[[], PullPlanner],
        benchmark: Callable[[], BenchmarkService],
        starting_points: StartingPointsService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.paint_pace = PaintPace(self)  # a paint a frame at most
        self._connection = connection
        self._library = library
        self._i18n = i18n
        self._settings = settings
        self._host_access = host_access
        self._host_dialog: HostDialog | None = None
        self.shortcut_sheet: ShortcutSheet | None = None
        self.text_zoom = text_zoom
        self._lock: WindowLock | None = None  # a kiosk's: lock_with()
        self.starting_points = starting_points  # the empty chat's, edited in Preferences

        self.nav = PageList(4)  # PAGE_CHAT, PAGE_MODELS, PAGE_GET, PAGE_BENCHMARK
        self._chat_parts = chat_parts
        # The chat page (markdown, Pygments, the transcript) is built after the first paint, or when
        # first asked for: the window appears sooner and a session on the models page never pays.
        self._chat_page: ChatPage | None = None
        self._chat_slot = named(LazyPage(self._build_chat_page), "chatSlot")
        self.models_page = ModelsPage(library)
        self.models_page.get_model_requested.connect(self.get_model)
        self.text_zoom.attach(self.models_page.table)
        self._pulls = pulls
        self._pull_planner = pull_planner
        self._get_page: GetModelsPage | None = None  # the catalog and downloads, built when first shown
        self._get_slot = named(LazyPage(self._build_get_page), "getModelsSlot")
        self._connection_page: ConnectionPage | None = None  # built the first time something is wrong
        self.benchmark = BenchmarkPlace(benchmark, library, lambda: i18n.language, self)
        self.benchmark.use_model_requested.connect(lambda: self.show_page(PAGE_CHAT))
        self.pages = named(QStackedWidget(), "pages")
        for page in (self._chat_slot, self.models_page, self._get_slot, self.benchmark.slot):
            self.pages.addWidget(page)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.status_bar = WindowStatusBar(pulls)
        self.setStatusBar(self.status_bar)
        self.status_text, self.pull_indicator = self.status_bar.status_text, self.status_bar.pull_indicator
        self.pull_indicator.open_requested.connect(lambda: self.show_page(PAGE_GET))

        self.menus = WindowMenus(self, self, i18n)  # in the window, running its methods
        self.nav.currentRowChanged.connect(lambda _row: self._place_page())
        connection.status_changed.connect(self._on_status)

        self.nav.setCurrentRow(PAGE_CHAT)
        self.retranslate_ui()
        self._on_status(connection.status)
        self.setMinimumSize(640, 400)
        geometry, state = settings.window_state()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1024, 640)
        if state is not None:
            self.restoreState(state)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("PiAssist"))
        self.nav.set_names([self.tr("Chat"), self.tr("Models"), self.tr("Get models"), self.tr("Benchmark")])
        self.nav.setAccessibleName(self.tr("Pages"))
        self.menus.retranslate()
        self.status_bar.show_status(self._connection.status)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowStateChange:
            self.menus.full_screen_action.setChecked(self.isFullScreen())
            if self._lock is not None:
                self._lock.window_state_changed()
        super().changeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self._lock is not None:
            self._lock.window_hidden()

    # -- pages -------------------------------------------------------------------------------------
    @property
    def chat_page(self) -> ChatPage:
        if self._chat_page is None:
            self._chat_slot.build()
        assert self._chat_page is not None
        return self._chat_page

    def _build_chat_page(self) -> QWidget:
        from piassist.ui.chat.page import ChatPage

        chat, monitor = self._chat_parts()
        page = ChatPage(chat, self._library, monitor)
        page.starting.use(self.starting_points)
        chat.generating_changed.connect(self.menus.stop_action.setEnabled)
        self.text_zoom.attach(page.transcript, page.composer, page.conversations.list)
        self.benchmark.bind_chat(page, chat)
        self.text_zoom.changed.connect(page.text_zoom_changed)
        page.models_page_requested.connect(lambda: self.show_page(PAGE_MODELS))
        page.get_model_requested.connect(self.get_model)
        page.follow_server(self._connection)
        remember_split(page.splitter, self._settings, "chat")
        self._chat_page = page
        return page

    @property
    def get_models_page(self) -> GetModelsPage:
        if self._get_page is None:
            self._get_slot.build()
        assert self._get_page is not None
        return self._get_page

    def _build_get_page(self) -> QWidget:
        from piassist.ui.get_models.page import GetModelsPage

        page = GetModelsPage(self._pull_planner(), self._pulls, self._library)
        self.text_zoom.attach(page.table)
        self.benchmark.bind_catalog(page.table_model)
        self._get_page = page
        return page

    def get_model(self, name: str = "") -> None:
        """Open the Get models page, with `name` chosen in the catalog or typed in when given."""
        if not self._allows(Lock.OTHER_PAGES):
            return
        self.show_page(PAGE_GET)
        if name:
            self.get_models_page.offer(name)

    def open_chat_settings(self) -> None:
        self.show_page(PAGE_CHAT)
        self.chat_page.open_chat_settings()

    def new_chat(self) -> None:
        self.show_page(PAGE_CHAT)
        self.chat_page.new_chat()

    def find_chats(self) -> None:
        self.show_page(PAGE_CHAT)
        self.chat_page.focus_search()

    def go_to_question(self) -> None:
        self.show_page(PAGE_CHAT)
        self.chat_page.composer.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def stop_answer(self) -> None:
        if self._chat_page is not None:
            self._chat_page.stop_answer()

    def toggle_full_screen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    def show_page(self, page: int) -> None:
        if page != PAGE_CHAT and not self._allows(Lock.OTHER_PAGES):
            return
        self.nav.setCurrentRow(page)

    def current_page(self) -> QWidget | None:
        page = self.pages.currentWidget()
        if page is self._chat_slot and self._chat_page is not None:
            return self._chat_page  # the slot only holds it
        if page is self._get_slot and self._get_page is not None:
            return self._get_page
        if page is self.benchmark.slot and self.benchmark.page is not None:
            return self.benchmark.page
        return page

    @property
    def connection_page_if_built(self) -> ConnectionPage | None:
        return self._connection_page

    @property
    def connection_page(self) -> ConnectionPage:
        if self._connection_page is None:
            from piassist.ui.connection.page import ConnectionPage  # only once something is wrong

            page = ConnectionPage()
            page.start_requested.connect(self._connection.start_ollama)
            page.retry_requested.connect(self._connection.retry_now)
            page.change_host_requested.connect(self.open_host_dialog)
            self.pages.addWidget(page)
            self._connection_page = page
        return self._connection_page

    def _on_status(self, status: ConnectionStatus) -> None:
        self.status_bar.show_status(status)
        self._place_page()

    def _place_page(self) -> None:
        status, row = self._connection.status, max(0, self.nav.currentRow())
        first = self._connection_page is None  # nothing went wrong yet
        if keeps_page(status, on_chat=row == PAGE_CHAT, reached=self._connection.reached, first=first):
            self.pages.setCurrentIndex(row)
        else:
            self.connection_page.set_status(status, self._connection.can_start_ollama())
            self.pages.setCurrentWidget(self.connection_page)

    # -- dialogs -----------------------------------------------------------------------------------
    @property
    def host_dialog(self) -> HostDialog | None:
        """The server-address dialog, once open_host_dialog() has made it."""
        return self._host_dialog

    def open_host_dialog(self) -> None:
        if not self._allows(Lock.SERVER_DIALOG):
            return
        if self._host_dialog is None:
            from piassist.ui.connection.host_dialog import HostDialog  # rarely opened: not at start-up

            self._host_dialog = HostDialog(self._connection.host_text, self._host_access, self)
            self._host_dialog.host_chosen.connect(self._connection.set_host)
        self._host_dialog.reset(self._connection.host_text)
        self._host_dialog.open()

    def open_settings_dialog(self) -> SettingsDialog:
        from piassist.ui.settings.dialogs import open_preferences

        prompt, starting = builtin_system_prompt, self.starting_points
        self.settings_dialog = open_preferences(self._settings, self._i18n, prompt, self, starting)
        self.chat_page.show_model_defaults(self.settings_dialog.options)  # the chat's model's own values
        return self.settings_dialog

    def open_shortcut_sheet(self) -> ShortcutSheet:
        from piassist.ui.keyboard.shortcut_sheet import ShortcutSheet  # F1 is rare: not loaded at start-up

        if self.shortcut_sheet is None:
            self.shortcut_sheet = ShortcutSheet(self.shortcut_entries, self)
        self.shortcut_sheet.show_sheet()
        return self.shortcut_sheet

    def shortcut_entries(self) -> list[ShortcutEntry]:
        """Every key the window answers to: the menus' actions, then each page's own keys."""
        from piassist.ui.keyboard.shortcut_sheet import action_entries, everywhere_entries, plain

        entries = self.menus.shortcut_entries()
        chat = plain(self.nav.item(PAGE_CHAT).text())
        entries += self.chat_page.keyboard_entries(chat)
        entries += action_entries(chat, self.chat_page.findChildren(QAction))
        models = plain(self.nav.item(PAGE_MODELS).text())
        entries += action_entries(models, self.models_page.findChildren(QAction))
        return entries + everywhere_entries()

    # -- what a kiosk may change (ui/kiosk/mode.py) -------------------------------------------------
    def lock_with(self, lock: WindowLock) -> None:
        """From now on the window asks `lock` before it leaves the chat, opens the server dialog or
        closes, and tells it when its state changes or it is hidden; no other page stays shown, even
        when code goes round show_page()."""
        self._lock = lock
        self.pages.currentChanged.connect(self._keep_to_allowed_page)

    def _allows(self, what: Lock) -> bool:
        return self._lock is None or self._lock.allows(what)

    def _keep_to_allowed_page(self, _index: int) -> None:
        current = self.pages.currentWidget()
        if current not in (self._chat_slot, self._connection_page) and not self._allows(Lock.OTHER_PAGES):
            self.pages.setCurrentIndex(PAGE_CHAT)

    def hide_chrome(self) -> None:
        """No window frame, menu bar, page list or status bar."""
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.menuBar().hide()
        self.nav.hide()
        self.statusBar().hide()

    def keep_only(self, allowed: Collection[WindowAction]) -> None:
        """Every action of the window off but `allowed` (and any added later to the window), which the
        window itself then carries: the menus are hidden with the menu bar, and a hidden menu's keys do
        nothing."""
        kept = [self.menus.actions[which] for which in allowed]
        for action in self.findChildren(QAction, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if action not in kept:
                action.setEnabled(False)
        self.addActions(sorted(kept, key=id))

    def wrap_content(self, wrap: Callable[[QWidget], QWidget]) -> None:
        """Put what the window shows (the page list and the pages) inside what `wrap` makes of it."""
        content = self.takeCentralWidget()
        assert content is not None
        self.setCentralWidget(wrap(content))

    def chat_for_visitors(self) -> None:
        """The chat as a kiosk offers it: links in answers never open, no conversation list, no chat
        settings, only models that run on the server itself."""
        self.chat_page.for_visitors()

    def fix_model(self, name: str) -> None:
        """The one model the chat uses, its picker hidden; "" lets a person choose again."""
        self.chat_page.fix_model(name)

    def benchmark_dialog(self, parent: QWidget) -> BenchmarkDialog:
        """The Benchmark page in a dialog over `parent` (the kiosk's admin settings, behind the PIN)."""
        return self.benchmark.dialog(parent)

    def focus_question(self) -> None:
        self.chat_page.composer.setFocus()

    def clear_question(self) -> None:
        self.chat_page.composer.clear()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._lock is not None:
            if not self._lock.close_allowed():  # a kiosk: only after the admin PIN
                event.ignore()
                return
        else:  # a kiosk's full screen is not the window a person left
            self._settings.save_window_state(self.saveGeometry(), self.saveState())
        self.closing.emit()
        super().closeEvent(event)
