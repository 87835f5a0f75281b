"""Alt + an underlined letter works with either keyboard layout.

Qt finds a mnemonic by the text the key gives in the layout of the moment. A Ukrainian menu "&Файл" thus
answers Alt+Ф only while the Ukrainian layout is on; with the Latin layout, which Ukrainian users switch
to all day, the same key gives "a" and nothing happens (Qt's own fallback only looks for a Latin letter
while a Cyrillic layout is on, so the English interface works with "ua,us" but not with "ua" alone).

Here a key press with Alt that no shortcut took is looked at again: the physical key (X11 and Wayland give
its evdev keycode + 8 as the native scan code; without one, the letter it typed) stands for a Latin and a
Ukrainian letter, and a mnemonic of the active window on the other letter is carried out as Qt would
(a label's buddy gets the focus, a button is clicked, a menu opens). Inside an open menu or a menu bar
being walked, a letter that matches no item is given to it as its twin. The shortcut sheet (F1) names
both keys (`keys_for`), naming the layout, since М and M look alike.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QWindow
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTabBar,
    QWidget,
)

# The letter keys as evdev keycodes + 8 (what X11 and Wayland give as the native scan code), with what
# each types in the US layout and in the standard Ukrainian one (ЙЦУКЕН).
_ROWS = (
    (24, "qwertyuiop[]", "йцукенгшщзхї"),
    (38, "asdfghjkl;'", "фівапролджє"),
    (52, "zxcvbnm,.", "ячсмитьбю"),
)
LATIN_BY_CODE: dict[int, str] = {}
UKRAINIAN_BY_CODE: dict[int, str] = {}
for _first, _latin, _ukrainian in _ROWS:
    for _i, (_l, _u) in enumerate(zip(_latin, _ukrainian, strict=True)):
        LATIN_BY_CODE[_first + _i] = _l
        UKRAINIAN_BY_CODE[_first + _i] = _u
LATIN_BY_CODE[51], UKRAINIAN_BY_CODE[51] = "\\", "ґ"
CODE_BY_TEXT = {t: c for table in (LATIN_BY_CODE, UKRAINIAN_BY_CODE) for c, t in table.items()}

_MNEMONIC = re.compile(r"&([^&])")
_OTHER_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier


def mnemonic(text: str) -> str:
    """The underlined letter of a text ("&Файл" → "Ф"), upper case; "" when it has none."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).upper() if found else ""


def twin(letter: str) -> str:
    """The letter on the same key in the other layout ("Ф" → "A", "M" → "Ь"), upper case; "" if none."""
    code = CODE_BY_TEXT.get(letter.lower())
    if code is None:
        return ""
    other = UKRAINIAN_BY_CODE if LATIN_BY_CODE[code] == letter.lower() else LATIN_BY_CODE
    return other[code].upper()


def keys_for(text: str) -> str:
    """How to reach a mnemonic, as the shortcut sheet shows it, in the interface's language: "Alt+V, or
    Alt+М in the Ukrainian layout" (the two letters may look alike, so the layout is named)."""
    letter = mnemonic(text)
    if not letter:
        return ""
    first = QKeySequence(f"Alt+{letter}").toString(QKeySequence.SequenceFormat.NativeText)
    other = twin(letter)
    if not other:
        return first
    second = QKeySequence(f"Alt+{other}").toString(QKeySequence.SequenceFormat.NativeText)
    if letter.lower() in LATIN_BY_CODE.values():
        shown = QCoreApplication.translate("MnemonicTwins", "%1, or %2 in the Ukrainian layout")
    else:
        shown = QCoreApplication.translate("MnemonicTwins", "%1, or %2 in the Latin layout")
    return shown.replace("%1", first).replace("%2", second)


def letters_of(event: QKeyEvent) -> set[str]:
    """Both letters of the key pressed, upper case (none for a key that is no letter key)."""
    code = event.nativeScanCode()
    if code not in LATIN_BY_CODE:
        code = CODE_BY_TEXT.get(event.text().lower(), 0)
    if code not in LATIN_BY_CODE:
        return set()
    return {LATIN_BY_CODE[code].upper(), UKRAINIAN_BY_CODE[code].upper()}


def _usable(widget: QWidget) -> bool:
    return widget.isVisible() and widget.isEnabled()


def mnemonic_targets(window: QWidget, letters: set[str]) -> list[tuple[QWidget, int]]:
    """The window's visible, enabled widgets whose mnemonic is one of `letters` (with a menu's or tab's
    index, else -1), in the order of the widget tree."""
    found: list[tuple[QWidget, int]] = []
    for widget in window.findChildren(QWidget):
        if not _usable(widget) or widget.window() is not window:
            continue
        if isinstance(widget, QMenuBar):
            for i, action in enumerate(widget.actions()):
                if action.isVisible() and action.isEnabled() and mnemonic(action.text()) in letters:
                    found.append((widget, i))
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if widget.isTabEnabled(i) and mnemonic(widget.tabText(i)) in letters:
                    found.append((widget, i))
        elif isinstance(widget, QLabel):
            buddy = widget.buddy()
            if buddy is not None and _usable(buddy) and mnemonic(widget.text()) in letters:
                found.append((widget, -1))
        elif isinstance(widget, (QAbstractButton, QGroupBox)):
            text = widget.text() if isinstance(widget, QAbstractButton) else widget.title()
            if mnemonic(text) in letters:
                found.append((widget, -1))
    return found


def activate(widget: QWidget, index: int) -> None:
    """What Qt does for a mnemonic of this widget."""
    reason = Qt.FocusReason.ShortcutFocusReason
    if isinstance(widget, QMenuBar):
        widget.setActiveAction(widget.actions()[index])
    elif isinstance(widget, QTabBar):
        widget.setCurrentIndex(index)
    elif isinstance(widget, QLabel):
        buddy = widget.buddy()
        buddy.setFocus(reason)
        if isinstance(buddy, QAbstractButton):
            buddy.animateClick()
    elif isinstance(widget, QAbstractButton):
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            widget.setFocus(reason)
        widget.animateClick()
    elif isinstance(widget, QGroupBox):
        if widget.isCheckable():
            widget.setChecked(not widget.isChecked())
        focusable = [
            w
            for w in widget.findChildren(QWidget)
            if _usable(w) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        if focusable:
            focusable[0].setFocus(reason)


def _receiver(window: QObject) -> QWidget | None:
    """The widget Qt will give a key that reached `window`, as Qt's own window does: a widget holding the
    keyboard, else an open menu (or its focus), else the window's focus (the window itself while it has
    none, as before the window manager has activated it)."""
    popup = QApplication.activePopupWidget()
    found: QObject | None = QWidget.keyboardGrabber() or (popup and (popup.focusWidget() or popup))
    if found is None and isinstance(window, QWindow):
        found = window.focusObject()
    return found if isinstance(found, QWidget) else None


class MnemonicTwins(QObject):
    """Made once by PiAssist and removed at shutdown.

    It watches the key presses of each window the keyboard is in (QGuiApplication.focusWindowChanged
    names them), where a key arrives before any widget has it and after the shortcuts have had their
    turn. Not an event filter on the application: that one would have Python called for every event of
    every object (paints, timers, the stream's socket) and keep a Python wrapper for each object it saw."""

    def __init__(self, qapp: QApplication, main_window: QWidget) -> None:
        super().__init__(qapp)
        self._qapp = qapp
        self._following = qapp.focusWindowChanged.connect(self._watch)
        self._watch(qapp.focusWindow())
        # The main window from its first show, not its first focus: a key typed as it appears (before the
        # window manager has given it the focus) reaches it too.
        self._main_window = main_window
        if main_window.windowHandle() is not None:
            self._watch(main_window.windowHandle())
        else:
            main_window.installEventFilter(self)  # until its Show event

    def _watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # Qt keeps one entry per filter: a second call moves it

    def remove(self) -> None:
        QObject.disconnect(self._following)
        self._main_window.removeEventFilter(self)
        for window in self._qapp.topLevelWindows():
            window.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._main_window:
            if event.type() == QEvent.Type.Show:
                self._main_window.removeEventFilter(self)
                self._watch(self._main_window.windowHandle())
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        target = _receiver(watched)
        if target is None:
            return False
        modifiers = event.modifiers()
        if modifiers & _OTHER_MODIFIERS or len(event.text()) != 1:
            return False
        if isinstance(target, (QMenu, QMenuBar)) and target.isVisible():
            return self._in_menu(target, event)
        if not modifiers & Qt.KeyboardModifier.AltModifier:
            return False
        letters = letters_of(event) - {event.text().upper()}
        window = QApplication.activeWindow() or target.window()
        targets = mnemonic_targets(window, letters) if letters else []
        if not targets:
            return False
        if len(targets) == 1:
            activate(*targets[0])
        else:  # as Qt does with an ambiguous mnemonic: the focus goes to the next one, nothing is clicked
            focus = window.focusWidget()
            widgets = [w for w, _ in targets]
            after = (widgets.index(focus) + 1) % len(widgets) if focus in widgets else 0
            widgets[after].setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def _in_menu(self, menu: QMenu | QMenuBar, event: QKeyEvent) -> bool:
        """An open menu (or a menu bar walked with the keyboard) matches items by the text typed: give it
        the twin letter when the typed one matches nothing and the twin does."""
        letters = letters_of(event)
        own = event.text().upper()
        items = {mnemonic(a.text()) for a in menu.actions() if a.isVisible() and a.isEnabled()}
        if own in items or not letters:
            return False
        matches = sorted((letters - {own}) & items)
        if not matches:
            return False
        letter = matches[0]
        twin_event = QKeyEvent(QEvent.Type.KeyPress, ord(letter), event.modifiers(), letter.lower())
        QApplication.sendEvent(menu, twin_event)
        return True
