"""Nothing in PiAssist opens a web address by itself: a kiosk's visitors must stay inside it, and a
newcomer's help is offline (resources/help/)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QTextBrowser, QWidget

from piassist.app import PiAssist
from piassist.core.connection_state import ConnectionStatus, ConnState
from piassist.ui.window.menus import PAGE_CHAT, PAGE_GET, PAGE_MODELS
from tests.helpers.fakes import FakeServer
from tests.helpers.waiting import wait_until


def links_out(root: QWidget) -> list[str]:
    found = [w.objectName() or type(w).__name__ for w in root.findChildren(QLabel) if w.openExternalLinks()]
    found += [
        w.objectName() or type(w).__name__
        for w in root.findChildren(QTextBrowser)
        if w.openExternalLinks() or w.openLinks()
    ]
    return found


def test_no_page_or_help_opens_a_web_link(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    app = make_app()
    window = app.window
    window.show()
    app.start()
    run(wait_until(lambda: app.connection.status.is_connected))
    for row in (PAGE_CHAT, PAGE_MODELS, PAGE_GET):
        window.show_page(row)
    connection_page = window.connection_page
    connection_page.set_status(ConnectionStatus(ConnState.NOT_INSTALLED, "h"), False)
    dialog = connection_page.open_help()
    assert links_out(window) == [] and links_out(dialog) == []
    dialog.close()
