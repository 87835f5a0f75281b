"""How PiAssist ends: every way of quitting leads to the one orderly shutdown (PiAssist.aclose), and the
process then exits with a status that says why.

The ways in:
- the window's own close (its close button, Alt+F4, Ctrl+Q, File → Quit), which emits `closing`;
- `QApplication.quit()` (a session manager, a library): Qt would end its event loop at once, before the
  shutdown coroutine has run, and qasync then raises "Event loop stopped before Future completed". The
  Quit event is turned into a close of the window instead (which a kiosk answers with the PIN dialog).
  `Application` (the QApplication PiAssist runs in) hands that one event over from its own `event()`,
  which Qt calls only for events sent to the application object: an event filter on the application
  would have Python called for every event of every object, and keep a wrapper for each object it saw;
- the last window closing: Qt's quitOnLastWindowClosed is off for the same reason; the window's
  `closing` ends the app;
- SIGTERM (the desktop's logout), SIGHUP (the terminal or the session went away) and SIGINT (Ctrl+C).
  qasync 0.28's loop is an asyncio selector loop underneath, so `loop.add_signal_handler` works on it:
  the C-level handler writes to the loop's self-pipe (signal.set_wakeup_fd), a QSocketNotifier wakes Qt,
  and the callback runs on the GUI thread (tests/session/test_quit.py sends real signals).

A kiosk leaves only with the admin PIN: a signal there is logged and ends the app with 128 + its number,
and the kiosk loop (packaging/kiosk/piassist-kiosk) starts it again; the loop's own stop (the session
ending) is the loop's to tell, since it ends whatever status PiAssist gives.

A second request while the shutdown runs is logged and changes nothing.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

log = logging.getLogger(__name__)
SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


class Application(QApplication):
    """The QApplication of PiAssist: one hook for the Quit event sent to it (see the module's text)."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.quit_asked: Callable[[], bool] | None = None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Quit and self.quit_asked is not None and self.quit_asked():
            return True
        return super().event(event)


class Shutdown(QObject):
    """Made once the window exists; `await wait()` returns when PiAssist should shut down."""

    def __init__(self, qapp: Application, window: QMainWindow, *, kiosk: bool) -> None:
        super().__init__(qapp)
        self._qapp = qapp
        self._window = window
        self._kiosk = kiosk
        self._requested = asyncio.Event()
        self._signals: list[signal.Signals] = []
        self.exit_code = 0
        self.reason = ""
        qapp.setQuitOnLastWindowClosed(False)
        qapp.quit_asked = self._quit_asked

    @property
    def requested(self) -> bool:
        return self._requested.is_set()

    def install_signal_handlers(self) -> None:
        """Call with the asyncio loop running."""
        loop = asyncio.get_running_loop()
        for signum in SIGNALS:
            loop.add_signal_handler(signum, self._on_signal, signum)
            self._signals.append(signum)

    def remove_signal_handlers(self) -> None:
        """Call once the shutdown is done: from here to the exit a signal is ignored, not fatal."""
        loop = asyncio.get_running_loop()
        for signum in self._signals:
            loop.remove_signal_handler(signum)
            signal.signal(signum, signal.SIG_IGN)
        self._signals.clear()

    def request(self, reason: str, exit_code: int = 0) -> None:
        """Shut down (the window closed, or a signal in a kiosk)."""
        if self._requested.is_set():
            log.debug("already shutting down (%s)", reason)
            return
        log.info("shutting down: %s", reason)
        self.reason, self.exit_code = reason, exit_code
        self._requested.set()

    async def wait(self) -> None:
        await self._requested.wait()

    def _on_signal(self, signum: signal.Signals) -> None:
        name = signal.Signals(signum).name
        if self._requested.is_set():
            log.info("%s while shutting down: ignored", name)
        elif self._kiosk:
            # Not the PIN: a status other than 0 tells the kiosk loop to start PiAssist again.
            log.warning("kiosk: %s received; PiAssist ends and the kiosk loop starts it again", name)
            self.request(name, 128 + signum)
        else:
            self.request(name)
            self._window.close()  # as the close button does: the window's size and place are kept

    def _quit_asked(self) -> bool:
        if not self._requested.is_set():
            log.info("the application was asked to quit: closing the window")
            self._window.close()  # a kiosk asks for the PIN here
        return True  # Qt's loop keeps running until the shutdown has finished

    def detach(self) -> None:
        self._qapp.quit_asked = None
