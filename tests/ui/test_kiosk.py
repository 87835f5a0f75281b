"""The kiosk: no way out without the admin PIN, wrong PINs slowed (an injected clock), the welcome screen,
idle return, no history kept, links never opened, the first-start PIN and the admin settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QGuiApplication, QWindowStateChangeEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.admin_pin import PinThrottle, hash_pin
from piassist.services.kiosk import PIN_KEY
from piassist.services.secret_store import SERVICE, SecretStore
from piassist.ui.chat import page as chat_page_module
from piassist.ui.kiosk.admin_dialog import KioskAdminDialog
from piassist.ui.window.menus import PAGE_GET, PAGE_MODELS
from tests.helpers.clocks import Clock
from tests.helpers.fakes import FakeKeyring, FakeServer, answer
from tests.helpers.keyboard_walk import CTRL, KeyboardWalk
from tests.helpers.waiting import settle, wait_until

PIN = "2468"
FULL = Qt.WindowState.WindowFullScreen
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing the keyboard)")


class Kiosk:
    def __init__(self, app: PiAssist, ring: FakeKeyring, clock: Clock, folder: Path) -> None:
        self.app, self.ring, self.clock, self.folder = app, ring, clock, folder
        self.closed = 0
        app.window.closing.connect(self._closed)

    def _closed(self) -> None:
        self.closed += 1

    @property
    def mode(self) -> Any:
        assert self.app.kiosk_mode is not None
        return self.app.kiosk_mode


@pytest.fixture
def make_kiosk(
    make_app: Callable[..., PiAssist], tmp_path: Path, run: Callable[..., Any]
) -> Callable[..., Kiosk]:
    made: list[Kiosk] = []

    def make(*, pin: str | None = PIN, idle_seconds: float | None = None, **options: Any) -> Kiosk:
        ring, clock = FakeKeyring(), Clock(1_800_000_000.0)
        if pin is not None:  # a cheap scrypt (n=16) keeps the test fast; the app's own is 2**14
            ring.secrets[(SERVICE, PIN_KEY)] = hash_pin(pin, n=16)
        folder = Path(tmp_path) / f"kiosk{len(made)}"
        folder.mkdir()
        app = make_app(
            kiosk=True,
            data_dir=folder,
            secrets=SecretStore(folder / "secrets.json", backend=ring),
            pin_throttle=PinThrottle(folder / "attempts.json", clock),
            kiosk_idle_seconds=idle_seconds,
            **options,
        )
        kiosk = Kiosk(app, ring, clock, folder)
        made.append(kiosk)
        app.start()
        run(wait_until(lambda: app.window.isVisible() and app.connection.status.is_connected))
        return kiosk

    yield make
    for kiosk in made:  # out of the kiosk, so the app can shut down
        if kiosk.app.kiosk_mode is not None and kiosk.closed == 0:
            kiosk.app.kiosk_mode.leave()


def in_place(kiosk: Kiosk) -> bool:
    window = kiosk.app.window
    return (
        window.isVisible()
        and window.windowState() == FULL
        and kiosk.closed == 0
        and window.pages.currentIndex() == 0
    )


def give_pin(kiosk: Kiosk, qtbot: QtBot, pin: str) -> None:
    dialog = kiosk.mode.pin_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.edit.setFocus()
    qtbot.keyClicks(dialog.edit, pin)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)


def test_twenty_six_ways_out_all_fail_without_the_pin_and_the_pin_leaves(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot, run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk = make_kiosk()
    app, window = kiosk.app, kiosk.app.window
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    quitting: list[bool] = []
    qapp.aboutToQuit.connect(lambda: quitting.append(True))
    opened: list[QUrl] = []
    monkeypatch.setattr(chat_page_module.QDesktopServices, "openUrl", opened.append)
    run(wait_until(lambda: in_place(kiosk)))
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not window.menuBar().isVisible() and not window.nav.isVisible()
    kiosk.mode.show_chat()

    def key(k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> Callable[[], None]:
        return lambda: qtbot.keyClick(QApplication.focusWidget() or window, k, mods)

    ctrl, alt, shift = (
        Qt.KeyboardModifier.ControlModifier,
        Qt.KeyboardModifier.AltModifier,
        Qt.KeyboardModifier.ShiftModifier,
    )

    def escapes() -> None:
        for _ in range(4):
            qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Escape)

    def wm_close() -> None:  # what the window manager sends for Alt+F4 or the title bar's ×
        event = QCloseEvent()
        QApplication.sendEvent(window, event)
        assert not event.isAccepted()

    def wm_minimise() -> None:  # a window manager's request arrives as a state change of the QWindow
        handle = window.windowHandle()
        assert handle is not None
        handle.setWindowState(Qt.WindowState.WindowMinimized)

    def state_event() -> None:
        window.setWindowState(Qt.WindowState.WindowNoState)
        QApplication.sendEvent(window, QWindowStateChangeEvent(FULL))

    ways: list[tuple[str, Callable[[], None]]] = [
        ("Alt+F4 key", key(Qt.Key.Key_F4, alt)),
        ("Ctrl+Q", key(Qt.Key.Key_Q, ctrl)),
        ("Ctrl+W", key(Qt.Key.Key_W, ctrl)),
        ("Ctrl+Shift+Q", key(Qt.Key.Key_Q, ctrl | shift)),
        ("F11", key(Qt.Key.Key_F11)),
        ("Esc chain", escapes),
        ("F10 (menu bar)", key(Qt.Key.Key_F10)),
        ("Alt+F (File menu)", key(Qt.Key.Key_F, alt)),
        ("Ctrl+, (Preferences)", key(Qt.Key.Key_Comma, ctrl)),
        ("Ctrl+2 (Models)", key(Qt.Key.Key_2, ctrl)),
        ("Ctrl+3 (Get models)", key(Qt.Key.Key_3, ctrl)),
        ("close event (WM, Alt+F4)", wm_close),
        ("window.close()", window.close),
        ("QWindow.close() (WM)", lambda: window.windowHandle().close()),
        ("showMinimized", window.showMinimized),
        ("showNormal", window.showNormal),
        ("showMaximized", window.showMaximized),
        ("setWindowState(minimized)", lambda: window.setWindowState(Qt.WindowState.WindowMinimized)),
        ("WM minimise request", wm_minimise),
        ("WindowStateChange to normal", state_event),
        ("hide()", window.hide),
        ("QApplication.quit()", QApplication.quit),
        ("closeAllWindows()", QApplication.closeAllWindows),
        ("Quit action", window.menus.quit_action.trigger),
        ("models page", lambda: window.show_page(PAGE_MODELS)),
        ("Get models page", lambda: window.get_model("qwen2.5:0.5b")),
        ("server dialog", window.open_host_dialog),
        ("Preferences action", window.menus.preferences_action.trigger),
        (
            "a link in an answer",
            lambda: app.window.chat_page.transcript.link_activated.emit(QUrl("https://x.org")),
        ),
    ]
    assert len(ways) >= 20
    for name, way in ways:
        way()
        run(settle())
        QApplication.processEvents()
        run(wait_until(lambda: in_place(kiosk), 2.0))
        run(settle())
        assert in_place(kiosk), name
        assert not quitting, name
        assert window.current_page() is window.chat_page, name
        assert not window.host_dialog or not window.host_dialog.isVisible(), name
        assert not hasattr(window, "settings_dialog"), name
    assert opened == []
    # The close attempts asked for the PIN; the Esc chain and the others did not get past it.
    dialog = kiosk.mode.request_pin(kiosk.mode.leave)
    assert dialog.isVisible()
    give_pin(kiosk, qtbot, PIN)
    run(wait_until(lambda: kiosk.closed == 1))
    assert not window.isVisible()


def test_wrong_pins_wait_longer_each_time_and_a_restart_remembers(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot, run: Callable[..., Any]
) -> None:
    kiosk = make_kiosk()
    mode, clock = kiosk.mode, kiosk.clock
    assert kiosk.app.kiosk is not None
    dialog = mode.request_pin(mode.leave)
    waits: list[float] = []
    for _ in range(5):
        give_pin(kiosk, qtbot, "1111")
        run(wait_until(lambda: kiosk.app.kiosk.wait_left() > 0))
        wait = kiosk.app.kiosk.wait_left()
        waits.append(wait)
        assert not dialog.ok_button.isEnabled()
        seconds = int(wait)
        assert (
            dialog.message.text() == f"Wrong PIN. You can try again in {seconds} second{'s' * (seconds > 1)}."
        )
        # Before the wait is over even the right PIN is not checked.
        clock.now += wait - 0.5
        dialog._tick()
        assert not dialog.ok_button.isEnabled()
        assert run(kiosk.app.kiosk.check_pin(PIN)).check.value == "wait"
        clock.now += 0.5
        dialog._tick()
        assert dialog.ok_button.isEnabled()
        assert in_place(kiosk)
    assert waits == [1, 2, 4, 8, 16]
    # Killing the app does not reset it: a new throttle over the same file still counts 5 wrong PINs.
    give_pin(kiosk, qtbot, "9999")
    run(wait_until(lambda: not dialog.ok_button.isEnabled()))
    again = PinThrottle(kiosk.folder / "attempts.json", clock)
    assert again.failures == 6 and again.wait_left() == 32
    clock.now += 32
    dialog._tick()
    give_pin(kiosk, qtbot, PIN)
    run(wait_until(lambda: kiosk.closed == 1))
    assert PinThrottle(kiosk.folder / "attempts.json", clock).failures == 0


def test_digits_typed_during_the_wait_are_refused_not_run_into_the_next_try(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot, run: Callable[..., Any]
) -> None:
    kiosk = make_kiosk()
    mode, clock, service = kiosk.mode, kiosk.clock, kiosk.app.kiosk
    assert service is not None
    dialog = mode.request_pin(mode.leave)
    give_pin(kiosk, qtbot, "1111")
    run(wait_until(lambda: service.wait_left() > 0 and dialog.edit.isReadOnly()))
    # Typed ahead while the countdown runs (the keys go where the focus is: the field), Enter too.
    assert QApplication.focusWidget() is dialog.edit
    qtbot.keyClicks(dialog.edit, "135")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert dialog.edit.text() == "" and not dialog.ok_button.isEnabled() and kiosk.closed == 0
    # A dialog opened anew during the wait refuses digits from the start.
    dialog.reject()
    dialog = mode.request_pin(mode.leave)
    assert dialog.edit.isReadOnly()
    qtbot.keyClicks(dialog.edit, "7")
    assert dialog.edit.text() == ""
    # The wait ends; the countdown's own tick gives the field back, and only the new digits count.
    clock.now += service.wait_left()
    qtbot.waitUntil(lambda: not dialog.edit.isReadOnly(), timeout=3000)
    assert dialog.ok_button.isEnabled() and dialog.focusWidget() is dialog.edit
    qtbot.keyClicks(dialog.edit, PIN)
    assert dialog.edit.text() == PIN
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    run(wait_until(lambda: kiosk.closed == 1))


def test_a_keyring_that_fails_the_check_leaves_the_dialog_ready_for_another_try(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot, run: Callable[..., Any]
) -> None:
    kiosk = make_kiosk()
    dialog = kiosk.mode.request_pin(kiosk.mode.leave)
    kiosk.ring.fail = True  # the keyring locked itself meanwhile
    give_pin(kiosk, qtbot, PIN)
    run(wait_until(lambda: dialog.message.text() == "The keyring did not answer. Try again."))
    assert dialog.ok_button.isEnabled() and not dialog.edit.isReadOnly() and dialog.edit.text() == ""
    kiosk.ring.fail = False
    give_pin(kiosk, qtbot, PIN)
    run(wait_until(lambda: kiosk.closed == 1))


def test_first_start_asks_for_a_pin_that_cannot_be_skipped(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot, run: Callable[..., Any]
) -> None:
    kiosk = make_kiosk(pin=None)
    mode = kiosk.mode
    run(wait_until(lambda: mode.setup_dialog is not None and mode.setup_dialog.isVisible()))
    dialog = mode.setup_dialog
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()
    dialog.first.setText("12")
    dialog.second.setText("12")
    dialog.save()
    assert dialog.message.text() == "A PIN is 4 to 12 digits."
    dialog.first.setText("123456")
    dialog.second.setText("123457")
    dialog.save()
    assert dialog.message.text() == "The two PINs are not the same."
    dialog.second.setText("123456")
    dialog.save()
    run(wait_until(lambda: mode.setup_dialog is None))
    record = kiosk.ring.secrets[(SERVICE, PIN_KEY)]
    assert record.startswith("scrypt$16384$8$1$") and "123456" not in record
    mode.request_pin(mode.leave)
    give_pin(kiosk, qtbot, "123456")
    run(wait_until(lambda: kiosk.closed == 1))


def test_idle_returns_to_the_welcome_screen_and_nothing_is_kept(
    make_kiosk: Callable[..., Kiosk], server: FakeServer, run: Callable[..., Any], qtbot: QtBot
) -> None:
    kiosk = make_kiosk(idle_seconds=0.3)
    app, mode = kiosk.app, kiosk.mode
    assert mode.on_welcome
    qtbot.keyClick(mode.welcome.start, Qt.Key.Key_Space)
    assert not mode.on_welcome
    page = app.window.chat_page
    assert not page.conversations.isVisible() and not page.settings_button.isVisible()
    server.chat_script = answer(["Hello ", "there."])
    page.composer.setPlainText("Hi")
    page.send_button.click()
    run(wait_until(lambda: not app.chat.generating and "Hello there." in page.transcript.toPlainText()))
    run(wait_until(lambda: mode.on_welcome, 3.0))
    assert app.chat.messages == [] and "Hello there." not in page.transcript.toPlainText()
    assert not (kiosk.folder / "history.sqlite3").exists()
    assert str(app.chat.history.path) == ":memory:"


def test_admin_settings_after_the_pin_fix_the_model_and_enlarge_the_text(
    make_kiosk: Callable[..., Kiosk], qtbot: QtBot, run: Callable[..., Any]
) -> None:
    kiosk = make_kiosk()
    app, mode = kiosk.app, kiosk.mode
    mode.show_chat()
    page = app.window.chat_page
    size = page.composer.font().pointSizeF()
    qtbot.keyClick(
        app.window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert mode.pin_dialog is not None and mode.pin_dialog.isVisible()
    give_pin(kiosk, qtbot, PIN)
    run(wait_until(lambda: mode.admin_dialog is not None and mode.admin_dialog.isVisible()))
    dialog: KioskAdminDialog = mode.admin_dialog
    assert dialog.storage_label.text() == "The PIN's hash is kept in the system keyring."
    assert kiosk.ring.name not in dialog.storage_label.text()  # the backend's English name is for the log
    dialog.model_box.setCurrentIndex(dialog.model_box.findData("smollm2:135m"))
    dialog.large_text_box.setChecked(True)
    dialog.idle_box.setValue(7)
    dialog.buttons.accepted.emit()
    assert not page.model_box.isVisible() and page.current_model() == "smollm2:135m"
    assert page.composer.font().pointSizeF() > size * 1.3
    assert app.kiosk is not None and app.kiosk.idle_minutes == 7 and mode.idle_seconds() == 7 * 60
    settings = (kiosk.folder.parent / "settings.ini").read_text()
    assert "large_text=true" in settings and PIN not in settings and "scrypt" not in settings
    assert in_place(kiosk)


def test_a_page_change_asked_for_by_the_chat_notice_stays_on_the_chat(
    make_kiosk: Callable[..., Kiosk], run: Callable[..., Any]
) -> None:
    kiosk = make_kiosk()
    window = kiosk.app.window
    window.chat_page.notice.get_model_requested.emit("qwen2.5:0.5b")
    window.pages.setCurrentIndex(PAGE_GET)  # even from code that goes round the window
    run(settle())
    assert window.pages.currentIndex() == 0


def test_the_kiosk_walk_by_keys_alone_ends_with_quit_asking_for_the_pin(
    make_kiosk: Callable[..., Kiosk], server: FakeServer, run: Callable[..., Any]
) -> None:
    """The keyboard walk of issue 7 in a kiosk: start → choose a model → ask → stop → new chat → switch
    language → (the models page is refused) → quit, which asks for the PIN; typing it leaves."""
    server.chat_script, server.hold_after = answer(["A ", "long ", "answer ", "here"]), 2
    kiosk = make_kiosk()
    window = kiosk.app.window
    window.activateWindow()
    steps = KeyboardWalk(kiosk.app, run)
    steps.wait(lambda: QApplication.activeWindow() is window)
    welcome = kiosk.mode.welcome
    steps.tab_to(welcome.start)
    steps.press(Qt.Key.Key_Return)
    page = window.chat_page
    steps.wait(lambda: not kiosk.mode.on_welcome and QApplication.focusWidget() is page.composer)
    steps.choose_model("smollm2:135m")
    steps.ask("Hello?")
    steps.stop(lambda: len(steps.answer_text()) >= 2)
    steps.new_chat()
    # The language buttons are one group: Tab reaches the chosen one, an arrow key the other.
    languages = kiosk.mode.bar.languages.buttons
    steps.tab_to(languages["en"])
    steps.press(Qt.Key.Key_Right)
    assert QApplication.focusWidget() is languages["uk"]
    steps.press(Qt.Key.Key_Space)
    steps.wait(lambda: kiosk.app.i18n.language == "uk")
    steps.press(Qt.Key.Key_2, CTRL)
    assert window.current_page() is page  # the models page is not for visitors
    steps.press(Qt.Key.Key_Q, CTRL)
    steps.wait(lambda: kiosk.mode.pin_dialog is not None and kiosk.mode.pin_dialog.isVisible())
    assert kiosk.closed == 0 and window.isVisible()
    steps.wait(lambda: QApplication.focusWidget() is kiosk.mode.pin_dialog.edit)
    steps.type(PIN)
    steps.press(Qt.Key.Key_Return)
    steps.wait(lambda: kiosk.closed == 1)
    assert not window.isVisible()


def test_input_counts_in_a_dialog_opened_later_with_no_application_wide_filter(
    make_kiosk: Callable[..., Kiosk], run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Structural: nothing installs an event filter on the application (Qt would call it for every event
    # of every object: docs/decisions.md). Caught where Python asks for one.
    on_the_app: list[QObject] = []
    install = QApplication.installEventFilter

    def spy(qapp: QApplication, watcher: QObject) -> None:
        on_the_app.append(watcher)
        install(qapp, watcher)

    monkeypatch.setattr(QApplication, "installEventFilter", spy)
    kiosk = make_kiosk()
    mode, window = kiosk.mode, kiosk.app.window
    mode.show_chat()
    assert on_the_app == []

    # Input as the window system delivers it (to a window first) counts in the main window...
    handle = window.windowHandle()
    assert handle is not None
    run(wait_until(lambda: mode.idle_for() > 0.2))
    QTest.mouseMove(handle, QPoint(40, 40))
    assert mode.idle_for() < 0.2
    # ...and in a window opened after the kiosk started: the PIN dialog.
    dialog = mode.request_admin()
    run(
        wait_until(
            lambda: (
                dialog.windowHandle() is not None and QGuiApplication.focusWindow() is dialog.windowHandle()
            )
        )
    )
    dialog_window = dialog.windowHandle()
    assert dialog_window is not None
    run(wait_until(lambda: mode.idle_for() > 0.2))
    QTest.keyClick(dialog_window, Qt.Key.Key_Shift)
    assert mode.idle_for() < 0.2
    assert on_the_app == []
    dialog.reject()
