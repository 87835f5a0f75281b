"""piassist/shutdown.py in the process: real signals reach qasync's loop, QApplication.quit() becomes a close
of the window, and a kiosk answers a signal with 128 + its number. tests/session/test_quit.py runs the
installed command and ends it every way a person does."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QMainWindow

from piassist.shutdown import Application, Shutdown
from tests.helpers.waiting import wait_until


class Window(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.closes = 0

    def closeEvent(self, event: Any) -> None:
        self.closes += 1
        super().closeEvent(event)


@pytest.fixture
def made(qapp: QApplication, loop: Any) -> Iterator[Callable[[bool], tuple[Shutdown, Window]]]:
    shutdowns: list[Shutdown] = []

    assert isinstance(qapp, Application)

    def make(kiosk: bool) -> tuple[Shutdown, Window]:
        window = Window()
        shutdown = Shutdown(qapp, window, kiosk=kiosk)
        window.show()
        shutdowns.append(shutdown)
        return shutdown, window

    yield make
    for shutdown in shutdowns:
        shutdown.remove_signal_handlers()
        shutdown.detach()
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(signum, signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL)
    qapp.setQuitOnLastWindowClosed(True)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_real_signal_closes_the_window_and_asks_for_the_shutdown(
    made: Callable[[bool], tuple[Shutdown, Window]], run: Callable[..., Any], signum: signal.Signals
) -> None:
    shutdown, window = made(False)
    shutdown.install_signal_handlers()
    os.kill(os.getpid(), signum)  # the C handler writes to the loop's self-pipe; Qt wakes the loop
    run(wait_until(lambda: shutdown.requested))
    assert shutdown.exit_code == 0 and shutdown.reason == signum.name
    assert window.closes == 1 and not window.isVisible()
    os.kill(os.getpid(), signal.SIGTERM)  # a second one while shutting down: nothing more happens
    run(asyncio.sleep(0.1))
    assert window.closes == 1 and shutdown.reason == signum.name


def test_a_kiosk_answers_a_signal_with_its_number_and_keeps_its_window(
    made: Callable[[bool], tuple[Shutdown, Window]], run: Callable[..., Any]
) -> None:
    shutdown, window = made(True)
    shutdown.install_signal_handlers()
    os.kill(os.getpid(), signal.SIGHUP)
    run(wait_until(lambda: shutdown.requested))
    assert shutdown.exit_code == 128 + signal.SIGHUP  # not 0: the kiosk loop starts PiAssist again
    assert window.closes == 0  # no PIN dialog: the window is not asked to close


def test_quit_from_qt_closes_the_window_instead_of_ending_the_loop(
    made: Callable[[bool], tuple[Shutdown, Window]], qapp: QApplication
) -> None:
    shutdown, window = made(False)
    assert not qapp.quitOnLastWindowClosed()
    quit_event = QEvent(QEvent.Type.Quit)
    QCoreApplication.sendEvent(qapp, quit_event)
    assert window.closes == 1  # the window's own close: a kiosk asks for the PIN there
    assert not shutdown.requested  # the window's `closing` signal asks for it (see __main__)


def test_after_the_shutdown_a_late_signal_is_ignored(
    made: Callable[[bool], tuple[Shutdown, Window]], run: Callable[..., Any]
) -> None:
    shutdown, _window = made(False)
    shutdown.install_signal_handlers()
    shutdown.remove_signal_handlers()
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_IGN
    os.kill(os.getpid(), signal.SIGTERM)  # would end the test run were it not ignored
    run(asyncio.sleep(0.05))
