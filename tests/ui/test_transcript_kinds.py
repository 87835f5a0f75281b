"""What small models write, in the real transcript: lists nested by 2 and 3 spaces, code inside numbered
steps and quotes, a fence on the marker line, reasoning in <think> tags, control characters, and outputs
too big to draw at once. Each streamed in random chunks ends as the same document as loaded from history."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication, QTextBlock, QTextCursor
from pytestqt.qtbot import QtBot

from piassist.core.history.types import MessageState, Role
from piassist.core.markdown import blocks as markdown_blocks
from piassist.ui.chat.transcript_reasoning import TOGGLE_THINKING
from piassist.ui.chat.transcript_view import COPY_CODE, COPY_MESSAGE, TranscriptMessage, TranscriptView
from tests.core.test_markdown_kinds import HOW_TO
from tests.ui.test_transcript_view import assert_same_document, process, stream, two_views


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[TranscriptView]:
    widget = TranscriptView()
    widget.resize(640, 400)
    qtbot.addWidget(widget)
    widget.update_interval_ms = 0
    widget.show()  # on the screen: a hidden transcript draws nothing until it shows
    yield widget
    QGuiApplication.clipboard().clear()


def streamed_and_loaded(qtbot: QtBot, text: str, seed: int = 1) -> tuple[TranscriptView, TranscriptView]:
    """The same answer streamed into one view and loaded into another; asserts the documents are equal."""
    loaded, streamed = two_views(qtbot)
    answer = TranscriptMessage(2, Role.ASSISTANT, text, model="m")
    loaded.show_messages([TranscriptMessage(1, Role.USER, "Q"), answer])
    streamed.add_user(1, "Q")
    stream(streamed, 2, text, seed)
    streamed.finish_answer(2, MessageState.COMPLETE, "")
    assert_same_document(streamed, loaded)
    return streamed, loaded


def blocks_of(view: TranscriptView, message_id: int) -> list[QTextBlock]:
    entry = view.entry(message_id)
    assert entry is not None
    found, block = [], view.document().findBlock(entry.region.start)
    while block.isValid() and block.position() < entry.region.end:
        found.append(block)
        block = block.next()
    return found


def outline(view: TranscriptView, message_id: int) -> list[tuple[int, str, str]]:
    """Each non-empty block of the answer: its nesting level (a list item's, or the indent of a block
    inside an item; 0 outside lists), "code" or "text", and its first characters."""
    rows = []
    for block in blocks_of(view, message_id)[1:-1]:  # not the name above, nor the line below
        text_list = block.textList()
        level = text_list.format().indent() if text_list is not None else block.blockFormat().indent()
        code = "monospace" in (block.charFormat().fontFamilies() or [])
        if block.text().strip():
            rows.append((level, "code" if code else "text", block.text()[:24]))
    return rows


def clicked(view: TranscriptView, href: str, message_id: int) -> None:
    """Activates a link as a click on it in that message would (the copy links say whose block by where)."""
    entry = view.entry(message_id)
    assert entry is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(entry.region.start)
    view.setTextCursor(cursor)
    view.anchorClicked.emit(QUrl(href))  # as a click on the link does


def test_a_long_how_to_keeps_its_nested_bullets_and_code_inside_its_steps(qtbot: QtBot) -> None:
    view, _ = streamed_and_loaded(qtbot, HOW_TO)
    rows = outline(view, 2)
    assert (1, "text", "Update the system:") in rows
    assert (2, "text", "git") in rows and (3, "text", "with TLS") in rows
    code = [row for row in rows if row[1] == "code"]
    assert [row[2] for row in code] == ["sudo apt update", "git --version", 'print("hi")']
    # The line after the first step's code is still the first step's (no new list, no number restart).
    lists = {block.textList().format().style() for block in blocks_of(view, 2) if block.textList()}
    assert len(lists) >= 2  # numbers and bullets
    assert "Wait until it finishes." in view.message_text(2)
    numbered = [b for b in blocks_of(view, 2) if b.textList() and b.textList().format().indent() == 1]
    assert len({id(b.textList()) for b in numbered}) >= 1
    assert [b.text() for b in numbered] == ["Update the system:", "Install the tools:", "Check the versions:"]


@pytest.mark.parametrize("spaces", [2, 3])
def test_ten_levels_of_nesting_come_out_as_ten(qtbot: QtBot, spaces: int) -> None:
    text = "\n".join(" " * (spaces * level) + f"- level {level}" for level in range(10))
    view, _ = streamed_and_loaded(qtbot, text)
    assert [row[0] for row in outline(view, 2)] == list(range(1, 11))


def test_a_fence_on_the_marker_line_does_not_swallow_the_rest(qtbot: QtBot) -> None:
    text = "1. ```bash\n   ls -l\n   ```\n2. Then this.\n\nLater prose.\n\n```python\nx = 1\n```\n\nThe end."
    view, _ = streamed_and_loaded(qtbot, text)
    rows = outline(view, 2)
    assert [row[2] for row in rows if row[1] == "code"] == ["ls -l", "x = 1"]
    assert (0, "text", "Later prose.") in rows and (0, "text", "The end.") in rows


def test_an_indented_closing_fence_and_a_wrapped_number_stay_what_they_are(qtbot: QtBot) -> None:
    text = "```\ncode\n    ```\nstill code\n```\n\nBuilt in the year\n14. It is old."
    view, _ = streamed_and_loaded(qtbot, text)
    rows = outline(view, 2)
    assert [row[2] for row in rows if row[1] == "code"] == ["code", "    ```", "still code"]
    assert all(level == 0 for level, _, _ in rows)
    assert "Built in the year\n14. It is old." in view.message_text(2)  # its line break, and no list


def test_a_fence_inside_a_quote_is_code(qtbot: QtBot) -> None:
    view, _ = streamed_and_loaded(qtbot, "> Run:\n> ```sh\n> make test\n> ```\n> and wait.")
    rows = outline(view, 2)
    assert ("code", "make test") in [(kind, text) for _, kind, text in rows]
    assert "and wait." in view.message_text(2)


THOUGHTFUL = "<think>\nThe user wants a number. 2 + 2 = 4.\n</think>\n\nThe answer is **4**."


def test_reasoning_in_think_tags_is_shown_as_reasoning(qtbot: QtBot, view: TranscriptView) -> None:
    view.begin_answer(2, "m")
    view.append_answer(2, "<think>\nThe user wants")
    process()
    assert "Thinking…" in view.message_text(2)
    assert "The user wants" not in view.message_text(2)  # the reasoning is folded away, as the server's is
    for piece in (" a number. 2 + 2 = 4.\n</thi", "nk>\n\nThe answer", " is **4**."):
        view.append_answer(2, piece)
        process()
    view.finish_answer(2, MessageState.COMPLETE, "")
    text = view.message_text(2)
    assert "Thought for" in text and "The answer is 4." in text
    assert "<think>" not in text and "2 + 2" not in text
    clicked(view, f"{TOGGLE_THINKING}:2", 2)
    assert "The user wants a number. 2 + 2 = 4." in view.message_text(2)
    clicked(view, f"{COPY_MESSAGE}:2", 2)
    assert QGuiApplication.clipboard().text() == "The answer is **4**."


def test_reasoning_in_think_tags_from_history_is_folded_like_streamed(qtbot: QtBot) -> None:
    loaded, streamed = two_views(qtbot)
    message = TranscriptMessage(2, Role.ASSISTANT, THOUGHTFUL, model="m", thinking_seconds=3)
    loaded.show_messages([message])
    streamed.begin_answer(2, "m")
    for start in range(0, len(THOUGHTFUL), 5):
        streamed.append_answer(2, THOUGHTFUL[start : start + 5])
        process()
    entry = streamed.entry(2)
    assert entry is not None
    streamed.finish_answer(2, MessageState.COMPLETE, "")
    entry.thinking_seconds = 3  # the time it took here is not the time it took then
    streamed.reasoning.write(entry)
    assert streamed.message_text(2) == loaded.message_text(2)
    assert "Reasoning" in loaded.message_text(2) or "Thought for 3 seconds" in loaded.message_text(2)
    assert "2 + 2" not in loaded.message_text(2)


def test_control_characters_are_neither_drawn_nor_copied(qtbot: QtBot, view: TranscriptView) -> None:
    raw = "Ring\x07 the bell\x00.\x1b[1m\n\n```\nprint('a')\x1b\n```\n"
    view.show_messages([TranscriptMessage(2, Role.ASSISTANT, raw, model="m")])
    drawn = view.message_text(2)
    assert not any(char in drawn for char in "\x00\x07\x1b")
    assert "Ring the bell.[1m" in drawn
    clicked(view, f"{COPY_MESSAGE}:2", 2)
    assert QGuiApplication.clipboard().text() == "Ring the bell.[1m\n\n```\nprint('a')\n```\n"
    clicked(view, f"{COPY_CODE}:0", 2)
    assert QGuiApplication.clipboard().text() == "print('a')"
    assert view.entry(2).content == raw  # type: ignore[union-attr]  # what history holds is untouched


def test_a_megabyte_line_is_shown_in_part_and_copied_whole(qtbot: QtBot) -> None:
    line = "0123456789abcdef" * 65_536
    text = f"The key:\n\n{line}\n\nKeep it."
    view, loaded = streamed_and_loaded(qtbot, text, seed=4)
    assert view.document().characterCount() < 2 * markdown_blocks.CAP_CHARS  # that is what stays cheap
    shown_text = view.message_text(2)
    assert "more character" in shown_text and "Keep it." in shown_text
    clicked(loaded, f"{COPY_CODE}:0", 2)
    assert QGuiApplication.clipboard().text() == line


def test_a_table_of_thousands_of_rows_shows_its_first_rows(qtbot: QtBot) -> None:
    rows = "\n".join(f"| {i} | row {i} |" for i in range(3000))
    text = f"| n | name |\n|---|---|\n{rows}\n\nAfter the table."
    view, _ = streamed_and_loaded(qtbot, text, seed=5)
    frames = view.document().rootFrame().childFrames()
    right = Qt.AlignmentFlag.AlignRight  # the question's bubble
    tables = [f for f in frames if not f.frameFormat().toTableFormat().alignment() & right]
    assert len(tables) == 1
    assert tables[0].rows() == markdown_blocks.TABLE_ROWS + 1  # type: ignore[attr-defined]
    assert re.search(rf"The first {markdown_blocks.TABLE_ROWS} of 3,?000 rows shown", view.message_text(2))
    assert "After the table." in view.message_text(2)


# What the demo model wrote (tests/integration/test_real_markdown.py found it): a fence opened inside a
# step whose code is not indented, so the step ends with an empty code block and the code becomes text.
UNINDENTED_STEPS = (
    "1. Create a Python Virtual Environment:\n   ```bash\npython3 -m venv my_venv\n```\n\n"
    "2. Install Python:\n   ```bash\npip install python-installer\n```\n\n   This command installs."
)


@pytest.mark.parametrize("seed", range(8))
def test_an_empty_code_block_in_a_step_streams_as_it_loads(qtbot: QtBot, seed: int) -> None:
    view, _ = streamed_and_loaded(qtbot, UNINDENTED_STEPS, seed)
    rows = outline(view, 2)
    assert (0, "text", "python3 -m venv my_venv") in rows  # as CommonMark reads it (and GitHub shows it)
    assert rows[rows.index((0, "text", "python3 -m venv my_venv")) - 1] == (1, "text", "Copy")  # the step's
    assert "Copy\n \npython3 -m venv my_venv" in view.message_text(2)  # empty code block, then the text


def test_a_blank_first_line_of_code_is_kept(view: TranscriptView) -> None:
    view.show_messages([TranscriptMessage(2, Role.ASSISTANT, "```\n\nsecond line\n```", model="m")])
    assert [row[2] for row in outline(view, 2) if row[1] == "code"] == ["second line"]
    assert "\n\nsecond line" in view.message_text(2).replace("\u2029", "\n")
