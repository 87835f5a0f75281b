"""What of a model's text is drawn, and where: control characters out, a <think> block apart. No Qt here.

Both work on a stream as it comes, in any chunks, and give the same result as on the whole text, so a
streamed answer ends as the same answer loaded from the history (which keeps the text as it came).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# C0 and C1 control characters and DEL, except tab and newline; a carriage return is a line break.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Combining diacritical marks (the blocks "Zalgo" text is made of). A run of more than MAX_MARKS on one
# letter is cut to MAX_MARKS: languages stack two (Vietnamese, decomposed), IPA three; a flood of them
# costs Qt far more to lay out and paint than the text it sits on, and draws over the lines around it.
MAX_MARKS = 3
_MARK = "[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_MARK_FLOOD_RE = re.compile(f"({_MARK}{{{MAX_MARKS}}}){_MARK}+")
_LEADING_MARKS_RE = re.compile(f"{_MARK}*")
_TRAILING_MARKS_RE = re.compile(f"{_MARK}*\\Z")
THINK_OPEN = "<think>"
THINK_CLOSE = "</think>"


def drawable(text: str) -> str:
    """The text as drawn and copied: line breaks as newlines, no other control characters, no more
    than MAX_MARKS combining marks on a letter."""
    clean = Drawable()
    return clean.feed(text) + clean.finish()


class Drawable:
    """drawable() for a stream: a chunk that ends in "\\r" waits for the next, which may start "\\n";
    a run of marks is counted across chunks."""

    def __init__(self) -> None:
        self._held_cr = False
        self._marks = 0  # combining marks at the end of what was given out

    def feed(self, text: str) -> str:
        if self._held_cr:
            text, self._held_cr = "\r" + text, False
        if text.endswith("\r"):
            text, self._held_cr = text[:-1], True
        text = _CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
        lead = _LEADING_MARKS_RE.match(text)
        leading = lead.end() if lead else 0
        kept = text[: max(0, min(leading, MAX_MARKS - self._marks))]
        rest = _MARK_FLOOD_RE.sub(r"\1", text[leading:])
        if rest:
            trailing = _TRAILING_MARKS_RE.search(rest)
            self._marks = len(trailing.group()) if trailing else 0
        else:
            self._marks += len(kept)
        return kept + rest

    def finish(self) -> str:
        held, self._held_cr = self._held_cr, False
        return "\n" if held else ""


@dataclass(frozen=True, slots=True)
class Parts:
    thinking: str = ""
    answer: str = ""

    def __add__(self, other: Parts) -> Parts:
        return Parts(self.thinking + other.thinking, self.answer + other.answer)


def _held_prefix(text: str, tag: str) -> int:
    """How many characters at the end of `text` could be the start of `tag`."""
    for size in range(min(len(tag) - 1, len(text)), 0, -1):
        if tag.startswith(text[-size:]):
            return size
    return 0


class ThinkSplitter:
    """Reasoning that a model writes into its answer as ``<think>…</think>`` (before anything else but
    blank space) is taken apart from the answer. Without ``</think>`` all of it is reasoning."""

    def __init__(self) -> None:
        self._state = "start"  # start: nothing but blank space yet; think; after (</think>); answer
        self._held = ""

    @property
    def thinking(self) -> bool:
        return self._state == "think"

    def feed(self, text: str) -> Parts:
        if self._state == "after":  # the line breaks right after </think> are not the answer's
            text = text.lstrip("\n")
            if text:
                self._state = "answer"
        if self._state in {"answer", "after"}:
            return Parts(answer=text)
        text = self._held + text
        self._held = ""
        if self._state == "start":
            lead = text.lstrip()
            if not lead or (len(lead) < len(THINK_OPEN) and THINK_OPEN.startswith(lead)):
                self._held = text  # blank so far, or the tag may still be coming
                return Parts()
            if not lead.startswith(THINK_OPEN):
                self._state = "answer"
                return Parts(answer=text)
            self._state = "think"
            text = lead[len(THINK_OPEN) :]
        end = text.find(THINK_CLOSE)
        if end < 0:
            keep = _held_prefix(text, THINK_CLOSE)
            self._held = text[len(text) - keep :]
            return Parts(thinking=text[: len(text) - keep])
        self._state = "after"
        return Parts(thinking=text[:end]) + self.feed(text[end + len(THINK_CLOSE) :])

    def finish(self) -> Parts:
        held, self._held = self._held, ""
        if self._state == "think":
            return Parts(thinking=held)
        return Parts(answer=held)


def split_think(text: str) -> Parts:
    """A whole answer's reasoning and answer, as a stream of it would have split them."""
    splitter = ThinkSplitter()
    return splitter.feed(text) + splitter.finish()
