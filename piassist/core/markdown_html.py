"""One block of untrusted markdown, or one fenced code block, to HTML that QTextBrowser shows. No Qt here.

Model output is untrusted, so the markdown dialect is cut down until its output is plain, local HTML:
- raw HTML is never markup: the HTML block and inline patterns are gone, so ``<script>``, ``<b>`` and
  ``<!-- -->`` come out as the text the model wrote. Every ``&`` is shown as written too (``&lt;`` stays
  the four characters ``&lt;``), because entities are HTML as well.
- no images: ``![alt](url)`` is read as the link ``[alt](url)``, so no ``<img>`` exists and nothing is
  fetched.
- links keep an ``href`` only for http, https and mailto; any other link becomes plain text.
- reference-style links are off (definitions like ``[1]: http://x`` stay visible text, ``[a][1]`` stays
  text), so every block's HTML depends on that block alone and can be frozen while streaming.
Fenced code is highlighted by Pygments with inline styles (no stylesheet), or shown plain when it names no
language or one Pygments does not know.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

import markdown
from markdown.inlinepatterns import IMAGE_LINK_RE, LinkInlineProcessor
from markdown.util import AMP_SUBSTITUTE

# Stands for a source "&" from after Python-Markdown's clean-up (which drops STX/ETX from the text, so a
# model cannot write this) until after serialization, where it becomes "&amp;".
_AMP_MARK = "\x02piassist-amp\x03"
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_LAST_TAG_RE = re.compile(r"</([a-z0-9]+)>\s*\Z")
COPY_SCHEME = "piassist-copy"
PRE_STYLE = "background-color: #f6f8fa; margin: 0 0 8px 0;"
COPY_STYLE = "margin: 8px 0 2px 0; font-size: small;"


class _AmpToMark:
    """Preprocessor: hide every "&" from the serializer, which would keep entity-looking ones as markup."""

    def run(self, lines: list[str]) -> list[str]:
        return [line.replace("&", _AMP_MARK) for line in lines]


_LIST_ITEM_RE = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_RULE_RE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_ROW_RE = re.compile(r" {0,3}\|")


class _OpenLineStarts:
    """Preprocessor: a list or a table may start right under a line of text, as models write them
    ("Tips:\n- one\n- two"). Python-Markdown wants an empty line first and would show such a list as
    one paragraph, so one is put in."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        in_list = False  # a list item came since the last empty line: what follows belongs to it
        for line in lines:
            if not line.strip():
                in_list = False
            elif out and out[-1].strip() and not in_list and self._starts_something(line, out[-1]):
                out.append("")
            if _LIST_ITEM_RE.match(line) and not _RULE_RE.match(line):
                in_list = True
            out.append(line)
        return out

    @staticmethod
    def _starts_something(line: str, previous: str) -> bool:
        if previous.startswith((" ", "\t")):  # inside a list item or a code block
            return False
        if _LIST_ITEM_RE.match(line) and not _RULE_RE.match(line):
            return True
        return bool(_TABLE_ROW_RE.match(line)) and not _TABLE_ROW_RE.match(previous)


class _SafeTree:
    """Treeprocessor: drop unsafe link targets; give tables the attributes Qt draws borders from."""

    def run(self, root: Any) -> None:
        for element in root.iter():
            if element.tag == "a":
                _sanitize_link(element)
            elif element.tag == "table":
                element.attrib.update({"border": "1", "cellspacing": "0", "cellpadding": "4"})


def _sanitize_link(element: Any) -> None:
    href = str(element.get("href", ""))
    # An automatic <a@b.c> link has its href spelled in entities; decode those (ours are still marks).
    target = html.unescape(href.replace(AMP_SUBSTITUTE, "&")).strip()
    if target.lower().startswith(_SAFE_SCHEMES):
        if AMP_SUBSTITUTE in href:
            element.set("href", target)
    else:
        element.tag = "span"
        element.attrib.clear()
    if not element.text and len(element) == 0:
        element.text = target  # an empty link text would leave nothing to see or click


def new_markdown() -> Any:
    """A Python-Markdown instance with the safe dialect described above."""
    md = markdown.Markdown(
        extensions=["tables", "sane_lists"],
        extension_configs={"tables": {"use_align_attribute": True}},  # Qt knows align=, not all CSS
        output_format="html",
    )
    md.preprocessors.deregister("html_block")
    md.preprocessors.register(_AmpToMark(), "piassist_amp", 25)  # after normalize_whitespace (30)
    md.preprocessors.register(_OpenLineStarts(), "piassist_line_starts", 24)
    for name in ("html", "entity", "reference", "short_reference", "image_reference", "short_image_ref"):
        md.inlinePatterns.deregister(name)
    md.inlinePatterns.register(LinkInlineProcessor(IMAGE_LINK_RE, md), "image_link", 150)
    md.parser.blockprocessors.deregister("reference")
    md.treeprocessors.register(_SafeTree(), "piassist_safe", -10)  # after inline (20) and unescape (0)
    return md


def last_tag(block_html: str) -> str:
    """Tag of the last top-level element of a rendered block: its closing tag ends the string."""
    match = _LAST_TAG_RE.search(block_html[-40:])
    return match[1] if match else ""


@lru_cache(maxsize=64)
def _lexer(lang: str) -> Any:
    if not lang:
        return None
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(lang, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


@lru_cache(maxsize=1)
def _formatter() -> Any:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(noclasses=True, nowrap=True)


def code_body(code: str, lang: str) -> str:
    """The inside of a code block's <pre>: inline-styled highlighting, or escaped plain text."""
    lexer = _lexer(lang)
    if lexer is None:
        return html.escape(code, quote=False)
    from pygments import highlight

    body = str(highlight(code, lexer, _formatter()))
    # The formatter ends every line with a newline, the last one too; keep the code's own ending.
    return body[:-1] if body.endswith("\n") and not code.endswith("\n") else body


def code_block_html(index: int, body: str, copy_label: str) -> str:
    """A code block with its copy link above it; the link names the block's index in the answer."""
    label = html.escape(copy_label)
    return (
        f'<p style="{COPY_STYLE}"><a href="{COPY_SCHEME}:{index}">{label}</a></p>\n'
        f'<pre style="{PRE_STYLE}">{body}</pre>'
    )


class BlockHtml:
    """Renders blocks and counts the work, so tests can see the streaming cost is not quadratic."""

    def __init__(self) -> None:
        self._md = new_markdown()
        self._last: tuple[str, str] = ("", "")  # the last markdown render, reused when asked again
        self.renders = 0
        self.rendered_chars = 0

    def markdown(self, source: str) -> str:
        if source == self._last[0]:
            return self._last[1]
        self._count(source)
        self._md.reset()
        result = str(self._md.convert(source)).replace(_AMP_MARK, "&amp;")
        self._last = (source, result)
        return result

    def last_tag(self, source: str) -> str:
        return last_tag(self.markdown(source))

    def code_body(self, code: str, lang: str) -> str:
        self._count(code)
        return code_body(code, lang)

    def _count(self, source: str) -> None:
        self.renders += 1
        self.rendered_chars += len(source)
