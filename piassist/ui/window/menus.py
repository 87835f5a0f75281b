"""The main window's actions and menus: File, View, Settings (with the languages) and Help, their keys,
their texts in the current language, and the shortcut sheet's entries for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from piassist.services.i18n import LANGUAGES, I18nService
from piassist.ui.keyboard import keys, mnemonic_twins

if TYPE_CHECKING:
    from piassist.ui.keyboard.shortcut_sheet import ShortcutEntry
    from piassist.ui.window.main_window import MainWindow

PAGE_CHAT, PAGE_MODELS, PAGE_GET = 0, 1, 2


class WindowMenus(QObject):
    """Built once with the window; the actions belong to the window, so their keys work while its
    menu bar is hidden too (the kiosk adds the few it allows to the window itself)."""

    def __init__(self, window: MainWindow, i18n: I18nService) -> None:
        super().__init__(window)
        self._window = window
        self._i18n = i18n
        w = window
        # The desktop's own keys where it has them (QKeySequence's standard keys), the usual ones where
        # it has none; the shortcut sheet (F1) lists whatever these turn out to be.
        std = QKeySequence.StandardKey
        self.new_chat_action = self._action(w.new_chat, keys.standard(std.New, "Ctrl+N"))
        self.find_action = self._action(w.find_chats, keys.standard(std.Find, "Ctrl+F"))
        self.question_action = self._action(w.go_to_question, [QKeySequence("Ctrl+L")])
        # Esc stops an answer from anywhere in the window; while none is written the key is the
        # focused widget's (a dialog closes, an edit is cancelled).
        self.stop_action = self._action(w.stop_answer, [QKeySequence(Qt.Key.Key_Escape)])
        self.stop_action.setEnabled(False)
        self.quit_action = self._action(w.close, keys.standard(std.Quit, "Ctrl+Q"))
        zoom_in = [*keys.standard(std.ZoomIn, "Ctrl++"), QKeySequence("Ctrl+=")]
        self.zoom_in_action = self._action(w.text_zoom.zoom_in, zoom_in)
        self.zoom_out_action = self._action(w.text_zoom.zoom_out, keys.standard(std.ZoomOut, "Ctrl+-"))
        self.zoom_reset_action = self._action(w.text_zoom.reset, [QKeySequence("Ctrl+0")])
        self.full_screen_action = self._action(w.toggle_full_screen, keys.standard(std.FullScreen, "F11"))
        self.full_screen_action.setCheckable(True)
        self.shortcuts_action = self._action(w.open_shortcut_sheet, keys.standard(std.HelpContents, "F1"))
        self.chat_action = self._action(lambda: w.show_page(PAGE_CHAT), [QKeySequence("Ctrl+1")])
        self.models_action = self._action(lambda: w.show_page(PAGE_MODELS), [QKeySequence("Ctrl+2")])
        self.get_action = self._action(lambda: w.show_page(PAGE_GET), [QKeySequence("Ctrl+3")])
        self.host_action = self._action(w.open_host_dialog)
        self.preferences_action = self._action(
            w.open_settings_dialog, keys.standard(std.Preferences, "Ctrl+,")
        )
        self.preferences_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.chat_settings_action = self._action(w.open_chat_settings)
        self.about_action = self._action(w.show_about)

        bar = w.menuBar()
        self.file_menu = self._menu(bar)
        self._fill(self.file_menu, self.new_chat_action, self.question_action, self.find_action)
        self._fill(self.file_menu, self.stop_action, self.chat_settings_action, None, self.quit_action)
        self.view_menu = self._menu(bar)
        self._fill(self.view_menu, self.chat_action, self.models_action, self.get_action, None)
        self._fill(self.view_menu, self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action)
        self.view_menu.addAction(self.full_screen_action)
        self.settings_menu = self._menu(bar)
        self.settings_menu.addAction(self.host_action)
        self.language_menu = self._menu(self.settings_menu)
        self._language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, w, checkable=True)
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

    def _action(self, slot: Callable[[], object], shortcuts: list[QKeySequence] | None = None) -> QAction:
        action = QAction(self._window)
        if shortcuts:
            action.setShortcuts(shortcuts)
        action.triggered.connect(lambda _checked=False: slot())
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
