"""The kiosk's own welcome text and tasks (issue 19): the admin, behind the PIN, writes them in the
admin settings; the welcome screen and the empty chat show them; a visitor starts from a task; empty
text brings PiAssist's own words back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from piassist import paths
from piassist.core.starting_points import StartingPoint, starting_points
from piassist.ui.kiosk.admin_dialog import KioskAdminDialog
from tests.helpers.waiting import wait_until
from tests.ui.test_kiosk import PIN, Kiosk, give_pin, make_kiosk  # noqa: F401 (the fixture)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise|grabbing the keyboard)")
LIBRARY = StartingPoint("Opening hours", "Ask about our opening hours: ")


def open_admin(kiosk: Kiosk, qtbot: QtBot, run: Callable[..., Any]) -> KioskAdminDialog:
    app, mode = kiosk.app, kiosk.mode
    qtbot.keyClick(
        app.window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    give_pin(kiosk, qtbot, PIN)
    run(wait_until(lambda: mode.admin_dialog is not None and mode.admin_dialog.isVisible()))
    dialog: KioskAdminDialog = mode.admin_dialog
    return dialog


def test_the_admins_welcome_text_and_tasks_reach_the_visitors(
    make_kiosk: Callable[..., Kiosk],  # noqa: F811 (the fixture, imported)
    qtbot: QtBot,
    run: Callable[..., Any],
) -> None:
    kiosk = make_kiosk()
    app, mode = kiosk.app, kiosk.mode
    builtin_text = mode.welcome.text.text()
    defaults = starting_points(paths.resources_dir() / "starting-points", "en")
    dialog = open_admin(kiosk, qtbot, run)
    dialog.tabs.setCurrentIndex(1)
    assert [dialog.tasks.list.item(i).text() for i in range(dialog.tasks.list.count())] == [
        p.label for p in defaults
    ]
    dialog.welcome_text.setFocus()
    qtbot.keyClicks(dialog.welcome_text, "Welcome to the town library. Ask me about books & <hours>.")
    dialog.tasks.set_points([LIBRARY])
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    dialog.buttons.accepted.emit()
    run(wait_until(lambda: closed == [1]))

    mode.return_to_welcome()
    assert mode.welcome.text.text() == "Welcome to the town library. Ask me about books & <hours>."
    mode.show_chat()
    page = app.window.chat_page
    run(wait_until(page.starting.isVisible))
    assert [b.text() for b in page.starting.buttons] == ["Opening hours"]
    page.starting.buttons[0].click()
    assert page.composer.toPlainText() == LIBRARY.prompt
    assert app.kiosk is not None and app.kiosk.tasks("en") == [LIBRARY]
    assert app.starting_points.own("en") is None  # the person's own list is not the kiosk's

    dialog = open_admin(kiosk, qtbot, run)  # empty text and the defaults: PiAssist's own again
    dialog.welcome_text.clear()
    dialog.tasks.reset_button.click()
    dialog.buttons.accepted.emit()
    mode.return_to_welcome()
    assert mode.welcome.text.text() == builtin_text
    assert app.kiosk.tasks("en") is None
    assert [b.text() for b in page.starting.buttons] == [p.label for p in defaults]
