"""The main window: navigation, the pages, the connection screen, the status bar and the dialogs it
opens (its actions and menus are in window_menus.py)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from piassist import __version__
from piassist.core.connection_state import ConnectionStatus, ConnState, keeps_page
from piassist.services.connection import ConnectionService
from piassist.services.i18n import I18nService
from piassist.services.model_library import ModelLibraryService
from piassist.services.pull_queue import PullQueueService
from piassist.services.settings import FACTORY_CHAT_DEFAULTS, SettingsService
from piassist.ui import connection_texts, keys
from piassist.ui.focus_frame import FocusFrames
from piassist.ui.models_page import ModelsPage
from piassist.ui.prompts import builtin_system_prompt
from piassist.ui.pull_indicator import PullIndicator
from piassist.ui.text_zoom import TextZoom
from piassist.ui.widgets import LazyPage, named
from piassist.ui.window_menus import PAGE_CHAT, PAGE_GET, PAGE_MODELS, WindowMenus

if TYPE_CHECKING:
    from piassist.services.chat_session import ChatService
    from piassist.services.system_monitor import SystemMonitorService
    from piassist.ui.chat_page import ChatPage
    from piassist.ui.connection_page import ConnectionPage
    from piassist.ui.get_models_page import GetModelsPage
    from piassist.ui.host_dialog import HostDialog
    from piassist.ui.settings_dialogs import SettingsDialog
    from piassist.ui.shortcut_sheet import ShortcutEntry, ShortcutSheet

log = logging.getLogger(__name__)
STATE_COLOURS = {
    ConnState.CONNECTED: "#2e7d32",
    ConnState.CONNECTING: "#f9a825",
    ConnState.STARTING: "#f9a825",
}


class WindowLock(Protocol):
    """What keeps a kiosk's window in place (ui/kiosk_mode.py); the window asks it before leaving."""

    def allows(self, what: str) -> bool: ...  # "page" (other than the chat), "host"
    def close_allowed(self) -> bool: ...
    def window_state_changed(self) -> None: ...
    def window_hidden(self) -> None: ...


class MainWindow(QMainWindow):
    closing = Signal()

    def __init__(
        self,
        connection: ConnectionService,
        library: ModelLibraryService,
        i18n: I18nService,
        settings: SettingsService,
        *,
        chat_parts: Callable[[], tuple[ChatService, SystemMonitorService]],
        pulls: PullQueueService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._connection = connection
        self._library = library
        self._i18n = i18n
        self._settings = settings
        self._host_dialog: HostDialog | None = None
        self.shortcut_sheet: ShortcutSheet | None = None
        self.text_zoom = TextZoom(settings, self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self._focus_frames = FocusFrames(app, self)
        self.lock: WindowLock | None = None  # set by the kiosk

        self.nav = named(QListWidget(), "navigation")
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 8px 10px; }")
        for _ in (PAGE_CHAT, PAGE_MODELS, PAGE_GET):
            QListWidgetItem(self.nav)
        self._chat_parts = chat_parts
        # The chat page (markdown, Pygments, the transcript) is built after the first paint, or when
        # first asked for: the window appears sooner and a session on the models page never pays.
        self._chat_page: ChatPage | None = None
        self._chat_slot = named(LazyPage(self._build_chat_page), "chatSlot")
        self.models_page = ModelsPage(library)
        self.models_page.get_model_requested.connect(self.get_model)
        self.text_zoom.attach(self.models_page.table)
        self._pulls = pulls
        self._get_page: GetModelsPage | None = None  # the catalog and downloads, built when first shown
        self._get_slot = named(LazyPage(self._build_get_page), "getModelsSlot")
        self._connection_page: ConnectionPage | None = None  # built the first time something is wrong
        self.pages = named(QStackedWidget(), "pages")
        self.pages.addWidget(self._chat_slot)
        self.pages.addWidget(self.models_page)
        self.pages.addWidget(self._get_slot)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.status_dot = named(QLabel("●"), "statusDot")
        self.status_text = named(QLabel(), "statusText")
        self.statusBar().addPermanentWidget(self.status_dot)
        self.statusBar().addPermanentWidget(self.status_text, 1)
        self.pull_indicator = PullIndicator(pulls)
        self.pull_indicator.open_requested.connect(lambda: self.show_page(PAGE_GET))
        self.statusBar().addPermanentWidget(self.pull_indicator)

        self.menus = WindowMenus(self, i18n)
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
        nav_item = self.nav.item(PAGE_CHAT)
        nav_item.setText(self.tr("Chat"))
        self.nav.item(PAGE_MODELS).setText(self.tr("Models"))
        self.nav.item(PAGE_GET).setText(self.tr("Get models"))
        self.nav.setAccessibleName(self.tr("Pages"))
        self._fit_nav()
        self.menus.retranslate()
        self._show_status_line(self._connection.status)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.WindowStateChange:
            self.menus.full_screen_action.setChecked(self.isFullScreen())
            if self.lock is not None:
                self.lock.window_state_changed()
        super().changeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if self.lock is not None:
            self.lock.window_hidden()

    def _fit_nav(self) -> None:
        """As wide as the longest page name in the current language, and no wider: small screens."""
        widest = max(
            self.nav.fontMetrics().horizontalAdvance(self.nav.item(i).text()) for i in range(self.nav.count())
        )
        self.nav.setFixedWidth(widest + 2 * 10 + 2 * self.nav.frameWidth() + 16)

    # -- pages -------------------------------------------------------------------------------------
    @property
    def chat_page(self) -> ChatPage:
        if self._chat_page is None:
            self._chat_slot.build()
        assert self._chat_page is not None
        return self._chat_page

    @property
    def chat_page_if_built(self) -> ChatPage | None:
        return self._chat_page

    def _build_chat_page(self) -> QWidget:
        from piassist.ui.chat_page import ChatPage

        chat, monitor = self._chat_parts()
        page = ChatPage(chat, self._library, monitor)
        chat.generating_changed.connect(self.menus.stop_action.setEnabled)
        self.text_zoom.attach(page.transcript, page.composer, page.conversations.list)
        self.text_zoom.changed.connect(page.text_zoom_changed)
        page.models_page_requested.connect(lambda: self.show_page(PAGE_MODELS))
        page.get_model_requested.connect(self.get_model)
        page.follow_server(self._connection)
        self._chat_page = page
        return page

    @property
    def get_models_page(self) -> GetModelsPage:
        if self._get_page is None:
            self._get_slot.build()
        assert self._get_page is not None
        return self._get_page

    def _build_get_page(self) -> QWidget:
        from piassist import paths
        from piassist.core.catalog import CatalogError, load_catalog
        from piassist.services.model_fit import ModelFit
        from piassist.ui.get_models_page import GetModelsPage

        try:
            catalog = load_catalog(paths.resources_dir() / "catalog.json")
        except CatalogError as exc:  # a broken install: typed names still work
            log.warning("no catalog: %s", exc)
            catalog = []
        page = GetModelsPage(catalog, self._pulls, self._library, ModelFit(self._connection))
        self.text_zoom.attach(page.table)
        self._get_page = page
        return page

    def get_model(self, name: str = "") -> None:
        """Open the Get models page, with `name` chosen in the catalog or typed in when given."""
        if self.lock is not None and not self.lock.allows("page"):
            return
        self.show_page(PAGE_GET)
        if name:
            self.get_models_page.offer(name)

    async def aclose_pages(self) -> None:
        if self._get_page is not None:
            await self._get_page.aclose()

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
        if page != PAGE_CHAT and self.lock is not None and not self.lock.allows("page"):
            return
        self.nav.setCurrentRow(page)

    def current_page(self) -> QWidget | None:
        page = self.pages.currentWidget()
        if page is self._chat_slot and self._chat_page is not None:
            return self._chat_page  # the slot only holds it
        if page is self._get_slot and self._get_page is not None:
            return self._get_page
        return page

    @property
    def connection_page_if_built(self) -> ConnectionPage | None:
        return self._connection_page

    @property
    def connection_page(self) -> ConnectionPage:
        if self._connection_page is None:
            from piassist.ui.connection_page import ConnectionPage  # only once something is wrong

            page = ConnectionPage()
            page.start_requested.connect(self._connection.start_ollama)
            page.retry_requested.connect(self._connection.retry_now)
            page.change_host_requested.connect(self.open_host_dialog)
            self.pages.addWidget(page)
            self._connection_page = page
        return self._connection_page

    def _on_status(self, status: ConnectionStatus) -> None:
        self._show_status_line(status)
        self._place_page()

    def _place_page(self) -> None:
        status, row = self._connection.status, max(0, self.nav.currentRow())
        first = self._connection_page is None  # nothing went wrong yet
        if keeps_page(status, on_chat=row == PAGE_CHAT, reached=self._connection.reached, first=first):
            self.pages.setCurrentIndex(row)
        else:
            self.connection_page.set_status(status, self._connection.can_start_ollama())
            self.pages.setCurrentWidget(self.connection_page)

    def _show_status_line(self, status: ConnectionStatus) -> None:
        self.status_text.setText(connection_texts.short(status))
        colour = STATE_COLOURS.get(status.state, "#c62828")
        self.status_dot.setStyleSheet(f"color: {colour};")

    # -- dialogs -----------------------------------------------------------------------------------
    def open_host_dialog(self) -> None:
        if self.lock is not None and not self.lock.allows("host"):
            return
        if self._host_dialog is None:
            from piassist.ui.host_dialog import HostAccess, HostDialog  # rarely opened: not at start-up

            connection, settings = self._connection, self._settings
            access = HostAccess(
                saved_hosts=lambda: settings.saved_hosts,
                forget_host=settings.forget_host,
                has_token=connection.has_token,
                set_token=connection.set_token,
                describe_keyring=connection.describe_keyring,
            )
            self._host_dialog = HostDialog(self._connection.host_text, access, self)
            self._host_dialog.host_chosen.connect(self._connection.set_host)
        self._host_dialog.reset(self._connection.host_text)
        self._host_dialog.open()

    def open_settings_dialog(self) -> SettingsDialog:
        from piassist.ui.settings_dialogs import SettingsDialog

        settings = self._settings
        language = self._i18n.language
        dialog = SettingsDialog(
            language,
            settings.chat_defaults(),
            settings.system_prompt(language),
            builtin_system_prompt,
            FACTORY_CHAT_DEFAULTS,
            self,
        )

        def save(options: dict[str, Any], own_prompt: str) -> None:
            settings.set_chat_defaults(options)
            settings.set_system_prompt(language, own_prompt)

        dialog.accepted_values.connect(save)
        dialog.language_chosen.connect(self._i18n.set_language)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.settings_dialog = dialog
        return dialog

    def open_shortcut_sheet(self) -> ShortcutSheet:
        from piassist.ui.shortcut_sheet import ShortcutSheet  # F1 is rare: not loaded at start-up

        if self.shortcut_sheet is None:
            self.shortcut_sheet = ShortcutSheet(self.shortcut_entries, self)
        self.shortcut_sheet.show_sheet()
        return self.shortcut_sheet

    def shortcut_entries(self) -> list[ShortcutEntry]:
        """Every key the window answers to: the menus' actions, then each page's own keys."""
        from piassist.ui.shortcut_sheet import ShortcutEntry, action_entries, plain

        entries = self.menus.shortcut_entries()
        chat = plain(self.nav.item(PAGE_CHAT).text())
        entries += self.chat_page.keyboard_entries(chat)
        entries += action_entries(chat, self.chat_page.findChildren(QAction))
        models = plain(self.nav.item(PAGE_MODELS).text())
        entries += action_entries(models, self.models_page.findChildren(QAction))
        anywhere, alt = self.tr("Anywhere"), self.tr("Alt + the underlined letter")
        entries += [
            ShortcutEntry(anywhere, self.tr("Next control"), keys.shown([QKeySequence(Qt.Key.Key_Tab)])),
            ShortcutEntry(anywhere, self.tr("Previous control"), keys.shown([QKeySequence("Shift+Tab")])),
            ShortcutEntry(anywhere, self.tr("A labelled field or button"), alt),
        ]
        return entries

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About PiAssist"))
        box.setText(
            self.tr("PiAssist %1: a local AI assistant for the Raspberry Pi, using Ollama.").replace(
                "%1", __version__
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.lock is not None:
            if not self.lock.close_allowed():  # a kiosk: only after the admin PIN
                event.ignore()
                return
        else:  # a kiosk's full screen is not the window a person left
            self._settings.save_window_state(self.saveGeometry(), self.saveState())
        self.closing.emit()
        super().closeEvent(event)
