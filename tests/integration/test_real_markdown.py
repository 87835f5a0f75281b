"""Real answers from the demo model, drawn: the streamed transcript ends as the same document the history
draws, and what the model wrote as code and lists is drawn as code and lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from markdown_it import MarkdownIt
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.markdown.render import copy_texts
from scripts import harness
from tests.helpers.waiting import answered, wait_until
from tests.integration.test_real_chat_page import chat_app

QUESTIONS = [
    "List five tips for keeping a Raspberry Pi cool, as a numbered list.",
    "Show how to create a Python virtual environment, with the commands in a bash code block.",
]


def drawn_lists(app: PiAssist, answer_id: int) -> int:
    """How many lists (each level of nesting its own) the transcript drew for that answer."""
    transcript = app.window.chat_page.transcript
    entry = transcript.entry(answer_id)
    assert entry is not None
    found, block = set(), transcript.document().findBlock(entry.region.start)
    while block.isValid() and block.position() < entry.region.end:
        if block.textList() is not None:
            found.add(block.textList().objectIndex())
        block = block.next()
    return len(found)


@pytest.mark.timeout(660)  # two answers, each allowed its own 310 s wait on a crowded machine
def test_real_answers_are_drawn_as_the_history_draws_them_with_their_lists_and_code(
    ollama: harness.OllamaServer, real_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot
) -> None:
    app = chat_app(real_app, ollama, run)
    app.settings.set_chat_defaults({"temperature": 0.0, "num_predict": 150})  # the same answers each run
    page = app.window.chat_page
    finished: list[str] = []
    app.chat.answer_finished.connect(lambda i, state, stats: finished.append(state))
    structure_seen = 0
    for number, question in enumerate(QUESTIONS, start=1):
        page.composer.setPlainText(question)
        qtbot.keyClick(page.composer, Qt.Key.Key_Return)
        run(wait_until(answered(app.chat, finished, number), timeout=300), timeout=310)
        content = app.chat.messages[-1].content
        answer_id = page.transcript.message_ids()[-1]
        streamed_html = page.transcript.message_html(answer_id)

        # Structure, not wording: what a CommonMark reader finds in the text is what is drawn.
        reference = MarkdownIt("commonmark").enable("table").parse(content)
        code = sum(token.type in {"fence", "code_block"} for token in reference)
        lists = sum(token.type in {"bullet_list_open", "ordered_list_open"} for token in reference)
        assert streamed_html.count("piassist-copy:") == len(copy_texts(content)) == code
        assert drawn_lists(app, answer_id) == lists
        structure_seen += code + lists

        page.answers.redraw()  # the conversation drawn again from what the history holds
        assert page.transcript.message_html(answer_id) == streamed_html
    assert structure_seen > 0  # the demo model did write a list or code to check
