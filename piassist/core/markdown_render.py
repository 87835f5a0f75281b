"""A model's markdown answer to safe HTML for QTextBrowser, whole or while it streams. No Qt here.

``render_markdown(text)`` and ``IncrementalMarkdown`` share one path: ``BlockSplitter`` cuts the text into
blocks (markdown_blocks.py), each block is rendered once (markdown_html.py), and every block's HTML is
followed by a newline. So the frozen pieces of a stream, joined, equal ``render_markdown`` of the whole
text exactly, however the text was chunked; no correction is ever needed at the end.

While streaming, the open tail is shown as a preview. Re-rendering it on every token would cost
O(tail) per token; instead the tail is re-rendered once the text added since its last render reaches
1/8 of it (and a line has ended or 32 characters came), and in between the new characters are shown as
escaped plain text at the end of the last rendered element. Every character appears at once; its
formatting follows a little later. Each character is then rendered a bounded number of times (about
4.5 on a mixed 32 KB answer fed in 4-character chunks), however long the answer.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from piassist.core.markdown_blocks import Block, BlockSplitter
from piassist.core.markdown_html import BlockHtml, code_block_html

_REFRESH_FRACTION = 8  # re-render the tail once the unrendered part is 1/8 of the rendered one
_REFRESH_MIN = 32  # ... and, within a line, at least this many characters
# Closing tags of block elements at the end of a render; new text is shown just before them.
_BLOCK_CLOSERS_RE = re.compile(r"(?:</(?:p|li|ul|ol|h[1-6]|blockquote|t[dhr]|thead|tbody|table|pre)>\s*)+\Z")


@dataclass(frozen=True, slots=True)
class RenderUpdate:
    frozen: list[str]  # HTML of blocks that became final, in order; never sent again
    tail: str  # HTML of the open tail, to replace the previous tail; "" after finish()


def render_markdown(text: str, *, copy_label: str = "Copy") -> str:
    """The whole answer as HTML: the same blocks, cut the same way, as a stream of it would freeze."""
    renderer = IncrementalMarkdown(copy_label=copy_label)
    return "".join(renderer.freeze(text) + renderer.finish().frozen)


def fenced_code_blocks(text: str) -> list[str]:
    """The raw code of each fenced block, in the order of the copy links' indexes."""
    splitter = BlockSplitter(lambda _source: "")  # markdown boundaries do not matter here
    return [block.text for block in splitter.feed(text) + splitter.finish() if block.is_code]


@dataclass(slots=True)
class _Preview:
    """The tail's last real render: its source, and its HTML split where new text goes in."""

    lang: str | None = None
    source: str = ""
    head: str = ""
    closers: str = ""


class IncrementalMarkdown:
    """Streams an answer: append() text as it comes, finish() at the end.

    ``renders`` and ``rendered_chars`` count every markdown or code render, frozen or preview.
    """

    def __init__(self, *, copy_label: str = "Copy") -> None:
        self._copy_label = copy_label
        self._html = BlockHtml()
        self._splitter = BlockSplitter(self._html.last_tag)
        self._code: list[str] = []
        self._preview: _Preview | None = None
        self._finished = False

    @property
    def renders(self) -> int:
        return self._html.renders

    @property
    def rendered_chars(self) -> int:
        return self._html.rendered_chars

    @property
    def code_blocks(self) -> list[str]:
        """Raw code of each fenced block so far, an open one included; index N is copy link N."""
        open_code = self._splitter.open_code
        return [*self._code] if open_code is None else [*self._code, open_code]

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
            if block.lang is None:
                block_html = self._html.markdown(block.text)
            else:
                body = self._html.code_body(block.text, block.lang)
                block_html = code_block_html(len(self._code), body, self._copy_label)
                self._code.append(block.text)
            if block_html:
                pieces.append(block_html + "\n")
        return pieces

    def _tail(self) -> str:
        block = self._splitter.open_block
        if block is None:
            return ""
        preview = self._preview
        if (
            preview is None
            or preview.lang != block.lang
            or not block.text.startswith(preview.source)
            or self._due(len(preview.source), block.text[len(preview.source) :])
        ):
            preview = self._preview = self._render_preview(block)
        added = html.escape(block.text[len(preview.source) :], quote=False)
        if block.lang is None:
            if not preview.head:
                return f"<p>{added}</p>" if added.strip() else ""
            if preview.source[-1:].isspace() and not preview.head[-1:].isspace():
                added = " " + added  # the render dropped the source's trailing space or newline
            return preview.head + added + preview.closers
        return code_block_html(len(self._code), preview.head + added, self._copy_label)

    @staticmethod
    def _due(rendered: int, added: str) -> bool:
        size = len(added)
        return size > 0 and size >= rendered // _REFRESH_FRACTION and ("\n" in added or size >= _REFRESH_MIN)

    def _render_preview(self, block: Block) -> _Preview:
        if block.lang is not None:
            return _Preview(block.lang, block.text, self._html.code_body(block.text, block.lang))
        rendered = self._html.markdown(block.text)
        start = max(0, len(rendered) - 400)  # closers are short; a bounded window keeps the search cheap
        match = _BLOCK_CLOSERS_RE.search(rendered, start)
        cut = match.start() if match else len(rendered)
        return _Preview(None, block.text, rendered[:cut], rendered[cut:])
