"""Cuts streamed markdown into top-level blocks, one complete line at a time. No Qt here.

A block is either a run of markdown lines or one fenced code block. The splitter decides every boundary
from complete lines only, so the blocks it yields depend on the text, never on how the text was chunked.
That is what lets a streaming view freeze a block's HTML for good: the whole-text render uses this same
splitter and so cuts at the same places.

Boundary rule for markdown: a block ends at a blank line followed by a line that Python-Markdown would
start afresh, whatever came before it. That excludes lines that begin with a space or a tab (indented
code and list continuations look at the previous element), a list item after a list (it joins that list
and can turn its items into loose ones), and a ``>`` line after a block quote (it joins that quote). For
the last two the splitter asks ``last_tag`` for the tag of the open block's last top-level element.

Fences (``` or ~~~, three or more, at any indent) always cut, even inside a paragraph or a list, so code
in numbered steps still shows as code; the list's numbering survives because lists keep their start
number. A fence is open until a line of the same character, at least as long, closes it, or the text ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

_STX, _ETX = "\x02", "\x03"  # Python-Markdown drops these; so do we, before we count lines
_FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_LIST_ITEM_RE = re.compile(r"^(?:[*+-]|\d+[.)])(?:[ \t]|$)")
_LIST_TAGS = frozenset({"ul", "ol"})


@dataclass(frozen=True, slots=True)
class Block:
    text: str  # markdown source, or the code inside a fence (without the fence lines)
    lang: str | None = None  # None for markdown; a fenced block's language, "" when it names none

    @property
    def is_code(self) -> bool:
        return self.lang is not None


@dataclass(slots=True)
class _Fence:
    char: str
    length: int
    indent: int  # up to this many leading blanks are taken off each code line
    lang: str
    lines: list[str] = field(default_factory=list)

    def closes(self, line: str) -> bool:
        mark = line.strip(" \t")
        return len(mark) >= self.length and mark == self.char * len(mark)

    def dedent(self, line: str) -> str:
        keep = len(line) - len(line.lstrip(" \t"))
        return line[min(keep, self.indent) :]

    def code(self, partial: str = "") -> str:
        lines = [*self.lines, self.dedent(partial)] if partial else self.lines
        return "\n".join(lines)


def _is_blank(line: str) -> bool:
    return not line.strip(" \t")


def _open_fence(line: str) -> _Fence | None:
    match = _FENCE_RE.match(line)
    if match is None:
        return None
    fence, info = match["fence"], match["info"].strip()
    if fence[0] == "`" and "`" in info:
        return None  # ```like this``` is inline code in a paragraph, not a fence
    words = info.split()
    lang = words[0].lstrip("{.").rstrip("}") if words else ""
    return _Fence(char=fence[0], length=len(fence), indent=len(match["indent"]), lang=lang)


class BlockSplitter:
    """Feed text in any chunks; get each block once, as soon as nothing later can change it."""

    def __init__(self, last_tag: Callable[[str], str]) -> None:
        self._last_tag = last_tag  # markdown source -> tag of its last top-level element ("" if none)
        self._partial = ""  # text after the last newline: an incomplete line
        self._held_cr = False  # a chunk ended in "\r"; the next may begin with the "\n" of a "\r\n"
        self._lines: list[str] = []  # complete lines of the open markdown block
        self._has_content = False  # the open markdown block has a non-blank line
        self._fence: _Fence | None = None

    def feed(self, text: str) -> list[Block]:
        """Take more text; return the blocks it closed, in order."""
        text = self._normalize(text)
        if "\n" not in text:
            self._partial += text
            return []
        lines = (self._partial + text).split("\n")
        self._partial = lines.pop()
        done: list[Block] = []
        for line in lines:
            self._take_line(line, done)
        return done

    def finish(self) -> list[Block]:
        """The text has ended: return every block still open (an unclosed fence is still code)."""
        done: list[Block] = []
        if self._held_cr:
            self._held_cr = False
            self._take_line(self._partial, done)
            self._partial = ""
        if self._partial:
            self._take_line(self._partial, done)
            self._partial = ""
        if self._fence is not None:
            done.append(Block(self._fence.code(), self._fence.lang))
            self._fence = None
        self._close_markdown(done)
        return done

    @property
    def open_block(self) -> Block | None:
        """The block still open, with the incomplete last line: what a live preview shows."""
        if self._fence is not None:
            return Block(self._fence.code(self._partial), self._fence.lang)
        if not self._lines and not self._partial:
            return None
        return Block("\n".join([*self._lines, self._partial]))

    @property
    def open_code(self) -> str | None:
        """The code of an open fence so far, or None when no fence is open."""
        return None if self._fence is None else self._fence.code(self._partial)

    def _normalize(self, text: str) -> str:
        # Python-Markdown's own clean-up, done here so lines are counted the way it counts them.
        text = text.replace(_STX, "").replace(_ETX, "")
        if self._held_cr:
            text, self._held_cr = "\r" + text, False
        if text.endswith("\r"):
            text, self._held_cr = text[:-1], True
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def _take_line(self, line: str, done: list[Block]) -> None:
        if self._fence is not None:
            if self._fence.closes(line):
                done.append(Block(self._fence.code(), self._fence.lang))
                self._fence = None
            else:
                self._fence.lines.append(self._fence.dedent(line))
            return
        fence = _open_fence(line)
        if fence is not None:
            self._close_markdown(done)
            self._fence = fence
            return
        if not _is_blank(line):
            if self._has_content and _is_blank(self._lines[-1]) and self._starts_fresh(line):
                self._close_markdown(done)
            self._has_content = True
        self._lines.append(line)

    def _starts_fresh(self, line: str) -> bool:
        """Whether this line, after a blank one, starts an element that ignores the element before."""
        if line[0] in " \t":
            return False
        if _LIST_ITEM_RE.match(line):
            return self._last_tag("\n".join(self._lines)) not in _LIST_TAGS
        if line[0] == ">":
            return self._last_tag("\n".join(self._lines)) != "blockquote"
        return True

    def _close_markdown(self, done: list[Block]) -> None:
        if self._has_content:
            done.append(Block("\n".join(self._lines)))
        self._lines = []
        self._has_content = False
