"""The whole app driven by the keyboard alone: key events go where a real keyboard's would (the open
popup menu, else the focused widget, else the active window); the app's state is only read.

`KeyboardWalk(app, run)` has one method per step of the walk (start → choose a model → ask → stop → new
chat → switch language → open the models page → quit); `walk(app, run, ...)` runs them all. The quit
step is a parameter, a function taking the walk: a kiosk test passes one that checks that Ctrl+Q asks
for the admin PIN instead of closing (see `quit_by_keyboard` for the ordinary one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from piassist.app import PiAssist
from piassist.core.history.types import StoredMessage
from piassist.ui.window.menus import PAGE_MODELS
from tests.helpers.waiting import wait_until

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


class KeyboardWalk:
    def __init__(self, app: PiAssist, run: Callable[..., Any], timeout: float = 5.0) -> None:
        self.app, self.run, self.timeout = app, run, timeout
        self.window = app.window
        self.closed = False
        self.stopped: StoredMessage | None = None  # the answer Esc stopped
        self.window.closing.connect(self._closed)

    def _closed(self) -> None:
        self.closed = True

    # -- keys ------------------------------------------------------------------------------------------
    def target(self) -> QWidget:
        """Where the keyboard's events go now."""
        widget = QApplication.activePopupWidget() or QApplication.focusWidget() or QApplication.activeWindow()
        assert widget is not None, "nothing has the keyboard"
        return widget

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
        QTest.keyClick(self.target(), key, modifiers)
        QApplication.processEvents()

    def type(self, text: str) -> None:
        QTest.keyClicks(self.target(), text)

    def wait(self, predicate: Callable[[], object], timeout: float | None = None) -> None:
        self.run(wait_until(lambda: bool(predicate()), timeout or self.timeout), timeout=(timeout or 5) + 30)

    def tab_to(self, widget: QWidget, limit: int = 40) -> None:
        """Tab until `widget` has the focus (as a person does), failing if it never comes."""
        for _ in range(limit):
            if QApplication.focusWidget() is widget:
                return
            self.press(Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget, f"Tab never reached {widget.objectName()}"

    # -- the steps -------------------------------------------------------------------------------------
    def start(self, models: int) -> None:
        """The app as it opens: the window active, the chat page with the question box focused."""
        window = self.window
        window.show()
        window.activateWindow()  # a window manager does this for a new window
        self.app.start()
        page = window.chat_page
        self.wait(lambda: QApplication.activeWindow() is window)
        self.wait(lambda: page.model_box.count() == models and self.app.connection.status.is_connected)
        self.wait(lambda: QApplication.focusWidget() is page.composer)

    def choose_model(self, name: str) -> None:
        """Alt+M (the picker's label) goes to the model picker; Home and Down move to the model."""
        page = self.window.chat_page
        self.press(Qt.Key.Key_M, ALT)
        assert QApplication.focusWidget() is page.model_box
        box = page.model_box
        assert isinstance(box, QComboBox)
        self.press(Qt.Key.Key_Home)
        for _ in range(box.findData(name)):
            self.press(Qt.Key.Key_Down)
        assert page.current_model() == name
        self.wait(lambda: self.app.library.current_model == name)

    def ask(self, question: str) -> None:
        """Tab on to the question box, type, Enter."""
        page = self.window.chat_page
        self.tab_to(page.composer)
        self.type(question)
        assert page.composer.toPlainText() == question
        self.press(Qt.Key.Key_Return)
        self.wait(lambda: self.app.chat.generating)
        assert page.composer.toPlainText() == ""

    def answer_text(self) -> str:
        """The text of the answer being written, as the transcript shows it ("" when none is)."""
        page = self.window.chat_page
        ids = page.transcript.message_ids()
        writing = self.app.chat.generating and ids and len(ids) > len(self.app.chat.messages)
        return page.transcript.message_text(ids[-1]) if writing else ""

    def stop(self, streamed: Callable[[], bool], timeout: float | None = None) -> None:
        """Once `streamed()` says enough has come, Esc; the answer ends as stopped."""
        self.wait(streamed, timeout)
        self.press(Qt.Key.Key_Escape)
        self.wait(lambda: not self.app.chat.generating)
        last = self.app.chat.messages[-1]
        assert last.state.value == "stopped"
        assert last.content  # what came before Esc is kept
        self.stopped = last

    def new_chat(self) -> None:
        self.press(Qt.Key.Key_N, CTRL)
        self.wait(lambda: self.app.chat.conversation is None and not self.app.chat.messages)
        assert self.window.chat_page.transcript.message_ids() == []
        assert QApplication.focusWidget() is self.window.chat_page.composer

    def switch_language(self, code: str) -> None:
        """Alt+S opens Settings, L its Language menu; Down to the language, Enter."""
        window = self.window
        self.press(Qt.Key.Key_S, ALT)
        assert QApplication.activePopupWidget() is window.menus.settings_menu
        self.press(Qt.Key.Key_L)
        assert QApplication.activePopupWidget() is window.menus.language_menu
        wanted = window.menus.language_actions[code]
        for _ in range(len(window.menus.language_menu.actions())):
            if window.menus.language_menu.activeAction() is wanted:
                break
            self.press(Qt.Key.Key_Down)
        assert window.menus.language_menu.activeAction() is wanted
        self.press(Qt.Key.Key_Return)
        self.wait(lambda: self.app.i18n.language == code)
        self.wait(lambda: QApplication.activePopupWidget() is None)

    def open_models_page(self) -> None:
        self.press(Qt.Key.Key_2, CTRL)
        assert self.window.current_page() is self.window.models_page

    def quit(self) -> None:
        quit_by_keyboard(self)


def quit_by_keyboard(walk: KeyboardWalk) -> None:
    """Ctrl+Q closes the window (and with it the app)."""
    walk.press(Qt.Key.Key_Q, CTRL)
    walk.wait(lambda: walk.closed)
    assert not walk.window.isVisible()


def walk(
    app: PiAssist,
    run: Callable[..., Any],
    *,
    models: int,
    model: str,
    question: str,
    streamed: Callable[[KeyboardWalk], bool],
    stream_timeout: float = 5.0,
    language: str = "uk",
    quit_step: Callable[[KeyboardWalk], None] = quit_by_keyboard,
) -> KeyboardWalk:
    """Every step, in order; returns the walk for what the test wants to check afterwards."""
    steps = KeyboardWalk(app, run)
    steps.start(models)
    steps.choose_model(model)
    steps.ask(question)
    steps.stop(lambda: streamed(steps), stream_timeout)
    steps.new_chat()
    steps.switch_language(language)
    steps.open_models_page()
    assert steps.window.nav.currentRow() == PAGE_MODELS
    quit_step(steps)
    return steps
