"""The chat transcript: one conversation in one QTextDocument, the last answer streaming into it.

The page drives it; it never talks to the network. show_messages() loads history; add_user(),
begin_answer(), append_answer(), append_thinking() and finish_answer() follow a conversation as it goes;
remove_from() serves regenerate and edit-and-resend.

Streaming is cheap on purpose (the Pi's cores belong to the model): deltas go into the renderer at once,
but the document changes at most every UPDATE_INTERVAL_MS: at once when that long has passed since the
last change (the chat hands over what one read of the stream brought, about as often), else from a
single-shot timer started only when there is something new. While the window is minimised or the page
hidden nothing is drawn; what came meanwhile is drawn once, when it shows again. New frozen blocks are
inserted once, before the open tail; the tail is the only stretch ever replaced (transcript_document.py).
The document is never rebuilt while an answer streams. A model's reasoning streams the same way, folded
under a line that opens it (transcript_reasoning.py).

Everything shown is untrusted: no link opens here (http, https and mailto go to the page through
link_activated), no resource is ever loaded, the user's text goes in with insertText (no markup is read
from it at all) and the renderer escapes the model's.

Words ("You", the actions' names, the marks) and colours are those of the moment: after a language or
palette change the chat page shows the conversation again (an answer being written, once it ends).
Questions are bubbles on the right; actions are icons in links (transcript_browser.py).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QMouseEvent, QShowEvent, QTextOption
from PySide6.QtWidgets import QWidget

from piassist.core.history.types import MessageState, Role
from piassist.core.markdown.answer_text import drawable, split_think
from piassist.core.markdown.block_html import Labels
from piassist.core.markdown.render import IncrementalMarkdown, copy_texts, render_markdown
from piassist.ui.chat.transcript_browser import TranscriptBrowser
from piassist.ui.chat.transcript_document import (
    AnswerText,
    Segment,
    edit_block,
    html_fill,
    new_region,
    remove,
)
from piassist.ui.chat.transcript_entries import AnswerStream, Entry, TranscriptMessage
from piassist.ui.chat.transcript_reasoning import TOGGLE_THINKING, Reasoning
from piassist.ui.common.retranslate import Retranslating

__all__ = ["TranscriptMessage", "TranscriptView"]  # the page's types
log = logging.getLogger(__name__)

UPDATE_INTERVAL_MS = 100  # at most 10 document updates a second while an answer streams
FOLLOW_SLACK = 4  # pixels above the bottom that still count as "at the bottom"
USER_SHOWN = 4000  # characters of a question shown; Copy takes the whole text
COPY_CODE = "piassist-copy"
COPY_MESSAGE = "piassist-copy-message"
OPENABLE = frozenset({"http", "https", "mailto"})


class TranscriptView(Retranslating, TranscriptBrowser):
    link_activated = Signal(QUrl)  # an http, https or mailto link was clicked; the page decides

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # A hash or base64 line has no place to break: break it anywhere rather than widen the page.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        # Replaced tails would otherwise pile up on the undo stack for as long as the view lives.
        self.document().setUndoRedoEnabled(False)
        self.update_interval_ms = UPDATE_INTERVAL_MS
        self.flush_count = 0  # document updates for streamed text (tests and benchmarks read it)
        self._entries: list[Entry] = []
        self._streaming: Entry | None = None
        self._last_flush = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush)
        self.reasoning = Reasoning(
            self.style_now, self
        )  # a model's reasoning, folded (transcript_reasoning.py)
        self._follow = True
        self._pointer_position: int | None = None
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._scrolled)
        bar.rangeChanged.connect(self._range_changed)
        self.anchorClicked.connect(self._anchor_clicked)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Conversation"))

    # -- what the page calls -----------------------------------------------------------------------
    def clear(self) -> None:
        self._timer.stop()
        self._streaming = None
        self._entries.clear()
        self.document().clear()
        self.document().setUndoRedoEnabled(False)
        self.add_icons()
        self._follow = True

    def show_messages(self, messages: Sequence[TranscriptMessage]) -> None:
        self.clear()
        with edit_block(self.document()):
            for message in messages:
                if message.role is Role.USER:
                    self._add_user(message.id, message.content)
                elif message.role is Role.ASSISTANT:
                    self._add_answer(message)
        self._scroll_to_bottom()

    def add_user(self, message_id: int, text: str) -> None:
        self._close_stream()
        self._add_user(message_id, text)
        self._scroll_to_bottom()

    def begin_answer(self, message_id: int, model: str) -> None:
        self._close_stream()
        entry = self._open(message_id, user=False, name=model)
        entry.stream = AnswerStream(IncrementalMarkdown(labels=self._labels()), AnswerText(entry.region))
        self._streaming = entry
        if self._follow:
            self._scroll_to_bottom()

    def append_answer(self, message_id: int, delta: str) -> None:
        stream = self._stream(message_id)
        if stream is None or not delta:
            return
        stream.chunks.append(delta)
        parts = stream.think.feed(delta)
        self.reasoning.take(stream, parts.thinking)
        if parts.answer:
            stream.frozen += stream.renderer.freeze(parts.answer)  # the tail is worked out only when shown
            stream.text_dirty = True
            self.reasoning.ended(self._streaming)
        self._schedule()

    def append_thinking(self, message_id: int, delta: str) -> None:
        stream = self._stream(message_id)
        if stream is None or not delta:
            return
        self.reasoning.take(stream, delta)
        self._schedule()

    def finish_answer(self, message_id: int, state: MessageState, stats_line: str) -> None:
        stream = self._stream(message_id)
        entry = self._streaming
        if stream is None or entry is None:
            return
        self._timer.stop()
        parts = stream.think.finish()
        self.reasoning.take(stream, parts.thinking)
        last = stream.renderer.freeze(parts.answer) + stream.renderer.finish().frozen
        self.reasoning.ended(self._streaming)
        with edit_block(self.document()):
            self.reasoning.show_new(entry, stream)
            stream.text.show(stream.frozen + last, "")
            entry.content = "".join(stream.chunks)
            entry.stream = self._streaming = None
            if stream.label_dirty:
                self.reasoning.write(entry)
            self._write_footer(entry, state, stats_line)
        if self._follow:
            self._scroll_to_bottom()

    def remove_from(self, message_id: int) -> None:
        """Drop this message and every one after it."""
        index = next((i for i, entry in enumerate(self._entries) if entry.id == message_id), None)
        if index is None:
            return
        if self._streaming in self._entries[index:]:
            self._timer.stop()
            self._streaming = None
        start = self._entries[index].region.start
        remove(self.document(), start - 1 if index else 0)  # with the block separator before it
        del self._entries[index:]

    # -- for tests and checks ------------------------------------------------------------------------
    def message_ids(self) -> list[int]:
        return [entry.id for entry in self._entries]

    def entry(self, message_id: int | None) -> Entry | None:
        """What the view keeps of a message: its place in the document, its text and its reasoning."""
        return next((entry for entry in self._entries if entry.id == message_id), None)

    def message_html(self, message_id: int) -> str:
        entry = self.entry(message_id)
        return entry.region.fragment().toHtml() if entry is not None else ""

    def message_text(self, message_id: int) -> str:
        entry = self.entry(message_id)
        return entry.region.fragment().toPlainText() if entry is not None else ""

    def is_following(self) -> bool:
        return self._follow

    def update_pending(self) -> bool:
        return self._timer.isActive()

    # -- drawing messages --------------------------------------------------------------------------
    def _open(self, message_id: int, *, user: bool, name: str, content: str = "") -> Entry:
        style = self.style_now()
        region = new_region(self.document(), first=not self._entries, block=style.header_block(user))
        header = "" if user else name or self.tr("Assistant")  # a question's name is in its bubble
        region.write(Segment.HEADER, lambda cursor: cursor.insertText(header, style.header_char()))
        entry = Entry(message_id, user, region, content)
        self._entries.append(entry)
        return entry

    def _add_user(self, message_id: int, text: str) -> None:
        entry = self._open(message_id, user=True, name="", content=text)
        text = drawable(text)
        more = len(text) - USER_SHOWN  # a long text (a pasted log) is shown in part: laid out whole it stalls
        if more > 0:
            text = text[:USER_SHOWN] + "\n… " + self.tr("and %n more character(s); copied whole.", "", more)
        entry.region.write(Segment.BODY, self.style_now().question_fill(self.tr("You"), text))
        self._write_footer(entry, MessageState.COMPLETE, "")

    def _add_answer(self, message: TranscriptMessage) -> None:
        entry = self._open(message.id, user=False, name=message.model, content=message.content)
        parts = split_think(message.content)
        entry.thinking = drawable("\n\n".join(part for part in (message.thinking, parts.thinking) if part))
        entry.thinking_seconds = message.thinking_seconds
        if entry.thinking:
            self.reasoning.write(entry)
        rendered = render_markdown(parts.answer, labels=self._labels())
        entry.region.write(Segment.BODY, html_fill(rendered))
        self._write_footer(entry, message.state, message.stats_line)

    def _labels(self) -> Labels:
        """The renderer's words, in the language of the moment."""
        return Labels(
            copy=self.tr("Copy"),
            copy_all=self.tr("Copy all"),
            more_chars=lambda count: self.tr("%Ln more character(s) not shown.", "", count),
            more_rows=lambda shown, total: self.tr("The first %1 of %Ln rows shown.", "", total).replace(
                "%1", self.locale().toString(shown)
            ),
            more_coming=self.tr("More is not shown…"),
            code=self.style_now().code_look(),
        )

    def _write_footer(self, entry: Entry, state: MessageState, stats_line: str) -> None:
        marks = {
            MessageState.STOPPED: self.tr("stopped"),
            MessageState.INTERRUPTED: self.tr("interrupted"),
            MessageState.ERROR: self.tr("error"),
        }
        notes = [(marks.get(state, ""), True), (stats_line, False)]
        name = self.tr("Copy the question") if entry.user else self.tr("Copy the answer")
        copy = (name, f"{COPY_MESSAGE}:{entry.id}")
        entry.region.write(Segment.FOOTER, self.style_now().footer_fill(notes, copy, right=entry.user))

    # -- streaming ---------------------------------------------------------------------------------
    def _stream(self, message_id: int) -> AnswerStream | None:
        entry = self._streaming
        return entry.stream if entry is not None and entry.id == message_id else None

    def _close_stream(self) -> None:
        """A new message while an answer still streams: the page skipped finish_answer; end it here."""
        if self._streaming is not None:
            log.warning("message %d was still streaming; marked interrupted", self._streaming.id)
            self.finish_answer(self._streaming.id, MessageState.INTERRUPTED, "")

    def _schedule(self) -> None:
        stream = self._streaming.stream if self._streaming is not None else None
        if stream is None or not stream.has_news() or self._timer.isActive() or not self._shown():
            return
        wait_ms = round(self.update_interval_ms - (time.monotonic() - self._last_flush) * 1000)
        if wait_ms <= 0:
            self._flush()  # due already: no timer, no extra wake-up
        else:
            self._timer.start(wait_ms)

    def _shown(self) -> bool:
        """On the screen: the page shown, its window not minimised."""
        return self.isVisible() and not self.window().isMinimized()

    def showEvent(self, event: QShowEvent) -> None:
        # Shown again: the page, or the window back from minimised (its widgets get a show event then).
        super().showEvent(event)
        self._schedule()  # what came while hidden, in one update

    def _flush(self) -> None:
        entry = self._streaming
        stream = entry.stream if entry is not None else None
        if entry is None or stream is None or not self._shown():
            return
        self._last_flush = time.monotonic()
        self.flush_count += 1
        with edit_block(self.document()):
            self.reasoning.show_new(entry, stream)
            if stream.label_dirty:
                self.reasoning.write(entry)
            if stream.text_dirty:
                stream.text.show(stream.frozen, stream.renderer.append("").tail)
                stream.frozen = []
                stream.text_dirty = False
        if self._follow:
            self._scroll_to_bottom()

    # -- links -------------------------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        # anchorClicked gives only the URL; where the click was tells whose code block it names.
        self._pointer_position = self.cursorForPosition(event.position().toPoint()).position()
        try:
            super().mouseReleaseEvent(event)
        finally:
            self._pointer_position = None

    def _anchor_clicked(self, url: QUrl) -> None:
        scheme, path = url.scheme().lower(), url.path()
        number = int(path) if path.isascii() and path.isdigit() else None
        entry = self.entry(number)  # for the links that name a message
        if scheme in OPENABLE:
            self.link_activated.emit(QUrl(url))
        elif scheme == COPY_CODE:
            self._copy_code(number)
        elif scheme == COPY_MESSAGE and entry is not None:
            QGuiApplication.clipboard().setText(entry.text())
        elif scheme == TOGGLE_THINKING and entry is not None and not entry.region.is_empty(Segment.THINKING):
            with edit_block(self.document()):
                self.reasoning.toggle(entry)

    def _copy_code(self, index: int | None) -> None:
        position = self._pointer_position
        if position is None:  # activated from the keyboard: the link is the selection
            position = self.textCursor().selectionStart()
        entry = next((e for e in reversed(self._entries) if e.region.start <= position <= e.region.end), None)
        if entry is None or entry.user or index is None:
            return
        if entry.stream is not None:
            blocks = entry.stream.renderer.copies
        else:
            blocks = copy_texts(split_think(entry.content).answer)
        if 0 <= index < len(blocks):
            QGuiApplication.clipboard().setText(blocks[index])

    # -- following the bottom ----------------------------------------------------------------------
    def _scrolled(self, value: int) -> None:
        self._follow = value >= self.verticalScrollBar().maximum() - FOLLOW_SLACK

    def _range_changed(self, _minimum: int, maximum: int) -> None:
        # The document grew (it is laid out lazily, so this comes after the edit): keep to the bottom.
        if self._follow:
            self.verticalScrollBar().setValue(maximum)

    def _scroll_to_bottom(self) -> None:
        self._follow = True
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())
