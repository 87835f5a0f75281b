"""Cuts streamed markdown into top-level blocks, one complete line at a time. No Qt here.

CommonMark reads a document line by line, and a top-level block, once a later line has begun the next
one, never changes again (with link reference definitions off, nothing later refers back to it). So the
splitter keeps the lines since the last block it gave out (the open region), asks markdown-it where
top-level blocks begin in them (`block_starts`), and gives out every block but the last. The blocks are
those of the whole text, however it was chunked: that is what lets a streaming view freeze a block's
HTML for good, and the whole-text render uses this same splitter, so the two are equal by construction.

Parsing the region costs time in its size, so it is parsed again only once it has grown by an eighth
(a fence's lines are cheap to parse and are looked at one by one). And no block is drawn whole past
CAP_CHARS characters, nor a table past TABLE_ROWS rows: such a block is given out with its first part
to show and its whole text to copy. Once the region passes CAP_CHARS as one block, the parser is not
asked again: where that block ends is read from its lines by the rule for its kind (`_Overflow`), a
rule that is CommonMark's for fences and a close approximation otherwise, so a megabyte line or a
table of thousands of rows costs the same per line as a short one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from piassist.core.markdown.answer_text import Drawable

CAP_CHARS = 16_000  # a top-level block longer than this shows its first part (see docs/decisions.md)
TABLE_ROWS = 40  # a top-level table shows this many rows at most
_EAGER = 2_000  # a region this small is parsed at every line
_FENCE_RE = re.compile(r" {0,3}(`{3,}|~{3,})")
_INTERRUPT_RE = re.compile(r" {0,3}(?:#{1,6}(?:[ \t]|$)|`{3}|~{3}|>)")  # lines that begin another block
_LIST_ITEM_RE = re.compile(r"(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)")

# One top-level block's first line and kind, as markdown-it names its first token ("paragraph_open",
# "fence", "table_open", "bullet_list_open", ...).
BlockStarts = Callable[[str], list[tuple[int, str]]]


@dataclass(frozen=True, slots=True)
class Block:
    text: str  # the markdown to render: the whole block, or its first part
    full: str | None = None  # the whole block when `text` is only its first part
    rows: tuple[int, int] | None = None  # a table shown in part: rows shown, rows in all
    growing: bool = False  # a preview of a long block still being written
    kind: str = ""  # markdown-it's name of its first token: "fence", "table_open", "paragraph_open", ...


def _is_blank(line: str) -> bool:
    return not line.strip(" \t")


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def _first_part(lines: list[str]) -> str:
    """The lines that fit in CAP_CHARS (at least part of the first)."""
    size, count = 0, 0
    while count < len(lines) and size + len(lines[count]) + 1 <= CAP_CHARS:
        size += len(lines[count]) + 1
        count += 1
    return "\n".join(lines[:count]) if count else lines[0][:CAP_CHARS]


def make_block(lines: list[str], kind: str) -> Block:
    """A finished block from its lines, shown in part when it is too long to draw at once."""
    text = "".join(line + "\n" for line in lines)  # blank lines at its end too: in an open fence, code
    filled = len(lines)
    while filled and _is_blank(lines[filled - 1]):
        filled -= 1
    if kind == "table_open" and filled > TABLE_ROWS + 2:
        rows = (TABLE_ROWS, filled - 2)
        return Block("\n".join(lines[: TABLE_ROWS + 2]), "\n".join(lines[:filled]), rows, kind=kind)
    if len(text) > CAP_CHARS:
        full = fence_code(lines) if kind == "fence" else "\n".join(lines[:filled])
        return Block(_first_part(lines), full, kind=kind)
    return Block(text, kind=kind)


def fence_code(lines: list[str]) -> str:
    """The code of a top-level fenced block from its lines (CommonMark's rule for where it closes)."""
    opener = _FENCE_RE.match(lines[0])
    if opener is None:
        return "\n".join(lines)
    indent = _indent(lines[0])
    body = lines[1:]
    closer = _Overflow("fence", [], opener[1])
    for index, line in enumerate(body):
        if closer.take(line)[0]:
            body = body[:index]
            break
    return "\n".join(line[min(indent, len(line) - len(line.lstrip(" "))) :] for line in body)


@dataclass(slots=True)
class _Overflow:
    """A top-level block past CAP_CHARS whose end is still to come, and the rule that finds it."""

    kind: str
    lines: list[str]
    fence: str = ""  # the opening fence's characters, for a fence
    after_blank: bool = False

    def take(self, line: str) -> tuple[bool, bool]:
        """(the block has ended, this line belongs to it)."""
        blank, after_blank = _is_blank(line), self.after_blank
        self.after_blank = blank
        if self.kind == "fence":
            mark = line.strip(" \t")
            closes = _indent(line) < 4 and mark == self.fence[0] * len(mark) and len(mark) >= len(self.fence)
            return closes, True
        if self.kind == "code_block":
            ends = not blank and _indent(line) < 4
            return ends, not ends
        if self.kind in {"paragraph_open", "table_open", "heading_open"}:
            ends = blank or after_blank or bool(_INTERRUPT_RE.match(line))
            return ends, not ends
        # Lists and quotes: an unindented line after a blank one (or one that begins another block)
        # ends them, unless it is another item of the list or another line of the quote.
        if blank or _indent(line) > 0:
            return False, True
        continues = line.startswith(">") if self.kind == "blockquote_open" else _LIST_ITEM_RE.match(line)
        ends = not continues and (after_blank or bool(_INTERRUPT_RE.match(line)))
        return ends, not ends


@dataclass(slots=True)
class BlockSplitter:
    """Feed text in any chunks; get each block once, as soon as nothing later can change it."""

    block_starts: BlockStarts
    _clean: Drawable = field(default_factory=Drawable)
    _lines: list[str] = field(default_factory=list)  # complete lines of the open region
    _chars: int = 0  # their length, newlines included
    _parsed: int = -1  # _chars when the region was last parsed
    _kind: str = ""  # the kind of the region's last block at the last parse
    _pieces: list[str] = field(default_factory=list)  # text after the last newline: an incomplete line
    _pieces_size: int = 0  # (kept in pieces: adding to one long string would copy it every time)
    _head: str = ""  # its first CAP_CHARS characters
    _overflow: _Overflow | None = None

    def feed(self, text: str) -> list[Block]:
        """Take more text; return the blocks it closed, in order."""
        done: list[Block] = []
        self._take_text(self._clean.feed(text), done)
        if self._overflow is None and self._due():
            self._parse(done, final=False)
        return done

    def finish(self) -> list[Block]:
        """The text has ended: every block still open, in order."""
        done: list[Block] = []
        self._take_text(self._clean.finish(), done)
        if self._pieces:
            self._take_line(self._partial(), done)
            self._pieces, self._pieces_size, self._head = [], 0, ""
        if self._overflow is None:
            self._parse(done, final=True)
        if self._overflow is not None:
            done.append(make_block(self._overflow.lines, self._overflow.kind))
        elif self._lines:
            done.append(make_block(self._lines, self._kind))
        self._overflow, self._lines, self._chars, self._parsed = None, [], 0, -1
        return done

    @property
    def open_block(self) -> Block | None:
        """The open region with its incomplete last line: what a live preview shows."""
        if self._overflow is not None:
            lines, kind = self._overflow.lines, self._overflow.kind
            if kind == "table_open":
                return Block("\n".join(lines[: TABLE_ROWS + 2]), growing=True)
            return Block(_first_part(lines), growing=True)
        if self._chars + self._pieces_size > CAP_CHARS:
            return Block(_first_part([*self._lines, self._head]), growing=True)
        partial = self._partial()
        lines = [*self._lines, partial] if partial else self._lines
        if not lines:
            return None
        if self._kind == "table_open" and len(lines) > TABLE_ROWS + 2:
            return Block("\n".join(lines[: TABLE_ROWS + 2]), growing=True)
        return Block("\n".join(lines))

    def _take_text(self, text: str, done: list[Block]) -> None:
        if "\n" not in text:
            if text:
                self._pieces.append(text)
                self._pieces_size += len(text)
                if len(self._head) < CAP_CHARS:
                    self._head += text[: CAP_CHARS - len(self._head)]
            return
        lines = (self._partial() + text).split("\n")
        last = lines.pop()
        self._pieces, self._pieces_size, self._head = [last] if last else [], len(last), last[:CAP_CHARS]
        for line in lines:
            self._take_line(line, done)

    def _partial(self) -> str:
        if len(self._pieces) > 1:
            self._pieces = ["".join(self._pieces)]
        return self._pieces[0] if self._pieces else ""

    def _take_line(self, line: str, done: list[Block]) -> None:
        overflow = self._overflow
        if overflow is not None:
            ended, belongs = overflow.take(line)
            if belongs:
                overflow.lines.append(line)
            if not ended:
                return
            done.append(make_block(overflow.lines, overflow.kind))
            self._overflow = None
            if belongs:
                return
        if not self._lines and _is_blank(line):
            return  # blank lines between blocks belong to none
        self._lines.append(line)
        self._chars += len(line) + 1
        if self._kind == "fence" or self._chars > CAP_CHARS:
            self._parse(done, final=False)

    def _due(self) -> bool:
        grown = self._chars - self._parsed
        return grown > 0 and (self._chars <= _EAGER or grown >= self._parsed // 8)

    def _parse(self, done: list[Block], *, final: bool) -> None:
        """Give out every block of the region but its last; switch to overflow past CAP_CHARS."""
        while self._lines:
            cap_line, size = None, 0
            for index, line in enumerate(self._lines):
                size += len(line) + 1
                if size > CAP_CHARS:
                    cap_line = index
                    break
            # Past the cap, the line after the cap line must be known too: it may end the block there.
            limit = len(self._lines) if cap_line is None else cap_line + 2
            if self._long_table(limit, done):
                if self._overflow is not None:
                    return
                continue
            if not final and cap_line is not None and len(self._lines) < limit:
                return
            starts = self.block_starts("\n".join(self._lines[:limit]))
            self._parsed = self._chars
            if not starts:  # nothing but blank space
                self._lines, self._chars, self._kind = [], 0, ""
                return
            for (begin, kind), (end, _) in itertools.pairwise(starts):
                done.append(make_block(self._lines[begin:end], kind))
            last, self._kind = starts[-1]
            if last > 0:
                self._lines = self._lines[last:]
                self._chars = sum(len(line) + 1 for line in self._lines)
                self._parsed = self._chars
                continue
            if cap_line is None or len(self._lines) < limit:
                return
            self._start_overflow(limit, done)
            if self._overflow is not None:
                return
            # The long block ended within the lines at hand: go on with those after it.

    def _long_table(self, limit: int, done: list[Block]) -> bool:
        """A table longer than TABLE_ROWS (its first lines tell) goes to overflow there: parsing all its
        rows would cost more than drawing the ones shown. True when that happened."""
        rows_limit = TABLE_ROWS + 4  # the header, the delimiter row, the rows shown, and one more
        if len(self._lines) < rows_limit or rows_limit > limit:
            return False
        starts = self.block_starts("\n".join(self._lines[:rows_limit]))
        if starts != [(0, "table_open")]:
            return False
        self._kind = "table_open"
        self._start_overflow(rows_limit, done)
        return True

    def _start_overflow(self, known: int, done: list[Block]) -> None:
        """The region is one block past the cap: lines after `known` go through its kind's end rule."""
        lines, rest = self._lines[:known], self._lines[known:]
        fence = _FENCE_RE.match(lines[0])
        self._overflow = _Overflow(self._kind, lines, fence[1] if fence else "", _is_blank(lines[-1]))
        self._lines, self._chars, self._parsed, self._kind = [], 0, -1, ""
        for line in rest:
            self._take_line(line, done)
