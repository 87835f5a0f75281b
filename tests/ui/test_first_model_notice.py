"""A base model is never chosen silently: the chat says what it is and offers to get a chat model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from tests.helpers.fakes import FakeServer, model
from tests.helpers.waiting import wait_until


def test_only_a_base_model_installed_shows_a_notice_with_get_models(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    server.models = [model("raw:1b")]
    server.details["raw:1b"] = replace(server.details["smollm2:135m"], template="{{ .Prompt }}", finetune="")
    app = make_app()
    app.window.show()
    app.start()
    page = app.window.chat_page
    run(wait_until(lambda: app.library.current_model == "raw:1b"))
    run(wait_until(page.notice.isVisible))
    assert "raw:1b" in page.notice.text.text()
    assert page.notice.get_button.isVisible() and not page.notice.models_button.isVisible()
    asked: list[str] = []
    page.get_model_requested.connect(asked.append)
    page.notice.get_button.click()
    assert asked == [""]  # the Get models page, to choose one


def test_an_instruct_model_chosen_says_nothing(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    app = make_app()
    app.window.show()
    app.start()
    run(wait_until(lambda: app.library.current_model == "smollm2:135m"))
    assert not app.window.chat_page.notice.isVisible()
