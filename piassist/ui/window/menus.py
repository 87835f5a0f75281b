"""The main window's actions and menus: File, View, Settings (with the languages) and Help, their keys,
their texts in the current language, and the shortcut sheet's entries for them."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QMessageBox

from piassist import __version__
from piassist.services.i18n import LANGUAGES, I18nService
from piassist.ui.keyboard import keys, mnemonic_twins

if TYPE_CHECKING:
    from collections.abc import Callable

    from piassist.ui.keyboard.shortcut_sheet import ShortcutEntry
    from piassist.ui.window.text_zoom import TextZoom

PAGE_CHAT, PAGE_MODELS, PAGE_GET, PAGE_BENCHMARK = 0, 1, 2, 3


class WindowAction(enum.Enum):
    """The window's actions by what they do (a kiosk keeps a few: MainWindow.keep_only)."""

    NEW_CHAT = enum.auto()
    FIND = enum.auto()
    QUESTION = enum.auto()
    STOP = enum.auto()
    QUIT = enum.auto()
    ZOOM_IN = enum.auto()
    ZOOM_OUT = enum.auto()
    ZOOM_RESET = enum.auto()
    FULL_SCREEN = enum.auto()
    SHORTCUTS = enum.auto()
    CHAT_PAGE = enum.auto()
    MODELS_PAGE = enum.auto()
    GET_PAGE = enum.auto()
    BENCHMARK_PAGE = enum.auto()
    HOST = enum.auto()
    PREFERENCES = enum.auto()
    CHAT_SETTINGS = enum.auto()
    ABOUT = enum.auto()


class WindowCommands(Protocol):
    """What the actions run: the main window's own methods."""

    @property
    def text_zoom(self) -> TextZoom: ...
    def new_chat(self) -> None: ...
    def find_chats(self) -> None: ...
    def go_to_question(self) -> None: ...
    def stop_answer(self) -> None: ...
    def close(self) -> bool: ...
    def toggle_full_screen(self) -> None: ...
    def open_shortcut_sheet(self) -> object: ...
    def show_page(self, page: int) -> None: ...
    def open_host_dialog(self) -> None: ...
    def open_settings_dialog(self) -> object: ...
    def open_chat_settings(self) -> None: ...


class WindowMenus(QObject):
    """Built once with the window; the actions belong to the window, so their keys work while its
    menu bar is hidden too (the kiosk adds the few it allows to the window itself)."""

    def __init__(self, window: QMainWindow, commands: WindowCommands, i18n: I18nService) -> None:
        super().__init__(window)
        self._window = window
        self._i18n = i18n
        c, zoom, a = commands, commands.text_zoom, WindowAction
        self._slots: dict[WindowAction, Callable[[], object]] = {
            a.NEW_CHAT: c.new_chat,
            a.FIND: c.find_chats,
            a.QUESTION: c.go_to_question,
            a.STOP: c.stop_answer,
            a.QUIT: c.close,
            a.ZOOM_IN: zoom.zoom_in,
            a.ZOOM_OUT: zoom.zoom_out,
            a.ZOOM_RESET: zoom.reset,
            a.FULL_SCREEN: c.toggle_full_screen,
            a.SHORTCUTS: c.open_shortcut_sheet,
            a.CHAT_PAGE: lambda: c.show_page(PAGE_CHAT),
            a.MODELS_PAGE: lambda: c.show_page(PAGE_MODELS),
            a.GET_PAGE: lambda: c.show_page(PAGE_GET),
            a.BENCHMARK_PAGE: lambda: c.show_page(PAGE_BENCHMARK),
            a.HOST: c.open_host_dialog,
            a.PREFERENCES: c.open_settings_dialog,
            a.CHAT_SETTINGS: c.open_chat_settings,
            a.ABOUT: self.show_about,
        }
        self.actions: dict[WindowAction, QAction] = {}
        # The desktop's own keys where it has them (QKeySequence's standard keys), the usual ones where
        # it has none; the shortcut sheet (F1) lists whatever these turn out to be.
        std = QKeySequence.StandardKey
        self.new_chat_action = self._action(a.NEW_CHAT, keys.standard(std.New, "Ctrl+N"))
        self.find_action = self._action(a.FIND, keys.standard(std.Find, "Ctrl+F"))
        self.question_action = self._action(a.QUESTION, [QKeySequence("Ctrl+L")])
        # Esc stops an answer from anywhere in the window; while none is written the key is the
        # focused widget's (a dialog closes, an edit is cancelled).
        self.stop_action = self._action(a.STOP, [QKeySequence(Qt.Key.Key_Escape)])
        self.stop_action.setEnabled(False)
        self.quit_action = self._action(a.QUIT, keys.standard(std.Quit, "Ctrl+Q"))
        zoom_in = [*keys.standard(std.ZoomIn, "Ctrl++"), QKeySequence("Ctrl+=")]
        self.zoom_in_action = self._action(a.ZOOM_IN, zoom_in)
        self.zoom_out_action = self._action(a.ZOOM_OUT, keys.standard(std.ZoomOut, "Ctrl+-"))
        self.zoom_reset_action = self._action(a.ZOOM_RESET, [QKeySequence("Ctrl+0")])
        self.full_screen_action = self._action(a.FULL_SCREEN, keys.standard(std.FullScreen, "F11"))
        self.full_screen_action.setCheckable(True)
        self.shortcuts_action = self._action(a.SHORTCUTS, keys.standard(std.HelpContents, "F1"))
        self.chat_action = self._action(a.CHAT_PAGE, [QKeySequence("Ctrl+1")])
        self.models_action = self._action(a.MODELS_PAGE, [QKeySequence("Ctrl+2")])
        self.get_action = self._action(a.GET_PAGE, [QKeySequence("Ctrl+3")])
        self.benchmark_action = self._action(a.BENCHMARK_PAGE, [QKeySequence("Ctrl+4")])
        self.host_action = self._action(a.HOST)
        self.preferences_action = self._action(a.PREFERENCES, keys.standard(std.Preferences, "Ctrl+,"))
        self.preferences_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.chat_settings_action = self._action(a.CHAT_SETTINGS)
        self.about_action = self._action(a.ABOUT)

        bar = window.menuBar()
        self.file_menu = self._menu(bar)
        self._fill(self.file_menu, self.new_chat_action, self.question_action, self.find_action)
        self._fill(self.file_menu, self.stop_action, self.chat_settings_action, None, self.quit_action)
        self.view_menu = self._menu(bar)
        pages = (self.chat_action, self.models_action, self.get_action, self.benchmark_action)
        self._fill(self.view_menu, *pages, None)
        self._fill(self.view_menu, self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action)
        self.view_menu.addAction(self.full_screen_action)
        self.settings_menu = self._menu(bar)
        self.settings_menu.addAction(self.host_action)
        self.language_menu = self._menu(self.settings_menu)
        self._language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, window, checkable=True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self._i18n.set_language(c))
            self._language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self._fill(self.settings_menu, None, self.preferences_action)
        self.help_menu = self._menu(bar)
        self._fill(self.help_menu, self.shortcuts_action, self.about_action)
        self.sync_language(i18n.language)
        i18n.language_changed.connect(self.sync_language)

    def _action(self, which: WindowAction, shortcuts: list[QKeySequence] | None = None) -> QAction:
        action = QAction(self._window)
        if shortcuts:
            action.setShortcuts(shortcuts)
        slot = self._slots[which]
        action.triggered.connect(lambda _checked=False: slot())
        self.actions[which] = action
        return action

    def _menu(self, into: QMenuBar | QMenu) -> QMenu:
        """A menu made here, not by addMenu(""): with PySide6 6.8.0.2 (Pi OS Bookworm) the wrapper of a menu
        that Qt made can go invalid while the menu lives on, and retranslate() then fails on it."""
        menu = QMenu(self._window)
        into.addMenu(menu)
        return menu

    @staticmethod
    def _fill(menu: QMenu, *actions: QAction | None) -> None:
        """The actions in order; None is a separator."""
        for action in actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.settings_menu.setTitle(self.tr("&Settings"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.quit_action.setText(self.tr("&Quit"))
        self.new_chat_action.setText(self.tr("&New chat"))
        self.chat_action.setText(self.tr("&Chat"))
        self.models_action.setText(self.tr("&Models"))
        self.get_action.setText(self.tr("&Get models"))
        self.benchmark_action.setText(self.tr("&Benchmark: which model suits this computer"))
        self.host_action.setText(self.tr("Ollama &server…"))
        self.preferences_action.setText(self.tr("&Preferences…"))
        self.chat_settings_action.setText(self.tr("Settings for this &chat…"))
        self.about_action.setText(self.tr("&About PiAssist"))
        self.find_action.setText(self.tr("&Search chats"))
        self.question_action.setText(self.tr("&Write a question"))
        self.stop_action.setText(self.tr("S&top the answer"))
        self.zoom_in_action.setText(self.tr("&Larger text"))
        self.zoom_out_action.setText(self.tr("&Smaller text"))
        self.zoom_reset_action.setText(self.tr("&Normal text size"))
        self.full_screen_action.setText(self.tr("&Full screen"))
        self.shortcuts_action.setText(self.tr("&Keyboard shortcuts"))
        for code, action in self.language_actions.items():
            action.setStatusTip(self.tr("Show PiAssist in %1").replace("%1", LANGUAGES[code]))

    def show_about(self) -> None:
        box = QMessageBox(self._window)
        box.setWindowTitle(self.tr("About PiAssist"))
        box.setText(
            self.tr("PiAssist %1: a local AI assistant for the Raspberry Pi, using Ollama.").replace(
                "%1", __version__
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.open()

    def sync_language(self, code: str) -> None:
        action = self.language_actions.get(code)
        if action is not None:
            action.setChecked(True)

    def shortcut_entries(self) -> list[ShortcutEntry]:
        """The menus' actions with keys, grouped by menu, then the keys that open each menu (the underlined
        letter in either keyboard layout), for the shortcut sheet."""
        from piassist.ui.keyboard.shortcut_sheet import ShortcutEntry, action_entries, menu_actions, plain

        menus = (self.file_menu, self.view_menu, self.settings_menu, self.help_menu)
        entries: list[ShortcutEntry] = []
        for menu in menus:
            entries += action_entries(plain(menu.title()), menu_actions(menu))
        section = self.tr("Menus")
        for menu in menus:
            opens = self.tr("Open the menu “%1”").replace("%1", plain(menu.title()))
            entries.append(ShortcutEntry(section, opens, mnemonic_twins.keys_for(menu.title())))
        return entries
