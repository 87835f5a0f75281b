"""The chat transcript: streaming equals loading, untrusted text stays text, links, marks, reasoning,
following the bottom and the coalesced update rate."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QPoint, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QTextCursor, QTextDocument, QTextFormat
from pytestqt.qtbot import QtBot

from piassist.core.history.types import MessageState, Role
from piassist.ui.chat.transcript_document import tail_growth
from piassist.ui.chat.transcript_icons import Icon, icon_name
from piassist.ui.chat.transcript_view import TranscriptMessage, TranscriptView

ANSWER = """# Setting up

Install it with `pip`, then *check* the **version**. See [the docs](https://example.org/docs).

1. First step
2. Second step
   - a nested point
   - another one

| tool | size | note |
| --- | ---: | --- |
| ollama | 1 GB | runs models |
| piassist | 5 MB | this app |

```python
def hello(name: str) -> str:
    return f"hello {name}"
```

> A quote that goes on
> over two lines.

```bash
ollama pull smollm2:135m
```

Raw <b>html</b> & <script>alert(1)</script> stay text; so does ![img](http://example.org/x.png).

```json
{"ok": true}
```
Last words.
"""
UNCLOSED = ANSWER + "\n```python\nprint('never closed')\n"


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[TranscriptView]:
    widget = TranscriptView()
    widget.resize(640, 400)
    qtbot.addWidget(widget)
    widget.update_interval_ms = 0  # each event-loop turn stands for the update interval passing
    widget.show()  # on the screen: a hidden transcript draws nothing until it shows
    yield widget
    QGuiApplication.clipboard().clear()


process = QCoreApplication.processEvents  # let Qt run: the update timer fires (its interval is 0 here)


def stream(view: TranscriptView, message_id: int, text: str, seed: int, model: str = "m") -> None:
    """Feed `text` in random small chunks, letting Qt run (and the view update) now and then."""
    rng = random.Random(seed)
    view.begin_answer(message_id, model)
    cuts = [0, *sorted(rng.sample(range(1, len(text)), len(text) // 6)), len(text)]
    for start, end in itertools.pairwise(cuts):
        view.append_answer(message_id, text[start:end])
        if rng.random() < 0.3:
            process()


def positions_of(view: TranscriptView, href: str) -> list[int]:
    """Document positions of the first character of each link to `href`."""
    starts: list[int] = []
    block = view.document().begin()
    while block.isValid():
        for piece in block:
            fragment = piece.fragment()
            if fragment.charFormat().anchorHref() == href:
                starts.append(fragment.position())
        block = block.next()
    return starts


def footer_notes(view: TranscriptView, message_id: int) -> str:
    """The text of a message's last line after its action icons (images: U+FFFC in the text)."""
    return view.message_text(message_id).splitlines()[-1].lstrip("\ufffc ")


def _without_index(fmt: QTextFormat) -> QTextFormat:
    fmt.clearProperty(QTextFormat.Property.ObjectIndex)  # a list's or table's number in its document
    return fmt


def structure(document: QTextDocument) -> list[object]:
    """Blocks, fragments, formats, lists, tables: more than toHtml() shows (the block after a table)."""
    found: list[object] = []
    block = document.begin()
    while block.isValid():
        text_list = block.textList()
        pieces = [(p.fragment().text(), _without_index(p.fragment().charFormat())) for p in block]
        list_format = text_list.format() if text_list is not None else None
        found.append((block.text(), _without_index(block.blockFormat()), list_format, pieces))
        block = block.next()
    return found + [frame.frameFormat() for frame in document.rootFrame().childFrames()]


def assert_same_document(a: TranscriptView, b: TranscriptView) -> None:
    assert a.document().toPlainText() == b.document().toPlainText()
    assert a.document().toHtml() == b.document().toHtml()
    assert structure(a.document()) == structure(b.document())


def click(qtbot: QtBot, view: TranscriptView, position: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    point = view.cursorRect(cursor).center() + QPoint(3, 0)  # inside the link's first character
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def shown(view: TranscriptView, qtbot: QtBot) -> TranscriptView:
    view.show()
    qtbot.waitExposed(view)
    return view


def two_views(qtbot: QtBot) -> tuple[TranscriptView, TranscriptView]:  # to load into, to stream into
    loaded, streamed = TranscriptView(), TranscriptView()
    for widget in (loaded, streamed):
        qtbot.addWidget(widget)
        widget.resize(640, 400)
    streamed.update_interval_ms = 0
    streamed.show()
    return loaded, streamed


@pytest.mark.parametrize("text", [ANSWER, UNCLOSED], ids=["answer", "unclosed-fence"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_streamed_answer_ends_identical_to_a_loaded_one(qtbot: QtBot, text: str, seed: int) -> None:
    loaded, streamed = two_views(qtbot)
    answer = TranscriptMessage(
        2, Role.ASSISTANT, text, state=MessageState.COMPLETE, stats_line="9 tokens/s", model="m"
    )
    loaded.show_messages([TranscriptMessage(1, Role.USER, "Question?"), answer])
    streamed.add_user(1, "Question?")
    stream(streamed, 2, text, seed)
    streamed.finish_answer(2, MessageState.COMPLETE, "9 tokens/s")
    assert streamed.flush_count > 3  # it really was shown piece by piece
    assert streamed.message_html(2) == loaded.message_html(2)
    assert_same_document(streamed, loaded)


def test_text_appears_as_it_comes(view: TranscriptView) -> None:
    """Between renders the new text is appended to what is shown: every word is there at once."""
    view.begin_answer(1, "m")
    words = [f"w{i}" for i in range(60)]
    lines = ["Some words: ", "- item ", "```python\nx = 1\n", "| a | b |\n| - | - |\n| c | "]
    for start in lines:
        view.append_answer(1, "\n\n" + start)
        for word in words:
            view.append_answer(1, word + " ")
            process()
            assert word in view.message_text(1)
        view.append_answer(1, "\n```\n" if start.startswith("```") else "\n")
    view.finish_answer(1, MessageState.COMPLETE, "")


NASTY = '<script>alert("x")</script><b>bold</b> <img src="http://example.org/a.png"> &amp;'


def assert_shown_as_text(view: TranscriptView, *message_ids: int) -> None:
    for message_id in message_ids:
        assert NASTY in view.message_text(message_id)
    exported = view.document().toHtml()  # what the document holds: no element came from the text
    exported = exported.replace(f'<img src="{icon_name(Icon.COPY)}"', "")  # the view's own copy icons
    assert "<script" not in exported and "<img" not in exported and "<b>" not in exported
    assert "&lt;script&gt;" in exported


def test_user_text_and_model_html_show_as_text(view: TranscriptView) -> None:
    view.add_user(1, NASTY)
    view.begin_answer(2, "m")
    view.append_answer(2, NASTY)
    process()
    assert_shown_as_text(view, 1, 2)  # the open tail
    view.finish_answer(2, MessageState.COMPLETE, "")
    assert_shown_as_text(view, 1, 2)
    assert "<script>" in view.toPlainText()
    view.show_messages([TranscriptMessage(3, Role.USER, NASTY), TranscriptMessage(4, Role.ASSISTANT, NASTY)])
    assert_shown_as_text(view, 3, 4)
    view.add_user(5, "one\ntwo\r\nthree")
    assert "one\ntwo\nthree" in view.message_text(5)  # the lines are kept


def test_code_copy_link_copies_that_block_of_that_message(view: TranscriptView, qtbot: QtBot) -> None:
    first = "```\nfirst-0\n```\n\n```python\nfirst_1 = 1\n```\n"
    second = 'Text.\n\n```bash\nsecond-0\n```\n\n```json\n{"second": 1}\n```\n'
    view.show_messages(
        [TranscriptMessage(1, Role.ASSISTANT, first), TranscriptMessage(2, Role.ASSISTANT, second)]
    )
    shown(view, qtbot)
    view.begin_answer(3, "m")
    view.append_answer(3, "```python\nstill = 'open'")  # a block still streaming can be copied too
    process()
    for href, index, code in [
        (1, 1, '{"second": 1}'),
        (1, 0, "first_1 = 1"),
        (0, 1, "second-0"),
        (0, 2, "still = 'open'"),
    ]:
        click(qtbot, view, positions_of(view, f"piassist-copy:{href}")[index])
        assert QGuiApplication.clipboard().text() == code
    # From the keyboard (Tab selects a link, Enter follows it): the link is the selection.
    start = positions_of(view, "piassist-copy:0")[0]
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(start + len("Copy"), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == "first-0"


def test_message_copy_link_copies_the_raw_text(view: TranscriptView, qtbot: QtBot) -> None:
    view.show_messages(
        [TranscriptMessage(1, Role.USER, "Why <b>?"), TranscriptMessage(2, Role.ASSISTANT, ANSWER)]
    )
    shown(view, qtbot)
    click(qtbot, view, positions_of(view, "piassist-copy-message:1")[0])
    assert QGuiApplication.clipboard().text() == "Why <b>?"
    click(qtbot, view, positions_of(view, "piassist-copy-message:2")[0])
    assert QGuiApplication.clipboard().text() == ANSWER


def test_web_link_is_handed_to_the_page_and_never_opened_here(view: TranscriptView, qtbot: QtBot) -> None:
    view.show_messages([TranscriptMessage(1, Role.ASSISTANT, "Read [the docs](https://example.org/docs).")])
    shown(view, qtbot)
    before = view.document().toHtml()
    with qtbot.waitSignal(view.link_activated, timeout=1000) as blocker:
        click(qtbot, view, positions_of(view, "https://example.org/docs")[0])
    assert blocker.args == [QUrl("https://example.org/docs")]
    process()
    assert view.document().toHtml() == before
    assert view.source().isEmpty()
    assert not view.openLinks() and not view.openExternalLinks()
    QCoreApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.accessibleName() == "Conversation"


def test_no_resource_is_ever_loaded(view: TranscriptView, tmp_path: Path) -> None:
    picture = tmp_path / "local.txt"
    picture.write_text("private")
    urls = [
        QUrl(u) for u in ("http://example.org/a.png", "https://x.org/a.css", "data:text/plain;base64,eA==")
    ]
    urls.append(QUrl.fromLocalFile(str(picture)))
    for kind in (QTextDocument.ResourceType.ImageResource, QTextDocument.ResourceType.StyleSheetResource):
        for url in urls:
            assert view.loadResource(kind, url) == QByteArray()
            # The document asks the view first and, given nothing at all, would read files itself.
            assert view.document().loadResource(kind, url) == QByteArray()


def test_remove_from_drops_that_message_and_the_later_ones(view: TranscriptView) -> None:
    texts = ["first question", "first answer", "second question", "second answer"]
    view.show_messages(
        [TranscriptMessage(i, [Role.ASSISTANT, Role.USER][i % 2], t) for i, t in enumerate(texts, 1)]
    )
    view.remove_from(3)
    assert view.message_ids() == [1, 2]
    assert "first answer" in view.toPlainText() and "second" not in view.toPlainText()
    view.add_user(5, "edited question")
    assert view.message_ids() == [1, 2, 5]
    assert view.toPlainText().lstrip("\n").startswith("You\nfirst question")  # the question's bubble
    view.remove_from(1)
    assert view.message_ids() == [] and view.toPlainText() == ""
    view.add_user(6, "again")
    assert view.toPlainText().lstrip("\n").startswith("You\nagain")


def test_a_streaming_answer_ends_when_removed_or_when_a_question_follows(view: TranscriptView) -> None:
    view.begin_answer(1, "m")
    view.append_answer(1, "cut short")
    view.add_user(2, "next")  # the page should have finished it: it is marked interrupted
    assert footer_notes(view, 1).startswith("interrupted")
    view.begin_answer(3, "m")
    view.append_answer(3, "partial")
    view.remove_from(3)
    drawn = view.flush_count
    view.append_answer(3, " more")  # late deltas of a removed answer are ignored
    process()
    assert view.message_ids() == [1, 2] and "partial" not in view.toPlainText()
    assert view.flush_count == drawn


@pytest.mark.parametrize("state", [MessageState.STOPPED, MessageState.INTERRUPTED, MessageState.COMPLETE])
def test_stopped_and_interrupted_answers_are_marked(view: TranscriptView, state: MessageState) -> None:
    stats = "21.3 tokens/s · 64 tokens · 1.2 s"
    view.show_messages([TranscriptMessage(1, Role.ASSISTANT, "Old answer", state=state, stats_line=stats)])
    view.begin_answer(2, "m")
    view.append_answer(2, "Half an ans")
    view.finish_answer(2, state, stats)
    for message_id in (1, 2):
        footer = footer_notes(view, message_id)
        assert footer.startswith(stats if state == "complete" else f"{state}  ·  {stats}")


def test_thinking_is_collapsed_and_toggles(view: TranscriptView, qtbot: QtBot) -> None:
    shown(view, qtbot)
    view.begin_answer(1, "thinker")
    view.append_thinking(1, "secret ")
    process()
    assert "Thinking…" in view.message_text(1) and "secret" not in view.message_text(1)
    toggle = "piassist-toggle-thinking:1"
    click(qtbot, view, positions_of(view, toggle)[0])  # open it while it still streams
    view.append_thinking(1, "reasoning")
    process()
    assert "secret reasoning" in view.message_text(1)
    view.append_answer(1, "The answer.")
    view.finish_answer(1, MessageState.COMPLETE, "")
    text = view.message_text(1)
    assert "Thought for 1" in text and "secret reasoning" in text
    click(qtbot, view, positions_of(view, toggle)[0])
    assert "secret" not in view.message_text(1) and "The answer." in view.message_text(1)
    # Loaded with the same reasoning and its time, the message is drawn the same; without the time too.
    loaded = TranscriptView()
    qtbot.addWidget(loaded)
    thought = TranscriptMessage(1, Role.ASSISTANT, "The answer.", "secret reasoning", model="thinker")
    loaded.show_messages([replace(thought, thinking_seconds=0.3)])
    assert_same_document(view, loaded)
    loaded.show_messages([thought])
    assert "Reasoning ▸" in loaded.toPlainText()


def test_toggling_an_earlier_message_while_one_streams(qtbot: QtBot) -> None:
    history = [
        TranscriptMessage(1, Role.ASSISTANT, "First.", "first thoughts"),
        TranscriptMessage(2, Role.USER, ""),
    ]
    loaded, streamed = (shown(widget, qtbot) for widget in two_views(qtbot))
    loaded.show_messages([*history, TranscriptMessage(3, Role.ASSISTANT, ANSWER, stats_line="s", model="m")])
    assert "first thoughts" not in loaded.toPlainText()  # loaded reasoning starts collapsed
    click(qtbot, loaded, positions_of(loaded, "piassist-toggle-thinking:1")[0])
    assert loaded.message_text(1).index("first thoughts") < loaded.message_text(1).index("First.")
    streamed.show_messages(history)
    stream(streamed, 3, ANSWER[:200], seed=5)
    process()
    click(qtbot, streamed, positions_of(streamed, "piassist-toggle-thinking:1")[0])  # moves everything after
    for i in range(200, len(ANSWER), 7):
        streamed.append_answer(3, ANSWER[i : i + 7])
        process()
    streamed.finish_answer(3, MessageState.COMPLETE, "s")
    assert "first thoughts" in streamed.message_text(1)
    assert_same_document(streamed, loaded)


def test_follows_the_bottom_unless_scrolled_up(view: TranscriptView, qtbot: QtBot) -> None:
    shown(view, qtbot)
    bar = view.verticalScrollBar()
    view.begin_answer(1, "m")

    def more(lines: int) -> None:
        for i in range(lines):
            view.append_answer(1, f"Line {i} of a long answer.\n\n")
        process()

    more(60)
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    bar.setValue(0)  # the person scrolls up to read
    assert not view.is_following()
    top = bar.maximum()
    more(30)
    qtbot.waitUntil(lambda: bar.maximum() > top)
    assert bar.value() == 0
    bar.setValue(bar.maximum())  # and back down: following again
    assert view.is_following()
    top = bar.maximum()
    more(30)
    qtbot.waitUntil(lambda: bar.maximum() > top and bar.value() == bar.maximum())


def test_updates_are_coalesced(view: TranscriptView, qtbot: QtBot) -> None:
    view.update_interval_ms = 66
    assert not view.update_pending()  # nothing runs while idle
    view.begin_answer(1, "m")
    for i in range(2000):
        view.append_answer(1, f"t{i} ")
    # The first delta is drawn at once (nothing was drawn for longer than the interval); the other 1,999
    # wait for one update.
    assert view.flush_count == 1 and view.update_pending()
    qtbot.waitUntil(lambda: view.flush_count > 1)
    assert view.flush_count == 2
    assert "t1999" in view.message_text(1)
    assert not view.update_pending()
    view.finish_answer(1, MessageState.COMPLETE, "")
    assert not view.update_pending()


def test_tail_growth_appends_only_plain_growth() -> None:
    assert tail_growth("<p>Hello</p>", "<p>Hello wor&lt;ld</p>") == " wor<ld"
    assert tail_growth("<ul>\n<li>a\nb</li>\n</ul>", "<ul>\n<li>a\nbc\nd</li>\n</ul>") == "c d"
    assert tail_growth("<pre>x = 1</pre>", "<pre>x = 1\ny = 2</pre>") == "\ny = 2"
    assert tail_growth("<p>Hello</p>", "<p><strong>Hello</strong> there</p>") is None  # a new render
    assert tail_growth("<p>a</p>", "<p>a<b>b</b></p>") is None
    assert tail_growth("", "<p>a</p>") is None and tail_growth("<p>ab</p>", "<p>a</p>") is None


def test_nothing_is_drawn_while_minimised_or_hidden_and_all_of_it_once_shown(
    view: TranscriptView, qtbot: QtBot
) -> None:
    view.begin_answer(1, "m")
    view.append_answer(1, "seen ")
    process()
    drawn = view.flush_count
    view.showMinimized()
    qtbot.waitUntil(view.isMinimized)
    for i in range(50):
        view.append_answer(1, f"w{i} ")
        process()
    assert view.flush_count == drawn and not view.update_pending()  # no timer either
    view.showNormal()
    qtbot.waitUntil(lambda: view.flush_count == drawn + 1)  # all of it, in one update
    assert "w49" in view.message_text(1)
    view.hide()
    for i in range(50):
        view.append_answer(1, f"h{i} ")
        process()
    assert view.flush_count == drawn + 1
    view.show()
    qtbot.waitUntil(lambda: "h49" in view.message_text(1))
    assert view.flush_count == drawn + 2
