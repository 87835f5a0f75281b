"""The empty chat's starting points: shown instead of the empty transcript, a click fills the question box
with the task's instruction and puts the cursor after it; gone once a question is asked, back with a new
chat; in the interface language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from piassist import paths
from piassist.app import PiAssist
from piassist.core.starting_points import starting_points
from tests.helpers.fakes import FakeServer, answer
from tests.helpers.waiting import wait_until

FOLDER = paths.resources_dir() / "starting-points"


def test_a_starting_point_fills_the_question_box_and_goes_once_asked(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    app = make_app()
    app.window.show()
    app.start()
    page = app.window.chat_page
    run(wait_until(lambda: bool(app.library.current_model)))
    assert page.starting.isVisible() and not page.transcript.isVisible()
    labels = [b.text() for b in page.starting.buttons]
    assert labels == [p.label for p in starting_points(FOLDER, "en")]
    chosen = starting_points(FOLDER, "en")[2]
    page.starting.buttons[2].click()
    assert page.composer.toPlainText() == chosen.prompt
    assert page.composer.textCursor().position() == len(chosen.prompt)  # ready for the person's text
    assert QApplication.focusWidget() is page.composer
    page.composer.insertPlainText("a rainbow")
    server.chat_script = answer(["Light ", "bends."])
    page.send_button.click()
    run(wait_until(lambda: not app.chat.generating and len(app.chat.messages) == 2))
    assert app.chat.messages[0].content == chosen.prompt + "a rainbow"
    assert not page.starting.isVisible() and page.transcript.isVisible()
    page.new_chat()
    run(wait_until(page.starting.isVisible))
    assert not page.transcript.isVisible()


def test_the_starting_points_follow_the_language(
    make_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    app = make_app("uk")
    app.window.show()
    app.start()
    page = app.window.chat_page
    assert [b.text() for b in page.starting.buttons] == [p.label for p in starting_points(FOLDER, "uk")]
    app.i18n.set_language("en")
    run(
        wait_until(
            lambda: [b.text() for b in page.starting.buttons][:1] == [starting_points(FOLDER, "en")[0].label]
        )
    )
    assert [b.text() for b in page.starting.buttons] == [p.label for p in starting_points(FOLDER, "en")]
    chain: list[QWidget] = []
    widget = page.transcript.nextInFocusChain()
    while widget is not None and widget is not page.composer and len(chain) < 50:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    assert page.starting.buttons[0] in chain  # the new buttons are in the tab order, before the box
    assert Qt.FocusPolicy.StrongFocus & page.starting.buttons[0].focusPolicy()
