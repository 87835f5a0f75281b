"""A model's reasoning in the transcript (transcript_view.py): a toggle line ("Thinking…", then "Thought for
3 seconds", or "Reasoning" when the time is not known) with the text under it while it is open.

Reasoning comes from the server's thinking field or written into the answer (<think>…</think>); either way
it is kept on the stream and drawn at the view's next update, like the answer. It took from its first
piece until the answer began (or ended). The words are drawn in the language of the moment.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject

from piassist.ui.chat.transcript_document import Segment
from piassist.ui.chat.transcript_entries import AnswerStream, Entry
from piassist.ui.chat.transcript_style import TranscriptStyle

TOGGLE_THINKING = "piassist-toggle-thinking"  # the toggle line's link: TOGGLE_THINKING:<message id>


class Reasoning(QObject):
    def __init__(self, style: Callable[[], TranscriptStyle], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._style = style  # the view's palette and font, read when drawing

    def take(self, stream: AnswerStream, delta: str) -> None:
        """Reasoning that came: shown at the next update."""
        if not delta:
            return
        if stream.thinking_started is None:
            stream.thinking_started = time.monotonic()
        stream.thinking_pending.append(delta)

    def ended(self, entry: Entry | None) -> None:
        """The answer being written began (or ended): the reasoning took until now."""
        if entry is None or entry.stream is None or entry.thinking_seconds is not None:
            return
        if entry.stream.thinking_started is not None:
            entry.thinking_seconds = time.monotonic() - entry.stream.thinking_started
            entry.stream.label_dirty = True

    def write(self, entry: Entry) -> None:
        """(Re)draw the reasoning: the toggle line, and the text under it when it is open."""
        arrow = "▾" if entry.thinking_open else "▸"
        if entry.thinking_seconds is not None:
            label = self.tr("Thought for %n second(s)", "", max(1, round(entry.thinking_seconds)))
        elif entry.stream is not None:
            label = self.tr("Thinking…")
        else:
            label = self.tr("Reasoning")
        text = entry.thinking if entry.thinking_open else None
        fill = self._style().thinking_fill(f"{label} {arrow}", f"{TOGGLE_THINKING}:{entry.id}", text)
        entry.region.replace(Segment.THINKING, fill)
        if entry.stream is not None:
            entry.stream.label_dirty = False

    def show_new(self, entry: Entry, stream: AnswerStream) -> None:
        """Reasoning that came since the last update: its toggle line first, its text when open."""
        if not stream.thinking_pending:
            return
        delta = stream.thinking_clean.feed("".join(stream.thinking_pending))
        stream.thinking_pending.clear()
        entry.thinking += delta
        if entry.region.is_empty(Segment.THINKING):
            self.write(entry)
        elif entry.thinking_open:
            char = self._style().small_char(italic=True)
            entry.region.write(Segment.THINKING, lambda cursor: cursor.insertText(delta, char))

    def toggle(self, entry: Entry) -> None:
        """Open or close the reasoning (a click on its line): what came meanwhile first."""
        if entry.region.is_empty(Segment.THINKING):
            return
        if entry.stream is not None:
            self.show_new(entry, entry.stream)
        entry.thinking_open = not entry.thinking_open
        self.write(entry)
