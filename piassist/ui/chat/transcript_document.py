"""The transcript's QTextDocument bookkeeping: where each message lies, and how text goes in at a spot.

Every message is a run of blocks in the document's root frame (no frame per message: Qt resumes the
root frame's layout from a checkpoint near a change, but walks every block of a child frame), cut into
segments in a fixed order: HEADER ("You" or the model's name), THINKING (the toggle line, and the
reasoning when it is open), BODY (the user's text, or the answer's frozen blocks), TAIL (a streaming
answer's open block) and FOOTER (marks, figures, the copy icon). A segment's end is a QTextCursor, which
the document itself moves when text is inserted or removed before it; a segment starts where the one
before it ends. So one message can change while every later message's positions stay right.

HTML goes in with ``QTextCursor.insertHtml``, which merges the fragment's first block into the block at
the cursor, and that block keeps its own format. Each fragment therefore starts with an empty paragraph
(LEAD): it is the part that merges, and every real block arrives as a block of its own with its own
format. So inserting an answer's blocks a few at a time gives the same document as inserting them all
at once, which is what lets a streamed answer end equal to a loaded one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import IntEnum

from PySide6.QtGui import (
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
)

LEAD = '<p style="-qt-paragraph-type:empty"></p>'
GROWTH_BLOCK = 1_000  # characters of streamed text in one block before it goes on in another
Fill = Callable[[QTextCursor], None]
Spans = list[tuple[str, QTextCharFormat]]
_CLOSERS_RE = re.compile(r"(?:</[a-z0-9]+>\s*)+\Z")
# What the last character's format may carry that text after it should not: a colour from highlighting,
# bold or a link from the element it ends.
_NOT_INHERITED = (
    QTextFormat.Property.ForegroundBrush,
    QTextFormat.Property.FontWeight,
    QTextFormat.Property.FontItalic,
    QTextFormat.Property.FontUnderline,
    QTextFormat.Property.TextUnderlineStyle,
    QTextFormat.Property.IsAnchor,
    QTextFormat.Property.AnchorHref,
)


class Segment(IntEnum):
    HEADER = 0
    THINKING = 1
    BODY = 2
    TAIL = 3
    FOOTER = 4


def html_fill(fragment: str) -> Fill:
    """HTML blocks as blocks of their own (see LEAD). Without the rstrip, the newline the renderer puts
    after each block would become a space at the end of the last one."""
    fragment = fragment.rstrip()

    def fill(cursor: QTextCursor) -> None:
        if fragment:
            cursor.insertHtml(LEAD + fragment)

    return fill


def block_fill(block: QTextBlockFormat, spans: Spans) -> Fill:
    """A new block of plain text spans. insertText reads no markup, and turns newlines into blocks of
    the same format."""

    def fill(cursor: QTextCursor) -> None:
        cursor.insertBlock(block, spans[0][1] if spans else QTextCharFormat())
        for text, char in spans:
            if text:
                cursor.insertText(text, char)

    return fill


def text_fill(text: str) -> Fill:
    """Plain text that continues the text before it, without what belongs to that text's element.

    Qt lays a block out whole whenever it changes, so text that keeps coming into one paragraph (or one
    line of code) would cost more with every update. Past GROWTH_BLOCK characters the text goes on in a
    new block of the same format instead: for a moment a line ends early, until the renderer's next real
    render of the open block replaces it all."""

    def fill(cursor: QTextCursor) -> None:
        char = cursor.charFormat()
        for prop in _NOT_INHERITED:
            char.clearProperty(prop)
        rest = text
        while rest:
            room = GROWTH_BLOCK - cursor.block().length()
            if room <= 0 and cursor.currentList() is None and cursor.currentTable() is None:
                cursor.insertBlock(cursor.blockFormat(), char)
                room = GROWTH_BLOCK
            piece, rest = (rest, "") if room <= 0 else (rest[:room], rest[room:])
            cursor.insertText(piece, char)

    return fill


def chain(*fills: Fill) -> Fill:
    def fill(cursor: QTextCursor) -> None:
        for part in fills:
            part(cursor)

    return fill


def tail_growth(old: str, new: str) -> str | None:
    """The plain text to append when the new tail is the old one with more text at its end.

    Between two real renders of the open block, the renderer's tail is the last render with the newer
    source, escaped, put before that render's closing tags. Appending the new text is then enough; parsing
    and laying out the whole open block again would cost O(its size) on every update (a long list, a long
    code block). None when anything else changed."""
    if not old or len(new) <= len(old):
        return None
    old_end = _CLOSERS_RE.search(old, max(0, len(old) - 400))
    new_end = _CLOSERS_RE.search(new, max(0, len(new) - 400))
    if old_end is None or new_end is None or old_end.group() != new_end.group():
        return None
    head = old[: old_end.start()]
    if not new.startswith(head):
        return None
    added = new[len(head) : new_end.start()]
    if not added or "<" in added or ">" in added:
        return None
    text = html.unescape(added)
    # Code keeps its lines (Qt reads each line of a <pre> as a block); elsewhere HTML makes spaces of them.
    return text if old_end.group().startswith("</pre>") else re.sub(r"\s+", " ", text)


class MessageRegion:
    """One message's stretch of the document, as segment ends the document keeps up to date."""

    def __init__(self, document: QTextDocument, start: int) -> None:
        self._document = document
        self._start = self._marker(start)
        self._ends = [self._marker(start) for _ in Segment]

    def _marker(self, position: int) -> QTextCursor:
        cursor = QTextCursor(self._document)
        cursor.setPosition(position)
        # Text inserted right at a marker goes after it; write() moves the markers that should follow.
        cursor.setKeepPositionOnInsert(True)
        return cursor

    @property
    def start(self) -> int:
        return self._start.position()

    @property
    def end(self) -> int:
        return self._ends[Segment.FOOTER].position()

    def span(self, segment: Segment) -> tuple[int, int]:
        begin = self.start if segment == Segment.HEADER else self._ends[segment - 1].position()
        return begin, self._ends[segment].position()

    def is_empty(self, segment: Segment) -> bool:
        begin, end = self.span(segment)
        return begin == end

    def write(self, segment: Segment, fill: Fill) -> None:
        """Append to a segment: `fill` inserts at the cursor it is given, the segment's end."""
        position = self._ends[segment].position()
        cursor = QTextCursor(self._document)
        cursor.setPosition(position)
        fill(cursor)
        # Every marker at the old end stayed put: this segment's end and any empty ones after it move to
        # the end of the new text; the ends of the segments before it stay.
        for later in self._ends[segment:]:
            if later.position() == position:
                later.setPosition(cursor.position())

    def append_text(self, segment: Segment, text: str) -> None:
        """Continue the segment's last text: at its end, or in the last cell when it ends with a table
        (the document keeps an empty block after every table)."""
        end = self._ends[segment].position()
        cursor = QTextCursor(self._document)
        cursor.setPosition(max(0, end - 1))
        table = cursor.currentTable()
        if end > 0 and table is not None and table.lastPosition() == end - 1:
            text_fill(text)(cursor)  # before the segment's end, which moves by itself
        else:
            self.write(segment, text_fill(text))

    def clear(self, segment: Segment) -> None:
        begin, end = self.span(segment)
        if begin < end:
            remove(self._document, begin, end)

    def replace(self, segment: Segment, fill: Fill) -> None:
        self.clear(segment)
        self.write(segment, fill)

    def fragment(self) -> QTextDocumentFragment:
        """The whole message as a fragment (its HTML and text, for tests and checks)."""
        cursor = QTextCursor(self._document)
        cursor.setPosition(self.start)
        cursor.setPosition(self.end, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selection()


class AnswerText:
    """The streaming answer's text in the document: frozen blocks go in once, before the tail; the tail
    is extended when it only grew, and replaced otherwise."""

    def __init__(self, region: MessageRegion) -> None:
        self._region = region
        self._shown_tail = ""

    def show(self, frozen: list[str], tail: str) -> None:
        growth = None if frozen else tail_growth(self._shown_tail, tail)
        if growth is not None:
            self._region.append_text(Segment.TAIL, growth)
        elif frozen or tail != self._shown_tail:
            self._region.clear(Segment.TAIL)
            if frozen:
                self._region.write(Segment.BODY, html_fill("".join(frozen)))
            self._region.write(Segment.TAIL, html_fill(tail))
        self._shown_tail = tail


def new_region(document: QTextDocument, *, first: bool, block: QTextBlockFormat) -> MessageRegion:
    """A message at the end of the document, starting in a new block of the given format. The block
    separator before it belongs to no message, so a position is in one message only."""
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    if first:
        cursor.setBlockFormat(block)  # the document's own first block, left by clear() or a removal
        cursor.setBlockCharFormat(QTextCharFormat())
    else:
        cursor.insertBlock(block, QTextCharFormat())
    return MessageRegion(document, cursor.position())


def remove(document: QTextDocument, begin: int, end: int | None = None) -> None:
    """Remove from `begin` to `end` (or the end of the document). The block `begin` is in keeps its
    format: when that block is empty (as the one after a table), Qt would give it the last removed one's."""
    cursor = QTextCursor(document)
    cursor.setPosition(begin)
    block, char = cursor.blockFormat(), cursor.blockCharFormat()
    if end is None:
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    else:
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    cursor.setBlockFormat(block)
    cursor.setBlockCharFormat(char)


@contextmanager
def edit_block(document: QTextDocument) -> Iterator[None]:
    """One edit block: the layout hears of all the changes in it at once."""
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    try:
        yield
    finally:
        cursor.endEditBlock()
