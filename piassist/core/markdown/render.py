"""A model's markdown answer to safe HTML for QTextBrowser, whole or while it streams. No Qt here.

``render_markdown(text)`` and ``IncrementalMarkdown`` share one path: ``BlockSplitter`` cuts the text into
top-level blocks (blocks.py), each block is rendered once (block_html.py), and every block's
HTML is followed by a newline. So the frozen pieces of a stream, joined, equal ``render_markdown`` of the
whole text exactly, however the text was chunked; no correction is ever needed at the end.

While streaming, the open tail is shown as a preview. Re-rendering it on every token would cost
O(tail) per token; instead the tail is re-rendered once the text added since its last render reaches
1/8 of it (more for long blocks: see _due) and a line has ended or 32 characters came, and in between
the new characters are shown as escaped plain text at the end of the last rendered element. Every
character appears at once; its formatting follows a little later. A block too long to draw at once
shows its first part, with a note and a link that copies all of it; the links of code blocks and of
such notes share one numbering.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from piassist.core.markdown import blocks as markdown_blocks
from piassist.core.markdown.block_html import (
    BlockHtml,
    Labels,
    RenderEnv,
    copy_link,
    new_block_parser,
    note_html,
)
from piassist.core.markdown.blocks import Block, BlockSplitter, BlockStarts

_REFRESH_FRACTION = 8  # re-render the tail once the unrendered part is 1/8 of the rendered one
_REFRESH_MIN = 32  # ... and, within a line, at least this many characters
# Past this many characters, text added within a line is not rendered again until a line ends or the
# block is frozen: one long line rendered whole is one big block in Qt's document, and Qt then repaints
# the whole window at every update below it; the text keeps coming as plain text (transcript_document).
_PREVIEW_LINE = 2_000
# Closing tags of block elements at the end of a render; new text is shown just before them.
_BLOCK_CLOSERS_RE = re.compile(r"(?:</(?:p|li|ul|ol|h[1-6]|blockquote|t[dhr]|thead|tbody|table|pre)>\s*)+\Z")


@dataclass(frozen=True, slots=True)
class RenderUpdate:
    frozen: list[str]  # HTML of blocks that became final, in order; never sent again
    tail: str  # HTML of the open tail, to replace the previous tail; "" after finish()


def render_markdown(text: str, *, labels: Labels | None = None) -> str:
    """The whole answer as HTML: the same blocks, cut the same way, as a stream of it would freeze."""
    renderer = IncrementalMarkdown(labels=labels)
    return "".join(renderer.freeze(text) + renderer.finish().frozen)


def copy_texts(text: str) -> list[str]:
    """What each copy link of the whole answer copies (a code block, or a long block's whole text)."""
    renderer = IncrementalMarkdown()
    renderer.freeze(text)
    renderer.finish()
    return renderer.copies


def _block_starts() -> BlockStarts:
    parser = new_block_parser()

    def starts(source: str) -> list[tuple[int, str]]:
        return [
            (token.map[0], token.type)
            for token in parser.parse(source)
            if token.level == 0 and token.nesting >= 0 and token.map is not None
        ]

    return starts


@dataclass(slots=True)
class _Preview:
    """The tail's last real render: its source, and its HTML split where new text goes in."""

    source: str = ""
    head: str = ""
    closers: str = ""
    growing: bool = False


class IncrementalMarkdown:
    """Streams an answer: append() text as it comes, finish() at the end.

    ``renders`` and ``rendered_chars`` count every markdown render, frozen or preview.
    """

    def __init__(self, *, labels: Labels | None = None) -> None:
        self._labels = labels or Labels()
        self._html = BlockHtml()
        self._splitter = BlockSplitter(_block_starts())
        self._copies: list[str] = []
        self._preview: _Preview | None = None
        self._finished = False

    @property
    def renders(self) -> int:
        return self._html.renders

    @property
    def rendered_chars(self) -> int:
        return self._html.rendered_chars

    @property
    def copies(self) -> list[str]:
        """What each copy link copies so far, the open block's code included; index N is link N."""
        block = self._splitter.open_block
        if block is None or block.growing:
            return [*self._copies]
        env = RenderEnv(self._labels, [*self._copies])
        BlockHtml().markdown(block.text, env)
        return env.copies

    def append(self, delta: str) -> RenderUpdate:
        frozen = self.freeze(delta)
        return RenderUpdate(frozen, self._tail())

    def finish(self) -> RenderUpdate:
        """Freeze everything left; an unclosed fence becomes a code block."""
        self._check_open()
        self._finished = True
        self._preview = None
        return RenderUpdate(self._render(self._splitter.finish()), "")

    def freeze(self, delta: str) -> list[str]:
        """Like append() without the preview: only the blocks this text made final."""
        self._check_open()
        return self._render(self._splitter.feed(delta))

    def _check_open(self) -> None:
        if self._finished:
            raise RuntimeError("this answer is finished")

    def _render(self, blocks: list[Block]) -> list[str]:
        pieces: list[str] = []
        for block in blocks:
            first_copy = len(self._copies)
            env = RenderEnv(self._labels, self._copies)
            block_html = self._html.markdown(block.text, env)
            if block.full is not None:
                if block.kind == "fence" and len(self._copies) > first_copy:
                    self._copies[first_copy] = block.full  # the code block's own link copies all of it
                self._copies.append(block.full)
                link = copy_link(len(self._copies) - 1, self._labels.copy_all)
                if block.rows is not None:
                    block_html += note_html(self._labels.more_rows(*block.rows), link)
                else:
                    block_html += note_html(self._labels.more_chars(len(block.full) - len(block.text)), link)
            if block_html:
                pieces.append(block_html.rstrip("\n") + "\n")
        return pieces

    def _tail(self) -> str:
        block = self._splitter.open_block
        if block is None:
            self._preview = None
            return ""
        preview = self._preview
        if (
            preview is None
            or preview.growing != block.growing
            or not block.text.startswith(preview.source)
            or (not block.growing and self._due(len(preview.source), block.text[len(preview.source) :]))
        ):
            preview = self._preview = self._render_preview(block)
        if block.growing:
            return preview.head + preview.closers
        added = html.escape(block.text[len(preview.source) :], quote=False)
        if not preview.head:
            return f"<p>{added}</p>" if added.strip() else ""
        if preview.source[-1:].isspace() and not preview.head[-1:].isspace():
            added = " " + added  # the render dropped the source's trailing space or newline
        return preview.head + added + preview.closers

    @staticmethod
    def _due(rendered: int, added: str) -> bool:
        # An eighth of the rendered part; for long blocks more (all of it at CAP_CHARS), so that at full
        # speed, where every update would be due, a render's cost per character still falls with size.
        size = len(added)
        if rendered >= _PREVIEW_LINE and "\n" not in added:
            return False  # a long line: only new lines can change what it is; see _PREVIEW_LINE
        enough = max(rendered // _REFRESH_FRACTION, rendered * rendered // markdown_blocks.CAP_CHARS)
        return size > 0 and size >= enough and ("\n" in added or size >= _REFRESH_MIN)

    def _render_preview(self, block: Block) -> _Preview:
        rendered = self._html.markdown(block.text, RenderEnv(self._labels, [*self._copies])).rstrip("\n")
        if block.growing:
            return _Preview(block.text, rendered + "\n" + note_html(self._labels.more_coming), "", True)
        start = max(0, len(rendered) - 400)  # closers are short; a bounded window keeps the search cheap
        match = _BLOCK_CLOSERS_RE.search(rendered, start)
        cut = match.start() if match else len(rendered)
        return _Preview(block.text, rendered[:cut], rendered[cut:])
