"""The kiosk around the main window: fullscreen and frameless, no way out without the admin PIN.

Installed on a built MainWindow (`KioskMode(...).install()`), through the window's own methods for a
kiosk (ui/window/main_window.py, "what a kiosk may change"), it
- hides the menu bar, the page list and the status bar, and turns off every window action but "New
  chat" (Quit, Preferences, the pages, and any shortcut added later), so no key leads out;
- is the window's `lock`: a close (Alt+F4 from the window manager, Ctrl+Q, QApplication.quit, closing
  all windows) is refused and asks for the PIN; a change of the window's state (minimise, restore, F11,
  leaving full screen), a hide, or the window system taking it off the screen (another desktop, "show
  the desktop", an unmap) puts it back at once (ui/kiosk/guard.py); the models pages and the server
  dialog stay shut;
- shows a welcome screen, returns to it after `idle_minutes` without input in any of its windows
  (ui/kiosk/input_watch.py; the conversation cleared, and not kept unless the admin said so), and never
  opens links in answers;
- opens the admin settings after the PIN (Ctrl+Alt+A or the discreet ⚙), and asks for a PIN at the
  first start when none is set.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from piassist.services.i18n import I18nService
from piassist.services.kiosk import KioskService
from piassist.services.model_library import ModelLibraryService
from piassist.ui.common.widgets import named
from piassist.ui.kiosk.guard import KioskGuard
from piassist.ui.kiosk.input_watch import InputWatch
from piassist.ui.kiosk.welcome import KioskBar, KioskWelcome
from piassist.ui.window.main_window import Lock
from piassist.ui.window.menus import WindowAction

if TYPE_CHECKING:
    from piassist.services.chat_session import ChatService
    from piassist.ui.benchmark.dialog import BenchmarkDialog
    from piassist.ui.kiosk.admin_dialog import KioskAdminDialog
    from piassist.ui.kiosk.pin_dialogs import PinDialog, PinSetupDialog
    from piassist.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)
ADMIN_SHORTCUT = "Ctrl+Alt+A"
# A visitor may start over, go to the question box and stop an answer (Esc); Quit stays, to ask for the
# admin PIN (closing is refused without it). Nothing else.
VISITOR_ACTIONS = (WindowAction.NEW_CHAT, WindowAction.QUESTION, WindowAction.STOP, WindowAction.QUIT)
LARGE_TEXT_SCALE = 1.4


class KioskMode(QObject):
    def __init__(
        self,
        window: MainWindow,
        kiosk: KioskService,
        chat: ChatService,
        library: ModelLibraryService,
        i18n: I18nService,
        *,
        idle_seconds: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window, self._kiosk, self._chat, self._library, self._i18n = window, kiosk, chat, library, i18n
        self._idle_override = idle_seconds  # tests use a short one
        self._clock = clock
        self._last_input = clock()
        self._leaving = False
        self._host_open = False  # the admin asked for the server dialog
        self.pin_dialog: PinDialog | None = None
        self.setup_dialog: PinSetupDialog | None = None
        self.admin_dialog: KioskAdminDialog | None = None
        self.benchmark_dialog: BenchmarkDialog | None = None  # the admin measures the models
        self._idle_timer = QTimer(self, singleShot=True)
        self._idle_timer.timeout.connect(self._idle_check)
        self._base_font = QFont(window.font())
        self.welcome = KioskWelcome()
        self.bar = KioskBar()
        self.stack = named(QStackedWidget(), "kioskStack")
        self.guard = KioskGuard(window, self)
        self.input_watch = InputWatch(window, self._saw_input, self)  # in every window, not the app

    # -- setting up --------------------------------------------------------------------------------
    def install(self) -> None:
        window = self._window
        window.lock_with(self)
        window.hide_chrome()
        window.keep_only(VISITOR_ACTIONS)
        self.admin_shortcut = QShortcut(QKeySequence(ADMIN_SHORTCUT), window)
        self.admin_shortcut.activated.connect(self.request_admin)
        window.chat_for_visitors()
        window.wrap_content(self._surround)

        self.welcome.start_requested.connect(self.show_chat)
        self.bar.start_over_requested.connect(self.return_to_welcome)
        self.bar.admin_requested.connect(self.request_admin)
        for buttons in (self.welcome.languages, self.bar.languages):
            buttons.language_chosen.connect(self._i18n.set_language)
            buttons.show_language(self._i18n.language)
        self._i18n.language_changed.connect(self._show_language)
        self._kiosk.offline_ready_changed.connect(self._show_offline)
        self._kiosk.settings_changed.connect(self._apply_settings)
        self._kiosk.pin_missing.connect(lambda: self.open_pin_setup(required=True))
        self._kiosk.storage_described.connect(self._open_admin)
        self._chat.generating_changed.connect(self._note_input)
        self.input_watch.start()
        self._apply_settings()
        self._show_offline(self._kiosk.offline_ready)
        self.stack.setCurrentWidget(self.welcome)
        log.info("kiosk mode")

    def start(self) -> None:
        """Full screen, and the first-start PIN question when no PIN is set (call once shown)."""
        self.guard.start()
        self._kiosk.look_for_pin()

    def _surround(self, content: QWidget) -> QWidget:
        """The window's content under the kiosk's bar, and the welcome screen in front of both."""
        chat_area = named(QWidget(), "kioskChatArea")
        column = QVBoxLayout(chat_area)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.bar)
        column.addWidget(content, 1)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(chat_area)
        return self.stack

    def _apply_settings(self) -> None:
        kiosk = self._kiosk
        self._window.fix_model(kiosk.fixed_model)
        if kiosk.fixed_model:
            self._library.set_current_model(kiosk.fixed_model)
        font = QFont(self._base_font)
        if kiosk.large_text:
            font.setPointSizeF(font.pointSizeF() * LARGE_TEXT_SCALE)
        self.stack.setFont(font)
        self._restart_idle()

    # -- what the window asks its lock -------------------------------------------------------------
    def allows(self, what: Lock) -> bool:
        """Pages other than the chat, and the server dialog (unless the admin opened it), stay shut."""
        return self._leaving or (what is Lock.SERVER_DIALOG and self._host_open)

    def close_allowed(self) -> bool:
        if self._leaving:
            return True
        self.request_pin(self.leave)
        return False

    def window_state_changed(self) -> None:
        if self._window.windowState() != Qt.WindowState.WindowFullScreen:
            self.guard.restore_soon("the window left full screen")

    def window_hidden(self) -> None:
        self.guard.restore_soon("the window was hidden")

    # -- screens -----------------------------------------------------------------------------------
    def show_chat(self) -> None:
        self.stack.setCurrentIndex(1)
        self._window.focus_question()
        self._note_input()

    def return_to_welcome(self) -> None:
        """Clear the conversation from the screen (and from the history unless it is kept), close any
        dialog, and show the welcome screen."""
        conversation = self._chat.conversation
        self._chat.new_conversation()
        if conversation is not None and not self._kiosk.keep_history:
            self._chat.delete(conversation.id)
        self._window.clear_question()
        for dialog in (self.pin_dialog, self.admin_dialog):
            if dialog is not None and dialog.isVisible():
                dialog.reject()
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.start.setFocus()

    @property
    def on_welcome(self) -> bool:
        return self.stack.currentWidget() is self.welcome

    # -- idle --------------------------------------------------------------------------------------
    def idle_seconds(self) -> float:
        return self._idle_override if self._idle_override is not None else 60.0 * self._kiosk.idle_minutes

    def idle_for(self) -> float:
        """Seconds since a visitor's last input (or the last answer) anywhere in PiAssist's windows."""
        return self._clock() - self._last_input

    def _saw_input(self) -> None:
        self._last_input = self._clock()  # cheap: the timer looks at it only when it fires

    def _note_input(self, *_args: object) -> None:
        self._last_input = self._clock()
        self._restart_idle()

    def _restart_idle(self, seconds: float | None = None) -> None:
        seconds = self.idle_seconds() if seconds is None else seconds
        self._idle_timer.start(max(1, round(1000 * seconds)))

    def _idle_check(self) -> None:
        measuring = self.benchmark_dialog is not None and self.benchmark_dialog.isVisible()
        if self._chat.generating or measuring:  # an answer being written, or the admin's benchmark
            self._note_input()
            return
        left = self.idle_seconds() - self.idle_for()
        if left > 0:
            self._restart_idle(left)
            return
        if not self.on_welcome or self._chat.messages:
            log.info("kiosk idle: back to the welcome screen")
            self.return_to_welcome()
        self._restart_idle()

    # -- the admin ---------------------------------------------------------------------------------
    def request_pin(self, then: Callable[[], None]) -> PinDialog:
        """The PIN dialog (one at a time); `then` runs when the right PIN is given."""
        from piassist.ui.kiosk.pin_dialogs import PinDialog

        if self.pin_dialog is not None and self.pin_dialog.isVisible():
            self.pin_dialog.raise_()
            return self.pin_dialog
        dialog = PinDialog(self._kiosk, self._window)
        dialog.unlocked.connect(then)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _result: setattr(self, "pin_dialog", None))
        self.pin_dialog = dialog
        dialog.open()
        return dialog

    def request_admin(self) -> PinDialog:
        return self.request_pin(self._unlocked_for_admin)

    def _unlocked_for_admin(self) -> None:
        self._kiosk.describe_storage()  # the admin settings open with it

    def _open_admin(self, storage: str, file_backed: bool) -> None:
        from piassist.ui.kiosk.admin_dialog import KioskAdminDialog

        models = [model.name for model in self._library.models if not model.remote]  # no cloud models
        dialog = KioskAdminDialog(self._kiosk, models, (storage, file_backed), self._window)
        dialog.change_pin_requested.connect(lambda: self.open_pin_setup(required=False))
        dialog.host_requested.connect(self._open_host)
        dialog.leave_requested.connect(self.leave)
        dialog.benchmark_requested.connect(self.open_benchmark)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _result: setattr(self, "admin_dialog", None))
        self.admin_dialog = dialog
        dialog.open()

    def open_benchmark(self) -> BenchmarkDialog | None:
        """The benchmark over the admin settings; its "Use for visitors" chooses their model there."""
        admin = self.admin_dialog
        if admin is None:
            return None
        dialog = self._window.benchmark_dialog(admin)
        dialog.model_chosen.connect(admin.choose_model)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _result: setattr(self, "benchmark_dialog", None))
        self.benchmark_dialog = dialog
        dialog.open()
        return dialog

    def open_pin_setup(self, *, required: bool) -> PinSetupDialog:
        from piassist.ui.kiosk.pin_dialogs import PinSetupDialog

        dialog = PinSetupDialog(self._kiosk, required=required, parent=self._window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _result: setattr(self, "setup_dialog", None))
        self.setup_dialog = dialog
        dialog.open()
        return dialog

    def _open_host(self) -> None:
        self._host_open = True
        try:
            self._window.open_host_dialog()
        finally:
            self._host_open = False

    def leave(self) -> None:
        """Leave the kiosk: PiAssist closes (only after the PIN, or from code)."""
        log.info("leaving the kiosk")
        self._leaving = True
        self.guard.stop()
        self.input_watch.stop()
        self._idle_timer.stop()
        self._window.close()

    # -- language and the sign ---------------------------------------------------------------------
    def _show_language(self, code: str) -> None:
        self.welcome.languages.show_language(code)
        self.bar.languages.show_language(code)

    def _show_offline(self, ready: bool) -> None:
        self.welcome.offline.setVisible(ready)
        self.bar.offline.setVisible(ready)

    def close(self) -> None:
        self.guard.stop()
        self._idle_timer.stop()
        self.input_watch.stop()
