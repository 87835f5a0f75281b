"""When a visitor last touched PiAssist, for the kiosk's return to the welcome screen after a while
without input: a key press, a click, a mouse move, the wheel or a touch in any of PiAssist's windows.

It watches windows, not the application. Input from the window system reaches a window (a QWindow)
before any widget has it, so a filter on each window sees all of it: the main window from its first show,
and each window the keyboard goes to (QGuiApplication.focusWindowChanged names them: a PIN dialog, the
admin settings, a message box opened later). An event filter on the application would have Python called
for every event of every object (paints, timers, the answer stream's socket), a cost paid on a Pi while
the model needs the cores (docs/decisions.md).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMetaObject, QObject
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QWidget

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
    }
)


def _qapp() -> QGuiApplication:
    qapp = QGuiApplication.instance()
    assert isinstance(qapp, QGuiApplication)
    return qapp


class InputWatch(QObject):
    def __init__(
        self, main_window: QWidget, on_input: Callable[[], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._main_window = main_window
        self._on_input = on_input  # called for each input event: keep it cheap
        self._following: QMetaObject.Connection | None = None

    def start(self) -> None:
        qapp = _qapp()
        self._following = qapp.focusWindowChanged.connect(self._watch)
        self._watch(qapp.focusWindow())
        handle = self._main_window.windowHandle()
        if handle is not None:
            self._watch(handle)
        else:
            self._main_window.installEventFilter(self)  # until its Show event, when it has a window

    def stop(self) -> None:
        if self._following is not None:
            QObject.disconnect(self._following)
            self._following = None
        self._main_window.removeEventFilter(self)
        for window in _qapp().topLevelWindows():
            window.removeEventFilter(self)

    def _watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # Qt keeps one entry per filter: a second call moves it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._main_window:
            if event.type() == QEvent.Type.Show:
                self._main_window.removeEventFilter(self)
                self._watch(self._main_window.windowHandle())
        elif event.type() in INPUT_EVENTS:
            self._on_input()
        return False
