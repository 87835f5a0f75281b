"""Alt + an underlined letter with either keyboard layout (piassist/ui/keyboard/mnemonic_twins.py), over the
fake server. Key events carry what X11 gives for a physical key (its keycode as the native scan code, and the
text of the layout that is on); tests/session/test_keys.py presses the real keys under Xvfb."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from piassist.app import PiAssist
from piassist.ui.keyboard.mnemonic_twins import keys_for, mnemonic, twin
from tests.helpers.keyboard_walk import ALT, NONE, KeyboardWalk
from tests.i18n.tour import OFFSCREEN_LIMITS

pytestmark = OFFSCREEN_LIMITS

# X11 keycodes of some letter keys, and what they type in the US and the Ukrainian layout.
KEY_A, KEY_F, KEY_I, KEY_M, KEY_Z = (
    (38, "a", "ф"),
    (41, "f", "а"),
    (31, "i", "ш"),
    (58, "m", "ь"),
    (52, "z", "я"),
)


def press(
    widget: QWidget, key: tuple[int, str, str], layout: str, modifiers: Qt.KeyboardModifier = ALT
) -> None:
    """A physical key as X11 delivers it with `layout` ("us" or "ua") on: to the window `widget` is in,
    which hands it to the open menu or the focus, as Qt does with a key from the window system."""
    code, latin, ukrainian = key
    text = latin if layout == "us" else ukrainian
    window = widget.window().windowHandle()
    assert window is not None
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(window, QKeyEvent(kind, ord(text.upper()), modifiers, code, 0, 0, text))
    QApplication.processEvents()


def test_letters_and_their_twins() -> None:
    assert mnemonic("&Файл") == "Ф" and mnemonic("Модел&ь:") == "Ь" and mnemonic("Tom && &Jerry") == "J"
    assert mnemonic("no mnemonic") == "" and mnemonic("a && b") == ""
    assert twin("Ф") == "A" and twin("A") == "Ф" and twin("M") == "Ь" and twin("Ь") == "M"
    assert twin("Ґ") == "\\" and twin("1") == ""
    assert keys_for("&Model:") == "Alt+M, or Alt+Ь in the Ukrainian layout"
    assert keys_for("Модел&ь:") == "Alt+Ь, or Alt+M in the Latin layout"
    assert keys_for("Tab &1") == "Alt+1"
    assert keys_for("Settings") == ""


def open_chat(make_app: Callable[..., PiAssist], run: Callable[..., Any], language: str) -> KeyboardWalk:
    steps = KeyboardWalk(make_app(language), run)
    steps.start(models=2)
    return steps


def test_the_ukrainian_interface_answers_the_latin_layout(
    make_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    steps = open_chat(make_app, run, "uk")
    window, page = steps.window, steps.window.chat_page
    assert page.model_label.text() == "Модел&ь:"  # the M key, as README's Alt+M says, in both languages
    press(page.composer, KEY_M, "us")
    assert QApplication.focusWidget() is page.model_box
    assert page.composer.toPlainText() == ""  # no "m" typed into the question

    press(QApplication.focusWidget(), KEY_A, "us")  # the key of Ф: the File menu ("&Файл")
    steps.wait(lambda: QApplication.activePopupWidget() is window.menus.file_menu)
    press(window.menus.file_menu, KEY_I, "us", NONE)  # the key of Ш: "&Шукати в чатах"
    steps.wait(lambda: QApplication.focusWidget() is page.conversations.search)
    assert QApplication.activePopupWidget() is None

    # The Ukrainian layout itself still works as before (Qt's own matching, not ours).
    press(page.conversations.search, KEY_Z, "us")  # a key no mnemonic is on: nothing happens
    assert QApplication.focusWidget() is page.conversations.search


def test_the_english_interface_answers_the_ukrainian_layout(
    make_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    steps = open_chat(make_app, run, "en")
    window, page = steps.window, steps.window.chat_page
    press(page.composer, KEY_M, "ua")
    assert QApplication.focusWidget() is page.model_box
    press(page.model_box, KEY_F, "ua")
    steps.wait(lambda: QApplication.activePopupWidget() is window.menus.file_menu)
    press(window.menus.file_menu, KEY_I, "ua", NONE)  # "&Quit" is Q; I is nothing in the File menu
    assert QApplication.activePopupWidget() is window.menus.file_menu
    press(window.menus.file_menu, (39, "s", "і"), "ua", NONE)  # "&Search chats"
    steps.wait(lambda: QApplication.focusWidget() is page.conversations.search)


def test_the_shortcut_sheet_names_both_keys(
    make_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    steps = open_chat(make_app, run, "uk")
    sheet = steps.window.open_shortcut_sheet()
    rows = {meaning: keys for _, meaning, keys in sheet.rows()}
    assert rows["Вибрати модель"] == "Alt+Ь або Alt+M в латинській розкладці"
    assert rows["Відкрити меню «Файл»"] == "Alt+Ф або Alt+A в латинській розкладці"
    steps.app.i18n.set_language("en")
    steps.wait(lambda: "Choose the model" in {meaning for _, meaning, _ in sheet.rows()})
    rows = {meaning: keys for _, meaning, keys in sheet.rows()}
    assert rows["Choose the model"] == "Alt+M, or Alt+Ь in the Ukrainian layout"
    assert rows["Open the menu “File”"] == "Alt+F, or Alt+А in the Ukrainian layout"
