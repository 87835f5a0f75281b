"""Export as JSON or Markdown from the conversation list: the file dialog asks where, the file holds the
conversation; a file that cannot be written is said in the chat's notice, and the conversation stays."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from piassist.app import PiAssist
from piassist.ui.chat.page import ChatPage
from tests.helpers.fakes import FakeServer, answer
from tests.helpers.waiting import wait_until

QUESTION, ANSWER = "Where do llamas live?", "Llamas live in the Andes."


def asked(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> tuple[PiAssist, int]:
    app = make_app()
    app.window.show()
    app.start()
    page = app.window.chat_page
    run(wait_until(lambda: bool(app.library.current_model)))
    server.chat_script = answer(["Llamas live ", "in the Andes."])
    page.composer.setPlainText(QUESTION)
    page.send_button.click()
    run(wait_until(lambda: not app.chat.generating and len(app.chat.messages) == 2))
    assert app.chat.conversation is not None
    return app, app.chat.conversation.id


def save_as(page: ChatPage, conversation_id: int, kind: str, folder: Path, name: str) -> None:
    page.conversations.export_requested.emit(conversation_id, kind)  # what the list's menu does
    dialog = page.exports.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.setDirectory(str(folder))
    dialog.selectFile(name)  # typed into the name box
    dialog.accept()  # Save


def test_a_conversation_saved_as_json_and_as_markdown(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer, tmp_path: Path
) -> None:
    app, conversation_id = asked(make_app, run, server)
    page = app.window.chat_page
    save_as(page, conversation_id, "json", tmp_path, "llamas.json")
    save_as(page, conversation_id, "markdown", tmp_path, "llamas")  # the dialog adds .md
    run(wait_until(lambda: (tmp_path / "llamas.json").exists() and (tmp_path / "llamas.md").exists()))
    saved = json.loads((tmp_path / "llamas.json").read_text(encoding="utf-8"))
    assert [m["content"] for m in saved["messages"]] == [QUESTION, ANSWER]
    markdown = (tmp_path / "llamas.md").read_text(encoding="utf-8")
    assert QUESTION in markdown and ANSWER in markdown
    assert not page.notice.isVisible()


def test_a_file_that_cannot_be_written_is_said_and_nothing_is_lost(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer, tmp_path: Path
) -> None:
    app, conversation_id = asked(make_app, run, server)
    page = app.window.chat_page
    not_a_folder = tmp_path / "notes"
    not_a_folder.write_text("", encoding="utf-8")
    dialog = page.exports.ask(conversation_id, "json")
    dialog.fileSelected.emit(str(not_a_folder / "llamas.json"))  # a path the system refuses
    dialog.reject()
    run(wait_until(page.notice.isVisible))
    assert os.strerror(errno.ENOTDIR) in page.notice.text.text()  # the system's reason, in the notice
    assert [m.content for m in app.chat.messages] == [QUESTION, ANSWER]
    assert "Andes" in run(app.chat.exports.text(conversation_id, "markdown"))  # still there to save
