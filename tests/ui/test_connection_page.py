from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from piassist.core.connection_state import ConnectionStatus, ConnState
from piassist.ui.connection import texts as connection_texts
from piassist.ui.connection.page import ConnectionPage

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize(
    ("state", "can_start", "start", "command", "busy"),
    [
        (ConnState.CONNECTING, False, False, False, True),
        (ConnState.STARTING, True, False, False, True),
        (ConnState.NOT_RUNNING, True, True, False, False),
        (ConnState.NOT_RUNNING, False, False, False, False),
        (ConnState.NOT_INSTALLED, False, False, True, False),
        (ConnState.TIMEOUT, False, False, False, False),
        (ConnState.NOT_OLLAMA, False, False, False, False),
        (ConnState.INVALID_HOST, False, False, False, False),
    ],
)
def test_each_state_offers_the_right_next_step(
    qtbot: QtBot, state: ConnState, can_start: bool, start: bool, command: bool, busy: bool
) -> None:
    page = ConnectionPage()
    qtbot.addWidget(page)
    page.show()
    page.set_status(ConnectionStatus(state, "127.0.0.1:11434", detail="raw", retry_in=4.0), can_start)
    assert page.start_button.isVisible() is start
    assert page.command_box.isVisible() is command
    assert page.guide.isVisible() is command
    assert page.busy.isVisible() is busy
    assert page.retry_button.isVisible() is not busy
    assert page.title.text() and page.body.text()
    if not busy:
        assert page.retry_label.text() == "Trying again automatically in 4 seconds."
        assert page.details_button.isVisible() and not page.detail.isVisible()
        page.details_button.click()
        assert page.detail.isVisible() and page.detail.text() == "raw"


def test_buttons_ask_the_service(qtbot: QtBot) -> None:
    page = ConnectionPage()
    qtbot.addWidget(page)
    page.set_status(ConnectionStatus(ConnState.NOT_RUNNING, "h"), True)
    with qtbot.waitSignal(page.start_requested):
        page.start_button.click()
    with qtbot.waitSignal(page.retry_requested):
        page.retry_button.click()
    with qtbot.waitSignal(page.change_host_requested):
        page.host_button.click()


def test_copy_puts_the_install_command_on_the_clipboard(qtbot: QtBot) -> None:
    from PySide6.QtGui import QGuiApplication

    page = ConnectionPage()
    qtbot.addWidget(page)
    page.set_status(ConnectionStatus(ConnState.NOT_INSTALLED, "h"), False)
    page.copy_button.click()
    assert QGuiApplication.clipboard().text() == "curl -fsSL https://ollama.com/install.sh | sh"


def test_not_installed_links_to_the_readme_section_on_ollama(qtbot: QtBot) -> None:
    page = ConnectionPage()
    qtbot.addWidget(page)
    page.set_status(ConnectionStatus(ConnState.NOT_INSTALLED, "h"), False)
    assert page.guide.openExternalLinks()
    assert f'href="{connection_texts.OLLAMA_GUIDE_URL}"' in page.guide.text()
    # The anchor is a heading of README (GitHub's anchor: lower case, spaces as hyphens).
    anchor = connection_texts.OLLAMA_GUIDE_URL.partition("#")[2]
    headings = re.findall(r"^#+ (.+)$", README.read_text(encoding="utf-8"), re.MULTILINE)
    assert anchor in {h.strip().lower().replace(" ", "-") for h in headings}
