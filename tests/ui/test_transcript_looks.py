"""How the transcript looks as a chat: a question is a bubble on the right, a message's action is an icon
with a name (tooltip, accessible description) that the keyboard reaches, and nothing is fetched for it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import cast

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextImageFormat,
)
from pytestqt.qtbot import QtBot

from piassist.core.history.types import Role
from piassist.ui.chat.transcript_icons import ActionButton, Icon, icon_image, icon_name
from piassist.ui.chat.transcript_view import COPY_MESSAGE, TranscriptMessage, TranscriptView

MESSAGES = [
    TranscriptMessage(1, Role.USER, "Which Pi has more memory?"),
    TranscriptMessage(2, Role.ASSISTANT, "The **Pi 5**: up to 16 GB.", model="smollm2:135m"),
]


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[TranscriptView]:
    widget = TranscriptView()
    widget.resize(640, 400)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    QGuiApplication.clipboard().clear()


def images(view: TranscriptView) -> dict[str, QTextImageFormat]:
    """The images in links, by the link they follow."""
    found: dict[str, QTextImageFormat] = {}
    block = view.document().begin()
    while block.isValid():
        for piece in cast(Iterable[QTextBlock.iterator], block):  # PySide6 iterates a block
            char = piece.fragment().charFormat()
            if char.isImageFormat() and char.isAnchor():
                found[char.anchorHref()] = char.toImageFormat()
        block = block.next()
    return found


def test_every_message_has_a_copy_icon_with_a_name_and_no_copy_word(view: TranscriptView) -> None:
    view.show_messages(MESSAGES)
    found = images(view)
    assert set(found) == {f"{COPY_MESSAGE}:1", f"{COPY_MESSAGE}:2"}
    names = {found[href].toolTip() for href in found}
    assert len(names) == 2 and all(names)  # "Copy the question", "Copy the answer"
    for image in found.values():
        assert image.name() == icon_name(Icon.COPY)
        drawn = view.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(image.name()))
        assert isinstance(drawn, QImage) and not drawn.isNull()  # in the document: nothing is loaded
    assert "Copy" not in view.toPlainText()


def test_the_question_is_a_bubble_on_the_right(view: TranscriptView) -> None:
    view.show_messages(MESSAGES)
    tables = view.document().rootFrame().childFrames()
    assert len(tables) == 1  # the question's; the answer stays in the root frame
    table_format = tables[0].frameFormat().toTableFormat()
    assert table_format.alignment() & Qt.AlignmentFlag.AlignRight
    assert table_format.background().style() != Qt.BrushStyle.NoBrush
    cursor = QTextCursor(view.document())
    cursor.setPosition(tables[0].firstPosition())
    cursor.setPosition(tables[0].lastPosition(), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText().replace("\u2029", "\n") == "You\nWhich Pi has more memory?"
    # The bubble is narrower than the page: it shrinks to a short question.
    layout = view.document().documentLayout()
    assert layout.frameBoundingRect(tables[0]).width() < view.viewport().width() * 0.7


def test_tab_reaches_each_icon_says_its_name_and_enter_copies(view: TranscriptView, qtbot: QtBot) -> None:
    view.show_messages(MESSAGES)
    found = images(view)
    view.setFocus()
    visited = []
    for _ in range(2):
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        href = view.textCursor().charFormat().anchorHref()
        visited.append(href)
        assert view.accessibleDescription() == found[href].toolTip()
    assert visited == [f"{COPY_MESSAGE}:1", f"{COPY_MESSAGE}:2"]
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == "The **Pi 5**: up to 16 GB."


def test_icons_are_drawn_in_the_colour_given(qtbot: QtBot) -> None:
    for icon in Icon:
        image = icon_image(icon, QColor("#ff0000"), 2.0)
        assert image.width() == 32 and image.devicePixelRatio() == 2.0
        colours = {
            image.pixelColor(x, y).name()
            for x in range(32)
            for y in range(32)
            if image.pixelColor(x, y).alpha() > 200
        }
        assert colours == {"#ff0000"}, icon  # something drawn, and only in that colour
    button = ActionButton(Icon.EDIT)
    qtbot.addWidget(button)
    button.set_words("Edit question", "Change the last question and ask it again")
    assert not button.text() and not button.icon().isNull()
    assert button.accessibleName() == "Edit question" and "Edit question" in button.toolTip()
