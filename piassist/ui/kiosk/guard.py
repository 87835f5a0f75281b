"""Keeps the kiosk's window full screen, shown and in front, whatever the window system did to it.

What a visitor (or a script) can do to a window from outside PiAssist, and what PiAssist sees of it:
- minimise it, restore it, take it out of full screen (a window manager's keys or menu, wmctrl,
  xdotool): its window state changes;
- hide it: "show the desktop" (openbox's Super+D), switching to another desktop or sending the window to
  one, unmapping it (xdotool windowunmap): the window manager or the X server unmaps it, and Qt reports
  the window as no longer exposed while PiAssist still thinks it shown;
- move or resize it (xdotool windowsize, with no window manager to refuse);
- change the screen (another monitor, another resolution).

Each is answered at once (on the next turn of the event loop): a window that was taken off the screen is
hidden and shown again, which maps it anew on the current desktop and ends "show the desktop", then it is
put back to full screen over the whole screen and activated. With no window manager (the X11 kiosk
session, packaging/kiosk/piassist-kiosk-x11) full screen is not granted by anyone, so the window's
geometry is set to the screen's itself. Dialogs of the kiosk taken off the screen with it come back too.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen, QWindow
from PySide6.QtWidgets import QDialog, QWidget

log = logging.getLogger(__name__)
MOST_PER_SECOND = 20  # a window manager that keeps undoing us must not make us spin
_WATCHED = "piassistKioskWatched"
SETTLE = 0.3  # seconds a window shown anew is given to be mapped by the window manager


class KioskGuard(QObject):
    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._active = False
        self._pending = ""
        self._recent: list[float] = []
        self._shown_anew = -SETTLE  # when the window was last hidden and shown again by us
        self._hiding = False
        self._screen: QScreen | None = None
        self.restored = 0  # how many times the window was put back (the log says why)

    def start(self) -> None:
        """Full screen now, and kept so until stop()."""
        window = self._window
        self._active = True
        window.setGeometry(window.screen().geometry())
        window.showFullScreen()
        handle = window.windowHandle()
        assert handle is not None
        handle.installEventFilter(self)
        window.installEventFilter(self)
        handle.screenChanged.connect(self._follow_screen)
        self._follow_screen(handle.screen())
        qapp = QGuiApplication.instance()
        assert isinstance(qapp, QGuiApplication)
        qapp.focusWindowChanged.connect(self._focus_moved)

    def stop(self) -> None:
        if self._active:
            qapp = QGuiApplication.instance()
            assert isinstance(qapp, QGuiApplication)
            qapp.focusWindowChanged.disconnect(self._focus_moved)
        self._active = False
        handle = self._window.windowHandle()
        if handle is not None:
            handle.removeEventFilter(self)
        self._window.removeEventFilter(self)

    def _follow_screen(self, screen: QScreen | None) -> None:
        if self._screen is not None:
            self._screen.geometryChanged.disconnect(self._screen_changed)
        self._screen = screen
        if screen is not None:
            screen.geometryChanged.connect(self._screen_changed)

    def keyboard_back(self, *_args: object) -> None:
        """A dialog of the window closed: the keyboard goes back to the window. A window manager does this
        itself; with none (the X11 kiosk session) the X server gives it to the screen's root window, and
        Qt, which takes the window for active again, does not ask for it."""
        if self._active:
            QTimer.singleShot(0, self._window.activateWindow)

    def _focus_moved(self, focused: QWindow | None) -> None:
        if focused is None:  # a dialog closed with no window manager to pass the keyboard on, Alt+Esc
            self.restore_soon("the window lost the keyboard")

    def _screen_changed(self) -> None:
        self.restore_soon("the screen changed")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind, window = event.type(), self._window
        if kind == QEvent.Type.ChildPolished and watched is window:  # a child made in full
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QDialog) and not child.property(_WATCHED):
                child.setProperty(_WATCHED, True)  # each dialog gives the keyboard back when done
                child.finished.connect(self.keyboard_back)
            return False
        if not window.isVisible():
            return False  # PiAssist hid it itself: hideEvent tells the kiosk
        if kind == QEvent.Type.Expose and isinstance(watched, QWindow) and not watched.isExposed():
            self.restore_soon("the window was taken off the screen")
        elif (
            kind in (QEvent.Type.Resize, QEvent.Type.Move) and watched is window and not self._fills_screen()
        ):
            self.restore_soon("the window was moved or resized")
        return False

    def _fills_screen(self) -> bool:
        return self._window.geometry() == self._window.screen().geometry()

    def restore_soon(self, why: str) -> None:
        """Put the window back on the next turn of the event loop (once, however many events asked)."""
        if not self._active or self._pending or self._hiding:
            return
        self._pending = why
        QTimer.singleShot(0, self._restore)

    def _restore(self) -> None:
        why, self._pending = self._pending, ""
        window = self._window
        handle = window.windowHandle()
        if not self._active or handle is None:
            return
        screen = window.screen().geometry()
        off_screen = not handle.isExposed()
        state = window.windowState() & ~Qt.WindowState.WindowActive
        in_place = (
            window.isVisible() and state == Qt.WindowState.WindowFullScreen and window.geometry() == screen
        )
        if in_place and not off_screen and QGuiApplication.focusWindow() is None:
            log.info("kiosk: %s; the keyboard back to the window", why)
            window.activateWindow()
            return
        if in_place and not off_screen:
            return  # the window system already did what we asked
        now = time.monotonic()
        settling = now - self._shown_anew
        if in_place and settling < SETTLE:  # shown anew a moment ago: the window manager maps it now
            QTimer.singleShot(round(1000 * (SETTLE - settling)) + 1, lambda: self.restore_soon(why))
            return
        self._recent = [t for t in self._recent if now - t < 1.0] + [now]
        if len(self._recent) > MOST_PER_SECOND:
            QTimer.singleShot(1000, lambda: self.restore_soon(why))
            return
        self.restored += 1
        log.warning("kiosk: %s; back to full screen", why)
        dialogs = [d for d in window.findChildren(QDialog) if d.isVisible()]
        if off_screen and window.isVisible():
            self._hiding = True  # our own hide is no news
            try:
                window.hide()  # mapped anew below: on the current desktop, in front
            finally:
                self._hiding = False
            self._shown_anew = now
        window.setWindowState(Qt.WindowState.WindowFullScreen)
        window.setGeometry(screen)
        window.showFullScreen()
        window.raise_()
        window.activateWindow()
        for dialog in dialogs:
            dialog_handle = dialog.windowHandle()
            if dialog_handle is not None and not dialog_handle.isExposed():
                dialog.hide()
                dialog.show()
            dialog.raise_()
            dialog.activateWindow()
